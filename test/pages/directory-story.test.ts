// Issue 27's "Done when", end to end: the real server (a second instance, started for this file,
// that sends its e-mail over SMTP to a real SMTP server in the test runner's process, see
// test/support/real-mail-server.mjs) and real input in the widgets.
// What the pole's contact and owner do goes through the widgets (the card's "Je gère ce pôle", the
// /gerer page in a frame). The admin application's interface is not on main yet: what the admin and
// the moderators do goes through its API, with their own session tokens, as that application will.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/components/pole-card/define.js';
import type { PtcePoleCard } from '../../src/components/pole-card/ptce-pole-card.js';
import { click, fill } from '../support/input.js';
import { until } from '../support/wait.js';

/** The mail-sending server through the test server's `/real-mail/` proxy (same origin). */
const BASE = '/real-mail';

interface Mail {
  to: string[];
  subject: string;
  text: string;
}
const mails = () => executeServerCommand('real-mail-server-mails') as Promise<Mail[]>;
async function mailTo(address: string, subject: RegExp): Promise<Mail> {
  return until(async () => (await mails()).find((m) => m.to.includes(address) && subject.test(m.subject)), `a mail to ${address}`);
}

/** A call to the API with a session token (the admin's, a moderator's), as the admin application makes it. */
async function api(token: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${BASE}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': `story-${Math.random()}` }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Creates a moderator, follows the password link they receive by e-mail, logs in: their token. */
async function moderator(adminToken: string, email: string, region: string): Promise<string> {
  const created = await api(adminToken, '/api/admin/accounts', {
    email,
    name: email.split('@')[0],
    role: 'moderator',
    regions: [region],
    departements: [],
  });
  expect(created.status).to.equal(201);
  const mail = await mailTo(email, /administration de l’annuaire/);
  const link = /#mot-de-passe=([\w-]+)/.exec(mail.text)![1];
  const password = 'une phrase de passe assez longue';
  expect((await api('', '/api/password', { link, password })).status).to.equal(204);
  const login = await api('', '/api/login', { email, password });
  expect(login.status).to.equal(200);
  expect(login.body.account).to.include({ email, role: 'moderator' });
  return login.body.token as string;
}

const shadow = (el: Element) => el.shadowRoot!;
let loads = 0;
/** The card as a visitor sees it, freshly loaded (under a new address: see real-mail-server.mjs). */
async function mountCard(attrs: { claim?: boolean } = {}) {
  const el = await fixture<PtcePoleCard>(
    html`<ptce-pole-card
      endpoint=${`${BASE}/~${++loads}/ptce.json`}
      pole-id="bou-sol"
      lang="fr"
      ?claim=${attrs.claim ?? false}
    ></ptce-pole-card>`,
  );
  await until(() => el.data.state.status === 'ready', 'card ready');
  await el.updateComplete;
  return el;
}
const cardText = (el: PtcePoleCard) => shadow(el).textContent!.replace(/\s+/g, ' ');

describe('Issue 27, end to end: a moderator, an owner, an edit, revisions', () => {
  afterEach(() => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('ptce-owner:')) sessionStorage.removeItem(key);
  });

  it('the admin creates a PACA moderator; Bou’Sol claims its pole; the owner’s edit is accepted, shown, restored; Occitanie gets 403', async () => {
    const { token: adminToken } = (await executeServerCommand('real-mail-server')) as { url: string; token: string };
    const tag = Date.now().toString(36);

    // The admin creates a moderator for Provence-Alpes-Côte d'Azur (region 93), and one for Occitanie (76).
    const paca = await moderator(adminToken, `paca-${tag}@cress-paca.example`, '93');
    const occitanie = await moderator(adminToken, `occitanie-${tag}@cress-occitanie.example`, '76');

    // The card as published, before anything.
    const before = await mountCard({ claim: true });
    const { body: original } = await api(paca, '/api/admin/poles/bou-sol');
    const oldText = original.pole.description as string;
    expect(cardText(before)).to.contain(oldText.replace(/\s+/g, ' ').slice(0, 40));

    // Bou'Sol's contact claims the pole through the card's "Je gère ce pôle" form.
    const ownerEmail = `contact-${tag}@bou-sol.example`;
    const claimButton = [...shadow(before).querySelectorAll<HTMLButtonElement>('[part="request-button"]')].find(
      (b) => b.textContent!.trim() === 'Je gère ce pôle',
    )!;
    await click(claimButton);
    const request = await until(() => shadow(before).querySelector('ptce-pole-request'), 'claim form');
    const root = await until(() => request.shadowRoot?.querySelector('form') && request.shadowRoot, 'form drawn');
    await fill(root.querySelector<HTMLInputElement>('#f-name')!, 'Lou Gérante');
    await fill(root.querySelector<HTMLInputElement>('#f-email')!, ownerEmail);
    await click(root.querySelector('[part="submit"]')!);
    const receipt = await until(() => root.querySelector('[part="receipt"]'), 'claim receipt');
    await expect(before).to.be.accessible();
    const reference = /[A-Z]+-[\w-]+/.exec(receipt.textContent!)![0];

    // The PACA moderator sees the claim in their queue and approves it; Occitanie's sees nothing and gets 403.
    const { body: claims } = await api(paca, '/api/admin/claims?status=pending');
    const claim = claims.claims.find((c: { email: string }) => c.email === ownerEmail);
    expect(claim).to.include({ poleId: 'bou-sol', reference, name: 'Lou Gérante' });
    const { body: elsewhere } = await api(occitanie, '/api/admin/claims?status=pending');
    expect(elsewhere.claims.map((c: { id: number }) => c.id)).not.to.include(claim.id);
    expect((await api(occitanie, `/api/admin/claims/${claim.id}/approve`, {})).status).to.equal(403);
    expect((await api(paca, `/api/admin/claims/${claim.id}/approve`, {})).status).to.equal(200);

    // The owner follows the e-mailed link: the /gerer page, in a frame of the test page.
    const ownerMail = await mailTo(ownerEmail, /Gérer la fiche/);
    const [, path] = /https?:\/\/[^/\s]+(\/gerer\?lien=[\w-]+)/.exec(ownerMail.text)!;
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe title="Gérer la fiche" src=${`${BASE}${path}`} style="width: 800px; height: 500px; border: 0"></iframe>`,
    );
    const form = await until(() => frame.contentDocument?.querySelector('ptce-pole-form'), 'owner form');
    const description = await until(
      () => form.shadowRoot?.querySelector<HTMLTextAreaElement>('#f-pole-description'),
      'the pole loaded into the owner form',
    );
    expect(description.value).to.equal(oldText);
    const newText = `Boulangeries solidaires à Marseille, nouvelle présentation (${tag}).`;
    await fill(description, newText);
    await click(form.shadowRoot!.querySelector('[part="submit"]')!);
    const sent = await until(() => form.shadowRoot!.querySelector('[part="receipt"]'), 'edit receipt');
    expect(sent.textContent).to.contain('Vos modifications ont été envoyées à la modération.');

    // The PACA moderator accepts the description; Occitanie's gets 403 on the edit.
    const { body: edits } = await api(paca, '/api/admin/owner-edits?status=pending');
    const edit = edits.edits.find((e: { owner: { email: string } }) => e.owner.email === ownerEmail);
    expect(edit.fields.map((f: { field: string; after: unknown }) => [f.field, f.after])).to.deep.equal([['description', newText]]);
    const { body: editsElsewhere } = await api(occitanie, '/api/admin/owner-edits?status=pending');
    expect(editsElsewhere.edits).to.have.length(0);
    expect((await api(occitanie, `/api/admin/owner-edits/${edit.id}/decide`, { accept: ['description'] })).status).to.equal(403);
    const decided = await api(paca, `/api/admin/owner-edits/${edit.id}/decide`, { accept: ['description'] });
    expect(decided.status).to.equal(200);
    expect(decided.body.fields[0].decision).to.equal('accepted');

    // The card shows the new text.
    const after = await mountCard();
    expect(cardText(after)).to.contain(newText);
    expect(cardText(after)).not.to.contain(oldText.replace(/\s+/g, ' ').slice(0, 40));

    // The revisions list both: the record as it was first written, and the owner's edit, by the owner.
    const { body: history } = await api(paca, '/api/admin/poles/bou-sol/revisions');
    const last = history.revisions.at(-1);
    expect(last.changed).to.deep.equal(['description', 'provenance']);
    // The public record says the pole edited it (a role), never who.
    expect(last.after.provenance).to.deep.include({ by: 'pole', editedAt: last.at });
    expect(last.author).to.deep.include({ kind: 'owner', label: ownerEmail });
    expect([last.before.description, last.after.description]).to.deep.equal([oldText, newText]);
    const first = history.revisions.find((r: { after: { description?: string } }) => r.after.description === oldText);
    expect(first, 'the revision that wrote the old text').to.exist;
    expect(first.author.kind).not.to.equal('owner');

    // Occitanie's moderator gets 403 on the pole and its revisions.
    expect((await api(occitanie, '/api/admin/poles/bou-sol')).status).to.equal(403);
    expect((await api(occitanie, '/api/admin/poles/bou-sol/revisions')).status).to.equal(403);
    expect((await api(occitanie, `/api/admin/poles/bou-sol/revisions/${first.n}/restore`, {})).status).to.equal(403);

    // Restoring the first revision brings the old text back: a new revision by the PACA moderator.
    const restored = await api(paca, `/api/admin/poles/bou-sol/revisions/${first.n}/restore`, {});
    expect(restored.status).to.equal(200);
    expect(restored.body.pole.description).to.equal(oldText);
    const { body: later } = await api(paca, '/api/admin/poles/bou-sol/revisions');
    expect(later.revisions.at(-1)).to.deep.include({ action: 'revert' });
    expect(later.revisions.at(-1).author.kind).to.equal('account');
    const back = await mountCard();
    expect(cardText(back)).to.contain(oldText.replace(/\s+/g, ' ').slice(0, 40));
    expect(cardText(back)).not.to.contain(newText);
    await expect(back).to.be.accessible();
  });
});
