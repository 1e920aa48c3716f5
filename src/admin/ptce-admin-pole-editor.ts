import { css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DataController } from '../base/data-controller.js';
import { FormController } from '../base/form/form-controller.js';
import { fieldError, errorSummary, sendFailure, submitButton, textField, type TextField } from '../base/form/form-view.js';
import { fieldId } from '../base/form/form-kit.js';
import { formStyles } from '../base/form/form-styles.js';
import type { DataIssue, Failure } from '../data/failure.js';
import { AdminElement } from './admin-element.js';
import type { AdminKey } from './i18n/index.js';
import { changesFrom, fromDraft, poleIssues, POLE_FIELDS, toDraft, type PoleDraft, type PoleField } from './internal/pole-draft.js';
import { poleChanged, type PoleRecord } from './internal/pole-record.js';

/** Messages of the fields the contract checks beyond "required" (the others say "invalid value"). */
const INVALID: Partial<Record<PoleField, AdminKey>> = {
  name: 'invalid.name',
  departments: 'invalid.departments',
  postcode: 'invalid.postcode',
  website: 'invalid.website',
  email: 'invalid.email',
  phone: 'invalid.phone',
  foundedYear: 'invalid.foundedYear',
};

/**
 * @tag ptce-admin-pole-editor
 * @summary A pole's record in a form (`GET|PATCH /api/admin/poles/{id}`), checked as it is typed
 * with the contract's own schema (src/data/schemas/pole.ts), its messages in French or English.
 * Only the changed fields are sent, with the version read: a pole changed meanwhile is refused
 * (`409`) and the editor offers to reload it rather than overwrite.
 */
export class PtceAdminPoleEditor extends AdminElement {
  static override styles = [
    ...AdminElement.styles,
    formStyles,
    css`
      textarea {
        min-block-size: 8rem;
        resize: vertical;
      }
    `,
  ];

  @property({ attribute: false }) poleId?: string;
  /** Bumped by the poles section when the pole changed elsewhere (a revision restored): loads it again. */
  @property({ attribute: false }) changes = 0;

  @state() private said?: string;
  private record?: PoleRecord;

  private readonly form = new FormController<PoleDraft, PoleRecord>(this, {
    prefix: 'pole',
    empty: () => ({ key: 'pole' }) as PoleDraft,
    paths: () => POLE_FIELDS,
    label: (path) => this.t(`field.${path}` as AdminKey),
    message: (issue) => issue.message,
  });

  private readonly data = new DataController<PoleRecord>(
    this,
    () => this.api!.get<PoleRecord>(`api/admin/poles/${encodeURIComponent(this.poleId!)}`),
    (record) => {
      this.record = record;
      this.form.reset(toDraft(record.pole));
    },
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && this.poleId && (changed.has('poleId') || changed.has('changes'))) void this.data.run();
  }

  /** The draft's problems in the reader's language, the contract's schema deciding what is wrong. */
  private issues(): DataIssue[] {
    if (!this.record) return [];
    const local = poleIssues(fromDraft(this.form.draft, this.record.pole)).map((issue) => ({
      path: issue.path,
      message: this.form.draft[issue.path as PoleField].trim()
        ? this.t(INVALID[issue.path as PoleField] ?? 'editor.invalid')
        : this.t('editor.required'),
    }));
    return this.form.issues(local);
  }

  protected override render() {
    return this.renderData(this.data, (record) => this.renderForm(record));
  }

  private renderForm(record: PoleRecord) {
    const form = this.form;
    const issues = this.issues();
    const stale = form.failure?.kind === 'http' && form.failure.status === 409;
    return html`<section aria-labelledby="editor-title">
      <h2 id="editor-title">${this.t('editor.title', { name: record.pole.name })}</h2>
      <p class="hint">${this.t('editor.version', { version: record.version, date: this.when(record.updatedAt) })}</p>
      ${this.renderStatus(this.said, 'editor-status')}
      <form novalidate @submit=${this.submit} @focusout=${form.onFocusOut} @pointerdown=${form.onPointerDown}>
        ${errorSummary(form, issues, (count) => this.t('errors.title', { count }), this.t('errors.server'))}
        ${sendFailure(form, (failure) => this.failed(failure))}
        ${stale ? html`<p><button type="button" @click=${() => this.data.run()}>${this.t('editor.reload')}</button></p>` : nothing}
        <div class="row">${this.text(issues, 'name', true)} ${this.text(issues, 'carrier')}</div>
        <div class="field">
          <label for=${fieldId('status')}>${this.t('field.status')}</label>
          <select
            id=${fieldId('status')}
            aria-describedby="${fieldId('status')}-error"
            @change=${(e: Event) => form.input('status', { status: (e.target as HTMLSelectElement).value })}
          >
            <option value="" ?selected=${!form.draft.status}>${this.t('editor.status.none')}</option>
            ${(['established', 'emerging'] as const).map(
              (status) =>
                html`<option value=${status} ?selected=${form.draft.status === status}>${this.t(`pole-status.${status}`)}</option>`,
            )}
          </select>
          ${fieldError(form, issues, 'status')}
        </div>
        <div class="row">${this.text(issues, 'departments')} ${this.text(issues, 'territory')}</div>
        <div class="row">${this.text(issues, 'address')} ${this.text(issues, 'postcode')} ${this.text(issues, 'commune')}</div>
        ${this.text(issues, 'description', false, { multiline: true })}
        <div class="row">
          ${this.text(issues, 'website', false, { type: 'url', autocomplete: 'off' })}
          ${this.text(issues, 'email', false, { type: 'email', autocomplete: 'off' })}
          ${this.text(issues, 'phone', false, { type: 'tel', autocomplete: 'off' })}
          ${this.text(issues, 'foundedYear', false, { inputmode: 'numeric' })}
        </div>
        ${submitButton(form, this.t('common.save'), this.t('common.saving'))}
      </form>
    </section>`;
  }

  private text(issues: DataIssue[], field: PoleField, required = false, rest: Partial<TextField> = {}) {
    return textField(this.form, issues, field, this.form.draft[field], {
      label: `${this.t(`field.${field}` as AdminKey)}${required ? ' *' : ''}`,
      required,
      input: (value) => this.form.input(field, { [field]: value } as Partial<PoleDraft>),
      ...rest,
    });
  }

  private failed(failure: Failure): string {
    if (failure.kind === 'http' && failure.status === 409) return this.t('editor.stale', { version: this.record?.version ?? '?' });
    return this.failureText(failure);
  }

  private readonly submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const record = this.record;
    if (!record) return;
    this.said = undefined;
    const changes = changesFrom(record.pole, fromDraft(this.form.draft, record.pole));
    const issues = this.issues();
    if (!issues.length && !Object.keys(changes).length) {
      this.said = this.t('editor.unchanged');
      return;
    }
    const saved = await this.form.submit(issues, {
      body: { changes, version: record.version },
      post: (body) => this.api!.patch<PoleRecord>(`api/admin/poles/${encodeURIComponent(record.id)}`, body),
      receipt: (value) => value as PoleRecord,
      fallback: () => record,
      // The server names the fields of `changes`: the form's are the same names.
      fieldIssues: (found) => found.map((issue) => ({ ...issue, path: issue.path.replace(/^changes\./, '').split(/[.[]/)[0] })),
    });
    if (!saved) return;
    this.record = saved;
    this.form.reset(toDraft(saved.pole));
    this.said = this.t('editor.saved', { version: saved.version });
    poleChanged(this, saved);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-pole-editor': PtceAdminPoleEditor;
  }
}
