import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pole } from '../../src/data/schemas/pole.js';
import { validActionProposal } from '../../test/contract/cases.js';
import { ERASED_OWNER } from '../src/directory/owners.js';
import { createMailer } from '../src/mail/mailer.js';
import { adminOwnerRoutes } from '../src/routes/admin-owners.js';
import { secretHash } from '../src/store/types.js';
import { ADMIN, admin, post, startApp, type Running } from './helpers.js';
import { startAsModerators } from './moderators.js';
import { startSmtp, type ReceivedMail } from './smtp.js';

let server: Running;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let moderators: Awaited<ReturnType<typeof startAsModerators>>;
before(async () => {
  smtp = await startSmtp();
  server = await startApp({ publicUrl: 'https://annuaire.example.org', mail: { smtpUrl: smtp.url, from: 'annuaire@cress.example.org' } });
  moderators = await startAsModerators(server.store, async (app, options) => {
    await app.register(adminOwnerRoutes, { ...options, mailer: createMailer(server.store.db) });
  });
});
after(async () => {
  await moderators.close();
  await server.close();
  await smtp.close();
});

const json = (method: string, body?: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const asAdmin = (path: string, method = 'GET', body?: unknown) => admin(`${server.url}${path}`, json(method, body));
const asOwner = (token: string, path: string, method = 'GET', body?: unknown) =>
  fetch(`${server.url}${path}`, json(method, body, { Authorization: `Bearer ${token}` }));
const openSession = (link: string) => post(`${server.url}/api/owner/session`, { link });
const claim = (poleId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  post(`${server.url}/api/poles/${poleId}/claim`, body, headers);
const publicPole = async (id: string) =>
  ((await (await fetch(`${server.url}/poles.json`)).json()) as { poles: Pole[] }).poles.find((pole) => pole.id === id);

/** The link of an e-mail as sent (quoted-printable decoded). */
function linkOf(mail: ReceivedMail): string {
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const match = /https:\/\/annuaire\.example\.org\/gerer\?lien=([\w-]+)/.exec(text);
  assert.ok(match, `a link in ${text}`);
  return match[1];
}

async function claimId(reference: string): Promise<number> {
  const { claims } = await (await asAdmin('/api/admin/claims')).json();
  return claims.find((c: { reference: string }) => c.reference === reference).id;
}

describe('owners', () => {
  let token = '';
  let claimOfBouSol = 0;
  let ownerId = 0;

  it('takes a claim from the public (202), a honeypot fills nothing, refuses an unknown pole and a foreign origin', async () => {
    const sent = await claim('bou-sol', { name: 'Camille Martin', email: 'camille@bousol.example.org', message: 'Je coordonne le pôle.' });
    assert.equal(sent.status, 202);
    const { reference } = await sent.json();
    assert.match(reference, /^GERE-/);
    claimOfBouSol = await claimId(reference);

    const robot = await claim('bou-sol', { name: 'Robot', email: 'robot@example.org', website: 'https://spam.example' });
    assert.equal(robot.status, 202);
    const robotRows = await server.store.db.selectFrom('owner_claims').select('id').where('email', '=', 'robot@example.org').execute();
    assert.equal(robotRows.length, 0);

    assert.equal((await claim('nowhere', { name: 'A', email: 'a@example.org' })).status, 404);
    assert.equal((await claim('bou-sol', { name: 'A', email: 'pas une adresse' })).status, 400);
    assert.equal((await claim('bou-sol', { name: 'A', email: 'a@example.org' }, { Origin: 'https://evil.example' })).status, 403);

    const { claims } = await (await asAdmin('/api/admin/claims?status=pending')).json();
    const listed = claims.find((c: { id: number }) => c.id === claimOfBouSol);
    assert.deepEqual(
      {
        poleId: listed.poleId,
        poleName: listed.poleName,
        name: listed.name,
        email: listed.email,
        message: listed.message,
        status: listed.status,
      },
      {
        poleId: 'bou-sol',
        poleName: "Bou'Sol",
        name: 'Camille Martin',
        email: 'camille@bousol.example.org',
        message: 'Je coordonne le pôle.',
        status: 'pending',
      },
    );
    assert.equal((await fetch(`${server.url}/api/admin/claims`)).status, 401);
  });

  it('approval mails a link that opens a session once, not twice, and not after it expired', async () => {
    const approved = await asAdmin(`/api/admin/claims/${claimOfBouSol}/approve`, 'POST');
    assert.equal(approved.status, 200);
    const view = await approved.json();
    assert.equal(view.status, 'approved');
    assert.ok(!JSON.stringify(view).includes('lien'), 'the link goes to the owner only');
    ownerId = view.ownerId;
    const mail = await smtp.next();
    assert.deepEqual(mail.to, ['camille@bousol.example.org']);
    const link = linkOf(mail);
    // Stored as its hash only.
    const stored = await server.store.db.selectFrom('owner_links').selectAll().where('owner_id', '=', ownerId).execute();
    assert.deepEqual(
      stored.map((row) => row.token_hash),
      [secretHash(link)],
    );
    assert.ok(!JSON.stringify(stored).includes(link));

    const opened = await openSession(link);
    assert.equal(opened.status, 200);
    const session = await opened.json();
    assert.equal(session.pole.id, 'bou-sol');
    assert.deepEqual(session.owner, { name: 'Camille Martin', email: 'camille@bousol.example.org', trusted: false });
    assert.ok(Date.parse(session.expiresAt) > Date.now());
    token = session.token;
    const again = await openSession(link);
    assert.equal(again.status, 401);
    assert.equal((await again.json()).reason, 'invalid-link');

    // Approving again sends a new link (a lost one); this one expires before it is used.
    assert.equal((await asAdmin(`/api/admin/claims/${claimOfBouSol}/approve`, 'POST')).status, 200);
    const second = linkOf(await smtp.next());
    await server.store.db
      .updateTable('owner_links')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', secretHash(second))
      .execute();
    assert.equal((await openSession(second)).status, 401);
    assert.equal((await openSession('made-up-link')).status, 401);
  });

  it('gives the owner their pole, and nothing without a valid session', async () => {
    const pole = await asOwner(token, '/api/owner/pole');
    assert.equal(pole.status, 200);
    assert.equal((await pole.json()).id, 'bou-sol');
    assert.equal((await fetch(`${server.url}/api/owner/pole`)).status, 401);
    assert.equal((await asOwner('not-a-session', '/api/owner/pole')).status, 401);
    // The admin token is not an owner's session.
    assert.equal((await asOwner(ADMIN, '/api/owner/pole')).status, 401);
  });

  it("sends an owner's edit to moderation as a diff; the moderator accepts one field and refuses another", async () => {
    const record = await (await asOwner(token, '/api/owner/pole')).json();
    const original = record.pole as Pole;
    assert.equal(
      (await asOwner(token, '/api/owner/pole', 'PATCH', { changes: { departments: ['34'] }, version: record.version })).status,
      422,
    );
    const invalid = await asOwner(token, '/api/owner/pole', 'PATCH', { changes: { website: 'pas une adresse' }, version: record.version });
    assert.equal(invalid.status, 422);
    assert.deepEqual(new Set((await invalid.json()).errors.map((e: { path: string }) => e.path)), new Set(['website']));
    assert.equal(
      (await asOwner(token, '/api/owner/pole', 'PATCH', { changes: { description: 'x' }, version: record.version + 5 })).status,
      409,
    );

    const sent = await asOwner(token, '/api/owner/pole', 'PATCH', {
      changes: { description: 'Bou’Sol fédère les boulangeries solidaires.', phone: '04 91 00 00 00', commune: original.commune },
      version: record.version,
    });
    assert.equal(sent.status, 202);
    const { edit } = await sent.json();
    assert.deepEqual(
      edit.fields.map((f: { field: string; decision: string }) => [f.field, f.decision]),
      [
        ['description', 'pending'],
        ['phone', 'pending'],
      ],
    );
    assert.equal(edit.fields[0].before, original.description ?? null);
    assert.equal((await publicPole('bou-sol'))?.description, original.description, 'nothing public before the decision');

    const { edits } = await (await asAdmin('/api/admin/owner-edits?status=pending')).json();
    assert.deepEqual(
      edits.map((e: { id: number }) => e.id),
      [edit.id],
    );
    assert.deepEqual(edits[0].owner, { name: 'Camille Martin', email: 'camille@bousol.example.org' });
    assert.equal((await asAdmin(`/api/admin/owner-edits/${edit.id}/decide`, 'POST', { accept: ['website'] })).status, 422);
    assert.equal((await asAdmin(`/api/admin/owner-edits/${edit.id}/decide`, 'POST', {})).status, 422);
    assert.equal((await asAdmin('/api/admin/owner-edits/9999/decide', 'POST', { accept: ['phone'] })).status, 404);

    const decided = await asAdmin(`/api/admin/owner-edits/${edit.id}/decide`, 'POST', { accept: ['description'], refuse: ['phone'] });
    assert.equal(decided.status, 200);
    const after = await decided.json();
    assert.equal(after.status, 'decided');
    assert.deepEqual(
      after.fields.map((f: { field: string; decision: string }) => [f.field, f.decision]),
      [
        ['description', 'accepted'],
        ['phone', 'refused'],
      ],
    );
    const shown = await publicPole('bou-sol');
    assert.equal(shown?.description, 'Bou’Sol fédère les boulangeries solidaires.');
    assert.equal(shown?.phone, original.phone);
    const { revisions } = await (await asAdmin('/api/admin/poles/bou-sol/revisions')).json();
    const last = revisions.at(-1);
    assert.deepEqual(
      [last.action, last.author, last.changed],
      ['owner', { kind: 'owner', label: 'camille@bousol.example.org' }, ['description', 'provenance']],
    );
    // The public record says the pole itself edited it, never who.
    assert.equal(shown?.provenance?.by, 'pole');
    assert.ok(!JSON.stringify(shown).includes('camille@'));
    assert.equal((await asAdmin(`/api/admin/owner-edits/${edit.id}/decide`, 'POST', { accept: ['description'] })).status, 422);
  });

  it('applies a trusted owner’s edit at once, still as a revision by the owner', async () => {
    const trusted = await asAdmin(`/api/admin/owners/${ownerId}/trust`, 'POST', { trusted: true });
    assert.equal(trusted.status, 200);
    assert.equal((await trusted.json()).trusted, true);
    assert.equal((await asAdmin('/api/admin/owners/9999/trust', 'POST', { trusted: true })).status, 404);
    const record = await (await asOwner(token, '/api/owner/pole')).json();
    const applied = await asOwner(token, '/api/owner/pole', 'PATCH', {
      changes: { territory: 'Marseille et alentours' },
      version: record.version,
    });
    assert.equal(applied.status, 200);
    assert.equal((await applied.json()).version, record.version + 1);
    assert.equal((await publicPole('bou-sol'))?.territory, 'Marseille et alentours');
    const { revisions } = await (await asAdmin('/api/admin/poles/bou-sol/revisions')).json();
    assert.deepEqual([revisions.at(-1).action, revisions.at(-1).author.kind], ['owner', 'owner']);
  });

  it("lets the owner edit and withdraw their pole's fiches, and no other pole's", async () => {
    const fiche = await (await post(`${server.url}/api/actions`, validActionProposal)).json();
    await asAdmin(`/api/admin/actions/${fiche.reference}/approve`, 'POST');
    const other = await (
      await post(`${server.url}/api/actions`, { ...validActionProposal, pole: { id: 'le-damier', name: 'Le Damier' } })
    ).json();
    const { actions } = await (await asOwner(token, '/api/owner/actions')).json();
    const mine = actions.find((a: { reference: string }) => a.reference === fiche.reference);
    assert.equal(mine.status, 'approved');
    assert.equal(mine.action.title, validActionProposal.action.title);
    assert.ok(!JSON.stringify(actions).includes(validActionProposal.contact.email), 'the contact stays with the moderators');
    assert.ok(!actions.some((a: { reference: string }) => a.reference === other.reference));
    assert.equal((await asOwner(token, `/api/owner/actions/${other.reference}/withdraw`, 'POST')).status, 404);

    // Not trusted any more: an edit of a published fiche goes back to moderation.
    await asAdmin(`/api/admin/owners/${ownerId}/trust`, 'POST', { trusted: false });
    assert.equal((await asOwner(token, `/api/owner/actions/${fiche.reference}`, 'PATCH', { changes: { title: '' } })).status, 422);
    const edited = await asOwner(token, `/api/owner/actions/${fiche.reference}`, 'PATCH', { changes: { title: 'Fournil coopératif' } });
    assert.equal(edited.status, 200);
    assert.deepEqual([(await edited.json()).status], ['pending']);
    assert.ok(!(await publicPole('bou-sol'))?.actions?.some((a) => a.id === fiche.reference.toLowerCase()));
    await asAdmin(`/api/admin/actions/${fiche.reference}/approve`, 'POST');
    assert.equal((await publicPole('bou-sol'))?.actions?.find((a) => a.id === fiche.reference.toLowerCase())?.title, 'Fournil coopératif');

    const withdrawn = await asOwner(token, `/api/owner/actions/${fiche.reference}/withdraw`, 'POST');
    assert.equal(withdrawn.status, 200);
    assert.ok((await withdrawn.json()).withdrawnAt);
    assert.ok(!(await publicPole('bou-sol'))?.actions?.some((a) => a.id === fiche.reference.toLowerCase()), 'off the public list');
    assert.equal((await asOwner(token, `/api/owner/actions/${fiche.reference}/withdraw`, 'POST')).status, 409);
    assert.equal((await asOwner(token, `/api/owner/actions/${fiche.reference}`, 'PATCH', { changes: { title: 'x' } })).status, 409);
  });

  it('rejects a claim once, and refuses to approve a rejected one', async () => {
    const { reference } = await (await claim('le-damier', { name: 'Dominique', email: 'dominique@example.org' })).json();
    const id = await claimId(reference);
    assert.equal((await asAdmin(`/api/admin/claims/${id}/reject`, 'POST')).status, 200);
    assert.equal((await asAdmin(`/api/admin/claims/${id}/reject`, 'POST')).status, 409);
    assert.equal((await asAdmin(`/api/admin/claims/${id}/approve`, 'POST')).status, 409);
    assert.equal((await asAdmin('/api/admin/claims/9999/reject', 'POST')).status, 404);
  });

  it("erases a claim's personal fields: the owner's session ends and revisions no longer name them", async () => {
    const erased = await asAdmin(`/api/admin/claims/${claimOfBouSol}/erase`, 'POST');
    assert.equal(erased.status, 200);
    const view = await erased.json();
    assert.deepEqual([view.name, view.email, view.message, view.erased], ['', '', null, true]);
    assert.equal((await asOwner(token, '/api/owner/pole')).status, 401);
    const db = server.store.db;
    const everything = JSON.stringify([
      await db.selectFrom('owner_claims').selectAll().execute(),
      await db.selectFrom('owners').selectAll().execute(),
      await db.selectFrom('pole_revisions').selectAll().execute(),
      await db.selectFrom('audit_log').selectAll().execute(),
      await (await asAdmin('/api/admin/claims')).json(),
      await (await asAdmin('/api/admin/owner-edits')).json(),
    ]);
    assert.ok(!everything.includes('camille@bousol.example.org'));
    assert.ok(!everything.includes('Je coordonne le pôle.'));
    const { revisions } = await (await asAdmin('/api/admin/poles/bou-sol/revisions')).json();
    assert.equal(revisions.at(-1).author.label, ERASED_OWNER);
    assert.equal((await asAdmin('/api/admin/claims/9999/erase', 'POST')).status, 404);
    const audited = await db.selectFrom('audit_log').select('action').where('subject_type', '=', 'claim').orderBy('id').execute();
    assert.deepEqual(
      audited.map((a) => a.action),
      ['claim.approve', 'claim.approve', 'claim.reject', 'claim.erase'],
    );
  });

  it('lets a session expire', async () => {
    const { reference } = await (await claim('le-damier', { name: 'Sacha', email: 'sacha@example.org' })).json();
    await asAdmin(`/api/admin/claims/${await claimId(reference)}/approve`, 'POST');
    const session = await (await openSession(linkOf(await smtp.next()))).json();
    assert.equal((await asOwner(session.token, '/api/owner/pole')).status, 200);
    await server.store.db
      .updateTable('owner_sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', secretHash(session.token))
      .execute();
    assert.equal((await asOwner(session.token, '/api/owner/pole')).status, 401);
  });
});

describe('owners: moderators', () => {
  it('of another territory get 403 on claims, edits and owners; lists are filtered', async () => {
    const { reference } = await (await claim('bou-sol', { name: 'Alex', email: 'alex@example.org' })).json();
    const id = await claimId(reference);
    const occitanieClaims = (await (await moderators.as('occitanie', '/api/admin/claims')).json()).claims;
    assert.ok(!occitanieClaims.some((c: { id: number }) => c.id === id));
    const pacaClaims = (await (await moderators.as('paca', '/api/admin/claims')).json()).claims;
    assert.ok(pacaClaims.some((c: { id: number }) => c.id === id));
    for (const verb of ['approve', 'reject', 'erase']) {
      assert.equal((await moderators.as('occitanie', `/api/admin/claims/${id}/${verb}`, 'POST')).status, 403, verb);
    }
    // An edit of Bou'Sol (its owner approved by the PACA moderator).
    assert.equal((await moderators.as('paca', `/api/admin/claims/${id}/approve`, 'POST')).status, 200);
    const link = (
      await server.store.db.selectFrom('outbox').select('body').where('recipient', '=', 'alex@example.org').executeTakeFirstOrThrow()
    ).body;
    const session = await (await openSession(/lien=([\w-]+)/.exec(link)![1])).json();
    const record = await (await asOwner(session.token, '/api/owner/pole')).json();
    const { edit } = await (
      await asOwner(session.token, '/api/owner/pole', 'PATCH', { changes: { description: 'Par Alex' }, version: record.version })
    ).json();
    assert.ok(
      !(await (await moderators.as('occitanie', '/api/admin/owner-edits')).json()).edits.some((e: { id: number }) => e.id === edit.id),
    );
    assert.equal(
      (await moderators.as('occitanie', `/api/admin/owner-edits/${edit.id}/decide`, 'POST', { refuse: ['description'] })).status,
      403,
    );
    const ownerId = (await (await moderators.as('paca', '/api/admin/claims')).json()).claims.find(
      (c: { id: number }) => c.id === id,
    ).ownerId;
    assert.equal((await moderators.as('occitanie', `/api/admin/owners/${ownerId}/trust`, 'POST', { trusted: true })).status, 403);
    const decided = await moderators.as('paca', `/api/admin/owner-edits/${edit.id}/decide`, 'POST', { refuse: ['description'] });
    assert.equal(decided.status, 200);
    assert.equal((await moderators.as('paca', `/api/admin/owners/${ownerId}/trust`, 'POST', { trusted: true })).status, 200);
  });
});

describe('owners: limits', () => {
  it('counts claims among the public writes (429), and wrong links per address', async () => {
    const limited = await startApp({ postsPerMinute: 2 });
    after(() => limited.close());
    const send = () => post(`${limited.url}/api/poles/bou-sol/claim`, { name: 'Camille', email: 'camille@example.org' });
    assert.deepEqual([(await send()).status, (await send()).status, (await send()).status], [202, 202, 429]);
    const guessing = await startApp();
    after(() => guessing.close());
    const statuses = [];
    for (let i = 0; i < 11; i++) statuses.push((await post(`${guessing.url}/api/owner/session`, { link: `guess-${i}` })).status);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
  });
});

describe('owners: the page /gerer', () => {
  it('hosts the owner form, loads the embed bundle, and lets no referrer carry the link away', async () => {
    const page = await fetch(`${server.url}/gerer?lien=abc`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    const html = await page.text();
    assert.match(html, /<ptce-pole-form mode="owner" endpoint="ptce.json"><\/ptce-pole-form>/);
    assert.match(html, /<script type="module" src="cdn\/ptce-widgets.js"><\/script>/);
    assert.match(html, /<title>Gérer la fiche de votre pôle<\/title>/);
  });
});
