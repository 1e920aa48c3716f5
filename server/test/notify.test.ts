import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { post, repo, signature, startApp, type Running } from './helpers.js';
import { decodeMail, loggedIn } from './accounts-support.js';
import { startSmtp } from './smtp.js';
import { notifyModerators, sendDigests } from '../src/accounts/notify.js';
import { createMailer } from '../src/mail/mailer.js';
import { createAccount } from '../src/accounts/accounts.js';
import { TOKEN_ADMIN } from '../src/http/actor.js';
import { validActionProposal } from '../../test/contract/cases.js';

const run = promisify(execFile);

let server: Running;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const emails: Record<string, string> = {};
before(async () => {
  smtp = await startSmtp();
  server = await startApp({ mail: { smtpUrl: smtp.url }, publicUrl: 'https://ptce.example.org' });
  const accounts: [string, Parameters<typeof loggedIn>[1]][] = [
    ['pacaNow', { regions: ['93'], notify: 'immediate' }],
    ['pacaDaily', { departements: ['13'], notify: 'daily' }],
    ['pacaOff', { regions: ['93'], notify: 'off' }],
    ['occitanie', { regions: ['76'] }],
  ];
  for (const [name, wanted] of accounts) emails[name] = (await loggedIn(server, wanted)).email;
  // Disabled: hears nothing.
  const disabled = await createAccount(server.store.db, TOKEN_ADMIN, {
    email: 'desactive@example.org',
    role: 'moderator',
    regions: ['93'],
    departements: [],
  });
  await server.store.db.updateTable('accounts').set({ disabled: 1 }).where('id', '=', disabled!.account.id).execute();
});
after(async () => {
  await server.close();
  await smtp.close();
});

