import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './define.js';
import type { PtcePoleCard } from './ptce-pole-card.js';
import { mockRequests, mockRoute, realServer, realServerAdmin, uniquePrefix } from '../../../test/support/mock.js';
import { until } from '../../../test/support/wait.js';
import { click, fill } from '../../../test/support/input.js';

/** The real server through the test server's `/real/` proxy (same origin). */
const REAL = '/real/ptce.json';
const POLE_CONTACT = 'direction.privee@bou-sol.example';

const shadow = (el: Element) => el.shadowRoot!;
async function mountCard(endpoint: string, attrs: string[] = [], poleId = 'bou-sol') {
  const el = await fixture<PtcePoleCard>(
    html`<ptce-pole-card
      endpoint=${endpoint}
      pole-id=${poleId}
      lang="fr"
      ?report-error=${attrs.includes('report-error')}
      ?claim=${attrs.includes('claim')}
      ?contact=${attrs.includes('contact')}
    ></ptce-pole-card>`,
  );
  await until(() => el.data.state.status === 'ready', 'card ready');
  await el.updateComplete;
  return el;
}
const button = (el: PtcePoleCard, text: string) =>
  [...shadow(el).querySelectorAll<HTMLButtonElement>('[part="request-button"]')].find((b) => b.textContent!.trim() === text)!;
/** The open request's element and its shadow root. */
async function openRequest(el: PtcePoleCard, text: string) {
  await click(button(el, text));
  const request = await until(() => shadow(el).querySelector('ptce-pole-request'), 'request form');
  await until(() => request.shadowRoot?.querySelector('form'), 'form drawn');
  return { request, root: request.shadowRoot! };
}
const input = <T extends Element = HTMLInputElement>(root: ShadowRoot, id: string) => root.querySelector<T>(`#${id}`)!;

