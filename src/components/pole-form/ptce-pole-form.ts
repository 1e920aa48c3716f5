import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DataController } from '../../base/data-controller.js';
import { heading } from '../../base/heading.js';
import { FormController } from '../../base/form/form-controller.js';
import { errorSummary, honeypot, sendFailure, submitButton, textField, type TextField } from '../../base/form/form-view.js';
import { formStyles } from '../../base/form/form-styles.js';
import { checkContributionReceipt } from '../../data/checks/contributions.js';
import { ok, type DataIssue, type Failure, type Result } from '../../data/failure.js';
import { DEPARTMENTS } from '../../data/geography.js';
import { registerMessages, type MessageKey } from '../../i18n/index.js';
import { poleForm as messages } from '../../i18n/fr/pole-form.js';
import { pole as poleMessages } from '../../i18n/fr/pole.js';
import { DuplicatesController, renderDuplicates } from './internal/duplicates.js';
import { renderReceipt, selectField, type Receipt } from './internal/view.js';
import { endSession, linkFromPage, loadRecord, openSession, sendChanges, type OwnerOutcome, type OwnerRecord } from './internal/owner.js';
import {
  PATHS,
  changesOf,
  draftIssues,
  draftOf,
  emptyDraft,
  formPath,
  messageFor,
  reviveDraft,
  toContribution,
  type PoleDraft,
  type PoleField,
} from './pole-draft.js';

registerMessages('fr', { ...poleMessages, ...messages });

interface FormData {
  canSend: boolean;
  endpoint: string;
  /** The owner's mode: their session and their pole as it is now. */
  token?: string;
  record?: OwnerRecord;
}

declare module '../../base/events.js' {
  interface PtceEventMap {
    /** A pole was proposed: its contribution's reference, no personal data. */
    'ptce-pole-proposed': { reference: string };
    /** An owner's changes were sent: `published` (applied) or `moderation` (waiting). */
    'ptce-pole-edited': { id: string; status: 'published' | 'moderation' };
  }
}

const FIELD_PATH = (field: PoleField | 'contributorName' | 'contributorEmail') =>
  field === 'contributorName' ? 'contributor.name' : field === 'contributorEmail' ? 'contributor.email' : `pole.${field}`;

/**
 * @tag ptce-pole-form
 * @summary "Proposer un pôle" (`mode="propose"`, the default): the public describes a pole the
 * directory lacks, warned of the listed poles it may duplicate as they type; it waits for a
 * moderator. `mode="owner"`: a pole's manager edits its card through the single-use link they were
 * e-mailed (the `link` attribute, or the page's `?lien=`); their changes are published at once or
 * go to moderation, as the server decides.
 *
 * @csspart read-only - The sentence shown when the endpoint takes no proposals.
 * @csspart form - The form.
 * @csspart error-summary - The list of errors at the top of the form.
 * @csspart duplicates - The live region listing the possible duplicates.
 * @csspart duplicate-link - The link to a possible duplicate's card.
 * @csspart submit - The send button.
 * @csspart receipt - What is shown once sent.
 * @csspart owner-refused - The owner's link or session no longer valid.
 *
 * @fires ptce-pole-proposed - A proposal was stored, pending; `detail` is `{reference}`.
 * @fires ptce-pole-edited - An owner's changes were accepted by the server; `detail` is `{id, status}`.
 */
