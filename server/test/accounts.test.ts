import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, admin, post, startApp, type Running } from './helpers.js';
import { as, decodeMail, loggedIn, PASSWORD } from './accounts-support.js';
import { startSmtp } from './smtp.js';
import { LoginThrottle } from '../src/accounts/throttle.js';
import { hashPassword, verifyPassword } from '../src/accounts/passwords.js';

let server: Running;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
before(async () => {
  smtp = await startSmtp();
  server = await startApp({ mail: { smtpUrl: smtp.url }, publicUrl: 'https://ptce.example.org' });
});
after(async () => {
  await server.close();
  await smtp.close();
});

const url = (path: string) => `${server.url}${path}`;
const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const login = (email: string, password: string) => post(url('/api/login'), { email, password });
const setPassword = (link: string, password: string) => post(url('/api/password'), { link, password });
/** The link of the next password mail, read from what the SMTP server received. */
async function nextLink(to: string): Promise<string> {
  const mail = await smtp.next();
  assert.deepEqual(mail.to, [to]);
  const text = decodeMail(mail.raw);
  const link = /https:\/\/ptce\.example\.org\/admin\.html#mot-de-passe=([\w-]+)/.exec(text)?.[1];
  assert.ok(link, 'the mail holds the link');
  return link;
}

describe('passwords', () => {
  it('are hashed with scrypt, salted, with their parameters; compared right and wrong', async () => {
    const one = await hashPassword('un mot de passe assez long');
    const two = await hashPassword('un mot de passe assez long');
    assert.match(one, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.notEqual(one, two, 'a salt of its own');
    assert.equal(await verifyPassword('un mot de passe assez long', one), true);
    assert.equal(await verifyPassword('un mot de passe assez lonG', one), false);
    assert.equal(await verifyPassword('anything', null), false);
  });
});

describe('accounts: creation, password link, login, logout', () => {
  it('an admin creates a moderator, who sets a password through the mailed link (once) and logs in', async () => {
    const created = await admin(url('/api/admin/accounts'), {
      ...json({ email: 'Mod.PACA@Example.org', name: 'Modération PACA', role: 'moderator', regions: ['93'], departements: [] }),
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
    });
    assert.equal(created.status, 201);
    const account = await created.json();
    assert.deepEqual(
      {
        email: account.email,
        role: account.role,
        regions: account.regions,
        passwordSet: account.passwordSet,
        notify: account.notify,
        linkSent: account.linkSent,
      },
      { email: 'mod.paca@example.org', role: 'moderator', regions: ['93'], passwordSet: false, notify: 'immediate', linkSent: true },
    );
    const link = await nextLink('mod.paca@example.org');
    // Not stored as it is: only its hash.
    const stored = await server.store.db.selectFrom('password_links').selectAll().where('account_id', '=', account.id).execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0].token_hash, link);

    assert.equal((await login('mod.paca@example.org', 'nothing set yet, so no')).status, 401);
    const short = await setPassword(link, 'court');
    assert.equal(short.status, 400);
    assert.equal((await short.json()).errors[0].path, 'password');
    assert.equal((await setPassword(link, 'un mot de passe de modération')).status, 204);
    assert.equal((await setPassword(link, 'un autre mot de passe long')).status, 410, 'the link works once');
    assert.equal((await setPassword('not-a-link', 'un autre mot de passe long')).status, 410);

    const wrong = await login('mod.paca@example.org', 'un mot de passe de moderation');
    assert.equal(wrong.status, 401);
    const right = await login('MOD.paca@example.org', 'un mot de passe de modération');
    assert.equal(right.status, 200);
    assert.equal(right.headers.get('cache-control'), 'no-store');
    const session = await right.json();
    assert.match(session.token, /^[\w-]{43}$/);
    assert.equal(session.account.email, 'mod.paca@example.org');
    assert.deepEqual(session.account.regions, ['93']);
    assert.equal(session.account.password_hash, undefined);
    // The session token is stored as its hash only.
    const sessions = await server.store.db.selectFrom('sessions').select('token_hash').where('account_id', '=', account.id).execute();
    assert.equal(sessions.length, 1);
    assert.notEqual(sessions[0].token_hash, session.token);

    const me = await as(session.token, url('/api/me'));
    assert.equal(me.status, 200);
    assert.equal((await me.json()).account.email, 'mod.paca@example.org');
    // Logout ends the session at once.
    assert.equal((await as(session.token, url('/api/logout'), { method: 'POST' })).status, 204);
    assert.equal((await as(session.token, url('/api/me'))).status, 401);
    assert.equal((await as(session.token, url('/api/admin/signatures'))).status, 401);
  });

  it('sends a new link on request: the earlier one stops working; an expired link is refused', async () => {
    const { account } = await (
      await as(ADMIN, url('/api/admin/accounts'), {
        method: 'POST',
        body: JSON.stringify({ email: 'relance@example.org', role: 'admin', regions: [], departements: [] }),
      })
    )
      .json()
      .then((body) => ({ account: body }));
    const first = await nextLink('relance@example.org');
    const resend = await as(ADMIN, url(`/api/admin/accounts/${account.id}/password-link`), { method: 'POST' });
    assert.equal(resend.status, 202);
    assert.deepEqual(await resend.json(), { linkSent: true });
    const second = await nextLink('relance@example.org');
    assert.equal((await setPassword(first, 'le premier lien ne sert plus')).status, 410);
    // Expired: three days later the link is refused.
    await server.store.db
      .updateTable('password_links')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('account_id', '=', account.id)
      .execute();
    assert.equal((await setPassword(second, 'trop tard pour ce lien-ci')).status, 410);
    assert.equal((await as(ADMIN, url('/api/admin/accounts/999999/password-link'), { method: 'POST' })).status, 404);
  });

  it('refuses an invalid account (422-like 400), a taken address (409, case-folded), a moderator without territory', async () => {
    const create = (body: unknown) => as(ADMIN, url('/api/admin/accounts'), { method: 'POST', body: JSON.stringify(body) });
    const badEmail = await create({ email: 'pas une adresse', role: 'moderator', regions: ['76'] });
    assert.equal(badEmail.status, 400);
    assert.equal((await badEmail.json()).errors[0].path, 'email');
    const badRole = await create({ email: 'x@example.org', role: 'owner', regions: ['76'] });
    assert.equal(badRole.status, 400);
    const badCodes = await create({ email: 'x@example.org', role: 'moderator', regions: ['99'], departements: ['2C'] });
    assert.equal(badCodes.status, 400);
    assert.deepEqual(
      (await badCodes.json()).errors.map((issue: { path: string }) => issue.path),
      ['regions[0]', 'departements[0]'],
    );
    const noTerritory = await create({ email: 'x@example.org', role: 'moderator' });
    assert.equal(noTerritory.status, 400);
    assert.equal((await create({ email: 'double@example.org', role: 'moderator', departements: ['31'] })).status, 201);
    assert.equal((await create({ email: 'DOUBLE@example.org', role: 'moderator', departements: ['31'] })).status, 409);
    await smtp.next();
  });

  it('answers 401 without a session and 403 to a moderator on the admins-only routes', async () => {
    // Wrong tokens are counted per address (429 after 10): this test's own server.
    const server = await startApp();
    after(() => server.close());
    const url = (path: string) => `${server.url}${path}`;
    const moderator = await loggedIn(server, { regions: ['76'] });
    for (const [method, path] of [
      ['GET', '/api/admin/accounts'],
      ['POST', '/api/admin/accounts'],
      ['PATCH', `/api/admin/accounts/${moderator.id}`],
      ['POST', `/api/admin/accounts/${moderator.id}/password-link`],
      ['POST', `/api/admin/accounts/${moderator.id}/erase`],
      ['GET', '/api/admin/audit'],
    ]) {
      const body =
        method === 'GET' ? undefined : JSON.stringify(method === 'PATCH' ? { role: 'admin' } : { email: 'y@example.org', role: 'admin' });
      assert.equal(
        (await fetch(url(path), { method, body, headers: body ? { 'Content-Type': 'application/json' } : {} })).status,
        401,
        path,
      );
      assert.equal((await as(moderator.token, url(path), { method, body })).status, 403, `${method} ${path}`);
    }
    const me = await (await as(moderator.token, url('/api/me'))).json();
    assert.equal(me.account.role, 'moderator', 'the moderator did not make itself admin');
    assert.equal((await fetch(url('/api/me'))).status, 401);
  });

  it('the admin token is an admin without an account; a named admin manages accounts', async () => {
    const me = await (await as(ADMIN, url('/api/me'))).json();
    assert.deepEqual({ role: me.account.role, email: me.account.email }, { role: 'admin', email: null });
    const chief = await loggedIn(server, { role: 'admin' });
    const list = await as(chief.token, url('/api/admin/accounts'));
    assert.equal(list.status, 200);
    assert.ok((await list.json()).accounts.some((account: { email: string }) => account.email === chief.email));
    // Not their own admin role, nor their own account disabled.
    assert.equal(
      (
        await as(chief.token, url(`/api/admin/accounts/${chief.id}`), {
          method: 'PATCH',
          body: JSON.stringify({ role: 'moderator', regions: ['76'] }),
        })
      ).status,
      409,
    );
    assert.equal(
      (await as(chief.token, url(`/api/admin/accounts/${chief.id}`), { method: 'PATCH', body: JSON.stringify({ disabled: true }) })).status,
      409,
    );
    assert.equal(
      (await as(chief.token, url('/api/admin/accounts/424242'), { method: 'PATCH', body: JSON.stringify({ notify: 'off' }) })).status,
      404,
    );
    const invalid = await as(chief.token, url(`/api/admin/accounts/${chief.id}`), {
      method: 'PATCH',
      body: JSON.stringify({ notify: 'hourly' }),
    });
    assert.equal(invalid.status, 400);
  });

  it("a disabled account's session stops working at once, and it cannot log in again", async () => {
    const server = await startApp();
    after(() => server.close());
    const url = (path: string) => `${server.url}${path}`;
    const login = (email: string, password: string) => post(url('/api/login'), { email, password });
    const moderator = await loggedIn(server, { regions: ['76'] });
    assert.equal((await as(moderator.token, url('/api/admin/signatures'))).status, 200);
    const disabled = await as(ADMIN, url(`/api/admin/accounts/${moderator.id}`), {
      method: 'PATCH',
      body: JSON.stringify({ disabled: true }),
    });
    assert.equal(disabled.status, 200);
    assert.equal((await disabled.json()).disabled, true);
    assert.equal((await as(moderator.token, url('/api/admin/signatures'))).status, 401);
    assert.equal((await login(moderator.email, PASSWORD)).status, 401);
    // Enabled again: a new login works (the old session stays ended).
    await as(ADMIN, url(`/api/admin/accounts/${moderator.id}`), { method: 'PATCH', body: JSON.stringify({ disabled: false }) });
    assert.equal((await as(moderator.token, url('/api/admin/signatures'))).status, 401);
    assert.equal((await login(moderator.email, PASSWORD)).status, 200);
  });

  it('a moderator changes their own notification preference, not their role; changes are in the audit', async () => {
    const moderator = await loggedIn(server, { departements: ['31'] });
    const changed = await as(moderator.token, url('/api/me'), {
      method: 'PATCH',
      body: JSON.stringify({ notify: 'daily', role: 'admin' }),
    });
    assert.equal(changed.status, 200);
    const { account } = await changed.json();
    assert.deepEqual({ notify: account.notify, role: account.role }, { notify: 'daily', role: 'moderator' });
    assert.equal((await as(ADMIN, url('/api/me'), { method: 'PATCH', body: JSON.stringify({ notify: 'off' }) })).status, 409);
    const audit = await (await as(ADMIN, url(`/api/admin/audit?subjectType=account&subjectId=${moderator.id}`))).json();
    assert.deepEqual(
      audit.entries.map((entry: { action: string }) => entry.action),
      ['account.update', 'account.create'],
    );
    const [update] = audit.entries;
    assert.equal(update.actor.label, moderator.email);
    assert.equal(update.before.notify, 'immediate');
    assert.equal(update.after.notify, 'daily');
  });
});

