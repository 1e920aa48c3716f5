import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { ADMIN, admin, newKey, post, startApp, type Running } from './helpers.js';
import { validate } from '../../src/data/validate.js';
import { ContributionReceipt, Duplicates } from '../../src/data/schemas/contribution.js';
import type { Actor } from '../src/http/actor.js';
import { errorReplies } from '../src/http/errors.js';
import { rateLimits } from '../src/http/rate-limits.js';
import { zodSchemas } from '../src/http/schemas.js';
import { contributionRoutes } from '../src/routes/contributions.js';
import { getPoleRecord, listRevisions } from '../src/directory/poles.js';
import { purgeRejectedContributions } from '../src/directory/contributions.js';
import { as, decodeMail, loggedIn } from './accounts-support.js';
import { startSmtp } from './smtp.js';

let server: Running;
before(async () => {
  server = await startApp();
});
after(() => server.close());

const get = (path: string) => fetch(`${server.url}${path}`);
const send = (body: unknown, key = newKey(), url = server.url) => post(`${url}/api/contributions`, body, { 'Idempotency-Key': key });
const contributor = { name: 'Camille Contributrice', email: 'camille.contrib@example.org' };
const newPole = (name: string, pole: Record<string, unknown> = {}) => ({
  kind: 'new-pole',
  pole: { name, departments: ['13'], commune: 'Marseille', ...pole },
  contributor,
});
/** Waits until `check` holds (the public documents are rebuilt within a second). */
async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(await check());
}
const rows = () => server.store.db.selectFrom('contributions').selectAll().orderBy('id').execute();

describe('GET /api/duplicates', () => {
  it('finds a listed pole whose name folds to the same in the same département, public fields only', async () => {
    const response = await get(`/api/duplicates?name=${encodeURIComponent('BOU SOL')}&departement=13`);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.ok(validate(Duplicates, body).ok);
    assert.deepEqual(body.poles, [{ id: 'bou-sol', name: "Bou'Sol", commune: 'Marseille', departements: ['13'], reason: 'name' }]);
  });

  it('folds accents and case, matches a commune, a website, and nothing elsewhere', async () => {
    const byCommune = await (await get(`/api/duplicates?name=${encodeURIComponent('le periscope')}&departement=31`)).json();
    assert.deepEqual(
      byCommune.poles.map((pole: { id: string }) => pole.id),
      ['le-periscope'],
    );
    const elsewhere = await (await get(`/api/duplicates?name=${encodeURIComponent('Bou’Sol')}&departement=84`)).json();
    assert.deepEqual(elsewhere.poles, []);
    const sameCommune = await (await get(`/api/duplicates?name=${encodeURIComponent('bousol')}&commune=MARSEILLE`)).json();
    assert.equal(sameCommune.poles[0].id, 'bou-sol');
    const site = await (
      await get(`/api/duplicates?name=Autre&departement=84&website=${encodeURIComponent('https://www.bou-sol.eu')}`)
    ).json();
    assert.deepEqual(site.poles, [{ id: 'bou-sol', name: "Bou'Sol", commune: 'Marseille', departements: ['13'], reason: 'website' }]);
    assert.deepEqual(await (await get('/api/duplicates?departement=13')).json(), { poles: [] });
  });

  it('refuses a malformed query with 400', async () => {
    const response = await get(`/api/duplicates?departement=${'9'.repeat(10)}`);
    assert.equal(response.status, 400);
  });
});

