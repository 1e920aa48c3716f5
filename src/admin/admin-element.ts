import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { LangController } from '../base/lang-controller.js';
import { tokens } from '../styles/tokens.js';
import type { Failure } from '../data/failure.js';
import type { DataController } from '../base/data-controller.js';
import type { Account, AdminApi } from './api.js';
import { adminTranslate, type AdminKey, type AdminParams } from './i18n/index.js';
import { adminStyles } from './internal/styles.js';

/**
 * The base of the admin page's elements: the library's language (LangController: the element's
 * `lang` or an ancestor's, French by default), its tokens, the session's API and account, and the
 * failures said in the reader's language. Sections are rendered in light of the shell's state.
 */
export class AdminElement extends LitElement {
  static override styles = [tokens, adminStyles];

  /** The session's API (its token); set by the shell. */
  @property({ attribute: false }) api?: AdminApi;

  /** Who is logged in; set by the shell. */
  @property({ attribute: false }) account?: Account;

  readonly #lang = new LangController(this);

  protected get language(): string {
    return this.#lang.lang;
  }

  readonly t = (key: AdminKey, params?: AdminParams): string => adminTranslate(this.#lang.lang, key, params);

  /** A date and time from the server, in the reader's language. */
  protected when(iso: string | null | undefined): string {
    if (!iso) return '';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(this.#lang.lang, { dateStyle: 'medium', timeStyle: 'short' });
  }

  /** What went wrong, in a sentence: the status's meaning and the server's fields at fault. */
  failureText(failure: Failure): string {
    if (failure.kind === 'network' || failure.kind === 'timeout') return this.t('fail.network');
    if (failure.kind !== 'http') return this.t('fail.not-json');
    const { status, issues } = failure;
    const known = [400, 401, 403, 404, 409, 422, 429] as const;
    const base = (known as readonly number[]).includes(status)
      ? this.t(`fail.${status}` as AdminKey)
      : this.t(status >= 500 ? 'fail.5xx' : 'fail.other', { status });
    return issues?.length ? `${base} ${this.t('fail.fields', { paths: issues.map((issue) => issue.path).join(', ') })}` : base;
  }

  /** A section's error block: the failure and a retry button (an alert, so it is read at once). */
  protected renderFailure(failure: Failure, retry: () => void): TemplateResult {
    return html`<div class="state state-error" part="state-error" role="alert">
      <p>${this.failureText(failure)}</p>
      <button type="button" @click=${retry}>${this.t('common.retry')}</button>
    </div>`;
  }

  /**
   * A section's load: the loading line at first, the error block on failure, else `ready` with the
   * value; while it loads again (after a decision) the last value stays, so nothing jumps.
   */
  protected renderData<T>(data: DataController<T>, ready: (value: T) => unknown): unknown {
    const state = data.state;
    if (state.status === 'ready') {
      this.#shown.set(data, state.value);
      return ready(state.value);
    }
    if (state.status === 'error') return this.renderFailure(state.failure, () => void data.run());
    return this.#shown.has(data) ? ready(this.#shown.get(data) as T) : this.renderLoading();
  }

  readonly #shown = new WeakMap<object, unknown>();

  protected renderLoading(): TemplateResult {
    return html`<p class="state" role="status">${this.t('common.loading')}</p>`;
  }

  /**
   * A list as the sections show it: its count line, then, when it has rows, its table (an id the
   * tests and the page's links use, a caption, one header per column).
   */
  protected renderCountedTable(table: { id: string; count: string; caption: string; columns: unknown[]; rows: unknown[] }): TemplateResult {
    return html`<p class="count">${table.count}</p>
      ${
        table.rows.length
          ? html`<div class="table-wrap">
              <table id=${table.id}>
                <caption>
                  ${table.caption}
                </caption>
                <thead>
                  <tr>
                    ${table.columns.map((column) => html`<th scope="col">${column}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${table.rows}
                </tbody>
              </table>
            </div>`
          : nothing
      }`;
  }

  /** The polite line that says what the last action did. */
  protected renderStatus(text: string | undefined, id = 'status'): TemplateResult {
    return html`<p class="status" id=${id} role="status" aria-live="polite">${text ?? nothing}</p>`;
  }
}
