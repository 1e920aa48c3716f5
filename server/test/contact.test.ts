import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, admin, post, startApp, type Running } from './helpers.js';
import { startSmtp } from './smtp.js';
import { purgeContactLog } from '../src/directory/contact.js';
import Fastify from 'fastify';
import type { Actor } from '../src/http/actor.js';
import { errorReplies } from '../src/http/errors.js';
import { rateLimits } from '../src/http/rate-limits.js';
import { zodSchemas } from '../src/http/schemas.js';
import { createMailer } from '../src/mail/mailer.js';
import { discoveryDocument, PublicCache } from '../src/public-documents.js';
import { contactRoutes } from '../src/routes/contact.js';

const POLE_CONTACT = 'direction.prive@bou-sol.example';
const message = {
  name: 'Alex Voisin',
  email: 'alex@pole-voisin.example',
  message: 'Bonjour, votre offre de visite nous intéresse.',
  offer: 'Visite du fournil',
};

describe('POST /api/poles/{id}/contact', () => {
  let server: Running;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  before(async () => {
    smtp = await startSmtp();
    server = await startApp({ mail: { smtpUrl: smtp.url, from: 'Annuaire <annuaire@ptce.example>' }, contactsPerHour: 6 });
  });
  after(() => Promise.all([server.close(), smtp.close()]));
  const contact = (id: string, body: unknown, headers: Record<string, string> = {}) =>
    post(`${server.url}/api/poles/${id}/contact`, body, headers);
  const setContact = (id: string, body: unknown, token = ADMIN) =>
    fetch(`${server.url}/api/admin/poles/${id}/contact`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('reaches the pole’s private contact over SMTP, reply to the sender; the address is in no answer the sender gets', async () => {
    assert.equal((await setContact('bou-sol', { email: POLE_CONTACT, name: 'Direction' })).status, 204);
    const response = await contact('bou-sol', message);
    assert.equal(response.status, 202);
    const text = await response.text();
    assert.match(JSON.parse(text).reference, /^MSG-\w{4}-\w{4}$/);
    assert.ok(!text.includes(POLE_CONTACT));
    response.headers.forEach((value, name) => assert.ok(!value.includes(POLE_CONTACT), name));
    const mail = await smtp.next();
    assert.deepEqual(mail.to, [POLE_CONTACT]);
    assert.match(mail.raw, /Reply-To: alex@pole-voisin\.example/);
    assert.match(mail.raw, /votre offre de visite/);
    // Nothing public names it either.
    const published = [
      '/poles.json',
      '/ptce.json',
      ...['datapackage.json', 'poles.csv', 'poles.geojson', 'poles.jsonld'].map((f) => `/open-data/${f}`),
    ];
    for (const path of published) {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 200, path);
      assert.ok(!(await response.text()).includes(POLE_CONTACT), path);
    }
  });

  it('logs who, when and which pole, never the message', async () => {
    const rows = await server.store.db.selectFrom('contact_log').selectAll().execute();
    const row = rows.at(-1)!;
    assert.deepEqual([row.pole_id, row.sender_email, row.offer], ['bou-sol', message.email, message.offer]);
    assert.ok(!JSON.stringify(rows).includes('intéresse'));
    const audit = await server.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'pole.contact.set').execute();
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit).includes(POLE_CONTACT));
  });

  it('refuses an unlisted pole (404), a pole without contact (409), an invalid message (400)', async () => {
    assert.equal((await contact('nope', message)).status, 404);
    const none = await contact('ecoop-arc', message);
    assert.equal(none.status, 409);
    assert.equal((await none.json()).reason, 'no-contact');
    const invalid = await contact('bou-sol', { name: '', email: 'x', message: '' });
    assert.equal(invalid.status, 400);
    const body = await invalid.json();
    assert.equal(body.error, 'invalid message');
    assert.deepEqual(body.errors.map((issue: { path: string }) => issue.path).sort(), ['email', 'message', 'name']);
  });

  it('answers a bot that fills the honeypot like a sent message, and sends nothing', async () => {
    const before = (await server.store.db.selectFrom('contact_log').selectAll().execute()).length;
    const response = await contact('bou-sol', { ...message, website: 'http://spam.example' });
    assert.equal(response.status, 202);
    assert.match((await response.json()).reference, /^MSG-/);
    assert.equal((await server.store.db.selectFrom('contact_log').selectAll().execute()).length, before);
  });

  it('forgets the senders of old messages, keeping when and which pole', async () => {
    assert.equal(await purgeContactLog(server.store.db, '2000-01-01T00:00:00Z'), 0);
    assert.ok((await purgeContactLog(server.store.db, new Date(Date.now() + 1000).toISOString())) >= 1);
    const rows = await server.store.db.selectFrom('contact_log').selectAll().execute();
    assert.ok(rows.length >= 1);
    for (const row of rows) assert.deepEqual([row.sender_name, row.sender_email, row.pole_id], [null, null, 'bou-sol']);
  });

  it('limits the messages per address and hour (429)', async () => {
    let status = 0;
    for (let i = 0; i < 8 && status !== 429; i++) status = (await contact('ecoop-arc', message)).status;
    assert.equal(status, 429);
  });

  it('the private contact: admin only (401), set, read, removed; 404 for an unlisted pole', async () => {
    assert.equal((await setContact('bou-sol', { email: POLE_CONTACT }, 'wrong')).status, 401);
    assert.equal((await setContact('nope', { email: POLE_CONTACT })).status, 404);
    assert.equal((await setContact('bou-sol', { email: 'not an address' })).status, 400);
    const read = await (await admin(`${server.url}/api/admin/poles/bou-sol/contact`)).json();
    assert.equal(read.contact.email, POLE_CONTACT);
    assert.equal((await admin(`${server.url}/api/admin/poles/bou-sol/contact`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await (await admin(`${server.url}/api/admin/poles/bou-sol/contact`)).json(), { contact: null });
  });
});