export class PtcePoleForm extends PtceElement {
  static override styles = [
    ...(PtceElement.styles as []),
    formStyles,
    css`
      textarea {
        min-block-size: 6rem;
      }
      .duplicates:not(:empty) {
        padding: var(--_space);
        border: 1px solid var(--_border);
        border-inline-start: 4px solid var(--_accent);
        border-radius: var(--_radius);
      }
      .duplicates ul {
        margin: 0.25rem 0;
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  /** `propose` (a new pole, from the public) or `owner` (the pole's manager, through their link). */
  @property({ reflect: true }) mode: 'propose' | 'owner' = 'propose';

  /** The owner's single-use link (default: the page URL's `lien` parameter). */
  @property() link?: string;

  /** Where a possible duplicate's card is, `{id}` standing for its id (default `?pole={id}`). */
  @property({ attribute: 'card-url' }) cardUrl = '?pole={id}';

  /** Do not keep a draft in the browser's storage. */
  @property({ type: Boolean, attribute: 'no-draft' }) noDraft = false;

  /** Level of the form's title (default 2). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** The owner's session or link was refused: `link-refused` or `session-ended`. */
  @state() private refused?: 'link-refused' | 'session-ended' | 'no-link';
  /** The record changed under the owner's edit (409): reloaded, the draft kept on top. */
  @state() private stale = false;
  @state() private unchanged = false;

  private readonly form: FormController<PoleDraft, Receipt> = new FormController(this, {
    prefix: 'pole',
    empty: () => emptyDraft(),
    revive: reviveDraft,
    paths: () => PATHS,
    label: (path) => this.label(path),
    message: (issue) => this.t(messageFor(issue)),
  });

  private readonly duplicates = new DuplicatesController(this, () => this.client);

  readonly data = new DataController<FormData>(
    this,
    (signal) => this.load(signal),
    (value) => this.loaded(value),
  );

  private async load(signal: AbortSignal): Promise<Result<FormData>> {
    return this.withClient(async (client) => {
      const endpoint = client.endpoint;
      if (this.mode !== 'owner') {
        const where = await client.locate('contributions', signal);
        if (!where.ok && where.failure.kind !== 'no-resource') return where;
        return ok({ canSend: where.ok, endpoint });
      }
      const token = await openSession(client, this.link ?? this.pageLink, signal);
      if (!token.ok) return this.ownerRefused(token.failure, 'link-refused');
      const record = await loadRecord(client, token.value, signal);
      if (!record.ok) return this.ownerRefused(record.failure, 'session-ended');
      return ok({ canSend: true, endpoint, token: token.value, record: record.value });
    });
  }

  /** The page's `?lien=`, read once (it is then taken out of the address bar). */
  private get pageLink(): string | undefined {
    return (this.#pageLink ??= linkFromPage() ?? '') || undefined;
  }
  #pageLink?: string;

  /** A refused link or session is a state of the form, not a failure to retry. */
  private ownerRefused(failure: Failure, why: 'link-refused' | 'session-ended'): Result<FormData> {
    if (failure.kind !== 'http' || failure.status >= 500) return { ok: false, failure };
    if (this.client) endSession(this.client);
    this.refused = failure.reason === 'no-link' ? 'no-link' : why;
    return ok({ canSend: false, endpoint: '' });
  }

  private loaded({ endpoint, record }: FormData): void {
    if (record) this.form.open(undefined, () => draftOf(record.pole));
    else this.form.open(this.noDraft ? undefined : `ptce-pole-draft:${endpoint}`);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.clientChanged() || changed.has('mode') || changed.has('link')) void this.data.run();
  }

  protected override render() {
    if (this.refused) return html`<p class="notice" part="owner-refused" role="alert">${this.t(`pole-form.owner.${this.refused}`)}</p>`;
    return this.renderData(this.data, (data) =>
      this.form.receipt
        ? renderReceipt(this.t, this.headingLevel, this.form.receipt, () => this.startAgain(data))
        : data.canSend
          ? this.renderForm(data)
          : html`<p class="notice" part="read-only">${this.t('pole-form.read-only')}</p>`,
    );
  }

  private issues(data: FormData): DataIssue[] {
    return this.form.issues(draftIssues(this.form.draft, data.record?.pole));
  }

  private label(path: string): string {
    if (path === 'pole.departments') return this.t('pole-form.field.departement');
    if (path === 'contributor.name') return this.t('pole-form.field.contributor-name');
    if (path === 'contributor.email') return this.t('pole-form.field.contributor-email');
    return this.t(`pole-form.field.${path.replace(/^pole\./, '')}` as MessageKey);
  }

  private renderForm(data: FormData) {
    const form = this.form;
    const issues = this.issues(data);
    const owner = !!data.record;
    const d = form.draft;
    return html`<form
      part="form"
      novalidate
      @submit=${(e: Event) => this.submit(e, data)}
      @focusout=${form.onFocusOut}
      @pointerdown=${form.onPointerDown}
    >
      ${heading(this.headingLevel, 0, this.t(owner ? 'pole-form.title-owner' : 'pole-form.title-propose'))}
      <p class="hint">${owner ? this.t('pole-form.intro-owner', { name: data.record!.pole.name }) : this.t('pole-form.intro-propose')}</p>
      ${form.restored ? html`<p class="hint" role="status">${this.t('pole-form.draft-restored')}</p>` : nothing}
      ${this.stale ? html`<p class="notice" role="alert">${this.t('pole-form.owner.stale')}</p>` : nothing}
      ${this.unchanged ? html`<p class="notice" role="status">${this.t('pole-form.owner.no-change')}</p>` : nothing}
      ${errorSummary(form, issues, (count) => this.t('pole-form.errors', { count }), this.t('pole-form.server-refused'))}
      ${sendFailure(form, (failure) => this.t('pole-form.send-failed', { reason: this.describeFailure(failure).message }))}

      <fieldset>
        <legend>${this.t('pole-form.section.pole')}</legend>
        ${this.input(issues, 'name', { autocomplete: 'organization' })}
        ${
          owner
            ? nothing
            : selectField(form, this.t, issues, {
                path: 'pole.departments',
                label: this.label('pole.departments'),
                value: d.departement,
                options: [...DEPARTMENTS.values()].map((dep) => [dep.code, `${dep.code} — ${dep.name}`]),
                change: (value) => this.onInput({ departement: value }, 'pole.departments'),
              })
        }
        ${this.input(issues, 'commune', { optional: true, autocomplete: 'address-level2' })}
        ${owner ? nothing : renderDuplicates(this.t, this.duplicates.poles, this.cardUrl)}
        ${this.input(issues, 'carrier', { optional: true })}
        ${selectField(form, this.t, issues, {
          path: 'pole.status',
          label: this.label('pole.status'),
          value: d.status,
          options: (['established', 'emerging'] as const).map((status) => [status, this.t(`pole.status.${status}`)]),
          change: (value) => this.onInput({ status: value as PoleDraft['status'] }, 'pole.status'),
          optional: true,
        })}
        ${this.input(issues, 'description', { optional: true, multiline: true })}
      </fieldset>

      <fieldset>
        <legend>${this.t('pole-form.section.public-contact')}</legend>
        ${this.input(issues, 'address', { optional: true, autocomplete: 'street-address' })}
        <div class="row">
          ${this.input(issues, 'postcode', { optional: true, autocomplete: 'postal-code', inputmode: 'numeric' })}
          ${this.input(issues, 'phone', { optional: true, type: 'tel', autocomplete: 'tel' })}
        </div>
        ${this.input(issues, 'website', { optional: true, type: 'url', autocomplete: 'url' })}
        ${this.input(issues, 'email', { optional: true, type: 'email' })}
      </fieldset>

      ${
        owner
          ? nothing
          : html`<fieldset>
              <legend>${this.t('pole-form.section.contributor')}</legend>
              <p class="hint">${this.t('pole-form.contributor-hint')}</p>
              <div class="row">
                ${this.input(issues, 'contributorName', { autocomplete: 'name' })}
                ${this.input(issues, 'contributorEmail', { type: 'email', autocomplete: 'email' })}
              </div>
            </fieldset>`
      }
      ${honeypot(form)}
      ${submitButton(form, this.t(owner ? 'pole-form.submit-owner' : 'pole-form.submit-propose'), this.t('pole-form.sending'))}
    </form>`;
  }

  private input(
    issues: DataIssue[],
    field: PoleField | 'contributorName' | 'contributorEmail',
    { optional = false, ...rest }: Partial<TextField> & { optional?: boolean } = {},
  ) {
    const path = FIELD_PATH(field);
    return textField(this.form, issues, path, this.form.draft[field], {
      label: `${this.label(path)}${optional ? ` ${this.t('pole-form.optional')}` : ' *'}`,
      required: !optional,
      input: (value) => this.onInput({ [field]: value }, path),
      ...rest,
    });
  }

  // ——— Behaviour ———

  private onInput(patch: Partial<PoleDraft>, path: string): void {
    this.unchanged = false;
    this.form.input(path, patch);
    if (this.mode === 'owner') return;
    const { name, departement, commune, website } = this.form.draft;
    this.duplicates.watch({ name, departement, commune, website });
  }

  private startAgain = async (data: FormData) => {
    if (data.record) {
      // What the owner sent is the form's starting point again (published or waiting).
      this.form.reset({ ...this.form.draft, key: emptyDraft().key, sent: undefined });
    } else {
      this.form.reset();
      this.duplicates.poles = [];
    }
    await this.form.focus('input');
  };

  private async submit(event: Event, data: FormData): Promise<void> {
    event.preventDefault();
    const draft = this.form.draft;
    const fieldIssues = (issues: DataIssue[]) => issues.map((issue) => ({ ...issue, path: formPath(issue.path) }));
    if (!data.record) {
      const contribution = toContribution(draft);
      const receipt = await this.form.submit(this.issues(data), {
        body: contribution,
        post: (body, key) => this.withClient((client) => client.post('contributions', body, key)),
        receipt: (value) => {
          const checked = checkContributionReceipt(value);
          return checked.ok
            ? { kind: 'contribution', reference: checked.value.reference, duplicates: checked.value.duplicates.length }
            : undefined;
        },
        fallback: () => ({ kind: 'contribution', reference: '—', duplicates: 0 }),
        fieldIssues,
      });
      if (receipt?.kind === 'contribution') this.emit('ptce-pole-proposed', { reference: receipt.reference });
      return;
    }
    const record = data.record;
    const changes = changesOf(draft, record.pole);
    this.unchanged = !Object.keys(changes).length && !this.issues(data).length;
    if (this.unchanged) return;
    this.stale = false;
    let outcome: OwnerOutcome | undefined;
    const receipt = await this.form.submit(this.issues(data), {
      body: { changes, version: record.version },
      post: async (body, key) => {
        const sent = await this.withClient((client) => sendChanges(client, data.token!, body, key));
        if (sent.ok) outcome = sent.value;
        return sent;
      },
      receipt: () => (outcome ? { kind: 'owner', status: outcome.status } : undefined),
      fallback: () => ({ kind: 'owner', status: 'moderation' }),
      // `changes.website`, or the card's own `website` once merged: the form's `pole.website`.
      fieldIssues: (issues) =>
        fieldIssues(issues.map((issue) => (/^(changes|pole)\./.test(issue.path) ? issue : { ...issue, path: `pole.${issue.path}` }))),
    });
    if (outcome?.status === 'published') data.record = outcome.record;
    if (receipt?.kind === 'owner') this.emit('ptce-pole-edited', { id: record.id, status: receipt.status });
    else await this.afterRefusal(data);
  }

  /** A stale version: the record again, the owner's draft kept; an ended session: say so. */
  private async afterRefusal(data: FormData): Promise<void> {
    const failure = this.form.failure;
    if (failure?.kind !== 'http') return;
    if (failure.status === 401 || failure.status === 403) {
      if (this.client) endSession(this.client);
      this.refused = 'session-ended';
    } else if (failure.status === 409) {
      const fresh = await this.withClient((client) => loadRecord(client, data.token!));
      if (!fresh.ok) return;
      data.record = fresh.value;
      this.form.failure = undefined;
      this.stale = true;
      await this.form.focus('[role="alert"]');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-pole-form': PtcePoleForm;
  }
}
