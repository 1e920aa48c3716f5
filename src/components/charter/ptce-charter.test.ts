import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import './define.js';
import type { PtceCharter } from './ptce-charter.js';
import { mockRequests, mockRoute, realServer, realServerAdmin, uniquePrefix, type MockRoute } from '../../../test/support/mock.js';
import { until } from '../../../test/support/wait.js';
import { choose, click, fill, press, resetMouse, settledCentreOf, type } from '../../../test/support/input.js';
import { sendMouse } from '@web/test-runner-commands';

const receipt = { reference: 'SIG-TEST-0001', status: 'pending', receivedAt: '2026-11-24T10:00:00Z', poleName: 'Pôle Écotest' };

async function charterEndpoint(signatures?: Partial<MockRoute>) {
  const prefix = uniquePrefix('charter');
  await mockRoute({ path: `${prefix}/charter.json`, json: await (await fetch('/demo/data/charter.json')).json() });
  const discovery: Record<string, unknown> = { ptce: 1, charter: 'charter.json' };
  if (signatures) {
    discovery.signatures = 'api/signatures';
    await mockRoute({ path: `${prefix}/api/signatures`, ...signatures });
  }
  await mockRoute({ path: `${prefix}/ptce.json`, json: discovery });
  return { url: `${prefix}/ptce.json`, post: `${prefix}/api/signatures` };
}

async function mountCharter(url: string, extra = '') {
  const el = await fixture<PtceCharter>(html`<ptce-charter endpoint=${url} lang="fr" privacy-url=${extra || nothing}></ptce-charter>`);
  await until(() => ['ready', 'error'].includes(el.data.state.status), 'charter loaded');
  await el.updateComplete;
  return el;
}
const nothing = undefined as unknown as string;