describe('contact when the SMTP server is down', () => {
  it('answers 503 and logs nothing', async () => {
    const server = await startApp({ mail: { smtpUrl: 'smtp://127.0.0.1:9', from: 'a@b.example' } });
    after(() => server.close());
    await fetch(`${server.url}/api/admin/poles/bou-sol/contact`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: POLE_CONTACT }),
    });
    const response = await post(`${server.url}/api/poles/bou-sol/contact`, message);
    assert.equal(response.status, 503);
    assert.ok(!(await response.text()).includes(POLE_CONTACT));
    assert.equal((await server.store.db.selectFrom('contact_log').selectAll().execute()).length, 0);
  });
});

/** The admin routes of the private contact with a moderator (the accounts' sessions set it on main; here a header picks it). */
describe('the private contact in a moderator’s territory', () => {
  it('a moderator of the pole’s region sets it; one of another region gets 403', async () => {
    const server = await startApp();
    after(() => server.close());
    const app = Fastify();
    after(() => app.close());
    errorReplies(app);
    zodSchemas(app);
    await app.register(rateLimits, { postsPerMinute: 1000 });
    const moderator = (label: string, region: string): Actor => ({
      kind: 'account',
      role: 'moderator',
      id: label,
      label,
      regions: [region],
      departements: [],
    });
    const actors: Record<string, Actor> = { paca: moderator('paca@example.org', '93'), occitanie: moderator('occ@example.org', '76') };
    const cache = new PublicCache(server.store, discoveryDocument());
    await cache.refresh();
    const mailer = createMailer(server.store.db);
    await app.register(contactRoutes, {
      store: server.store,
      cache,
      mailer,
      admin: async (request, reply) => {
        const actor = actors[String(request.headers['x-actor'])];
        if (!actor) return reply.code(401).send({ error: 'admin token required' });
        request.actor = actor;
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/admin/poles/bou-sol/contact`;
    const put = (actor: string) =>
      fetch(url, {
        method: 'PUT',
        headers: { 'x-actor': actor, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: POLE_CONTACT }),
      });
    assert.equal((await put('occitanie')).status, 403);
    assert.equal((await fetch(url, { headers: { 'x-actor': 'occitanie' } })).status, 403);
    assert.equal((await fetch(url, { method: 'DELETE', headers: { 'x-actor': 'occitanie' } })).status, 403);
    assert.equal((await put('paca')).status, 204);
    assert.equal((await (await fetch(url, { headers: { 'x-actor': 'paca' } })).json()).contact.email, POLE_CONTACT);
    const [entry] = await server.store.db.selectFrom('audit_log').selectAll().where('actor_label', '=', 'paca@example.org').execute();
    assert.deepEqual([entry.action, entry.subject_id], ['pole.contact.set', 'bou-sol']);
  });
});
