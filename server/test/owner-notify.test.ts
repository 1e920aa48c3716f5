// New claims and owners' edits reach the moderators of the pole's territory (accounts/notify.ts),
// over a real SMTP server, without the claimant's or owner's personal data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeMail, loggedIn } from './accounts-support.js';
import { admin, post, startApp, type Running } from './helpers.js';
import { startSmtp, type ReceivedMail } from './smtp.js';

let server: Running;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let paca = '';
let occitanie = '';
before(async () => {
  smtp = await startSmtp();
  server = await startApp({ publicUrl: 'https://annuaire.example.org', mail: { smtpUrl: smtp.url } });
  paca = (await loggedIn(server, { regions: ['93'], notify: 'immediate' })).email;
  occitanie = (await loggedIn(server, { regions: ['76'], notify: 'immediate' })).email;
});
after(async () => {
  await server.close();
  await smtp.close();
});

/** The next mail to `address` (mails to others are kept for their own turn, in order). */
const kept: ReceivedMail[] = [];
async function nextTo(address: string): Promise<string> {
  for (;;) {
    const index = kept.findIndex((mail) => mail.to.includes(address));
    if (index >= 0) return decodeMail(kept.splice(index, 1)[0].raw);
    kept.push(await smtp.next());
  }
}

describe('moderators hear of claims and owners’ edits', () => {
  it('a claim of Bou’Sol, then its owner’s edit, each mail PACA’s moderator, never Occitanie’s, with no personal data', async () => {
    const claimed = await post(`${server.url}/api/poles/bou-sol/claim`, { name: 'Lou Secrète', email: 'lou.secrete@bou-sol.example' });
    assert.equal(claimed.status, 202);
    const { reference } = await claimed.json();
    const mail = await nextTo(paca);
    assert.match(mail, /^Subject: Demande de gestion d'un pôle : Bou'Sol\r$/m);
    assert.ok(mail.includes(reference));
    assert.ok(mail.includes('https://annuaire.example.org/admin.html'));
    assert.ok(!mail.includes('Lou Secrète') && !mail.includes('lou.secrete@'), 'no personal data in the mail');

    // The claim approved, the owner's link opens a session; the owner proposes a new description.
    const { claims } = await (await admin(`${server.url}/api/admin/claims`)).json();
    const id = claims.find((c: { reference: string }) => c.reference === reference).id;
    assert.equal((await admin(`${server.url}/api/admin/claims/${id}/approve`, { method: 'POST' })).status, 200);
    const link = /gerer\?lien=([\w-]+)/.exec(await nextTo('lou.secrete@bou-sol.example'))![1];
    const session = await (await post(`${server.url}/api/owner/session`, { link })).json();
    const edited = await fetch(`${server.url}/api/owner/pole`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ changes: { description: 'Une nouvelle présentation.' }, version: session.pole.version }),
    });
    assert.equal(edited.status, 202);
    const editMail = await nextTo(paca);
    assert.match(editMail, /^Subject: Modification proposée par un pôle : Bou'Sol\r$/m);
    assert.match(editMail, /modifier : description\./);
    assert.ok(!editMail.includes('Lou Secrète') && !editMail.includes('lou.secrete@'), 'no personal data in the mail');
    assert.ok(!editMail.includes('Une nouvelle présentation'), 'the change itself is read in the admin page');
    // Nothing went to Occitanie.
    assert.ok(kept.every((m) => !m.to.includes(occitanie)));
  });
});