describe('POST /api/contributions', () => {
  it('stores a new pole pending with its duplicates, once per key, and publishes nothing', async () => {
    const key = newKey();
    const before = await (await get('/poles.json')).text();
    const first = await send(newPole('Bou Sol'), key);
    assert.equal(first.status, 202);
    const receipt = await first.json();
    assert.ok(validate(ContributionReceipt, receipt).ok);
    assert.match(receipt.reference, /^CON-\w{4}-\w{4}$/);
    assert.equal(receipt.status, 'pending');
    assert.deepEqual(
      receipt.duplicates.map((pole: { id: string }) => pole.id),
      ['bou-sol'],
    );
    const again = await send(newPole('Bou Sol'), key);
    assert.equal(again.status, 200);
    assert.equal((await again.json()).reference, receipt.reference);
    assert.equal((await send(newPole('Autre chose'), key)).status, 422);
    const stored = (await rows()).filter((row) => row.reference === receipt.reference);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].contributor_email, contributor.email);
    assert.equal(await (await get('/poles.json')).text(), before);
  });

  it('stores a correction on a listed pole, with its départements; 404 for an unlisted one', async () => {
    const response = await send({ kind: 'correction', poleId: 'bou-sol', message: 'Le site a changé.', contributor });
    assert.equal(response.status, 202);
    const { reference } = await response.json();
    const row = (await rows()).find((r) => r.reference === reference)!;
    assert.deepEqual([row.kind, row.pole_id, JSON.parse(row.departements)], ['correction', 'bou-sol', ['13']]);
    const unknown = await send({ kind: 'correction', poleId: 'nope', message: 'x', contributor });
    assert.equal(unknown.status, 404);
  });

  it('refuses invalid bodies field by field (400) and a missing key', async () => {
    const invalid = await send({
      kind: 'new-pole',
      pole: { name: ' ', departments: ['99'], website: 'javascript:alert(1)' },
      contributor: { name: 'A', email: 'no' },
    });
    assert.equal(invalid.status, 400);
    const body = await invalid.json();
    assert.equal(body.error, 'invalid contribution');
    const paths = body.errors.map((issue: { path: string }) => issue.path);
    for (const path of ['pole.name', 'pole.departments[0]', 'pole.website', 'contributor.email']) assert.ok(paths.includes(path), path);
    assert.equal((await send({ kind: 'other', contributor })).status, 400);
    const noKey = await fetch(`${server.url}/api/contributions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(newPole('Sans clé')),
    });
    assert.equal(noKey.status, 400);
  });

  it('answers a bot that fills the honeypot like anyone, and stores nothing', async () => {
    const count = (await rows()).length;
    const response = await send({ ...newPole('Pôle robot'), website: 'http://spam.example' });
    assert.equal(response.status, 202);
    assert.ok(validate(ContributionReceipt, await response.json()).ok);
    assert.equal((await rows()).length, count);
  });

  it('names the directory URLs in the discovery document', async () => {
    const discovery = await (await get('/ptce.json')).json();
    assert.deepEqual(
      [discovery.contributions, discovery.duplicates, discovery.contact, discovery.claim, discovery.owner],
      ['api/contributions', 'api/duplicates', 'api/poles/{id}/contact', 'api/poles/{id}/claim', 'api/owner'],
    );
  });
});

describe('admin: contributions', () => {
  it('lists them with their duplicates and contributor, for the admin only (401)', async () => {
    await send(newPole('Bou-Sol'));
    assert.equal((await get('/api/admin/contributions')).status, 401);
    const response = await admin(`${server.url}/api/admin/contributions?status=pending`);
    assert.equal(response.status, 200);
    const { contributions } = await response.json();
    const one = contributions.find((c: { pole?: { name: string } }) => c.pole?.name === 'Bou-Sol');
    assert.deepEqual(one.contributor, contributor);
    assert.deepEqual(
      one.duplicates.map((pole: { id: string }) => pole.id),
      ['bou-sol'],
    );
    assert.deepEqual((await (await admin(`${server.url}/api/admin/contributions?status=weird`)).json()).contributions, []);
  });

  it('rejects once (409 after), audits it, 404 for an unknown id', async () => {
    const { reference } = await (await send(newPole('Pôle à refuser'))).json();
    const id = (await rows()).find((r) => r.reference === reference)!.id;
    const decide = (verb: string, target = id) => admin(`${server.url}/api/admin/contributions/${target}/${verb}`, { method: 'POST' });
    const rejected = await decide('reject');
    assert.equal(rejected.status, 200);
    assert.equal((await rejected.json()).status, 'rejected');
    assert.equal((await decide('reject')).status, 409);
    assert.equal((await decide('approve')).status, 409);
    assert.equal((await decide('reject', 999999)).status, 404);
    assert.equal((await decide('reject', 'abc' as unknown as number)).status, 400);
    const entries = await server.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_type', '=', 'contribution')
      .where('subject_id', '=', String(id))
      .execute();
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.actor_label]),
      [['contribution.reject', 'PTCE_ADMIN_TOKEN']],
    );
    assert.ok(!entries[0].after!.includes(contributor.email));
  });

  it('approves a correction (marked done)', async () => {
    const { reference } = await (await send({ kind: 'correction', poleId: 'bou-sol', message: 'Adresse', contributor })).json();
    const id = (await rows()).find((r) => r.reference === reference)!.id;
    const response = await admin(`${server.url}/api/admin/contributions/${id}/approve`, { method: 'POST' });
    assert.equal(response.status, 200);
    assert.equal((await response.json()).status, 'approved');
  });

  it('erases the contributor and a correction’s message from the database', async () => {
    const { reference } = await (
      await send({ kind: 'correction', poleId: 'bou-sol', message: 'Mon numéro: 0612345678', contributor })
    ).json();
    const id = (await rows()).find((r) => r.reference === reference)!.id;
    const response = await admin(`${server.url}/api/admin/contributions/${id}/erase`, { method: 'POST' });
    assert.equal(response.status, 200);
    const view = await response.json();
    assert.equal(view.contributor, null);
    assert.equal(view.message, null);
    const row = (await rows()).find((r) => r.id === id)!;
    assert.deepEqual([row.contributor_name, row.contributor_email], [null, null]);
    assert.ok(!row.body.includes('0612345678'));
    assert.ok(row.erased_at);
  });

  it('erases a proposed pole’s own e-mail and phone with the contributor, and keeps the rest of the proposal', async () => {
    const { reference } = await (
      await send(
        newPole('Pôle Effaçable', {
          email: 'perso.effacable@example.org',
          phone: '06 98 76 54 32',
          website: 'https://effacable.example.org/',
        }),
      )
    ).json();
    const id = (await rows()).find((r) => r.reference === reference)!.id;
    const response = await admin(`${server.url}/api/admin/contributions/${id}/erase`, { method: 'POST' });
    assert.equal(response.status, 200);
    const view = await response.json();
    assert.equal(view.contributor, null);
    assert.deepEqual(
      [view.pole.name, view.pole.website, view.pole.email, view.pole.phone],
      ['Pôle Effaçable', 'https://effacable.example.org/', undefined, undefined],
    );
    const row = (await rows()).find((r) => r.id === id)!;
    assert.ok(!row.body.includes('perso.effacable') && !row.body.includes('98 76 54 32'), 'gone from the database');
    assert.ok(row.body.includes('Pôle Effaçable'));
  });
});

describe('purge of rejected contributions', () => {
  it('blanks the contributors of those rejected before the date, a proposed pole’s own e-mail and phone, and no others', async () => {
    const rejected = await (
      await send({ kind: 'correction', poleId: 'bou-sol', message: 'Téléphone perso 0611223344', contributor })
    ).json();
    const proposal = await (
      await send(newPole('Pôle refusé à purger', { email: 'camille.perso@purge.example.org', phone: '06 55 44 33 22' }))
    ).json();
    const kept = await (await send(newPole('Pôle en attente de purge'))).json();
    for (const reference of [rejected.reference, proposal.reference]) {
      const id = (await rows()).find((r) => r.reference === reference)!.id;
      assert.equal((await admin(`${server.url}/api/admin/contributions/${id}/reject`, { method: 'POST' })).status, 200);
    }
    assert.equal(await purgeRejectedContributions(server.store.db, '2000-01-01T00:00:00Z'), 0, 'none rejected that long ago');
    assert.ok((await purgeRejectedContributions(server.store.db, new Date(Date.now() + 1000).toISOString())) >= 1);
    const all = await rows();
    const purged = all.find((r) => r.reference === rejected.reference)!;
    assert.deepEqual([purged.contributor_name, purged.contributor_email], [null, null]);
    assert.ok(!purged.body.includes('0611223344'));
    const refused = all.find((r) => r.reference === proposal.reference)!;
    assert.deepEqual([refused.contributor_email, refused.erased_at !== null], [null, true]);
    assert.ok(!refused.body.includes('camille.perso') && !refused.body.includes('55 44 33 22'), 'the proposed pole’s contact is gone');
    assert.ok(refused.body.includes('Pôle refusé à purger'));
    const pending = all.find((r) => r.reference === kept.reference)!;
    assert.equal(pending.contributor_email, contributor.email, 'a pending one is kept');
  });
});

/** The routes with a given actor (the accounts' sessions set it on main; here a header picks it). */
describe('admin: contributions in a moderator’s territory, approve and merge', () => {
  const paca: Actor = { kind: 'account', role: 'moderator', id: 'm1', label: 'paca@example.org', regions: ['93'], departements: [] };
  const occitanie: Actor = { kind: 'account', role: 'moderator', id: 'm2', label: 'occ@example.org', regions: ['76'], departements: [] };
  let app: FastifyInstance;
  before(async () => {
    app = Fastify();
    errorReplies(app);
    zodSchemas(app);
    await app.register(rateLimits, { postsPerMinute: 1000 });
    const actors: Record<string, Actor> = { paca, occitanie };
    const { PublicCache, discoveryDocument } = await import('../src/public-documents.js');
    const cache = new PublicCache(server.store, discoveryDocument());
    await cache.refresh();
    await app.register(contributionRoutes, {
      store: server.store,
      cache,
      admin: async (request, reply) => {
        const actor = actors[String(request.headers['x-actor'])];
        if (!actor) return reply.code(401).send({ error: 'admin token required' });
        request.actor = actor;
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => app.close());
  const url = () => {
    const address = app.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  };
  const as = (actor: string, path: string, init: RequestInit = {}) =>
    fetch(`${url()}${path}`, { ...init, headers: { 'x-actor': actor, ...(init.body ? { 'Content-Type': 'application/json' } : {}) } });

  it('a moderator sees and decides only their territory (403 elsewhere)', async () => {
    const { reference } = await (await send(newPole('Pôle phocéen'), newKey(), url())).json();
    const id = (await rows()).find((r) => r.reference === reference)!.id;
    const listOf = async (actor: string) =>
      ((await (await as(actor, '/api/admin/contributions')).json()).contributions as { id: number }[]).map((c) => c.id);
    assert.ok((await listOf('paca')).includes(id));
    assert.ok(!(await listOf('occitanie')).includes(id));
    for (const verb of ['reject', 'approve', 'erase']) {
      assert.equal((await as('occitanie', `/api/admin/contributions/${id}/${verb}`, { method: 'POST' })).status, 403, verb);
    }
    assert.equal(
      (
        await as('occitanie', `/api/admin/contributions/${id}/merge`, {
          method: 'POST',
          body: JSON.stringify({ into: 'bou-sol', fields: ['name'] }),
        })
      ).status,
      403,
    );
    const approved = await as('paca', `/api/admin/contributions/${id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);
    const view = await approved.json();
    assert.deepEqual([view.status, view.poleId], ['approved', 'pole-phoceen']);
    // A pole record, revision 1 by the moderator, public from now on.
    const record = (await getPoleRecord(server.store.db, 'pole-phoceen'))!;
    assert.deepEqual(record.pole, {
      id: 'pole-phoceen',
      name: 'Pôle phocéen',
      departments: ['13'],
      commune: 'Marseille',
      provenance: { editedAt: record.updatedAt, by: 'publisher' },
    });
    const [revision] = await listRevisions(server.store.db, 'pole-phoceen');
    assert.equal(revision.author.label, 'paca@example.org');
    await until(async () => (await (await get('/poles.json')).text()).includes('Pôle phocéen'));
    const audit = await server.store.db.selectFrom('audit_log').selectAll().where('actor_label', '=', 'paca@example.org').execute();
    assert.deepEqual(
      audit.map((entry) => entry.action),
      ['pole.create', 'contribution.approve'],
    );
    assert.equal((await as('paca', `/api/admin/contributions/${id}/approve`, { method: 'POST' })).status, 409);
  });

  it('merges chosen fields into a listed pole; refuses unknown fields (400), poles (404), a correction (409)', async () => {
    const { reference } = await (await send(newPole('Bousol', { website: 'https://bou-sol.example' }), newKey(), url())).json();
    const id = (await rows()).find((r) => r.reference === reference)!.id;
    const merge = (body: unknown) => as('paca', `/api/admin/contributions/${id}/merge`, { method: 'POST', body: JSON.stringify(body) });
    assert.equal((await merge({ into: 'bou-sol', fields: ['geo'] })).status, 400);
    assert.equal((await merge({ into: 'nope', fields: ['website'] })).status, 404);
    assert.equal((await merge({ into: 'le-periscope', fields: ['website'] })).status, 403);
    const merged = await merge({ into: 'bou-sol', fields: ['website'] });
    assert.equal(merged.status, 200);
    assert.equal((await merged.json()).status, 'merged');
    const record = (await getPoleRecord(server.store.db, 'bou-sol'))!;
    assert.equal(record.pole.website, 'https://bou-sol.example');
    assert.equal(record.pole.name, "Bou'Sol", 'only the chosen fields');
    assert.equal((await listRevisions(server.store.db, 'bou-sol')).at(-1)!.author.label, 'paca@example.org');
    assert.equal((await merge({ into: 'bou-sol', fields: ['website'] })).status, 409);
    const correction = await (await send({ kind: 'correction', poleId: 'bou-sol', message: 'x', contributor }, newKey(), url())).json();
    const cid = (await rows()).find((r) => r.reference === correction.reference)!.id;
    const refused = await as('paca', `/api/admin/contributions/${cid}/merge`, {
      method: 'POST',
      body: JSON.stringify({ into: 'bou-sol', fields: ['name'] }),
    });
    assert.equal(refused.status, 409);
  });

  it('a wrong or missing token is refused (401) on the real server', async () => {
    assert.equal(
      (await fetch(`${server.url}/api/admin/contributions/1/approve`, { method: 'POST', headers: { Authorization: 'Bearer wrong-token' } }))
        .status,
      401,
    );
    assert.ok(ADMIN);
  });
});

