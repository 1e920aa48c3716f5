import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DataController } from '../../base/data-controller.js';
import { checkCharter, checkSignatureReceipt } from '../../data/checks/charter.js';
import { ok, type DataIssue, type Failure, type Result } from '../../data/failure.js';
import { DEPARTMENTS, departmentFromPostcode, regionName, regionOf } from '../../data/geography.js';
import { localize } from '../../data/localize.js';
import { safeHttpUrl } from '../../data/safe-url.js';
import type { Charter } from '../../data/schemas/charter.js';
import type { SignatureReceipt } from '../../data/schemas/submissions.js';
import { draftIssues, emptyDraft, fieldId, messageFor, reviveDraft, today, toSignature, type SignatureDraft } from './signature-draft.js';
import { focusField, keyForSend, mergeIssues, renderErrorSummary, renderFieldError } from '../../base/form/form-kit.js';
import { DraftStore } from '../../base/draft-store.js';
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

type Field = keyof SignatureDraft['pole'] | keyof SignatureDraft['representative'];

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

  @state() private draft: SignatureDraft = emptyDraft();
  @state() private touched = new Set<string>();
  @state() private submitted = false;
  @state() private sending = false;
  @state() private sendFailure?: Failure;
  @state() private serverIssues: DataIssue[] = [];
  @state() private receipt?: SignatureReceipt;
  @state() private restored = false;
  @state() private narrow = false;

  private store?: DraftStore<SignatureDraft>;
  private honeypot = '';

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
    this.narrow = this.getBoundingClientRect().width < 560;
    this.store = this.noDraft ? undefined : new DraftStore(`ptce-charter-draft:${endpoint}:${charter.id}:${charter.version}`, reviveDraft);
    const saved = this.store?.load();
    this.draft = saved ?? emptyDraft();
    this.restored = !!saved;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.clientChanged()) void this.data.run();
  }

  protected override render() {
    return this.renderData(
      this.data,
      ({ charter, canSign }) => html`
        ${renderCharterText(charter, { lang: this.resolvedLang, headingLevel: this.headingLevel, open: !this.narrow })}
        ${
          this.receipt
            ? renderReceipt(this.receipt, toSignature(this.draft, charter), {
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
    return mergeIssues(draftIssues(this.draft, charter), this.serverIssues);
  }

  private visibleIssue(issues: DataIssue[], path: string): DataIssue | undefined {
    if (!this.submitted && !this.touched.has(path)) return undefined;
    return issues.find((issue) => issue.path === path);
  }

  private renderForm(charter: Charter) {
    const issues = this.issues(charter);
    const shown = this.submitted ? issues : [];
    const lang = this.resolvedLang;
    const d = this.draft;
    const region = d.pole.department && regionOf(d.pole.department);
    const privacy = safeHttpUrl(this.privacyUrl, document.baseURI);
    return html`<form part="form" novalidate @submit=${(e: Event) => this.submit(e, charter)} @focusout=${this.onBlur}>
      ${heading(this.headingLevel, 1, this.t('charter.sign-title'))}
      <p class="hint">${this.t('charter.sign-intro')}</p>
      ${this.restored ? html`<p class="hint" role="status">${this.t('charter.draft-restored')}</p>` : nothing}
      ${shown.length ? this.renderErrorSummary(shown) : nothing}
      ${this.sendFailure ? html`<p class="error" role="alert" tabindex="-1">${this.t('charter.send-failed', { reason: this.describeFailure(this.sendFailure).message })}</p>` : nothing}

      <fieldset>
        <legend>${this.t('charter.pole')}</legend>
        ${this.input(issues, 'pole', 'name', 'organization')} ${this.input(issues, 'pole', 'street', 'street-address')}
        <div class="row">
          ${this.input(issues, 'pole', 'postcode', 'postal-code', 'text', 'numeric')}
          ${this.input(issues, 'pole', 'city', 'address-level2')}
        </div>
        <div class="field">
          <label for=${fieldId('pole.department')}>${this.t('charter.pole.department')} *</label>
          <select
            id=${fieldId('pole.department')}
            required
            aria-invalid=${this.visibleIssue(issues, 'pole.department') ? 'true' : 'false'}
            aria-describedby="${fieldId('pole.department')}-error ${fieldId('pole.department')}-region"
            @change=${(e: Event) => this.updateDraft({ pole: { ...d.pole, department: (e.target as HTMLSelectElement).value }, departmentEdited: true })}
          >
            <option value="" ?selected=${!d.pole.department}>${this.t('charter.pole.department-choose')}</option>
            ${[...DEPARTMENTS.values()].map(
              (dep) => html`<option value=${dep.code} ?selected=${dep.code === d.pole.department}>${dep.code} — ${dep.name}</option>`,
            )}
          </select>
          <p class="hint" id="${fieldId('pole.department')}-region">
            ${region ? this.t('charter.pole.region', { region: regionName(region) ?? '' }) : ''}
          </p>
          ${this.fieldError(issues, 'pole.department')}
        </div>
        ${this.input(issues, 'pole', 'website', 'url', 'url', undefined, false)}
      </fieldset>

      <fieldset>
        <legend>${this.t('charter.representative')}</legend>
        <div class="row">
          ${this.input(issues, 'representative', 'lastName', 'family-name')}
          ${this.input(issues, 'representative', 'firstName', 'given-name')}
        </div>
        <div class="row">
          ${this.input(issues, 'representative', 'email', 'email', 'email')} ${this.input(issues, 'representative', 'phone', 'tel', 'tel')}
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
                @change=${() => this.updateDraft({ status: status.id }, 'status')}
              />
              <label for="status-${index}">${localize(status.label, lang)}</label>
            </div>`,
        )}
        ${this.fieldError(issues, 'status')}
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
              aria-invalid=${this.visibleIssue(issues, path) ? 'true' : 'false'}
              aria-describedby="${fieldId(path)}-error"
              @change=${(e: Event) => this.toggleCommitment(commitment.id, (e.target as HTMLInputElement).checked)}
            />
            <label for=${fieldId(path)}>${localize(commitment.text, lang)}</label>
            <span></span>${this.fieldError(issues, path)}
          </div>`;
        })}
      </fieldset>

      <fieldset>
        <legend>${this.t('charter.signing')}</legend>
        <div class="row">
          ${this.plainInput(issues, 'place', d.place, (place) => ({ place }), 'address-level2')}
          <div class="field">
            <label for=${fieldId('date')}>${this.t('charter.date')} *</label>
            <input
              type="date"
              id=${fieldId('date')}
              required
              max=${today()}
              .value=${live(d.date)}
              aria-invalid=${this.visibleIssue(issues, 'date') ? 'true' : 'false'}
              aria-describedby="${fieldId('date')}-error"
              @input=${(e: Event) => this.updateDraft({ date: (e.target as HTMLInputElement).value })}
            />
            ${this.fieldError(issues, 'date')}
          </div>
        </div>
        <fieldset>
          <legend>${this.t('charter.signatories')} *</legend>
          ${d.signatories.map((signatory, index) => this.renderSignatory(issues, signatory, index))}
          <button type="button" class="secondary" @click=${this.addSignatory}>${this.t('charter.signatory.add')}</button>
        </fieldset>
        <div class="choice">
          <input
            type="checkbox"
            id="f-consent"
            .checked=${live(d.consentToList)}
            @change=${(e: Event) => this.updateDraft({ consentToList: (e.target as HTMLInputElement).checked })}
          />
          <label for="f-consent">${this.t('charter.consent')}</label>
        </div>
        ${privacy ? html`<p><a href=${privacy} target="_blank" rel="noopener">${this.t('charter.privacy')}</a></p>` : nothing}
      </fieldset>

      <div class="honeypot" aria-hidden="true">
        <label for="f-nickname">Ne pas remplir</label>
        <input
          id="f-nickname"
          name="nickname"
          tabindex="-1"
          autocomplete="off"
          @input=${(e: Event) => (this.honeypot = (e.target as HTMLInputElement).value)}
        />
      </div>

      <div class="actions">
        <button type="submit" part="submit" aria-busy=${this.sending ? 'true' : 'false'} ?disabled=${this.sending}>
          ${this.sending ? this.t('charter.sending') : this.t('charter.submit')}
        </button>
      </div>
    </form>`;
  }

  private renderErrorSummary(issues: DataIssue[]) {
    return renderErrorSummary(
      issues,
      this.t('charter.errors', { count: issues.length }),
      this.serverIssues.length ? this.t('charter.server-refused') : undefined,
      (issue) => `${this.fieldLabel(issue.path)} : ${this.t(messageFor(issue))}`,
      (event, path) => focusField(this.renderRoot, event, path),
    );
  }

  private fieldLabel(path: string): string {
    const signatory = /^signatories\[(\d+)\]\.(name|role)$/.exec(path);
    if (signatory)
      return `${this.t('charter.signatory', { n: Number(signatory[1]) + 1 })} — ${this.t(`charter.signatory.${signatory[2] as 'name' | 'role'}`)}`;
    if (path.startsWith('commitments')) return this.t('charter.commitments');
    if (path === 'signatories') return this.t('charter.signatories');
    const known: Record<string, Parameters<PtceCharter['t']>[0]> = {
      status: 'charter.status',
      place: 'charter.place',
      date: 'charter.date',
    };
    return this.t(known[path] ?? (`charter.${path}` as Parameters<PtceCharter['t']>[0]));
  }

  private fieldError(issues: DataIssue[], path: string): TemplateResult {
    const issue = this.visibleIssue(issues, path);
    return renderFieldError(path, issue && this.t(messageFor(issue)));
  }

  private input(
    issues: DataIssue[],
    group: 'pole' | 'representative',
    field: Field,
    autocomplete: string,
    type = 'text',
    inputmode?: string,
    required = true,
  ) {
    const path = `${group}.${field}`;
    const value = (this.draft[group] as Record<string, string>)[field];
    return this.plainInput(
      issues,
      path,
      value,
      (next) => ({ [group]: { ...this.draft[group], [field]: next } }) as Partial<SignatureDraft>,
      autocomplete,
      type,
      inputmode,
      required,
    );
  }

  private plainInput(
    issues: DataIssue[],
    path: string,
    value: string,
    patch: (value: string) => Partial<SignatureDraft>,
    autocomplete: string,
    type = 'text',
    inputmode?: string,
    required = true,
    label = this.fieldLabel(path),
  ) {
    const id = fieldId(path);
    return html`<div class="field">
      <label for=${id}>${label}${required ? ' *' : ''}</label>
      <input
        id=${id}
        type=${type}
        autocomplete=${autocomplete}
        inputmode=${inputmode ?? nothing}
        ?required=${required}
        .value=${live(value)}
        aria-invalid=${this.visibleIssue(issues, path) ? 'true' : 'false'}
        aria-describedby="${id}-error"
        @input=${(e: Event) => this.onInput(path, (e.target as HTMLInputElement).value, patch)}
      />
      ${this.fieldError(issues, path)}
    </div>`;
  }

  private renderSignatory(issues: DataIssue[], signatory: { name: string; role: string }, index: number) {
    const n = index + 1;
    const update = (field: 'name' | 'role') => (value: string) => ({
      signatories: this.draft.signatories.map((s, i) => (i === index ? { ...s, [field]: value } : s)),
    });
    return html`<div class="signatory" role="group" aria-label=${this.t('charter.signatory', { n })}>
      <div class="row">
        ${this.plainInput(issues, `signatories[${index}].name`, signatory.name, update('name'), 'name', 'text', undefined, true, `${this.t('charter.signatory.name')} (${n})`)}
        ${this.plainInput(issues, `signatories[${index}].role`, signatory.role, update('role'), 'organization-title', 'text', undefined, true, `${this.t('charter.signatory.role')} (${n})`)}
      </div>
      ${
        this.draft.signatories.length > 1
          ? html`<button type="button" class="secondary" @click=${() => this.removeSignatory(index)}>
              ${this.t('charter.signatory.remove', { n })}
            </button>`
          : nothing
      }
    </div>`;
  }

  // ——— Behaviour ———

  private updateDraft(patch: Partial<SignatureDraft>, touch?: string): void {
    this.draft = { ...this.draft, ...patch };
    if (touch) this.touched = new Set(this.touched).add(touch);
    this.store?.save(this.draft);
  }

  private onInput(path: string, value: string, patch: (value: string) => Partial<SignatureDraft>): void {
    const next = patch(value);
    // The department follows the postcode until the signer chooses one by hand.
    if (path === 'pole.postcode' && !this.draft.departmentEdited) {
      const department = departmentFromPostcode(value);
      if (department) next.pole = { ...(next.pole ?? this.draft.pole), department };
    }
    this.serverIssues = this.serverIssues.filter((issue) => issue.path !== path);
    this.updateDraft(next);
  }

  private onBlur = (event: FocusEvent) => {
    const field = event.composedPath()[0] as HTMLInputElement;
    const path = this.pathOf(field.id);
    // An empty field passed through is not an error until submit: flagging it on blur shifted
    // the layout between mousedown and mouseup, so the button being clicked moved away.
    if (path && field.value !== '' && !this.touched.has(path)) this.touched = new Set(this.touched).add(path);
  };

  private pathOf(id: string): string | undefined {
    const paths = [
      'pole.name',
      'pole.street',
      'pole.postcode',
      'pole.city',
      'pole.department',
      'pole.website',
      'representative.lastName',
      'representative.firstName',
      'representative.email',
      'representative.phone',
      'place',
      'date',
      ...this.draft.signatories.flatMap((_, i) => [`signatories[${i}].name`, `signatories[${i}].role`]),
    ];
    return paths.find((path) => fieldId(path) === id);
  }

  private toggleCommitment(id: string, checked: boolean): void {
    const commitments = checked ? [...new Set([...this.draft.commitments, id])] : this.draft.commitments.filter((c) => c !== id);
    this.updateDraft({ commitments }, `commitments.${id}`);
  }

  private addSignatory = async () => {
    this.updateDraft({ signatories: [...this.draft.signatories, { name: '', role: '' }] });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(`signatories[${this.draft.signatories.length - 1}].name`)}`)?.focus();
  };

  private async removeSignatory(index: number) {
    this.updateDraft({ signatories: this.draft.signatories.filter((_, i) => i !== index) });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#${fieldId(`signatories[${Math.max(0, index - 1)}].name`)}`)?.focus();
  }

  private async submit(event: Event, charter: Charter): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    this.submitted = true;
    this.sendFailure = undefined;
    const issues = this.issues(charter);
    if (issues.length) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="error-summary"]')?.focus();
      return;
    }
    const signature = toSignature(this.draft, charter);
    const body = JSON.stringify(signature);
    // Same body as the last attempt: same key, so the server stores it once. Changed: new key.
    this.updateDraft(keyForSend(this.draft, body, 'charter'));
    if (this.honeypot)
      return this.succeed(
        { reference: '—', status: 'pending', receivedAt: new Date().toISOString(), poleName: signature.pole.name },
        false,
      );

    this.sending = true;
    const result = await this.withClient((client) => client.post('signatures', signature, this.draft.key));
    this.sending = false;
    if (result.ok) {
      const receipt = checkSignatureReceipt(result.value);
      return this.succeed(
        receipt.ok ? receipt.value : { reference: '—', status: 'pending', receivedAt: '', poleName: signature.pole.name },
        true,
      );
    }
    const failure = result.failure;
    if (failure.kind === 'http' && failure.status === 400 && failure.issues?.length) {
      this.serverIssues = failure.issues;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[part="error-summary"]')?.focus();
      return;
    }
    if (failure.kind !== 'aborted') this.sendFailure = failure;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role="alert"]')?.focus();
  }

  private async succeed(receipt: SignatureReceipt, announce: boolean): Promise<void> {
    this.receipt = receipt;
    this.store?.clear();
    if (announce) this.emit('ptce-charter-signed', { reference: receipt.reference, poleName: receipt.poleName });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="receipt"]')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-charter': PtceCharter;
  }
}
