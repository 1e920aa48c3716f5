import { html, nothing, type TemplateResult } from 'lit';
import { heading } from '../../../base/heading.js';
import { fieldId } from '../../../base/form/form-kit.js';
import type { FormController } from '../../../base/form/form-controller.js';
import { fieldError } from '../../../base/form/form-view.js';
import type { DataIssue } from '../../../data/failure.js';
import type { Translate } from '../../../i18n/index.js';
import type { PoleDraft } from '../pole-draft.js';

/** What the form shows once sent: a contribution's receipt, or what became of the owner's changes. */
export type Receipt =
  { kind: 'contribution'; reference: string; duplicates: number } | { kind: 'owner'; status: 'published' | 'moderation' };

/** A labelled list (département, stage) with its "Choisir…" first and its error line. */
export function selectField(
  form: FormController<PoleDraft, Receipt>,
  t: Translate,
  issues: DataIssue[],
  field: { path: string; label: string; value: string; options: [string, string][]; change: (value: string) => void; optional?: boolean },
): TemplateResult {
  const { path, label, value, options, change, optional = false } = field;
  const id = fieldId(path);
  return html`<div class="field">
    <label for=${id}>${label}${optional ? ` ${t('pole-form.optional')}` : ' *'}</label>
    <select
      id=${id}
      ?required=${!optional}
      aria-invalid=${form.invalid(issues, path)}
      aria-describedby="${id}-error"
      @change=${(e: Event) => change((e.target as HTMLSelectElement).value)}
    >
      <option value="" ?selected=${!value}>${t('pole-form.choose')}</option>
      ${options.map(([code, text]) => html`<option value=${code} ?selected=${code === value}>${text}</option>`)}
    </select>
    ${fieldError(form, issues, path)}
  </div>`;
}

/** The receipt: the contribution's reference, or the owner's changes published or waiting; focus goes to it. */
export function renderReceipt(t: Translate, headingLevel: number, receipt: Receipt, again: () => void): TemplateResult {
  const contribution = receipt.kind === 'contribution';
  const title = contribution
    ? 'pole-form.thanks'
    : receipt.status === 'published'
      ? 'pole-form.owner.published'
      : 'pole-form.owner.moderation';
  return html`<section class="receipt" part="receipt" tabindex="-1" aria-labelledby="receipt-title">
    ${heading(headingLevel, 0, t(title), 'receipt-title')}
    ${
      contribution
        ? html`<p><strong>${t('pole-form.reference', { reference: receipt.reference })}</strong></p>
            <p>${t('pole-form.pending')}</p>
            ${receipt.duplicates ? html`<p>${t('pole-form.pending-duplicates')}</p>` : nothing}`
        : html`<p>${t(receipt.status === 'published' ? 'pole-form.owner.published-detail' : 'pole-form.owner.moderation-detail')}</p>`
    }
    <div class="actions no-print">
      <button type="button" @click=${again}>${t(contribution ? 'pole-form.another' : 'pole-form.owner.edit-again')}</button>
    </div>
  </section>`;
}
