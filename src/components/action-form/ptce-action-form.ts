import { css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DataController } from '../../base/data-controller.js';
import { heading } from '../../base/heading.js';
import { fieldId } from '../../base/form/form-kit.js';
import { FormController } from '../../base/form/form-controller.js';
import {
  errorSummary,
  fieldError,
  honeypot,
  sendFailure,
  submitButton,
  textField,
  type TextField as Field,
} from '../../base/form/form-view.js';
import { formStyles } from '../../base/form/form-styles.js';
import { checkActionReceipt } from '../../data/checks/actions.js';
import { ok, type DataIssue, type Result } from '../../data/failure.js';
import { localize } from '../../data/localize.js';
import { loadPoles } from '../../data/poles.js';
import { safeHttpUrl } from '../../data/safe-url.js';
import type { ActionReceipt } from '../../data/schemas/action.js';
import type { Theme } from '../../data/schemas/pole.js';
import { registerMessages, type MessageKey } from '../../i18n/index.js';
import { actionForm as messages } from '../../i18n/fr/action-form.js';
import { OTHER_POLE, draftIssues, emptyDraft, messageFor, reviveDraft, toProposal, type ActionDraft } from './action-draft.js';

registerMessages('fr', messages);

interface FormData {
  poles: { id: string; name: string }[];
  themes: Theme[];
  canSend: boolean;
  endpoint: string;
}

declare module '../../base/events.js' {
  interface PtceEventMap {
    /** A fiche action was received: its reference and the pole's name, no personal data. */
    'ptce-action-proposed': { reference: string; poleName: string };
  }
}

type TextField = 'title' | 'description' | 'stage' | 'perspectives' | 'offer' | 'website' | 'poleName' | 'contactName' | 'contactEmail';
/** Each draft field's path in the proposal (the error messages' and the server's). */
const PATHS: Record<TextField, string> = {
  title: 'action.title',
  description: 'action.description',
  stage: 'action.stage',
  perspectives: 'action.perspectives',
  offer: 'action.offer',
  website: 'action.website',
  poleName: 'pole.name',
  contactName: 'contact.name',
  contactEmail: 'contact.email',
};

/**
 * @tag ptce-action-form
 * @summary A pole proposes a *fiche action* — a project and the concrete action it offers the
 * other poles (a learning visit…) — sent to the endpoint's `actions` URL, where it waits for
 * moderation before it shows on the pole's card. The contact asked for is never published.
 *
 * @csspart read-only - The sentence shown when the endpoint takes no fiches.
 * @csspart form - The form.
 * @csspart error-summary - The list of errors at the top of the form.
 * @csspart submit - The "Proposer la fiche" button.
 * @csspart receipt - The receipt shown once the fiche is received.
 *
 * @fires ptce-action-proposed - The fiche was stored, pending; `detail` is `{reference, poleName}`.
 */
export class PtceActionForm extends PtceElement {
  static override styles = [
    ...(PtceElement.styles as []),
    formStyles,
    css`
      .themes {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        gap: 0.5rem;
      }
    `,
  ];

  /** Id of the pole chosen at first (a pole's own site). */
  @property({ attribute: 'pole-id' }) poleId?: string;

  /** Where to send a fiche, shown when this endpoint takes none. */
  @property({ attribute: 'send-url' }) sendUrl?: string;

  /** Do not keep a draft in the browser's storage. */
  @property({ type: Boolean, attribute: 'no-draft' }) noDraft = false;

  /** Level of the form's title (default 2). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The form: draft, idempotency key, honeypot, server refusals, receipt, focus. */
  private readonly form: FormController<ActionDraft, ActionReceipt> = new FormController(this, {
    prefix: 'action',
    empty: () => emptyDraft(),
    revive: reviveDraft,
    paths: () => Object.values(PATHS),
    label: (path) => this.label(path),
    message: (issue) => this.t(messageFor(issue)),
  });

  readonly data = new DataController<FormData>(
    this,
    (signal) => this.load(signal),
    (value) => this.loaded(value),
  );

  private async load(signal: AbortSignal): Promise<Result<FormData>> {
    return this.withClient(async (client) => {
      const actions = await client.locate('actions', signal);
      if (!actions.ok && actions.failure.kind !== 'no-resource') return actions;
      // The list of poles helps choose one; without it, the pole's name is typed.
      const loaded = actions.ok ? await loadPoles(client, signal) : undefined;
      const collection = loaded?.ok ? loaded.value.value : { poles: [], themes: [] };
      const poles = collection.poles.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
      return ok({ poles, themes: collection.themes.filter((theme) => !theme.parent), canSend: actions.ok, endpoint: client.endpoint });
    });
  }

