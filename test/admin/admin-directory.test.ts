import { expect } from '@open-wc/testing';
import { axeViolations, find, inside, loggedInAdminPage } from '../support/admin-page.js';
import { realServer, realServerAdmin } from '../support/mock.js';
import { until } from '../support/wait.js';
import { choose, click, fill } from '../support/input.js';

// The directory's sections of the admin page against the real server (issue 27's routes on main):
// a pole filtered by region, edited, its revisions listed and one restored; a claim approved, the
// owner's edit accepted field by field. Other poles than the ones other test files read.

/** A request to the real server through the test server's /real/ proxy (same origin as this page). */
async function call(method: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`/real${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': `test-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

const poles = (doc: Document) => find(doc, 'ptce-admin-poles')!.shadowRoot!;
const editor = (doc: Document) => inside(poles(doc), 'ptce-admin-pole-editor', 'form');

describe('admin page: the directory on the real server', () => {
  it('finds a pole by region, edits it, lists the revision with its author, and restores the first one', async () => {
    const server = await realServer();
    const { body: before } = await realServerAdmin('/api/admin/poles/innovales');
    const original = before.pole.description;
    const { frame, doc } = await loggedInAdminPage(server.token);
    await click(find(doc, 'nav button[data-section="poles"]')!);
    const region = await until(() => find<HTMLSelectElement>(poles(doc), '#poles-region'), 'the filters');
    await choose(region, '84');
    await click(find(poles(doc), '#poles-filter button[type="submit"]')!);
    // Once filtered, the region's poles only (Bou'Sol is in Provence-Alpes-Côte d'Azur).
    const edit = await until(
      () =>
        (!find(poles(doc), `button[aria-label="Modifier Bou'Sol"]`) &&
          find<HTMLButtonElement>(poles(doc), 'button[aria-label="Modifier InnoVales"]')) ||
        undefined,
      'InnoVales alone in its region',
    );
    expect(await axeViolations(frame), 'poles loaded').to.deep.equal([]);

    await click(edit);
    const description = await until(
      () => inside<HTMLTextAreaElement>(poles(doc), 'ptce-admin-pole-editor', '#f-description'),
      'the editor',
    );
    expect(description.value).to.equal(original);
    const text = `Nouveau texte ${Date.now().toString(36)}`;
    await fill(description, text);
    await click(inside(poles(doc), 'ptce-admin-pole-editor', 'button[part="submit"]')!);
    await until(
      () => inside(poles(doc), 'ptce-admin-pole-editor', '#editor-status')?.textContent?.includes('Enregistré : version'),
      'saved',
    );
    const { body: saved } = await realServerAdmin('/api/admin/poles/innovales');
    expect(saved.pole.description).to.equal(text);

    const revisions = () => inside(poles(doc), 'ptce-admin-revisions', '#revisions');
    await until(() => revisions()?.textContent?.includes(text), 'the new revision listed');
    expect(revisions()!.textContent).to.contain('PTCE_ADMIN_TOKEN');
    expect(await axeViolations(frame), 'editor and revisions').to.deep.equal([]);

    const restore = await until(
      () => [...revisions()!.querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Restaurer la révision 1'),
      'the first revision',
    );
    await click(restore);
    await until(
      () => inside(poles(doc), 'ptce-admin-revisions', '#revisions-status')?.textContent?.includes('Révision 1 restaurée'),
      'restored',
    );
    const { body: restored } = await realServerAdmin('/api/admin/poles/innovales');
    expect(restored.pole.description).to.equal(original);
    await until(
      () => editor(doc) && inside<HTMLTextAreaElement>(poles(doc), 'ptce-admin-pole-editor', '#f-description')?.value === original,
      'the editor reloaded',
    );
  });

  it("approves a claim, and accepts the owner's edit field by field; the pole shows it", async () => {
    const server = await realServer();
    const tag = Date.now().toString(36);
    const claimed = await call('POST', '/api/poles/ptce-oser-reso/claim', {
      name: `Gérante ${tag}`,
      email: `gere-${tag}@example.org`,
      message: 'Je coordonne <b>le pôle</b>.',
      website: '',
    });
    expect(claimed.status).to.equal(202);
    const { frame, doc } = await loggedInAdminPage(server.token);
    const approve = await until(
      () => find<HTMLButtonElement>(doc, `button[aria-label="Approuver la demande ${claimed.body.reference}"]`),
      'the claim in the queue',
    );
    expect(approve.closest('tr')!.textContent).to.contain('Je coordonne <b>le pôle</b>.');
    expect(!approve.closest('tr')!.querySelector('b'), 'no markup from data').to.equal(true);
    await click(approve);
    await until(() => find(doc, '#claims-status')?.textContent?.includes(`Demande ${claimed.body.reference} : Approuvée.`), 'approved');

    // The owner follows the mailed link and edits the card (202: to moderation).
    const { body: outbox } = await realServerAdmin('/api/admin/outbox');
    const mail = outbox.messages.find((m: { to: string }) => m.to === `gere-${tag}@example.org`);
    const link = /lien=([\w-]+)/.exec(mail.text)![1];
    const session = await call('POST', '/api/owner/session', { link });
    expect(session.status).to.equal(200);
    const edited = await call(
      'PATCH',
      '/api/owner/pole',
      { changes: { description: `Par la gérante ${tag}`, commune: 'Cavaillon' }, version: session.body.pole.version },
      session.body.token,
    );
    expect(edited.status).to.equal(202);

    // Reloaded: the queue shows the edit, the description accepted, the commune refused.
    await click(find(doc, 'nav button[data-section="poles"]')!);
    await click(find(doc, 'nav button[data-section="queue"]')!);
    const refuse = await until(
      () =>
        [...(find(doc, 'ptce-admin-owner-edits')?.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type="radio"]') ?? [])].find(
          (input) => input.id.endsWith('-refuse') && input.closest('tr')!.textContent!.includes('commune'),
        ),
      'the edit in the queue',
    );
    await click(refuse);
    expect(await axeViolations(frame), 'owner edit').to.deep.equal([]);
    const save = [...find(doc, 'ptce-admin-owner-edits')!.shadowRoot!.querySelectorAll('button')].find((b) =>
      b.textContent!.includes('PTCE OSER RESO'),
    )!;
    await click(save);
    await until(
      () => find(doc, '#edits-status')?.textContent?.includes('Modification de PTCE OSER RESO : décisions enregistrées.'),
      'decided',
    );
    const { body: record } = await realServerAdmin('/api/admin/poles/ptce-oser-reso');
    expect(record.pole.description).to.equal(`Par la gérante ${tag}`);
    expect(record.pole.commune).to.equal('Apt');
  });
});
