import { expect, html } from '@open-wc/testing';
import { nothing } from 'lit';
import { PtceElement } from '../ptce-element.js';
import { define } from '../define.js';
import type { DataIssue } from '../../data/failure.js';
import { FormController } from './form-controller.js';
import { errorSummary, honeypot, sendFailure, submitButton, textField } from './form-view.js';
import { formStyles } from './form-styles.js';
import { newKey, type KeyedDraft } from './form-kit.js';
import { mockRequests, mockRoute, uniquePrefix, type MockRoute } from '../../../test/support/mock.js';
import { mount } from '../../../test/support/mount.js';
import { click, fill, press } from '../../../test/support/input.js';
import { until } from '../../../test/support/wait.js';

interface Draft extends KeyedDraft {
  name: string;
  email: string;
}
const empty = (): Draft => ({ key: newKey('test'), name: '', email: '' });
const STORAGE = 'ptce-test-form-draft';

/** The smallest form on the controller: a name and an email, sent to the endpoint's `signatures`. */
class PtceTestForm extends PtceElement {
  static override styles = [...(PtceElement.styles as []), formStyles];

  readonly form: FormController<Draft, { reference: string }> = new FormController(this, {
    prefix: 'test',
    empty,
    revive: (saved) => ({ ...empty(), ...(saved as Draft) }),
    paths: () => ['name', 'email'],
    label: (path) => (path === 'name' ? 'Nom' : 'Courriel'),
    message: (issue) => (issue.message === 'required' ? 'Ce champ est obligatoire.' : 'Adresse invalide.'),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.form.open(STORAGE);
  }

  private issues(): DataIssue[] {
    const { name, email } = this.form.draft;
    const issues: DataIssue[] = [];
    if (!name.trim()) issues.push({ path: 'name', message: 'required' });
    if (!email.trim()) issues.push({ path: 'email', message: 'required' });
    else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) issues.push({ path: 'email', message: 'invalid' });
    return this.form.issues(issues);
  }

  private submit = async (event: Event) => {
    event.preventDefault();
    const body = { name: this.form.draft.name.trim(), email: this.form.draft.email.trim() };
    await this.form.submit(this.issues(), {
      body,
      post: (sent, key) => this.withClient((client) => client.post('signatures', sent, key)),
      receipt: (value) => value as { reference: string },
      fallback: () => ({ reference: '—' }),
      fieldIssues: (issues) => issues,
    });
  };

  protected override render() {
    const form = this.form;
    if (form.receipt) return html`<p part="receipt" tabindex="-1">Reçu ${form.receipt.reference}</p>`;
    const issues = this.issues();
    return html`<form novalidate @submit=${this.submit} @focusout=${form.onFocusOut} @pointerdown=${form.onPointerDown}>
      ${form.restored ? html`<p role="status">Votre saisie précédente a été restaurée.</p>` : nothing}
      ${errorSummary(form, issues, (count) => `${count} erreur(s)`, 'Le serveur a refusé ces champs.')}
      ${sendFailure(form, (failure) => `Envoi impossible : ${this.describeFailure(failure).message}`)}
      ${textField(form, issues, 'name', form.draft.name, { label: 'Nom *', required: true, input: (name) => form.input('name', { name }) })}
      ${textField(form, issues, 'email', form.draft.email, {
        label: 'Courriel *',
        type: 'email',
        required: true,
        input: (email) => form.input('email', { email }),
      })}
      ${honeypot(form)} ${submitButton(form, 'Envoyer', 'Envoi en cours…')}
    </form>`;
  }
}
define('ptce-test-form', PtceTestForm);

declare global {
  interface HTMLElementTagNameMap {
    'ptce-test-form': PtceTestForm;
  }
}

async function endpoint(answer: Omit<MockRoute, 'path'>) {
  const prefix = uniquePrefix('form');
  await mockRoute({ path: `${prefix}/api/s`, ...answer });
  await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, signatures: 'api/s' } });
  return { url: `${prefix}/ptce.json`, post: `${prefix}/api/s` };
}

