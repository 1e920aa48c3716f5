import { expect, fixture, html } from '@open-wc/testing';
import '../../src/admin/define.js';
import { AdminApi } from '../../src/admin/api.js';
import type { PtceAdminContributions } from '../../src/admin/ptce-admin-contributions.js';
import { find } from '../support/admin-page.js';
import { click } from '../support/input.js';
import { mockRequests, mockRoute, uniquePrefix } from '../support/mock.js';
import { until } from '../support/wait.js';

// Contributions in the moderation queue, with the routes agreed for issue 27 (GET
// /api/admin/contributions, …/approve|reject|merge) answered by the test server's mock until the
// contributions' branch is on main: what the page shows and sends.

const contribution = {
  id: 'c1',
  reference: 'CONTRIB-AB12-CD34',
  kind: 'new-pole',
  status: 'pending',
  receivedAt: '2026-12-06T09:00:00.000Z',
  pole: { name: 'Domb Innov <img src=x>', commune: 'Ambérieu-en-Bugey', departments: ['01'], website: 'https://dombinnov.example' },
  contributor: { name: 'Alex <b>Dupont</b>', email: 'alex@example.org' },
  duplicates: [{ id: 'domb-innov', name: "Domb'Innov", commune: 'Bourg-en-Bresse', departements: ['01'], reason: 'name' }],
};

describe('admin page: contributions (agreed routes, mocked)', () => {
  it('shows a proposed pole with its duplicate as text, and merges the chosen fields into it', async () => {
    const prefix = uniquePrefix('admin-contrib');
    await mockRoute({ path: `${prefix}/api/admin/contributions`, json: { contributions: [contribution] } });
    await mockRoute({ path: `${prefix}/api/admin/contributions/c1/merge`, json: { ...contribution, status: 'merged' } });
    const api = new AdminApi('a-token', () => {}, `${prefix}/`);
    const el = await fixture<PtceAdminContributions>(
      html`<ptce-admin-contributions .api=${api} status="pending"></ptce-admin-contributions>`,
    );
    const card = await until(() => find(el.shadowRoot!, 'article'), 'the contribution');
    const text = card.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('Nouveau pôle proposé — CONTRIB-AB12-CD34');
    expect(text).to.contain('Domb Innov <img src=x>').and.to.contain('Alex <b>Dupont</b>');
    expect(text).to.contain("Domb'Innov — Bourg-en-Bresse (01) : name");
    expect(!card.querySelector('img, b'), 'no markup from data').to.equal(true);
    await expect(el).to.be.accessible();

    await click(find(el.shadowRoot!, '#merge-c1-website')!);
    await click([...card.querySelectorAll('button')].find((button) => button.textContent!.includes('Fusionner la contribution'))!);
    await until(
      () => find(el.shadowRoot!, '#contrib-status')?.textContent?.includes('Contribution CONTRIB-AB12-CD34 : Fusionnée.'),
      'merged',
    );
    const [merge] = await mockRequests(`${prefix}/api/admin/contributions/c1/merge`);
    expect(JSON.parse(merge.body)).to.deep.equal({ into: 'domb-innov', fields: ['website'] });
    const [list] = await mockRequests(`${prefix}/api/admin/contributions`);
    expect(list.headers.authorization).to.equal('Bearer a-token');
  });
});