describe('login throttle', () => {
  it('refuses every attempt at an account from an address after 5 wrong ones, the right one too, for the window only', async () => {
    const target = await loggedIn(server, { departements: ['31'] });
    for (let i = 0; i < 5; i++) assert.equal((await login(target.email, `mauvais mot de passe ${i}`)).status, 401);
    const blocked = await login(target.email, PASSWORD);
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 0);
    // Another account from the same address is not blocked.
    const other = await loggedIn(server, { departements: ['31'] });
    assert.equal((await login(other.email, PASSWORD)).status, 200);
    // The session already open goes on working.
    assert.equal((await as(target.token, url('/api/me'))).status, 200);
  });

  it('lets a right password in again once the window has passed (never locked for good)', async () => {
    const limits = { perAccountAndAddress: 3, perAddress: 10, perAccount: 20 };
    // Two throttles on one database: two server processes count the same attempts.
    const one = new LoginThrottle(server.store.db, limits);
    const other = new LoginThrottle(server.store.db, limits);
    const t0 = Date.now() + 3600_000;
    for (let i = 0; i < 3; i++) await (i % 2 ? other : one).failed('192.0.2.1', 'a@example.org', t0);
    assert.ok((await one.blocked('192.0.2.1', 'a@example.org', t0 + 1000)) > 0);
    assert.ok((await other.blocked('192.0.2.1', 'a@example.org', t0 + 1000)) > 0, 'the other process refuses too');
    assert.equal(await one.blocked('192.0.2.2', 'a@example.org', t0 + 1000), 0, 'another address may try');
    assert.equal(await one.blocked('192.0.2.1', 'a@example.org', t0 + 15 * 60_000), 0, 'the window ends');
    // A wrong password after the window starts a new one, at 1.
    await one.failed('192.0.2.1', 'a@example.org', t0 + 15 * 60_000);
    assert.equal(await one.blocked('192.0.2.1', 'a@example.org', t0 + 15 * 60_000 + 1000), 0);
    // Per address over many accounts, and per account over many addresses.
    for (let i = 0; i < 10; i++) await one.failed('198.51.100.7', `x${i}@example.org`, t0);
    assert.ok((await one.blocked('198.51.100.7', 'new@example.org', t0)) > 0);
    for (let i = 0; i < 20; i++) await other.failed(`203.0.113.${i}`, 'b@example.org', t0);
    assert.ok((await one.blocked('203.0.113.200', 'b@example.org', t0)) > 0);
    // IPv6 neighbours in one /64 count as one address.
    for (let i = 0; i < 3; i++) await one.failed(`2001:db8::${i + 1}`, 'c@example.org', t0);
    assert.ok((await one.blocked('2001:db8::ffff', 'c@example.org', t0)) > 0);
    // Neither an e-mail nor an address is stored, only hashes.
    const stored = JSON.stringify(await server.store.db.selectFrom('login_attempts').selectAll().execute());
    for (const clear of ['a@example.org', '192.0.2.1', '203.0.113', '2001:db8']) assert.ok(!stored.includes(clear), clear);
  });
});
