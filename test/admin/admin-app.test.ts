import { expect } from '@open-wc/testing';
import { adminPage, axeViolations, find, inside, logInWithToken, loggedInAdminPage, pageText, shown } from '../support/admin-page.js';
import { realServer, realServerAdmin } from '../support/mock.js';
import { until } from '../support/wait.js';
import { choose, click, fill } from '../support/input.js';
import { validSignature } from '../contract/cases.js';

// The admin application (src/admin/) on the real server's /admin.html, used as a moderator does:
// typed and clicked with real input, axe in each state.

/** A charter signature from the public route; `name` may hold markup, which must stay text. */
async function sign(name: string): Promise<string> {
  const { status, body } = await realServerAdmin('/api/signatures', {
    method: 'POST',
    body: { ...validSignature, pole: { ...validSignature.pole, name }, date: '2026-01-15' },
  });
  expect(status, JSON.stringify(body)).to.equal(201);
  return body.reference;
}

describe('admin page', () => {
  it('logs in with the token, refuses a wrong one readably, and logs out; axe in each state', async () => {
    const server = await realServer();
    const { frame, doc } = await adminPage();
    expect(await axeViolations(frame), 'logged out').to.deep.equal([]);

    // An empty submit: the summary names the field.
    await click(await shown(doc, '#mode-token'));
    await click(find(doc, 'button[part="submit"]')!);
    const summary = await shown(doc, '[part="error-summary"]', 'the error summary');
    expect(summary.textContent).to.contain('Jeton d’administration : à remplir');

    await logInWithToken(doc, `wrong-${server.token}`);
    const refused = await shown(doc, '.send-failure', 'the refusal');
    expect(refused.textContent).to.contain('Connexion refusée : jeton refusé.');
    expect(await axeViolations(frame), 'login error').to.deep.equal([]);
    expect(sessionStorage.getItem('ptce-admin-token')).to.equal(null);

    await fill(find<HTMLInputElement>(doc, '#f-token')!, server.token);
    await click(find(doc, 'button[part="submit"]')!);
    await shown(doc, 'ptce-admin-queue', 'the queue');
    expect(find(doc, '#who')!.textContent).to.contain('jeton d’administration (administrateur)');
    // The tab keeps the session: the same frame's storage.
    expect(frame.contentWindow!.sessionStorage.getItem('ptce-admin-token')).to.equal(server.token);

    await click(find(doc, 'header button')!);
    await until(() => find(doc, '#notice')?.textContent?.includes('Vous êtes déconnecté.'), 'logged out');
    expect(frame.contentWindow!.sessionStorage.getItem('ptce-admin-token')).to.equal(null);
    expect(!find(doc, 'ptce-admin-queue'), 'the queue is gone').to.equal(true);
  });

  it('lists a signature whose names hold markup as text, approves it, and erases its personal data', async () => {
    const server = await realServer();
    const tag = Date.now().toString(36);
    const hostile = `Pôle <img src=x onerror="window.parent.__pwned='${tag}'"> ${tag}`;
    const reference = await sign(hostile);
    const { frame, doc } = await loggedInAdminPage(server.token);
    const approve = await shown<HTMLButtonElement>(doc, `button[aria-label="Approuver la signature ${reference}"]`, 'the signature');
    const row = approve.closest('tr')!;
    expect(row.textContent).to.contain(hostile);
    expect(!row.querySelector('img'), 'markup from data stays text').to.equal(true);
    expect((window as { __pwned?: string }).__pwned).to.equal(undefined);
    expect(await axeViolations(frame), 'queue loaded').to.deep.equal([]);

    await click(approve);
    await until(() => find(doc, '#status')?.textContent?.includes(`Signature ${reference} : Approuvée.`), 'approved');
    // The queue shows pending items: the approved one left it.
    await until(() => !find(doc, `button[aria-label="Approuver la signature ${reference}"]`), 'left the queue');
    const { body } = await realServerAdmin('/api/admin/signatures');
    expect(body.signatures.find((s: { reference: string }) => s.reference === reference).status).to.equal('approved');

    // Every status: the decided one is there again, its buttons disabled.
    await choose(find<HTMLSelectElement>(doc, '#queue-status')!, '');
    const decided = await shown<HTMLButtonElement>(doc, `button[aria-label="Approuver la signature ${reference}"]`);
    expect(decided.disabled).to.equal(true);
    expect(await axeViolations(frame), 'every status').to.deep.equal([]);

    // Erasure: the signer's fields go, from the page and the database.
    const email = validSignature.representative.email;
    expect(decided.closest('tr')!.textContent).to.contain(email);
    await click(
      find(doc, `button[aria-label="Approuver la signature ${reference}"]`)!.closest('tr')!.querySelector('button:last-of-type')!,
    );
    await until(() => find(doc, '#status')?.textContent?.includes(`Signature ${reference} : données personnelles effacées.`), 'erased');
    expect(find(doc, `button[aria-label="Approuver la signature ${reference}"]`)!.closest('tr')!.textContent).not.to.contain(email);
    const { body: after } = await realServerAdmin('/api/admin/signatures');
    expect(after.signatures.find((s: { reference: string }) => s.reference === reference).erased).to.equal(true);
  });

  it('speaks English when switched: the queue, the outbox, the campaigns and the audit log', async () => {
    const server = await realServer();
    const { frame, doc } = await loggedInAdminPage(server.token);
    await choose(find<HTMLSelectElement>(doc, 'header select')!, 'en');
    await until(() => find(doc, 'h1')?.textContent?.includes('PTCE directory administration'), 'English');
    await until(() => find(doc, 'ptce-admin-signatures')?.shadowRoot?.textContent?.includes('Charter signatures'), 'sections in English');

    await click(find(doc, 'nav button[data-section="outbox"]')!);
    const outbox = await until(() => inside(doc, 'ptce-admin-outbox', 'p.intro'), 'the outbox');
    expect(outbox.textContent).to.contain('No SMTP server is configured');
    expect(find(doc, 'nav button[data-section="outbox"]')!.getAttribute('aria-current')).to.equal('page');
    expect(await axeViolations(frame), 'outbox').to.deep.equal([]);

    await click(find(doc, 'nav button[data-section="campaigns"]')!);
    await shown(doc, '#new-campaign', 'the campaigns');
    expect(await axeViolations(frame), 'campaigns').to.deep.equal([]);

    await click(find(doc, 'nav button[data-section="audit"]')!);
    const audit = await until(() => inside(doc, 'ptce-admin-audit', '#audit'), 'the audit log');
    expect(audit.querySelector('caption')!.textContent).to.contain('Decisions, latest first');
    expect(await axeViolations(frame), 'audit log').to.deep.equal([]);
    expect(pageText(doc)).not.to.contain('undefined');
  });
});
