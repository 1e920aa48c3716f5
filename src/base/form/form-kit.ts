import { html, nothing, type TemplateResult } from 'lit';
import type { DataIssue } from '../../data/failure.js';

/**
 * The small pieces the FormController and its templates (form-view.ts) are built on: field ids,
 * idempotency keys, the merge of the draft's and the server's problems, the error summary.
 */

/** The id of the control a path points at (`signatories[1].role` → `f-signatories-1-role`). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;
}

/** A new idempotency key for a draft: `<prefix>-<uuid>`. */
export function newKey(prefix: string): string {
  return `${prefix}-${crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`}`;
}

/** A draft that is sent with an idempotency key. */
export interface KeyedDraft {
  key: string;
  /** The body last sent with `key`: a retry of the same body reuses the key, a changed one gets a new key. */
  sent?: string;
}

/** The draft's key and body for this send: the same body keeps its key (stored once), a changed one gets a new key. */
export function keyForSend<D extends KeyedDraft>(draft: D, body: string, prefix: string): Pick<D, 'key' | 'sent'> {
  return { key: draft.sent && draft.sent !== body ? newKey(prefix) : draft.key, sent: body };
}

/** Problems in the form's order, one per field: the draft's own, then the server's for fields the draft finds fine. */
export function mergeIssues(local: DataIssue[], server: DataIssue[]): DataIssue[] {
  const seen = new Set(local.map((issue) => issue.path));
  return [...local, ...server.filter((issue) => !seen.has(issue.path) && seen.add(issue.path))];
}

/**
 * The list of errors at the top of a form, each a link to its field; focus it after a failed
 * submit (it is an alert, and `tabindex="-1"`).
 */
export function renderErrorSummary(
  issues: DataIssue[],
  title: string,
  note: string | undefined,
  describe: (issue: DataIssue) => string,
  follow: (event: Event, path: string) => void,
): TemplateResult {
  return html`<div class="error-summary" part="error-summary" role="alert" tabindex="-1">
    <p><strong>${title}</strong></p>
    ${note ? html`<p>${note}</p>` : nothing}
    <ul>
      ${issues.map((issue) => html`<li><a href="#${fieldId(issue.path)}" @click=${(e: Event) => follow(e, issue.path)}>${describe(issue)}</a></li>`)}
    </ul>
  </div>`;
}

/** The message line under a field, always present (empty when fine) so `aria-describedby` resolves. */
export function renderFieldError(path: string, message: string | undefined): TemplateResult {
  return html`<p class="error" id="${fieldId(path)}-error">${message ?? ''}</p>`;
}

/** Moves focus to the field a summary link names (or to the first control of a fieldset). */
export function focusField(root: ParentNode, event: Event, path: string): void {
  event.preventDefault();
  const target = root.querySelector<HTMLElement>(`#${CSS.escape(fieldId(path))}`);
  const control = target instanceof HTMLFieldSetElement ? target.querySelector<HTMLElement>('input, select, textarea') : target;
  control?.focus();
}
