import { expect, fixture, html } from '@open-wc/testing';
import '../../src/admin/define.js';
import { AdminApi } from '../../src/admin/api.js';
import type { PtceAdminContributions } from '../../src/admin/ptce-admin-contributions.js';
import { axeViolations, find, loggedInAdminPage } from '../support/admin-page.js';
import { click } from '../support/input.js';
import { mockRequests, mockRoute, realServer, realServerAdmin, uniquePrefix } from '../support/mock.js';
import { until } from '../support/wait.js';

// Contributions in the moderation queue: with the routes answered by the test server's mock (what
// the page shows and sends), then on the real server (a duplicate merged into the listed pole).

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

describe('admin page: contributions', () => {
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
    expect(text).to.contain("Domb'Innov — Bourg-en-Bresse (01) : nom semblable");
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

  it("on the real server: a proposed pole whose name folds to a listed one's shows it, and merges its website into it", async () => {
    const server = await realServer();
    const tag = Date.now().toString(36);
    const website = `https://innovales-${tag}.example`;
    const sent = await realServerAdmin('/api/contributions', {
      method: 'POST',
      body: {
        kind: 'new-pole',
        pole: { name: 'INNOVALES', departments: ['74'], website },
        contributor: { name: `Alex ${tag}`, email: `alex-${tag}@example.org` },
        website: '',
      },
    });
    expect(sent.status).to.equal(202);
    expect(sent.body.duplicates.map((d: { id: string }) => d.id)).to.include('innovales');

    const { frame, doc } = await loggedInAdminPage(server.token);
    const contributions = () => find(doc, 'ptce-admin-contributions')!.shadowRoot!;
    const card = await until(
      () => [...contributions().querySelectorAll('article')].find((article) => article.textContent!.includes(sent.body.reference)),
      'the contribution in the queue',
    );
    expect(card.textContent!.replace(/\s+/g, ' ')).to.contain('InnoVales (74) : nom semblable').and.to.contain(`Alex ${tag}`);
    expect(await axeViolations(frame), 'contribution').to.deep.equal([]);
    await click(card.querySelector(`[id$="-website"]`)!);
    await click([...card.querySelectorAll('button')].find((button) => button.textContent!.includes('Fusionner la contribution'))!);
    await until(
      () => find(contributions(), '#contrib-status')?.textContent?.includes(`Contribution ${sent.body.reference} : Fusionnée.`),
      'merged',
    );
    const { body: record } = await realServerAdmin('/api/admin/poles/innovales');
    expect(record.pole.website).to.equal(website);
  });
});
