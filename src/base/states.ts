import { html, type TemplateResult } from 'lit';
import type { DataIssue, Failure } from '../data/failure.js';
import { formatBytes, type MessageKey, type Params, type Translate } from '../i18n/index.js';

/** The shared loading, empty and error blocks of every data widget, and a failure in words. */

export function renderLoadingState(t: Translate): TemplateResult {
  return html`<div class="state state-loading" part="state state-loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span>
    <span>${t('state.loading')}</span>
  </div>`;
}

export function renderEmptyState(message: string): TemplateResult {
  return html`<div class="state state-empty" part="state state-empty" role="status"><p>${message}</p></div>`;
}

export function renderErrorState(
  t: Translate,
  { message, detail }: { message: string; detail?: string },
  retry: () => void,
): TemplateResult {
  return html`<div class="state state-error" part="state state-error" role="alert">
    <p class="title">${t('error.title')}</p>
    <p class="message">${message}</p>
    ${detail ? html`<p class="detail">${detail}</p>` : null}
    <button type="button" part="retry-button" @click=${retry}>${t('state.retry')}</button>
  </div>`;
}

/** What a failure says: `error.<kind>`, filled with what that kind carries, and the fields at fault. */
export function describeFailure(failure: Failure, t: Translate, lang: string): { message: string; detail?: string } {
  if (failure.kind === 'aborted') return { message: '' };
  const f = failure as Partial<{
    resource: string;
    timeoutMs: number;
    status: number;
    maxBytes: number;
    version: unknown;
    issues: DataIssue[];
  }>;
  return {
    message: t(`error.${failure.kind}`, {
      resource: f.resource && t(`resource.${f.resource}` as MessageKey),
      seconds: f.timeoutMs && Math.round(f.timeoutMs / 100) / 10,
      status: f.status,
      size: f.maxBytes && formatBytes(lang, f.maxBytes),
      version: f.version,
    } as Params),
    detail: f.issues?.length ? issuesText(f.issues, t) : undefined,
  };
}

// The validator's reasons are technical English (kept in the console and in ptce-data-warning);
// on screen, each field is only said to be missing or invalid, in the reader's language.
function issuesText(issues: { path: string; message: string }[], t: Translate): string {
  const reason = (message: string) => t(message === 'required' ? 'error.field-missing' : 'error.field-invalid');
  return t('error.invalid-paths', { paths: issues.map((issue) => `${issue.path} (${reason(issue.message)})`).join(', ') });
}
