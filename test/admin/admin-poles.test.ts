import { expect, fixture, html } from '@open-wc/testing';
import '../../src/admin/define.js';
import { AdminApi } from '../../src/admin/api.js';
import type { PtceAdminPoles } from '../../src/admin/ptce-admin-poles.js';
import { find, inside } from '../support/admin-page.js';
import { click, fill } from '../support/input.js';
import { mockRequests, mockRoute, uniquePrefix } from '../support/mock.js';
import { until } from '../support/wait.js';

// The poles section (list, editor, revisions) with the routes of docs/directory.md answered by the
// test server's mock, to choose their answers (a stale version, a server error, a dropped
// connection): what the page sends and shows. admin-directory.test.ts runs it on the real server.

const record = {
  id: 'bou-sol',
  version: 3,
  archivedAt: null,
  updatedAt: '2026-12-01T10:00:00.000Z',
  pole: { id: 'bou-sol', name: "Bou'Sol", departments: ['13'], commune: 'Marseille', postcode: '13001', description: 'Ancien texte' },
};

async function mountPoles(lang = 'fr') {
  const prefix = uniquePrefix('admin-poles');
  await mockRoute({ path: `${prefix}/api/admin/poles`, json: { poles: [record] } });
  await mockRoute({ path: `${prefix}/api/admin/poles/bou-sol`, json: record });
  await mockRoute({
    path: `${prefix}/api/admin/poles/bou-sol/revisions`,
    json: {
      revisions: [
        {
          n: 1,
          at: '2026-11-01T09:00:00.000Z',
          author: { kind: 'system', label: 'système' },
          action: 'create',
          before: null,
          after: { description: 'Premier texte' },
          changed: ['description'],
        },
        {
          n: 3,
          at: '2026-12-01T10:00:00.000Z',
          author: { kind: 'owner', label: 'contact@bousol.example <b>owner</b>' },
          action: 'update',
          before: { description: 'Premier texte' },
          after: { description: 'Ancien texte' },
          changed: ['description'],
        },
      ],
    },
  });
  await mockRoute({ path: `${prefix}/api/admin/poles/bou-sol/revisions/1/restore`, json: { ...record, version: 4 } });
  const api = new AdminApi('a-token', () => {}, `${prefix}/`);
  const el = await fixture<PtceAdminPoles>(
    html`<ptce-admin-poles
      lang=${lang}
      .api=${api}
      .account=${{ email: null, role: 'admin', regions: [], departements: [] }}
    ></ptce-admin-poles>`,
  );
  return { el, prefix };
}

