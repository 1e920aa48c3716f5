import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DataController } from '../../base/data-controller.js';
import { checkCharter, checkSignatureReceipt } from '../../data/checks/charter.js';
import { ok, type DataIssue, type Result } from '../../data/failure.js';
import { DEPARTMENTS, departmentFromPostcode, regionName, regionOf } from '../../data/geography.js';
import { localize } from '../../data/localize.js';
import { safeHttpUrl } from '../../data/safe-url.js';
import type { Charter } from '../../data/schemas/charter.js';
import type { SignatureReceipt } from '../../data/schemas/submissions.js';
import { draftIssues, emptyDraft, fieldId, messageFor, reviveDraft, today, toSignature, type SignatureDraft } from './signature-draft.js';
import { FormController } from '../../base/form/form-controller.js';
import { errorSummary, fieldError, honeypot, sendFailure, submitButton, textField, type TextField } from '../../base/form/form-view.js';
import { fieldLabel, fieldPaths, patchAt, valueAt } from './internal/fields.js';
import { renderReceipt } from './internal/receipt.js';
import { renderCharterText, renderReadOnly } from './internal/text.js';
import { charterStyles } from './ptce-charter.styles.js';
import { heading } from '../../base/heading.js';
import { registerMessages } from '../../i18n/index.js';
import { charter as charterMessages } from '../../i18n/fr/charter.js';

registerMessages('fr', charterMessages);

interface CharterData {
  charter: Charter;
  canSign: boolean;
  endpoint: string;
}

declare module '../../base/events.js' {
  interface PtceEventMap {
    /** The charter was signed: the receipt's reference and the pole's name, no personal data. */
    'ptce-charter-signed': { reference: string; poleName: string };
  }
}

/**
 * @tag ptce-charter
 * @summary The Charte de la démarche collective PTCE, to read and to sign: the text from the
 * endpoint, then its signing block as a form sent to the endpoint's `signatures` URL.
 *
 * @csspart text - The charter's text.
 * @csspart section - One section of the text (a `details`, collapsed on narrow screens).
 * @csspart read-only - The sentence shown when the endpoint takes no signatures.
 * @csspart form - The signing form.
 * @csspart error-summary - The list of errors at the top of the form.
 * @csspart submit - The "Signer la charte" button.
 * @csspart receipt - The receipt shown after signing.
 *
 * @fires ptce-charter-signed - The signature was stored; `detail` is `{reference, poleName}`.
 */
export class PtceCharter extends PtceElement {
  static override styles = [...(PtceElement.styles as []), ...charterStyles];

  /** Link to the privacy notice shown next to the consent box. */
  @property({ attribute: 'privacy-url' }) privacyUrl?: string;

  /** Where to sign, shown when this endpoint takes no signatures. */
  @property({ attribute: 'sign-url' }) signUrl?: string;

  /** Do not keep a draft in the browser's storage. */
  @property({ type: Boolean, attribute: 'no-draft' }) noDraft = false;

  /** Level of the charter's title (default 2); the form's and the receipt's headings come one below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private narrow = false;

  /** The signing form: draft, idempotency key, honeypot, server refusals, receipt, focus. */
  private readonly form: FormController<SignatureDraft, SignatureReceipt> = new FormController<SignatureDraft, SignatureReceipt>(this, {
    prefix: 'charter',
    empty: emptyDraft,
    revive: reviveDraft,
    paths: () => fieldPaths(this.form.draft),
    label: (path) => fieldLabel(path, this.t),
    message: (issue) => this.t(messageFor(issue)),
  });

  readonly data = new DataController<CharterData>(
    this,
    (signal) => this.load(signal),
    (value) => this.loaded(value),
  );

  private async load(signal: AbortSignal): Promise<Result<CharterData>> {
    return this.withClient(async (client) => {
      const charter = await client.document('charter', checkCharter, signal);
      if (!charter.ok) return charter;
      const signatures = await client.locate('signatures', signal);
      return ok({ charter: charter.value.value, canSign: signatures.ok, endpoint: client.endpoint });
    });
  }

  private loaded({ charter, endpoint }: CharterData): void {
    // Server-rendered: the first render is the server's (text open, empty form); the draft after it.
    if (this.serverRendered && !this.hasUpdated) {
      this.form.open(undefined);
      return;
    }
    this.narrow = this.getBoundingClientRect().width < 560;
    this.openForm(charter, endpoint);
  }

  private openForm(charter: Charter, endpoint: string): void {
    this.form.open(this.noDraft ? undefined : `ptce-charter-draft:${endpoint}:${charter.id}:${charter.version}`);
  }

