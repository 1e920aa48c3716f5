import { expect, fixture, html } from '@open-wc/testing';
import { axeViolations, find, inside, loggedInAdminPage, shown } from '../support/admin-page.js';
import { realServer, realServerAdmin } from '../support/mock.js';
import { until } from '../support/wait.js';
import { choose, click, fill } from '../support/input.js';

// Accounts through the admin page against the real server: the admin creates a moderator for
// Provence-Alpes-Côte d'Azur, who follows the mailed link, chooses a password, logs in and sees
// only their sections and the poles of their region; the audit log shows the decisions.

describe('admin page: accounts on the real server', () => {
  it('creates a moderator, who chooses a password from the link, logs in and sees their territory only', async () => {
    const server = await realServer();
    const email = `moderation-${Date.now().toString(36)}@example.org`;
    const admin = await loggedInAdminPage(server.token);
    await click(find(admin.doc, 'nav button[data-section="accounts"]')!);
    const accounts = () => find(admin.doc, 'ptce-admin-accounts')!.shadowRoot!;
    await fill(await until(() => find<HTMLInputElement>(accounts(), '#account-email'), 'the account form'), email);
    await choose(find<HTMLSelectElement>(accounts(), '#account-regions')!, '93');
    await click(find(accounts(), '#new-account button[type="submit"]')!);
    await until(() => find(accounts(), '#accounts-status')?.textContent?.includes(`Compte ${email} créé`), 'created');
    await until(() => find(accounts(), '#accounts')?.textContent?.includes("Provence-Alpes-Côte d'Azur"), 'listed with its region');
    expect(await axeViolations(admin.frame), 'accounts').to.deep.equal([]);

    // The audit log names the creation.
    await click(find(admin.doc, 'nav button[data-section="audit"]')!);
    await until(() => inside(admin.doc, 'ptce-admin-audit', '#audit')?.textContent?.includes(email), 'the audit entry');
    expect(await axeViolations(admin.frame), 'audit').to.deep.equal([]);

    const { body: outbox } = await realServerAdmin('/api/admin/outbox');
    const mail = outbox.messages.find((message: { to: string }) => message.to === email);
    const link = /#mot-de-passe=([\w-]+)/.exec(mail.text)![1];

    sessionStorage.removeItem('ptce-admin-token');
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/real/admin.html#mot-de-passe=${link}" title="admin" style="width:780px;height:560px;border:0"></iframe>`,
    );
    const doc = await until(
      () => (frame.contentDocument && find(frame.contentDocument, '#f-newPassword') ? frame.contentDocument : undefined),
      'the password form',
    );
    const password = 'un mot de passe assez long';
    await fill(find<HTMLInputElement>(doc, '#f-newPassword')!, password);
    await fill(find<HTMLInputElement>(doc, '#f-confirm')!, `${password}!`);
    await click(find(doc, 'button[part="submit"]')!);
    expect((await shown(doc, '[part="error-summary"]')).textContent).to.contain('les deux mots de passe diffèrent');
    expect(await axeViolations(frame), 'password choice').to.deep.equal([]);
    await fill(find<HTMLInputElement>(doc, '#f-confirm')!, password);
    await click(find(doc, 'button[part="submit"]')!);
    await until(
      () => find(doc, 'ptce-admin-login')?.shadowRoot?.textContent?.includes('Mot de passe enregistré : connectez-vous.'),
      'password saved',
    );
    expect(frame.contentWindow!.location.hash, 'the link leaves the address').to.equal('');

    await fill(await shown<HTMLInputElement>(doc, '#f-email'), email);
    await fill(find<HTMLInputElement>(doc, '#f-password')!, password);
    await click(find(doc, 'button[part="submit"]')!);
    await shown(doc, 'ptce-admin-queue', 'the queue');
    expect(find(doc, '#who')!.textContent).to.contain(`${email} (modérateur)`);
    const sections = [...find(doc, 'nav')!.querySelectorAll('button')].map((button) => button.dataset.section);
    expect(sections).to.deep.equal(['queue', 'poles', 'imports']);
    expect(await axeViolations(frame), 'moderator').to.deep.equal([]);

    await click(find(doc, 'nav button[data-section="poles"]')!);
    const poles = () => find(doc, 'ptce-admin-poles')!.shadowRoot!;
    await until(() => find(poles(), `button[aria-label="Modifier Bou'Sol"]`), "Bou'Sol, in the region");
    expect(!find(poles(), 'button[aria-label="Modifier InnoVales"]'), 'a pole of another region').to.equal(true);

    // Logging out ends the session on the server too.
    const token = frame.contentWindow!.sessionStorage.getItem('ptce-admin-token')!;
    expect((await fetch('/real/api/me', { headers: { Authorization: `Bearer ${token}` } })).status).to.equal(200);
    await click(find(doc, 'header button')!);
    await until(() => find(doc, '#notice')?.textContent?.includes('Vous êtes déconnecté.'), 'logged out');
    expect((await fetch('/real/api/me', { headers: { Authorization: `Bearer ${token}` } })).status, 'no session left').to.equal(401);
  });

  it('changes an account’s name, role and territory in a form under its row', async () => {
    const server = await realServer();
    const email = `territoire-${Date.now().toString(36)}@example.org`;
    const created = await realServerAdmin('/api/admin/accounts', {
      method: 'POST',
      body: { email, role: 'moderator', regions: [], departements: ['69'] },
    });
    expect(created.status).to.equal(201);
    const admin = await loggedInAdminPage(server.token);
    await click(find(admin.doc, 'nav button[data-section="accounts"]')!);
    const accounts = () => find(admin.doc, 'ptce-admin-accounts')!.shadowRoot!;
    const edit = await until(
      () =>
        find<HTMLButtonElement>(accounts(), `button[aria-expanded]`) &&
        [...accounts().querySelectorAll<HTMLButtonElement>('button[aria-expanded]')].find((b) => b.textContent!.includes(email)),
      'the change button of the account',
    );
    await click(edit);
    // The form opens under the row, with the account's values, its first field focused.
    const form = await until(() => find<HTMLFormElement>(accounts(), '#edit-account'), 'the form');
    expect(form.querySelector('legend')!.textContent).to.contain(email);
    expect(find<HTMLInputElement>(accounts(), '#edit-departements')!.value).to.equal('69');
    expect(edit.getAttribute('aria-expanded')).to.equal('true');
    expect(await axeViolations(admin.frame), 'the form open').to.deep.equal([]);
    await fill(find<HTMLInputElement>(accounts(), '#edit-name')!, 'Camille, modération Alpes');
    await fill(find<HTMLInputElement>(accounts(), '#edit-departements')!, '38, 73');
    await click(find(form, 'button[type="submit"]')!);
    await until(() => find(accounts(), '#accounts-status')?.textContent?.includes(`Compte ${email} mis à jour.`), 'updated');
    expect(find(accounts(), '#edit-account'), 'the form closes').to.equal(null);
    const row = [...accounts().querySelectorAll('#accounts tbody tr')].find((tr) => tr.textContent!.includes(email))!;
    expect(row.textContent).to.contain('Camille, modération Alpes').and.to.contain('38, 73');
    // As stored.
    const { body } = await realServerAdmin('/api/admin/accounts');
    const stored = body.accounts.find((account: { email: string }) => account.email === email);
    expect([stored.name, stored.role, stored.departements]).to.deep.equal(['Camille, modération Alpes', 'moderator', ['38', '73']]);

    // A territory the server refuses: said, and the form stays open with what was typed.
    await click([...accounts().querySelectorAll<HTMLButtonElement>('button[aria-expanded]')].find((b) => b.textContent!.includes(email))!);
    await fill(await until(() => find<HTMLInputElement>(accounts(), '#edit-departements'), 'the form again'), '');
    await click(find(accounts(), '#edit-account button[type="submit"]')!);
    await until(() => find(accounts(), '#accounts-status')?.textContent?.includes(`Compte ${email} :`), 'refused');
    expect(find(accounts(), '#edit-account'), 'still open').to.not.equal(null);
    expect(await axeViolations(admin.frame), 'the refusal').to.deep.equal([]);
  });
});
