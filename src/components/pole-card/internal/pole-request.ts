import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { PtceElement } from '../../../base/ptce-element.js';
import { define } from '../../../base/define.js';
import { fieldId, newKey, type KeyedDraft } from '../../../base/form/form-kit.js';
import { FormController } from '../../../base/form/form-controller.js';
import { errorSummary, fieldError, honeypot, sendFailure, submitButton, textField } from '../../../base/form/form-view.js';
import { formStyles } from '../../../base/form/form-styles.js';
import type { PtceClient } from '../../../data/client.js';
import type { DataIssue, Failure, Result } from '../../../data/failure.js';
import { registerMessages, type MessageKey } from '../../../i18n/index.js';
import { poleForm } from '../../../i18n/fr/pole-form.js';
import { poleRequest } from '../../../i18n/fr/pole-request.js';

registerMessages('fr', { ...poleForm, ...poleRequest });

export type RequestKind = 'correction' | 'claim' | 'contact';

interface RequestDraft extends KeyedDraft {
  message: string;
  name: string;
  email: string;
  /** The offer answered (a fiche action's title), contact only. */
  offer: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PATHS = ['offer', 'message', 'name', 'email'];

/**
 * @tag ptce-pole-request
 * @summary One of the card's opt-in requests about its pole, on the shared form controller:
 * "Signaler une erreur" (a correction sent to the `contributions` URL), "Je gère ce pôle" (the
 * `claim` URL) or "Contacter ce pôle" (the `contact` URL, relayed by e-mail: the pole's address is
 * never shown). Drawn by `<ptce-pole-card>` when its `report-error`, `claim` or `contact` is set.
 *
 * @csspart form - The form.
 * @csspart receipt - The sentence shown once sent.
 * @fires ptce-pole-request-sent - The request was received; `detail` is `{kind, poleId, reference}`.
 */
export class PtcePoleRequest extends PtceElement {
  static override styles = [
    ...(PtceElement.styles as []),
    formStyles,
    css`
      form {
        margin-block-start: 0.75rem;
      }
      textarea,
      select {
        font: inherit;
        max-inline-size: 100%;
      }
    `,
  ];

  @property() kind: RequestKind = 'correction';
  @property({ attribute: 'pole-id' }) poleId = '';
  /** The pole's offers (fiches action titles) a contact message may answer. */
  @property({ attribute: false }) offers: string[] = [];
  /** The offer chosen at first ("Répondre à cette offre"). */
  @property() offer = '';