  protected override firstUpdated(): void {
    const state = this.data.state;
    if (this.serverRendered && state.status === 'ready') this.openForm(state.value.charter, state.value.endpoint);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.clientChanged()) this.startLoad(this.data);
  }

  protected override render() {
    return this.renderData(
      this.data,
      ({ charter, canSign }) => html`
        ${renderCharterText(charter, { lang: this.resolvedLang, headingLevel: this.headingLevel, open: !this.narrow })}
        ${
          this.form.receipt
            ? renderReceipt(this.form.receipt, toSignature(this.form.draft, charter), {
                lang: this.resolvedLang,
                headingLevel: this.headingLevel,
                t: this.t,
              })
            : canSign
              ? this.renderForm(charter)
              : renderReadOnly(this.signUrl, this.t)
        }
      `,
    );
  }

  // ——— The form ———

  private issues(charter: Charter): DataIssue[] {
    return this.form.issues(draftIssues(this.form.draft, charter));
  }

  private renderForm(charter: Charter) {
    const form = this.form;
    const issues = this.issues(charter);
    const lang = this.resolvedLang;
    const d = form.draft;
    const region = d.pole.department && regionOf(d.pole.department);
    const privacy = safeHttpUrl(this.privacyUrl, globalThis.document?.baseURI);
    return html`<form
      part="form"
      novalidate
      @submit=${(e: Event) => this.submit(e, charter)}
      @focusout=${form.onFocusOut}
      @pointerdown=${form.onPointerDown}
    >
      ${heading(this.headingLevel, 1, this.t('charter.sign-title'))}
      <p class="hint">${this.t('charter.sign-intro')}</p>
      ${form.restored ? html`<p class="hint" role="status">${this.t('charter.draft-restored')}</p>` : nothing}
      ${errorSummary(form, issues, (count) => this.t('charter.errors', { count }), this.t('charter.server-refused'))}
      ${sendFailure(form, (failure) => this.t('charter.send-failed', { reason: this.describeFailure(failure).message }))}

      <fieldset>
        <legend>${this.t('charter.pole')}</legend>
        ${this.text(issues, 'pole.name', 'organization')} ${this.text(issues, 'pole.street', 'street-address')}
        <div class="row">
          ${this.text(issues, 'pole.postcode', 'postal-code', { inputmode: 'numeric' })} ${this.text(issues, 'pole.city', 'address-level2')}
        </div>
        <div class="field">
          <label for=${fieldId('pole.department')}>${this.t('charter.pole.department')} *</label>
          <select
            id=${fieldId('pole.department')}
            required
            aria-invalid=${form.invalid(issues, 'pole.department')}
            aria-describedby="${fieldId('pole.department')}-error ${fieldId('pole.department')}-region"
            @change=${(e: Event) => this.form.edit({ pole: { ...d.pole, department: (e.target as HTMLSelectElement).value }, departmentEdited: true })}
          >
            <option value="" ?selected=${!d.pole.department}>${this.t('charter.pole.department-choose')}</option>
            ${[...DEPARTMENTS.values()].map(
              (dep) => html`<option value=${dep.code} ?selected=${dep.code === d.pole.department}>${dep.code} — ${dep.name}</option>`,
            )}
          </select>
          <p class="hint" id="${fieldId('pole.department')}-region">
            ${region ? this.t('charter.pole.region', { region: regionName(region) ?? '' }) : ''}
          </p>
          ${fieldError(form, issues, 'pole.department')}
        </div>
        ${this.text(issues, 'pole.website', 'url', { type: 'url', required: false })}
      </fieldset>

      <fieldset>
        <legend>${this.t('charter.representative')}</legend>
        <div class="row">
          ${this.text(issues, 'representative.lastName', 'family-name')} ${this.text(issues, 'representative.firstName', 'given-name')}
        </div>
        <div class="row">
          ${this.text(issues, 'representative.email', 'email', { type: 'email' })}
          ${this.text(issues, 'representative.phone', 'tel', { type: 'tel' })}
        </div>
      </fieldset>

      <fieldset id=${fieldId('status')} aria-describedby="${fieldId('status')}-error">
        <legend>${this.t('charter.status')} *</legend>
        ${charter.statuses.map(
          (status, index) =>
            html`<div class="choice">
              <input
                type="radio"
                name="status"
                id="status-${index}"
                value=${status.id}
                .checked=${live(d.status === status.id)}
                @change=${() => this.form.edit({ status: status.id }, 'status')}
              />
              <label for="status-${index}">${localize(status.label, lang)}</label>
            </div>`,
        )}
        ${fieldError(form, issues, 'status')}
      </fieldset>

      <fieldset>
        <legend>${this.t('charter.commitments')} *</legend>
        <p>${this.t('charter.commitments-intro')}</p>
        ${charter.commitments.map((commitment) => {
          const path = `commitments.${commitment.id}`;
          return html`<div class="choice commitment">
            <input
              type="checkbox"
              id=${fieldId(path)}
              required
              .checked=${live(d.commitments.includes(commitment.id))}
              aria-invalid=${form.invalid(issues, path)}
              aria-describedby="${fieldId(path)}-error"
              @change=${(e: Event) => this.toggleCommitment(commitment.id, (e.target as HTMLInputElement).checked)}
            />
            <label for=${fieldId(path)}>${localize(commitment.text, lang)}</label>
            <span></span>${fieldError(form, issues, path)}
          </div>`;
        })}
      </fieldset>

      <fieldset>
        <legend>${this.t('charter.signing')}</legend>
        <div class="row">
          ${this.text(issues, 'place', 'address-level2')}
          <div class="field">
            <label for=${fieldId('date')}>${this.t('charter.date')} *</label>
            <input
              type="date"
              id=${fieldId('date')}
              required
              max=${today()}
              .value=${live(d.date)}
              aria-invalid=${form.invalid(issues, 'date')}
              aria-describedby="${fieldId('date')}-error"
              @input=${(e: Event) => form.edit({ date: (e.target as HTMLInputElement).value })}
            />
            ${fieldError(form, issues, 'date')}
          </div>
        </div>
        <fieldset>
          <legend>${this.t('charter.signatories')} *</legend>
          ${d.signatories.map((_, index) => this.renderSignatory(issues, index))}
          <button type="button" class="secondary" @click=${this.addSignatory}>${this.t('charter.signatory.add')}</button>
        </fieldset>
        <div class="choice">
          <input
            type="checkbox"
            id="f-consent"
            .checked=${live(d.consentToList)}
            @change=${(e: Event) => this.form.edit({ consentToList: (e.target as HTMLInputElement).checked })}
          />
          <label for="f-consent">${this.t('charter.consent')}</label>
        </div>
        ${privacy ? html`<p><a href=${privacy} target="_blank" rel="noopener">${this.t('charter.privacy')}</a></p>` : nothing}
      </fieldset>

      ${honeypot(form)} ${submitButton(form, this.t('charter.submit'), this.t('charter.sending'))}
    </form>`;
  }

  /** A text field of the draft, by path; required unless said otherwise. */
  private text(
    issues: DataIssue[],
    path: string,
    autocomplete: TextField['autocomplete'],
    { type, inputmode, required = true, label = fieldLabel(path, this.t) }: Partial<TextField> = {},
  ) {
    return textField(this.form, issues, path, valueAt(this.form.draft, path), {
      label: `${label}${required ? ' *' : ''}`,
      input: (value) => this.onInput(path, value),
      required,
      type,
      autocomplete,
      inputmode,
    });
  }

  private renderSignatory(issues: DataIssue[], index: number) {
    const n = index + 1;
    return html`<div class="signatory" role="group" aria-label=${this.t('charter.signatory', { n })}>
      <div class="row">
        ${this.text(issues, `signatories[${index}].name`, 'name', { label: `${this.t('charter.signatory.name')} (${n})` })}
        ${this.text(issues, `signatories[${index}].role`, 'organization-title', { label: `${this.t('charter.signatory.role')} (${n})` })}
      </div>
      ${
        this.form.draft.signatories.length > 1
          ? html`<button type="button" class="secondary" @click=${() => this.removeSignatory(index)}>
              ${this.t('charter.signatory.remove', { n })}
            </button>`
          : nothing
      }
    </div>`;
  }

  // ——— Behaviour ———

  private onInput(path: string, value: string): void {
    const next = patchAt(this.form.draft, path, value);
    // The department follows the postcode until the signer chooses one by hand.
    if (path === 'pole.postcode' && !this.form.draft.departmentEdited) {
      const department = departmentFromPostcode(value);
      if (department) next.pole = { ...(next.pole ?? this.form.draft.pole), department };
    }
    this.form.input(path, next);
  }

  private toggleCommitment(id: string, checked: boolean): void {
    const commitments = checked ? [...new Set([...this.form.draft.commitments, id])] : this.form.draft.commitments.filter((c) => c !== id);
    this.form.edit({ commitments }, `commitments.${id}`);
  }

  private addSignatory = async () => {
    this.form.edit({ signatories: [...this.form.draft.signatories, { name: '', role: '' }] });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(`signatories[${this.form.draft.signatories.length - 1}].name`)}`)?.focus();
  };

  private async removeSignatory(index: number) {
    this.form.edit({ signatories: this.form.draft.signatories.filter((_, i) => i !== index) });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(`signatories[${Math.max(0, index - 1)}].name`)}`)?.focus();
  }

  private async submit(event: Event, charter: Charter): Promise<void> {
    event.preventDefault();
    const signature = toSignature(this.form.draft, charter);
    const receipt = await this.form.submit(this.issues(charter), {
      body: signature,
      post: (body, key) => this.withClient((client) => client.post('signatures', body, key)),
      receipt: (value) => {
        const checked = checkSignatureReceipt(value);
        return checked.ok ? checked.value : undefined;
      },
      fallback: () => ({ reference: '—', status: 'pending', receivedAt: new Date().toISOString(), poleName: signature.pole.name }),
      fieldIssues: (issues) => issues,
    });
    if (receipt) this.emit('ptce-charter-signed', { reference: receipt.reference, poleName: receipt.poleName });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-charter': PtceCharter;
  }
}