/** Every answer the page reads from now on, as text (to look for what it must never receive). */
function recordAnswers() {
  const texts: string[] = [];
  const original = window.fetch;
  window.fetch = async (...args) => {
    const response = await original(...args);
    texts.push(await response.clone().text(), [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n'));
    return response;
  };
  return { texts, restore: () => (window.fetch = original) };
}

describe('<ptce-pole-card> opt-in requests', () => {
  it('shows none by default', async () => {
    const el = await mountCard(REAL);
    expect(shadow(el).querySelector('[part="requests"]')).to.equal(null);
  });

  it('a contact message reaches the pole’s contact and its address is in no response the sender receives', async () => {
    const { token } = await realServer();
    const set = await fetch('/real/api/admin/poles/bou-sol/contact', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: POLE_CONTACT }),
    });
    expect(set.status).to.equal(204);
    const answers = recordAnswers();
    try {
      const el = await mountCard(REAL, ['contact', 'report-error']);
      expect(button(el, 'Contacter ce pôle').getAttribute('aria-expanded')).to.equal('false');
      await expect(el).to.be.accessible();
      const { request, root } = await openRequest(el, 'Contacter ce pôle');
      expect(button(el, 'Contacter ce pôle').getAttribute('aria-expanded')).to.equal('true');
      // The pole offers one action: the message may answer it.
      await until(() => request.shadowRoot!.activeElement === input(root, 'f-offer'), 'focus on the first field');
      await expect(el).to.be.accessible();
      await click(root.querySelector('[part="submit"]')!);
      const summary = await until(() => root.querySelector<HTMLElement>('[part="error-summary"]'), 'errors');
      expect(summary.textContent).to.contain('Votre message : Ce champ est obligatoire.');
      await expect(el).to.be.accessible();
      const tag = `contact-${Date.now().toString(36)}`;
      await fill(input<HTMLTextAreaElement>(root, 'f-message'), `Bonjour, votre offre nous intéresse (${tag}).`);
      await fill(input(root, 'f-name'), 'Alex Voisin');
      await fill(input(root, 'f-email'), `${tag}@pole-voisin.example`);
      const sent = oneEvent(el, 'ptce-pole-request-sent');
      await click(root.querySelector('[part="submit"]')!);
      const { detail } = (await sent) as CustomEvent<{ kind: string; reference: string }>;
      expect(detail.kind).to.equal('contact');
      const receipt = await until(() => root.querySelector('[part="receipt"]'), 'receipt');
      expect(receipt.textContent).to.contain('Votre message a été transmis au pôle').and.to.contain(detail.reference);
      await expect(el).to.be.accessible();
      // Relayed (the demo server keeps mail in its outbox), reply to the sender.
      const { body } = await realServerAdmin('/api/admin/outbox');
      const mail = body.messages.find((m: { text: string }) => m.text.includes(tag));
      expect(mail.to).to.equal(POLE_CONTACT);
      expect(mail.kind).to.equal('contact');
      // Nothing the sender's page received names the address, nor does the page.
      expect(
        answers.texts.some((text) => text.includes(detail.reference)),
        'the relay’s answer was read',
      ).to.equal(true);
      for (const text of answers.texts) expect(text).not.to.contain(POLE_CONTACT);
      expect(shadow(el).textContent).not.to.contain(POLE_CONTACT);
      expect(root.textContent).not.to.contain(POLE_CONTACT);
    } finally {
      answers.restore();
    }
  });

  it('says so when the pole has no contact address (the send failed state)', async () => {
    const el = await mountCard(REAL, ['contact'], 'ecoop-arc');
    const { root } = await openRequest(el, 'Contacter ce pôle');
    await fill(input<HTMLTextAreaElement>(root, 'f-message'), 'Bonjour');
    await fill(input(root, 'f-name'), 'Alex Voisin');
    await fill(input(root, 'f-email'), 'alex@pole-voisin.example');
    await click(root.querySelector('[part="submit"]')!);
    const alert = await until(() => root.querySelector('.send-failure'), 'failure');
    expect(alert.textContent).to.contain('Ce pôle n’a pas encore d’adresse de contact');
    await expect(el).to.be.accessible();
  });

  it('"Signaler une erreur" sends a correction to the moderators', async () => {
    const el = await mountCard(REAL, ['report-error']);
    const { root } = await openRequest(el, 'Signaler une erreur');
    const tag = `correction-${Date.now().toString(36)}`;
    await fill(input<HTMLTextAreaElement>(root, 'f-message'), `Le site a changé (${tag}).`);
    await fill(input(root, 'f-name'), 'Camille Martin');
    await fill(input(root, 'f-email'), 'camille@example.org');
    await click(root.querySelector('[part="submit"]')!);
    const receipt = await until(() => root.querySelector('[part="receipt"]'), 'receipt');
    expect(receipt.textContent).to.contain('transmis aux modérateurs');
    const { body } = await realServerAdmin('/api/admin/contributions?status=pending');
    const stored = body.contributions.find((c: { message?: string }) => c.message?.includes(tag));
    expect([stored.kind, stored.poleId, stored.contributor.email]).to.deep.equal(['correction', 'bou-sol', 'camille@example.org']);
    // The button closes the form again.
    await click(button(el, 'Signaler une erreur'));
    await until(() => !shadow(el).querySelector('ptce-pole-request'), 'closed');
  });

  it('"Je gère ce pôle" sends a claim to the endpoint’s claim URL', async () => {
    const prefix = uniquePrefix('claim');
    await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, poles: 'poles.json', claim: 'api/poles/{id}/claim' } });
    await mockRoute({ path: `${prefix}/poles.json`, json: await (await fetch('/demo/data/poles.json')).json() });
    await mockRoute({ path: `${prefix}/api/poles/bou-sol/claim`, status: 202, json: { reference: 'CLM-TEST-0001' } });
    const el = await mountCard(`${prefix}/ptce.json`, ['claim']);
    const { root } = await openRequest(el, 'Je gère ce pôle');
    expect(root.textContent).to.contain('Vous gérez ce pôle ?');
    await fill(input(root, 'f-name'), 'Lou Gérante');
    await fill(input(root, 'f-email'), 'lou@bou-sol.example');
    await click(root.querySelector('[part="submit"]')!);
    const receipt = await until(() => root.querySelector('[part="receipt"]'), 'receipt');
    expect(receipt.textContent).to.contain('CLM-TEST-0001');
    await expect(el).to.be.accessible();
    const [sent] = await mockRequests(`${prefix}/api/poles/bou-sol/claim`);
    expect(JSON.parse(sent.body)).to.deep.equal({ name: 'Lou Gérante', email: 'lou@bou-sol.example' });
    expect(sent.headers['idempotency-key']).to.match(/^request-/);
  });
});