const $ = <T extends HTMLElement = HTMLInputElement>(el: PtceTestForm, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
const focused = (el: PtceTestForm) => el.shadowRoot!.activeElement;
const sendButton = (el: PtceTestForm) => $<HTMLButtonElement>(el, '[part="submit"]');

describe('FormController', () => {
  beforeEach(() => localStorage.removeItem(STORAGE));

  it('moves focus to the error summary on a failed submit, each link leading to its field', async () => {
    const { url, post } = await endpoint({ status: 201, json: { reference: 'R-1' } });
    const el = await mount<PtceTestForm>(html`<ptce-test-form endpoint=${url}></ptce-test-form>`);
    await fill($(el, '#f-email'), 'camille@');
    // Straight from the field to the button: the click is not lost to the email's message appearing.
    await click(sendButton(el));
    const summary = await until(() => $(el, '[part="error-summary"]'), 'the error summary');
    await until(() => focused(el) === summary, 'focus on the summary');
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal([
      'Nom : Ce champ est obligatoire.',
      'Courriel : Adresse invalide.',
    ]);
    expect($(el, '#f-email').getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#f-email').value, 'what was typed stays').to.equal('camille@');
    await click(summary.querySelector('a[href="#f-name"]')!);
    await until(() => focused(el)?.id === 'f-name', 'the link moved focus to the field');
    expect(await mockRequests(post)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('keeps a half-filled form through a reload, and after a failed send', async () => {
    const { url, post } = await endpoint({ drop: true });
    const first = await mount<PtceTestForm>(html`<ptce-test-form endpoint=${url}></ptce-test-form>`);
    await fill($(first, '#f-name'), 'Camille Martin');
    await until(() => localStorage.getItem(STORAGE)?.includes('Camille Martin'), 'the draft saved');
    first.remove();

    const el = await mount<PtceTestForm>(html`<ptce-test-form endpoint=${url}></ptce-test-form>`);
    expect($(el, '#f-name').value).to.equal('Camille Martin');
    expect(el.shadowRoot!.textContent).to.contain('Votre saisie précédente a été restaurée.');
    await fill($(el, '#f-email'), 'camille@example.org');
    await click(sendButton(el));
    const failure = await until(() => $(el, '.send-failure'), 'the send failure');
    await until(() => focused(el) === failure, 'focus on the failure');
    expect(failure.textContent).to.contain('injoignable');
    expect($(el, '#f-name').value).to.equal('Camille Martin');
    expect($(el, '#f-email').value).to.equal('camille@example.org');
    expect(JSON.parse(localStorage.getItem(STORAGE)!)).to.include({ name: 'Camille Martin', email: 'camille@example.org' });

    // The server is back: the same body goes with the same key, then the draft is gone.
    await mockRoute({ path: post, status: 201, json: { reference: 'R-2' } });
    await click(sendButton(el));
    const receipt = await until(() => $(el, '[part="receipt"]'), 'the receipt');
    await until(() => focused(el) === receipt, 'focus on the receipt');
    expect(receipt.textContent).to.contain('R-2');
    const keys = new Set((await mockRequests(post)).map((request) => request.headers['idempotency-key']));
    expect(keys.size).to.equal(1);
    expect([...keys][0]).to.match(/^test-/);
    expect(localStorage.getItem(STORAGE)).to.equal(null);
  });

  it("puts the server's refusals on their fields, and a field typed into loses its own", async () => {
    const { url } = await endpoint({ status: 400, json: { error: 'invalid', errors: [{ path: 'email', message: 'unknown domain' }] } });
    const el = await mount<PtceTestForm>(html`<ptce-test-form endpoint=${url}></ptce-test-form>`);
    await fill($(el, '#f-name'), 'Camille');
    await fill($(el, '#f-email'), 'camille@example.invalid');
    await click(sendButton(el));
    const summary = await until(() => $(el, '[part="error-summary"]'), 'the summary');
    await until(() => focused(el) === summary, 'focus on the summary');
    expect(summary.textContent).to.contain('Le serveur a refusé ces champs.').and.to.contain('Courriel : Adresse invalide.');
    await click($(el, '#f-email'));
    await press('Backspace');
    await until(() => $(el, '#f-email-error').textContent === '', "the field's refusal is gone once typed into");
  });
});
