import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ADMIN, startApp } from './helpers.js';
import { createMailer } from '../src/mail/mailer.js';
import { startSmtp } from './smtp.js';

describe('mail', () => {
  it('goes out over SMTP when PTCE_SMTP_URL is set, and not to the outbox', async () => {
    const smtp = await startSmtp();
    const server = await startApp({ mail: { smtpUrl: smtp.url, from: 'CRESS <annuaire@cress.example.org>' } });
    after(() => Promise.all([server.close(), smtp.close()]));
    const mailer = createMailer(server.store.db, { smtpUrl: smtp.url, from: 'CRESS <annuaire@cress.example.org>' });
    await mailer.send({ to: 'pole@example.org', subject: 'Votre lien', text: 'Bonjour, voici le lien : é', kind: 'owner-link' });
    mailer.close();
    const mail = await smtp.next();
    assert.deepEqual(mail.to, ['pole@example.org']);
    assert.equal(mail.from, 'annuaire@cress.example.org');
    assert.match(mail.raw, /Subject: Votre lien/);
    const outbox = await (await fetch(`${server.url}/api/admin/outbox`, { headers: { authorization: `Bearer ${ADMIN}` } })).json();
    assert.deepEqual(outbox, { sends: true, messages: [] });
  });

  it('waits in the outbox, which the admin reads, without an SMTP server', async () => {
    const server = await startApp();
    after(() => server.close());
    const mailer = createMailer(server.store.db);
    await mailer.send({ to: 'pole@example.org', subject: 'Votre lien', text: 'Bonjour', kind: 'owner-link' });
    const response = await fetch(`${server.url}/api/admin/outbox`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const outbox = await response.json();
    assert.equal(outbox.sends, false);
    assert.equal(outbox.messages.length, 1);
    assert.deepEqual(
      { to: outbox.messages[0].to, subject: outbox.messages[0].subject, text: outbox.messages[0].text, kind: outbox.messages[0].kind },
      { to: 'pole@example.org', subject: 'Votre lien', text: 'Bonjour', kind: 'owner-link' },
    );
    assert.equal((await fetch(`${server.url}/api/admin/outbox`)).status, 401);
  });
});