const $ = <T extends Element = HTMLInputElement>(el: PtceCharter, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const active = (el: PtceCharter) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Clicks into a field and types over what it holds, as a person would. */
async function typeInto(el: PtceCharter, id: string, value: string) {
  await fill($(el, `#${id}`), value);
  await until(() => $(el, `#${id}`).value === value, `#${id} holds what was typed`);
  await el.updateComplete;
}

/**
 * Sets a field's value by script. Only for what no person does through the page: a bot filling
 * the hidden honeypot, and a date, whose native picker differs by engine and locale.
 */
async function setByScript(el: PtceCharter, id: string, value: string) {
  const input = $(el, `#${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

async function fillValid(el: PtceCharter) {
  for (const [id, value] of [
    ['f-pole-name', 'Pôle Écotest'],
    ['f-pole-street', '1 rue de la Coopération'],
    ['f-pole-postcode', '20090'],
    ['f-pole-city', 'Ajaccio'],
    ['f-representative-lastName', 'Martin'],
    ['f-representative-firstName', 'Camille'],
    ['f-representative-email', 'camille.martin@example.org'],
    ['f-representative-phone', '06 12 34 56 78'],
    ['f-place', 'Ajaccio'],
    ['f-signatories-0-name', 'Camille Martin'],
    ['f-signatories-0-role', 'Coordinatrice'],
  ]) {
    await typeInto(el, id, value);
  }
  await click($(el, 'input[name="status"]'));
  for (const box of el.shadowRoot!.querySelectorAll<HTMLInputElement>('.commitment input')) await click(box);
  await until(
    () => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('.commitment input')].every((box) => box.checked),
    'commitments ticked',
  );
  await el.updateComplete;
}

/** Clicks the submit button with the mouse; the caller waits for what should follow. */
const submit = async (el: PtceCharter) => {
  await click($(el, '[part="submit"]'));
  await el.updateComplete;
};

/** Presses Tab until the element with this id has focus (keyboard only, whatever the tab order). */
async function tabTo(el: PtceCharter, id: string) {
  for (let i = 0; i < 80 && active(el)?.id !== id; i++) await press('Tab');
  expect(active(el)?.id, `focus reached #${id}`).to.equal(id);
}

beforeEach(() => localStorage.clear());

describe('<ptce-charter>', () => {
  it('shows the charter read-only, with where to sign, when the endpoint takes no signatures', async () => {
    const { url } = await charterEndpoint();
    const el = await mountCharter(url);
    expect(el.shadowRoot!.textContent).to.contain('Charte de la démarche collective PTCE');
    expect(el.shadowRoot!.querySelectorAll('[part="section"]')).to.have.length(5);
    expect($(el, '[part="read-only"]').textContent).to.contain('lecture seule').and.to.contain('Labo de l’ESS');
    expect(el.shadowRoot!.querySelector('form')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain("ne relève pas d'un principe de labellisation");
    await expect(el).to.be.accessible();
  });

  it('fits the page outline with heading-level, and says "nous" for the PTCE that signs', async () => {
    const { url } = await charterEndpoint({ status: 201, json: receipt });
    const el = await fixture<PtceCharter>(html`<ptce-charter endpoint=${url} heading-level="4"></ptce-charter>`);
    await until(() => el.data.state.status === 'ready');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h4')!.textContent).to.equal('Charte de la démarche collective PTCE');
    expect(el.shadowRoot!.querySelector('h5')!.textContent).to.equal('Signer la charte');
    // "nous" is the PTCE that signs, as in the charter's signing block, not its representatives.
    const text = el.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('En signant cette charte, nous, le PTCE nommé ci-dessus :').and.not.to.contain('représentant·e·s');
  });

  it('can be signed with the keyboard alone', async () => {
    const { url, post } = await charterEndpoint({ status: 201, json: receipt });
    const el = await mountCharter(url);
    await expect(el).to.be.accessible();
    await click($(el, '#f-pole-name'));
    const typeHere = type;
    await typeHere('Pôle Écotest');
    await tabTo(el, 'f-pole-street');
    await typeHere('1 rue de la Coopération');
    await tabTo(el, 'f-pole-postcode');
    await typeHere('20090');
    await tabTo(el, 'f-pole-city');
    await typeHere('Ajaccio');
    await tabTo(el, 'f-representative-lastName');
    await typeHere('Martin');
    await tabTo(el, 'f-representative-firstName');
    await typeHere('Camille');
    await tabTo(el, 'f-representative-email');
    await typeHere('camille.martin@example.org');
    await tabTo(el, 'f-representative-phone');
    await typeHere('+33 6 12 34 56 78');
    await tabTo(el, 'status-0');
    await press('Space');
    await tabTo(el, 'f-commitments-build');
    await press('Space');
    await tabTo(el, 'f-commitments-contribute');
    await press('Space');
    await tabTo(el, 'f-place');
    await typeHere('Ajaccio');
    await tabTo(el, 'f-signatories-0-name');
    await typeHere('Camille Martin');
    await tabTo(el, 'f-signatories-0-role');
    await typeHere('Coordinatrice');
    await tabTo(el, 'f-consent');
    await press('Space');
    const signed = oneEvent(el, 'ptce-charter-signed');
    for (let i = 0; i < 20 && active(el)?.getAttribute('part') !== 'submit'; i++) await press('Tab');
    await press('Enter');
    const event = (await signed) as CustomEvent;
    expect(event.detail).to.deep.equal({ reference: 'SIG-TEST-0001', poleName: 'Pôle Écotest' });
    await until(() => active(el)?.getAttribute('part') === 'receipt', 'focus on the receipt');
    expect($(el, '[part="receipt"]').textContent).to.contain('SIG-TEST-0001');

    const [request] = await mockRequests(post);
    expect(request.method).to.equal('POST');
    expect(request.headers['idempotency-key']).to.match(/^charter-/);
    const body = JSON.parse(request.body);
    expect(body.pole).to.deep.equal({
      name: 'Pôle Écotest',
      street: '1 rue de la Coopération',
      postcode: '20090',
      city: 'Ajaccio',
      department: '2A',
    });
    expect(body.representative.phone).to.equal('+33 6 12 34 56 78');
    expect(body.status).to.equal('established');
    expect(body.commitments).to.deep.equal(['build', 'contribute']);
    expect(body.consentToList).to.equal(true);
    expect(body.signatories).to.deep.equal([{ name: 'Camille Martin', role: 'Coordinatrice' }]);
    await expect(el).to.be.accessible();
  });

  it('lists every error at the top, focused, each linking to its field', async () => {
    const { url, post } = await charterEndpoint({ status: 201, json: receipt });
    const el = await mountCharter(url);
    await submit(el);
    const summary = await until(() => $(el, '[part="error-summary"]'), 'error summary');
    await until(() => active(el) === summary, 'focus on the summary');
    const ring = getComputedStyle(summary);
    expect(ring.outlineStyle, 'the focused summary shows a focus ring').to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
    const links = [...summary.querySelectorAll('a')];
    expect(summary.textContent).to.contain(`Le formulaire contient ${links.length} erreurs`);
    const targets = links.map((a) => a.getAttribute('href'));
    for (const id of [
      '#f-pole-name',
      '#f-pole-postcode',
      '#f-pole-department',
      '#f-representative-email',
      '#f-status',
      '#f-commitments-build',
      '#f-commitments-contribute',
      '#f-place',
      '#f-signatories-0-name',
    ]) {
      expect(targets).to.include(id);
    }
    await click(links.find((a) => a.getAttribute('href') === '#f-representative-email')!);
    await until(() => active(el)?.id === 'f-representative-email', 'link moved focus to the field');
    await click(summary.querySelector('a[href="#f-status"]')!);
    await until(() => active(el)?.getAttribute('name') === 'status', 'link moved focus to the radio group');
    expect($(el, '#f-representative-email').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#f-representative-email-error').textContent).to.contain('obligatoire');
    expect(await mockRequests(post)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('checks each rule, on blur and on submit', async () => {
    const { url } = await charterEndpoint({ status: 201, json: receipt });
    const el = await mountCharter(url);
    const errorOf = (id: string) => $(el, `#${id}-error`).textContent!.trim();
    await fillValid(el);
    const cases: [string, string, string][] = [
      ['f-representative-email', 'camille@', 'adresse de courriel valide'],
      ['f-representative-phone', '12 34', 'numéro de téléphone valide'],
      ['f-pole-postcode', '2009', 'code postal à 5 chiffres'],
      ['f-pole-website', 'ftp://exemple.fr', 'https://'],
      ['f-pole-name', '   ', 'obligatoire'],
    ];
    for (const [id, bad, message] of cases) {
      await typeInto(el, id, bad);
      await press('Tab');
      await until(() => errorOf(id).includes(message), `${id}: "${message}" once the field is left`);
      expect($(el, `#${id}`).getAttribute('aria-invalid'), id).to.equal('true');
    }
    for (const good of ['06.12.34.56.78', '0612345678', '+262 262 12 34 56', '0033 6 12 34 56 78']) {
      await typeInto(el, 'f-representative-phone', good);
      expect(errorOf('f-representative-phone'), good).to.equal('');
    }
    await setByScript(el, 'f-date', '2999-01-01');
    await submit(el);
    await until(() => errorOf('f-date').includes('pas dans le futur'), 'date error');
    await click($(el, '#f-commitments-build'));
    await until(() => errorOf('f-commitments-build').includes('Cochez cet engagement'), 'unticked commitment error');
  });

  it('derives the department from the postcode, Corsica and overseas included, and lets it be changed', async () => {
    const { url } = await charterEndpoint({ status: 201, json: receipt });
    const el = await mountCharter(url);
    const department = () => $<HTMLSelectElement>(el, '#f-pole-department');
    for (const [postcode, code, region] of [
      ['20090', '2A', 'Corse'],
      ['20200', '2B', 'Corse'],
      ['97400', '974', 'La Réunion'],
      ['35000', '35', 'Bretagne'],
    ]) {
      await typeInto(el, 'f-pole-postcode', postcode);
      expect(department().value, postcode).to.equal(code);
      expect($(el, '#f-pole-department-region').textContent).to.contain(region);
    }
    await choose(department(), '56');
    await until(() => department().value === '56');
    await typeInto(el, 'f-pole-postcode', '44000');
    expect(department().value, 'a department chosen by hand stays').to.equal('56');
  });

  it('adds and removes signatories', async () => {
    const { url } = await charterEndpoint({ status: 201, json: receipt });
    const el = await mountCharter(url);
    await click($(el, '.signatory + button'));
    await until(() => active(el)?.id === 'f-signatories-1-name', 'focus on the new signatory');
    expect(el.shadowRoot!.querySelectorAll('.signatory')).to.have.length(2);
    const remove = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Retirer le signataire 2'))!;
    await click(remove);
    await until(() => el.shadowRoot!.querySelectorAll('.signatory').length === 1, 'signatory removed');
  });

  it('adds and removes a signatory pressed while an invalid field is focused: its message shows once the button is released', async () => {
    const { url } = await charterEndpoint({ status: 201, json: receipt });
    const el = await mountCharter(url);
    const signatories = () => el.shadowRoot!.querySelectorAll('.signatory').length;
    const errorOf = (id: string) => $(el, `#${id}-error`).textContent!.trim();
    const removeButton = () =>
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('Retirer le signataire 2'))!;
    await click($(el, '.signatory + button'));
    await until(() => signatories() === 2, 'a second signatory to remove later');
    // The person leaves a field holding an invalid value by pressing a button below it: the press
    // and the release must land on the same button, so nothing may move in between.
    for (const [field, bad, button, expected] of [
      ['f-representative-email', 'camille@', () => $(el, '.signatory:last-of-type + button'), 3],
      ['f-representative-phone', '12 34', removeButton, 2],
    ] as const) {
      await typeInto(el, field, bad);
      expect(active(el)?.id).to.equal(field);
      // Where it stays: Firefox and WebKit scroll the field just typed into view a moment later.
      const [x, y] = await settledCentreOf(button());
      let pressed: EventTarget | undefined;
      el.shadowRoot!.addEventListener('mousedown', (event) => (pressed = event.composedPath()[0]), { capture: true, once: true });
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await until(() => active(el)?.id !== field, `${field} left by the press`);
      expect(pressed, 'the press landed on the button').to.equal(button());
      await el.updateComplete;
      await sendMouse({ type: 'up' });
      await until(() => signatories() === expected, `${expected} signatories after the click`);
      await until(
        () => errorOf(field).includes(field.endsWith('email') ? 'adresse de courriel valide' : 'numéro de téléphone valide'),
        `${field}'s message`,
      );
      expect($(el, `#${field}`).getAttribute('aria-invalid')).to.equal('true');
    }
    await resetMouse();
  });

  it('keeps everything after a network failure or a 500, and a retry sends the same idempotency key', async () => {
    const { url, post } = await charterEndpoint({ drop: true });
    const el = await mountCharter(url);
    await fillValid(el);
    await submit(el);
    await until(() => el.shadowRoot!.querySelector('p.error[role="alert"]'), 'network message');
    expect($(el, 'p.error[role="alert"]').textContent).to.contain('Rien n’est perdu');
    expect($(el, '#f-representative-email').value).to.equal('camille.martin@example.org');
    await expect(el).to.be.accessible();

    await mockRoute({ path: post, status: 500, json: { error: 'internal error' } });
    await submit(el);
    await until(() => $(el, 'p.error[role="alert"]')?.textContent!.includes('HTTP 500'), '500 message');
    expect($(el, '#f-pole-name').value).to.equal('Pôle Écotest');

    const failedAttempts = (await mockRequests(post)).length;
    await mockRoute({ path: post, status: 201, json: receipt });
    await submit(el);
    await until(() => el.shadowRoot!.querySelector('[part="receipt"]'), 'receipt');
    // Chrome itself may resend a POST whose connection dropped: the key is what keeps it single.
    const requests = await mockRequests(post);
    expect(failedAttempts).to.be.at.least(2);
    expect(requests.length - failedAttempts, 'one request once the server answers').to.equal(1);
    const keys = new Set(requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size, 'one key for every attempt of the same draft').to.equal(1);
    expect(new Set(requests.map((r) => r.body)).size, 'the same body each time').to.equal(1);
  });

  it("puts the server's field errors on the right fields", async () => {
    const { url } = await charterEndpoint({
      status: 400,
      json: {
        error: 'invalid',
        errors: [
          { path: 'representative.phone', message: 'expected a phone number' },
          { path: 'commitments.contribute', message: 'required' },
        ],
      },
    });
    const el = await mountCharter(url);
    await fillValid(el);
    await submit(el);
    await until(() => el.shadowRoot!.querySelector('[part="error-summary"]'), 'summary');
    expect($(el, '[part="error-summary"]').textContent).to.contain('Le serveur a refusé');
    expect($(el, '#f-representative-phone').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#f-representative-phone-error').textContent).to.contain('numéro de téléphone');
    expect($(el, '#f-commitments-contribute-error').textContent).to.contain('Cochez');
    await typeInto(el, 'f-representative-phone', '06 99 99 99 99');
    expect($(el, '#f-representative-phone-error').textContent!.trim(), 'fixed field clears its server error').to.equal('');
  });

  it('restores a draft after a reload and clears it after success', async () => {
    const { url } = await charterEndpoint({ status: 201, json: receipt });
    const first = await mountCharter(url);
    await typeInto(first, 'f-pole-name', 'Pôle en cours de saisie');
    await typeInto(first, 'f-representative-email', 'brouillon@example.org');
    first.remove();
    const second = await mountCharter(url);
    expect($(second, '#f-pole-name').value).to.equal('Pôle en cours de saisie');
    expect($(second, '#f-representative-email').value).to.equal('brouillon@example.org');
    expect(second.shadowRoot!.textContent).to.contain('Votre saisie précédente a été restaurée');
    await fillValid(second);
    expect(Object.keys(localStorage).some((k) => k.startsWith('ptce-charter-draft:'))).to.equal(true);
    await submit(second);
    await until(() => second.shadowRoot!.querySelector('[part="receipt"]'), 'receipt');
    expect(Object.keys(localStorage).some((k) => k.startsWith('ptce-charter-draft:'))).to.equal(false);
    await expect(second).to.be.accessible();
  });

  it('keeps no draft with no-draft', async () => {
    const { url } = await charterEndpoint({ status: 201, json: receipt });
    const el = await fixture<PtceCharter>(html`<ptce-charter endpoint=${url} no-draft></ptce-charter>`);
    await until(() => el.data.state.status === 'ready');
    await el.updateComplete;
    await typeInto(el, 'f-pole-name', 'Secret');
    expect(Object.keys(localStorage).filter((k) => k.startsWith('ptce-charter-draft:'))).to.deep.equal([]);
  });

  it('does not send when the hidden honeypot field is filled', async () => {
    const { url, post } = await charterEndpoint({ status: 201, json: receipt });
    const el = await mountCharter(url);
    await fillValid(el);
    await setByScript(el, 'f-nickname', 'bot');
    await submit(el);
    await until(() => el.shadowRoot!.querySelector('[part="receipt"]'), 'the bot sees a receipt');
    expect(await mockRequests(post)).to.have.length(0);
  });

  it('stores a signature in the real server, which the admin list shows', async () => {
    const server = await realServer();
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    const el = await mountCharter(`${server.url}/ptce.json`);
    await fillValid(el);
    await typeInto(el, 'f-pole-name', 'Pôle de bout en bout');
    const signed = oneEvent(el, 'ptce-charter-signed');
    await submit(el);
    const { detail } = (await signed) as CustomEvent;
    expect(detail.poleName).to.equal('Pôle de bout en bout');
    const { body: list } = await realServerAdmin('/api/admin/signatures?status=pending');
    const stored = list.signatures.find((s: { reference: string }) => s.reference === detail.reference);
    expect(stored.signature.pole.name).to.equal('Pôle de bout en bout');
    expect(stored.signature.pole.department).to.equal('2A');
    expect(stored.status).to.equal('pending');
  });
});