  private readonly form = new FormController<RequestDraft, { reference: string }>(this, {
    prefix: `request-${this.kind}`,
    empty: () => ({ key: newKey('request'), message: '', name: '', email: '', offer: this.offer }),
    paths: () => PATHS,
    label: (path) => this.label(path),
    message: (issue) =>
      this.t(
        ['required', 'email', 'too-long'].includes(issue.message)
          ? (`pole-form.error.${issue.message}` as MessageKey)
          : 'pole-form.error.invalid',
      ),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    // A short request: no draft kept in the browser's storage.
    this.form.open(undefined);
  }

  /** Focus on the first field (the card opened the form). */
  async focusFirst(): Promise<void> {
    await this.updateComplete;
    await this.form.focus('select, textarea');
  }

  private label(path: string): string {
    if (path === 'message') return this.t(this.kind === 'correction' ? 'request.field.correction' : 'request.field.message');
    if (path === 'offer') return this.t('request.reply');
    return this.t(`request.field.${path}` as MessageKey);
  }

  private issues(): DataIssue[] {
    const { message, name, email } = this.form.draft;
    const local: DataIssue[] = [];
    if (!message.trim() && this.kind !== 'claim') local.push({ path: 'message', message: 'required' });
    if (message.length > 4000) local.push({ path: 'message', message: 'too-long' });
    if (!name.trim()) local.push({ path: 'name', message: 'required' });
    if (!email.trim()) local.push({ path: 'email', message: 'required' });
    else if (!EMAIL.test(email.trim())) local.push({ path: 'email', message: 'email' });
    return this.form.issues(local);
  }

  protected override render() {
    const form = this.form;
    if (form.receipt) {
      return html`<p class="notice" part="receipt" role="status" tabindex="-1">
        ${this.t(`request.sent.${this.kind}`, { reference: form.receipt.reference })}
      </p>`;
    }
    const issues = this.issues();
    const d = form.draft;
    const field = (path: 'message' | 'name' | 'email', extra: { optional?: boolean; multiline?: boolean; type?: 'email' } = {}) =>
      textField(form, issues, path, d[path], {
        label: `${this.label(path)}${extra.optional ? ` ${this.t('pole-form.optional')}` : ' *'}`,
        required: !extra.optional,
        multiline: extra.multiline,
        type: extra.type,
        autocomplete: path === 'name' ? 'name' : path === 'email' ? 'email' : 'off',
        input: (value) => form.input(path, { [path]: value }),
      });
    return html`<form
      part="form"
      novalidate
      aria-label=${this.t(`request.${this.kind}`)}
      @submit=${this.submit}
      @focusout=${form.onFocusOut}
      @pointerdown=${form.onPointerDown}
    >
      <p class="hint">${this.t(`request.${this.kind}-intro`)}</p>
      ${errorSummary(form, issues, (count) => this.t('pole-form.errors', { count }), this.t('pole-form.server-refused'))}
      ${sendFailure(form, (failure) => this.failureText(failure))}
      ${this.kind === 'contact' && this.offers.length ? this.renderOffers() : nothing}
      ${field('message', { multiline: true, optional: this.kind === 'claim' })}
      <div class="row">${field('name')} ${field('email', { type: 'email' })}</div>
      ${honeypot(form)} ${submitButton(form, this.t(`request.submit.${this.kind}`), this.t('pole-form.sending'))}
    </form>`;
  }

  private renderOffers() {
    const id = fieldId('offer');
    return html`<div class="field">
      <label for=${id}>${this.label('offer')} ${this.t('pole-form.optional')}</label>
      <select
        id=${id}
        aria-describedby="${id}-error"
        @change=${(e: Event) => this.form.edit({ offer: (e.target as HTMLSelectElement).value })}
      >
        <option value="" ?selected=${!this.form.draft.offer}>—</option>
        ${this.offers.map((offer) => html`<option value=${offer} ?selected=${offer === this.form.draft.offer}>${offer}</option>`)}
      </select>
      ${fieldError(this.form, [], 'offer')}
    </div>`;
  }

  private failureText(failure: Failure): string {
    if (failure.kind === 'http' && failure.reason === 'no-contact') return this.t('request.no-contact');
    if (failure.kind === 'no-resource') return this.t('request.unavailable');
    return this.t('pole-form.send-failed', { reason: this.describeFailure(failure).message });
  }

  /** What is sent, as the route of this kind wants it (api-s8.md). */
  private body(): unknown {
    const { message, name, email, offer } = this.form.draft;
    const person = { name: name.trim(), email: email.trim() };
    if (this.kind === 'correction') return { kind: 'correction', poleId: this.poleId, message: message.trim(), contributor: person };
    if (this.kind === 'claim') return { ...person, ...(message.trim() ? { message: message.trim() } : {}) };
    return { ...person, message: message.trim(), ...(offer ? { offer } : {}) };
  }

  private post(client: PtceClient, body: unknown, key: string): Promise<Result<unknown>> {
    if (this.kind === 'correction') return client.post('contributions', body, key);
    return (async () => {
      const where = await client.locate(this.kind as 'claim' | 'contact');
      if (!where.ok) return where;
      const url = where.value.url.replace(encodeURIComponent('{id}'), '{id}').replace('{id}', encodeURIComponent(this.poleId));
      const init = { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: JSON.stringify(body) };
      return client.request(url, init);
    })();
  }

  private submit = async (event: Event) => {
    event.preventDefault();
    const receipt = await this.form.submit(this.issues(), {
      body: this.body(),
      post: (body, key) => this.withClient((client) => this.post(client, body, key)),
      receipt: (value) => {
        const reference = (value as { reference?: unknown } | null)?.reference;
        return typeof reference === 'string' ? { reference } : undefined;
      },
      fallback: () => ({ reference: '—' }),
      fieldIssues: (issues) => issues.map((issue) => ({ ...issue, path: issue.path.replace(/^contributor\./, '') })),
    });
    if (receipt) this.emit('ptce-pole-request-sent', { kind: this.kind, poleId: this.poleId, reference: receipt.reference });
  };
}

declare module '../../../base/events.js' {
  interface PtceEventMap {
    /** A card's request (correction, claim, contact) was received: its kind, pole and reference. */
    'ptce-pole-request-sent': { kind: RequestKind; poleId: string; reference: string };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-pole-request': PtcePoleRequest;
  }
}

define('ptce-pole-request', PtcePoleRequest);