  private loaded({ endpoint, poles }: FormData): void {
    const preset = this.poleId && poles.some((pole) => pole.id === this.poleId) ? this.poleId : poles.length ? '' : OTHER_POLE;
    this.form.open(this.noDraft ? undefined : `ptce-action-draft:${endpoint}`, () => emptyDraft(preset));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.clientChanged()) this.startLoad(this.data);
  }

  protected override render() {
    return this.renderData(this.data, (data) =>
      this.form.receipt ? this.renderReceipt(this.form.receipt) : data.canSend ? this.renderForm(data) : this.renderReadOnly(),
    );
  }

  private renderReadOnly() {
    const where = safeHttpUrl(this.sendUrl, globalThis.document?.baseURI);
    return html`<p class="notice" part="read-only">
      ${this.t('action-form.read-only')}
      ${where ? html`<a href=${where}>${this.t('action-form.read-only-where')}</a>` : this.t('action-form.read-only-contact')}
    </p>`;
  }

  private issues({ poles, themes }: FormData): DataIssue[] {
    return this.form.issues(draftIssues(this.form.draft, poles, themes));
  }

  private label(path: string): string {
    const field = (Object.keys(PATHS) as TextField[]).find((key) => PATHS[key] === path);
    if (path === 'pole') return this.t('action-form.pole');
    if (path === 'action.themes') return this.t('action-form.themes');
    if (field === 'poleName') return this.t('action-form.pole.name');
    if (field === 'contactName' || field === 'contactEmail')
      return this.t(`action-form.contact.${field === 'contactName' ? 'name' : 'email'}`);
    return field ? this.t(`action-form.field.${field}` as MessageKey) : path;
  }

  private renderForm(data: FormData) {
    const form = this.form;
    const issues = this.issues(data);
    const d = form.draft;
    const lang = this.resolvedLang;
    return html`<form
      part="form"
      novalidate
      @submit=${(e: Event) => this.submit(e, data)}
      @focusout=${form.onFocusOut}
      @pointerdown=${form.onPointerDown}
    >
      ${heading(this.headingLevel, 0, this.t('action-form.title'))}
      <p class="hint">${this.t('action-form.intro')}</p>
      ${form.restored ? html`<p class="hint" role="status">${this.t('action-form.draft-restored')}</p>` : nothing}
      ${errorSummary(form, issues, (count) => this.t('action-form.errors', { count }), this.t('action-form.server-refused'))}
      ${sendFailure(form, (failure) => this.t('action-form.send-failed', { reason: this.describeFailure(failure).message }))}

      <fieldset>
        <legend>${this.t('action-form.pole')}</legend>
        ${
          data.poles.length
            ? html`<div class="field">
                <label for=${fieldId('pole')}>${this.t('action-form.pole.choose')}</label>
                <select
                  id=${fieldId('pole')}
                  aria-invalid=${form.invalid(issues, 'pole')}
                  aria-describedby="${fieldId('pole')}-error"
                  @change=${(e: Event) => form.edit({ poleId: (e.target as HTMLSelectElement).value }, 'pole')}
                >
                  <option value="" ?selected=${!d.poleId}>${this.t('action-form.pole.placeholder')}</option>
                  ${data.poles.map((pole) => html`<option value=${pole.id} ?selected=${pole.id === d.poleId}>${pole.name}</option>`)}
                  <option value=${OTHER_POLE} ?selected=${d.poleId === OTHER_POLE}>${this.t('action-form.pole.other')}</option>
                </select>
                ${fieldError(form, issues, 'pole')}
              </div>`
            : nothing
        }
        ${d.poleId === OTHER_POLE ? this.input(issues, 'poleName', { autocomplete: 'organization' }) : nothing}
      </fieldset>

      <fieldset>
        <legend>${this.t('action-form.fiche')}</legend>
        ${this.input(issues, 'title')} ${this.input(issues, 'description', { multiline: true })}
        ${this.input(issues, 'stage', { multiline: true, optional: true })}
        ${this.input(issues, 'perspectives', { multiline: true, optional: true })}
        ${this.input(issues, 'offer', { multiline: true, optional: true, hint: this.t('action-form.field.offer-hint') })}
        ${this.input(issues, 'website', { type: 'url', autocomplete: 'url', optional: true })}
        ${
          data.themes.length
            ? html`<fieldset id=${fieldId('action.themes')} aria-describedby="${fieldId('action.themes')}-error">
                <legend>${this.t('action-form.themes')}</legend>
                <div class="themes">
                  ${data.themes.map(
                    (theme, index) =>
                      html`<div class="choice">
                        <input
                          type="checkbox"
                          id="theme-${index}"
                          .checked=${live(d.themes.includes(theme.id))}
                          @change=${(e: Event) => this.toggleTheme(theme.id, (e.target as HTMLInputElement).checked)}
                        />
                        <label for="theme-${index}">${localize(theme.label, lang)}</label>
                      </div>`,
                  )}
                </div>
                ${fieldError(form, issues, 'action.themes')}
              </fieldset>`
            : nothing
        }
      </fieldset>

      <fieldset>
        <legend>${this.t('action-form.contact')}</legend>
        <p class="hint">${this.t('action-form.contact-hint')}</p>
        <div class="row">
          ${this.input(issues, 'contactName', { autocomplete: 'name' })}
          ${this.input(issues, 'contactEmail', { type: 'email', autocomplete: 'email' })}
        </div>
      </fieldset>

      ${honeypot(form)} ${submitButton(form, this.t('action-form.submit'), this.t('action-form.sending'))}
    </form>`;
  }

  private input(issues: DataIssue[], field: TextField, { optional = false, ...rest }: Partial<Field> & { optional?: boolean } = {}) {
    const path = PATHS[field];
    return textField(this.form, issues, path, this.form.draft[field], {
      label: `${this.label(path)}${optional ? ` ${this.t('action-form.optional')}` : ' *'}`,
      required: !optional,
      input: (value) => this.onInput(field, value),
      ...rest,
    });
  }

  private renderReceipt(receipt: ActionReceipt) {
    const listed = this.form.draft.poleId !== OTHER_POLE;
    return html`<section class="receipt" part="receipt" tabindex="-1" aria-labelledby="receipt-title">
      ${heading(this.headingLevel, 0, this.t('action-form.thanks'), 'receipt-title')}
      <p><strong>${this.t('action-form.reference', { reference: receipt.reference })}</strong></p>
      <p>${this.t('action-form.receipt-summary', { title: this.form.draft.title.trim(), pole: receipt.poleName })}</p>
      <p>${this.t(listed ? 'action-form.pending' : 'action-form.pending-unlisted')}</p>
      <div class="actions no-print">
        <button type="button" @click=${() => window.print()}>${this.t('action-form.print')}</button>
        <button type="button" @click=${this.startAgain}>${this.t('action-form.another')}</button>
      </div>
    </section>`;
  }

  // ——— Behaviour ———

  private onInput(field: TextField, value: string): void {
    this.form.input(PATHS[field], { [field]: value });
  }

  private toggleTheme(id: string, checked: boolean): void {
    const themes = this.form.draft.themes;
    this.form.edit({ themes: checked ? [...new Set([...themes, id])] : themes.filter((theme) => theme !== id) }, 'action.themes');
  }

  private startAgain = async () => {
    this.form.reset(emptyDraft(this.form.draft.poleId));
    await this.form.focus('select, input');
  };

  private async submit(event: Event, data: FormData): Promise<void> {
    event.preventDefault();
    const proposal = toProposal(this.form.draft, data.poles);
    const receipt = await this.form.submit(this.issues(data), {
      body: proposal,
      post: (body, key) => this.withClient((client) => client.post('actions', body, key)),
      receipt: (value) => {
        const checked = checkActionReceipt(value);
        return checked.ok ? checked.value : undefined;
      },
      fallback: () => ({ reference: '—', status: 'pending', receivedAt: new Date().toISOString(), poleName: proposal.pole.name }),
      // The server names the pole's id and each theme; the form has one list and one group for them.
      fieldIssues: (issues) =>
        issues.map((issue) => ({
          ...issue,
          path: issue.path === 'pole.id' ? 'pole' : issue.path.replace(/^action\.themes.*/, 'action.themes'),
        })),
    });
    if (receipt) this.emit('ptce-action-proposed', { reference: receipt.reference, poleName: receipt.poleName });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-action-form': PtceActionForm;
  }
}