/** Polls until `check` holds (the notifications go out after the answer). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const digestItems = (email: string) =>
  server.store.db
    .selectFrom('digest_items')
    .innerJoin('accounts', 'accounts.id', 'digest_items.account_id')
    .select(['digest_items.subject', 'digest_items.body'])
    .where('accounts.email', '=', email)
    .execute();

describe('notifications to moderators', () => {
  it("a signature for Bou'Sol mails PACA's 'immediate' moderator at once, queues it for the 'daily' one, nobody else", async () => {
    const response = await post(
      `${server.url}/api/signatures`,
      signature({
        pole: { id: 'bou-sol', name: "Bou'Sol", street: '1 rue du Four', postcode: '13001', city: 'Marseille', department: '13' },
        representative: { lastName: 'Secret', firstName: 'Camille', email: 'personne.privee@example.org', phone: '06 12 34 56 78' },
      }),
    );
    assert.equal(response.status, 201);
    const { reference } = await response.json();
    const mail = await smtp.next();
    assert.deepEqual(mail.to, [emails.pacaNow]);
    const text = decodeMail(mail.raw);
    assert.match(text, /^Subject: Charte : nouvelle signature de Bou'Sol\r$/m);
    assert.ok(text.includes(reference));
    assert.ok(text.includes('https://ptce.example.org/admin.html'));
    assert.ok(!text.includes('personne.privee@example.org') && !text.includes('Secret'), 'no personal data in the mail');
    // The replay of the same submission notifies nobody again; the daily moderator's item waits.
    const queued = await until(
      () => digestItems(emails.pacaDaily),
      (items) => items.length > 0,
    );
    assert.equal(queued.length, 1);
    assert.ok(queued[0].body.includes(reference));

    // Then a fiche of a pole in Occitanie: the next mail is Occitanie's (none went to Occitanie before).
    const fiche = await post(`${server.url}/api/actions`, {
      ...validActionProposal,
      pole: { id: 'pole-tarnais-de-cooperation-economique', name: 'Pôle Tarnais' },
    });
    assert.equal(fiche.status, 201);
    const second = await smtp.next();
    assert.deepEqual(second.to, [emails.occitanie]);
    assert.match(decodeMail(second.raw), /Fiche action/);
    assert.equal((await digestItems(emails.pacaDaily)).length, 1, 'not PACA’s');
  });

  it('sends the daily digest once it is due (or at once for the cron command), one mail per account, then empties the queue', async () => {
    const mailer = createMailer(server.store.db, { smtpUrl: smtp.url });
    try {
      // Not due yet: the account was created less than a day ago.
      assert.equal(await sendDigests(server.store.db, mailer), 0);
      assert.equal(await sendDigests(server.store.db, mailer, { now: Date.now() + 25 * 3600_000 }), 1);
      const digest = await smtp.next();
      assert.deepEqual(digest.to, [emails.pacaDaily]);
      assert.match(decodeMail(digest.raw), /Charte : nouvelle signature de Bou'Sol/);
      assert.deepEqual(await digestItems(emails.pacaDaily), []);
      assert.equal(await sendDigests(server.store.db, mailer, { force: true }), 0, 'nothing left to send');
    } finally {
      mailer.close();
    }
  });

  it('`npm run -w server digest` sends what waits, for cron', async () => {
    const mailer = createMailer(server.store.db, { smtpUrl: smtp.url });
    const result = await notifyModerators(server.store.db, mailer, {
      departements: ['13'],
      subject: 'Contribution à Marseille',
      text: 'Une contribution.',
    });
    mailer.close();
    assert.deepEqual(result, { mailed: 1, queued: 1, failed: 0 });
    await smtp.next(); // the immediate one
    const env = {
      ...process.env,
      ...(server.database.startsWith('postgres')
        ? { PTCE_DATABASE_URL: server.database }
        : { PTCE_DB: server.database, PTCE_DATABASE_URL: '' }),
      PTCE_SMTP_URL: smtp.url,
    };
    const { stdout } = await run('npm', ['run', '--silent', '-w', 'server', 'digest'], { cwd: repo, env });
    assert.match(stdout, /1 digest sent/);
    const digest = await smtp.next();
    assert.deepEqual(digest.to, [emails.pacaDaily]);
    assert.match(decodeMail(digest.raw), /Contribution à Marseille/);
  });

  it('an item placed nowhere reaches admins only; "off" and disabled accounts hear nothing', async () => {
    const admin = await loggedIn(server, { role: 'admin', notify: 'immediate' });
    const mailer = createMailer(server.store.db, { smtpUrl: smtp.url });
    const result = await notifyModerators(server.store.db, mailer, { departements: [], subject: 'Sans lieu', text: '…' });
    mailer.close();
    assert.deepEqual(result, { mailed: 1, queued: 0, failed: 0 });
    assert.deepEqual((await smtp.next()).to, [admin.email]);
  });

  it('signatures sent together are each told; what still waits when the server stops is sent first', async () => {
    // A server of its own, without SMTP: its messages wait in the outbox, readable after it stops.
    const own = await startApp({ publicUrl: 'https://ptce.example.org' });
    try {
      const moderator = await loggedIn(own, { regions: ['93'], notify: 'immediate' });
      const names = ['Pôle Un', 'Pôle Deux', 'Pôle Trois'];
      const sent = await Promise.all(
        names.map((name) =>
          post(
            `${own.url}/api/signatures`,
            signature({ pole: { name, street: '1 rue du Four', postcode: '13001', city: 'Marseille', department: '13' } }),
          ),
        ),
      );
      assert.deepEqual(
        sent.map((response) => response.status),
        [201, 201, 201],
      );
      // Stopped at once: the group had not left yet (it waits a tenth of a second).
      await own.app.close();
      const messages = await own.store.db
        .selectFrom('outbox')
        .select(['recipient', 'subject'])
        .where('kind', '=', 'notification')
        .execute();
      assert.deepEqual(
        messages.map((message) => message.recipient),
        [moderator.email, moderator.email, moderator.email],
      );
      assert.deepEqual(
        messages.map((message) => message.subject).sort(),
        names.map((name) => `Charte : nouvelle signature de ${name}`).sort(),
      );
    } finally {
      await own.store.close();
    }
  });
});