describe('admin page: poles (routes mocked)', () => {
  it("edits a pole: the contract's checks in French, only the changed fields sent with the version, a stale version refused readably", async () => {
    const { el, prefix } = await mountPoles();
    const edit = await until(() => find<HTMLButtonElement>(el.shadowRoot!, `button[aria-label="Modifier Bou'Sol"]`), 'the list');
    await expect(el).to.be.accessible();
    await click(edit);
    const editor = await until(() => find(el.shadowRoot!, 'ptce-admin-pole-editor'), 'the editor');
    const postcode = await until(() => inside<HTMLInputElement>(el.shadowRoot!, 'ptce-admin-pole-editor', '#f-postcode'), 'the form');
    expect(postcode.value).to.equal('13001');

    await fill(postcode, '1300');
    await fill(inside<HTMLInputElement>(el.shadowRoot!, 'ptce-admin-pole-editor', '#f-website')!, 'pas une adresse');
    await click(inside(el.shadowRoot!, 'ptce-admin-pole-editor', 'button[part="submit"]')!);
    const summary = await until(() => inside(el.shadowRoot!, 'ptce-admin-pole-editor', '[part="error-summary"]'), 'the summary');
    expect(summary.textContent).to.contain('Code postal : 5 chiffres attendus').and.to.contain('Site web : adresse web complète attendue');
    expect(editor.shadowRoot!.activeElement).to.equal(summary);
    await expect(editor).to.be.accessible();
    expect((await mockRequests(`${prefix}/api/admin/poles/bou-sol`)).filter((r) => r.method === 'PATCH').length, 'nothing sent').to.equal(
      0,
    );

    await fill(postcode, '13002');
    await fill(inside<HTMLInputElement>(el.shadowRoot!, 'ptce-admin-pole-editor', '#f-website')!, 'https://bousol.example');
    // Meanwhile someone else saved: the server refuses this version.
    await mockRoute({ path: `${prefix}/api/admin/poles/bou-sol`, status: 409, json: { error: 'stale version' } });
    await click(inside(el.shadowRoot!, 'ptce-admin-pole-editor', 'button[part="submit"]')!);
    const stale = await until(() => inside(el.shadowRoot!, 'ptce-admin-pole-editor', '.send-failure'), 'the refusal');
    expect(stale.textContent).to.contain('Quelqu’un a modifié ce pôle entre-temps (version 3)');
    const patch = (await mockRequests(`${prefix}/api/admin/poles/bou-sol`)).find((r) => r.method === 'PATCH')!;
    expect(JSON.parse(patch.body)).to.deep.equal({ changes: { postcode: '13002', website: 'https://bousol.example' }, version: 3 });
    expect(patch.headers.authorization).to.equal('Bearer a-token');
    await expect(editor).to.be.accessible();
  });

  it('speaks English, and lists revisions as text (markup in a name stays text), restoring one', async () => {
    const { el, prefix } = await mountPoles('en');
    await click(await until(() => find<HTMLButtonElement>(el.shadowRoot!, `button[aria-label="Edit Bou'Sol"]`), 'the list'));
    const restore = await until(
      () => find<HTMLButtonElement>(find(el.shadowRoot!, 'ptce-admin-revisions')?.shadowRoot ?? el.shadowRoot!, 'td button'),
      'the revisions',
    );
    const revisions = find(el.shadowRoot!, 'ptce-admin-revisions')!;
    expect(revisions.shadowRoot!.textContent).to.contain('contact@bousol.example <b>owner</b>').and.to.contain('Premier texte');
    expect(!revisions.shadowRoot!.querySelector('b'), 'no markup from data').to.equal(true);
    expect(restore.textContent!.trim()).to.equal('Restore revision 1');
    await expect(revisions).to.be.accessible();

    const postcode = await until(() => inside<HTMLInputElement>(el.shadowRoot!, 'ptce-admin-pole-editor', '#f-postcode'), 'the form');
    await fill(postcode, 'abc');
    await click(inside(el.shadowRoot!, 'ptce-admin-pole-editor', 'button[part="submit"]')!);
    const summary = await until(() => inside(el.shadowRoot!, 'ptce-admin-pole-editor', '[part="error-summary"]'), 'the summary');
    expect(summary.textContent).to.contain('Postcode: 5 digits expected'.replace(':', ' :'));

    await click(restore);
    await until(
      () => revisions.shadowRoot!.querySelector('#revisions-status')?.textContent?.includes('Revision 1 restored: new version 4.'),
      'restored',
    );
    expect((await mockRequests(`${prefix}/api/admin/poles/bou-sol/revisions/1/restore`)).map((r) => r.method)).to.deep.equal(['POST']);
  });

  it('says a server error and an unreachable server in a sentence, and loads again with "Réessayer"', async () => {
    const prefix = uniquePrefix('admin-poles-down');
    await mockRoute({ path: `${prefix}/api/admin/poles`, status: 500, json: { error: 'internal error' } });
    const api = new AdminApi('a-token', () => {}, `${prefix}/`);
    const el = await fixture<PtceAdminPoles>(
      html`<ptce-admin-poles .api=${api} .account=${{ email: null, role: 'admin', regions: [], departements: [] }}></ptce-admin-poles>`,
    );
    const alert = await until(() => find(el.shadowRoot!, '[role="alert"]'), 'the error');
    expect(alert.textContent).to.contain('Le serveur a rencontré une erreur (code 500). Réessayez plus tard.');
    await expect(el).to.be.accessible();

    await mockRoute({ path: `${prefix}/api/admin/poles`, drop: true });
    await click(find(alert, 'button')!);
    await until(() => find(el.shadowRoot!, '[role="alert"]')?.textContent?.includes('Le serveur est injoignable.'), 'unreachable');

    await mockRoute({ path: `${prefix}/api/admin/poles`, json: { poles: [record] } });
    await click(find(el.shadowRoot!, '[role="alert"] button')!);
    await until(() => find(el.shadowRoot!, `button[aria-label="Modifier Bou'Sol"]`), 'the list');
    expect(!find(el.shadowRoot!, '[role="alert"]'), 'no error left').to.equal(true);
  });
});