describe('contributions with named accounts and notifications (a real SMTP server)', () => {
  it('the moderators of the département are told at once, without the contributor; another region’s moderator gets 403', async () => {
    const smtp = await startSmtp();
    const real = await startApp({ mail: { smtpUrl: smtp.url, from: 'Annuaire <annuaire@ptce.example>' } });
    after(() => Promise.all([real.close(), smtp.close()]));
    const paca = await loggedIn(real, { regions: ['93'], notify: 'immediate' });
    const occitanie = await loggedIn(real, { regions: ['76'], notify: 'immediate' });
    const response = await send(newPole('Pôle des Calanques'), newKey(), real.url);
    assert.equal(response.status, 202);
    const { reference } = await response.json();
    const mail = await smtp.next();
    assert.deepEqual(mail.to, [paca.email]);
    const text = decodeMail(mail.raw);
    assert.match(text, /Pôle des Calanques/);
    assert.ok(text.includes(reference));
    assert.ok(!text.includes(contributor.email) && !text.includes(contributor.name), 'no personal data in the notification');

    const listed = async (token: string) =>
      ((await (await as(token, `${real.url}/api/admin/contributions`)).json()).contributions as { reference: string; id: number }[]).find(
        (c) => c.reference === reference,
      );
    assert.equal(await listed(occitanie.token), undefined);
    const { id } = (await listed(paca.token))!;
    assert.equal((await as(occitanie.token, `${real.url}/api/admin/contributions/${id}/approve`, { method: 'POST' })).status, 403);
    const approved = await as(paca.token, `${real.url}/api/admin/contributions/${id}/approve`, { method: 'POST' });
    assert.equal(approved.status, 200);
    const record = (await getPoleRecord(real.store.db, (await approved.json()).poleId))!;
    assert.equal(record.pole.name, 'Pôle des Calanques');
    assert.equal((await listRevisions(real.store.db, record.id))[0].author.label, paca.email);
  });
});
