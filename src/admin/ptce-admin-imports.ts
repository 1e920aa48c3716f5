import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { AdminElement } from './admin-element.js';
import { progressText, renderPreview, type ImportBatch } from './internal/import-preview.js';

const FORMATS = ['ptce', 'csv', 'gogocarto'] as const;

/**
 * @tag ptce-admin-imports
 * @summary An import into the directory (`/api/admin/imports`, docs/imports.md): a file or a URL
 * and its format, then the preview (new poles, changed ones field by field, unchanged, possible
 * duplicates, rejected rows with their reason), applied or discarded. While it is read or applied
 * the rows read, matched and written are said. For admins and, in their territory, moderators.
 */
export class PtceAdminImports extends AdminElement {
  @state() private batch?: ImportBatch;
  @state() private said?: string;
  @state() private busy = false;
  /** Shown while the server reads or writes: the live progress line. */
  @state() private progress?: string;

  protected override render() {
    return html`<section aria-labelledby="imports-title">
      <h2 id="imports-title">${this.t('imports.title')}</h2>
      <p class="intro">${this.t('imports.intro')}</p>
      ${this.renderForm()} ${this.renderStatus(this.progress ?? this.said, 'imports-status')}
      ${this.batch ? renderPreview(this.t, this.batch) : nothing} ${this.batch ? this.renderDecision(this.batch) : nothing}
    </section>`;
  }

  private renderForm() {
    return html`<form id="new-import" class="card" @submit=${this.preview}>
      <fieldset class="filters">
        <legend>${this.t('imports.new-import')}</legend>
        <label>${this.t('imports.file')} <input id="import-file" type="file" accept=".csv,.json,text/csv,application/json" /></label>
        <label>${this.t('imports.url')} <input id="import-url" type="url" autocomplete="off" placeholder="https://" /></label>
        <label>
          ${this.t('imports.format')}
          <select id="import-format">
            ${FORMATS.map((format) => html`<option value=${format}>${this.t(`imports.format.${format}`)}</option>`)}
          </select>
        </label>
        <label>${this.t('imports.source')} ${this.t('common.optional')} <input id="import-source" autocomplete="off" /></label>
        <button type="submit" class="primary" ?disabled=${this.busy}>${this.t('imports.preview')}</button>
      </fieldset>
    </form>`;
  }

  private renderDecision(batch: ImportBatch) {
    if (batch.status !== 'preview' && batch.status !== 'held') return nothing;
    return html`<div class="buttons" id="import-decision">
      <button type="button" class="primary" ?disabled=${this.busy} @click=${() => this.decide('apply')}>${this.t('imports.apply')}</button>
      <button type="button" ?disabled=${this.busy} @click=${() => this.decide('discard')}>${this.t('imports.discard')}</button>
    </div>`;
  }

  private readonly preview = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const file = form.querySelector<HTMLInputElement>('#import-file')!.files?.[0];
    const url = form.querySelector<HTMLInputElement>('#import-url')!.value.trim();
    const source = form.querySelector<HTMLInputElement>('#import-source')!.value.trim();
    const format = form.querySelector<HTMLSelectElement>('#import-format')!.value;
    if (!file === !url) {
      this.said = this.t('imports.file-or-url');
      return;
    }
    this.busy = true;
    this.batch = undefined;
    this.progress = this.t('imports.reading');
    const body = { format, ...(file ? { content: await file.text() } : { url }), ...(source ? { source } : {}) };
    const answer = await this.api!.post<ImportBatch>('api/admin/imports', body);
    this.busy = false;
    this.progress = undefined;
    if (answer.ok) {
      this.batch = answer.value;
      this.said = this.t('imports.previewed', { count: answer.value.preview.counts.read });
    } else this.said = this.refusalText(answer.failure);
  };

  /** Applies or discards the import; while it is applied, its progress is read every half second. */
  private async decide(verb: 'apply' | 'discard'): Promise<void> {
    const batch = this.batch!;
    const path = `api/admin/imports/${encodeURIComponent(batch.id)}`;
    this.busy = true;
    this.progress = progressText(this.t, batch);
    const poll = setInterval(async () => {
      const live = await this.api!.get<ImportBatch>(path);
      if (live.ok && this.busy) this.progress = progressText(this.t, live.value);
    }, 500);
    const answer = await this.api!.post<ImportBatch>(`${path}/${verb}`, {});
    clearInterval(poll);
    this.busy = false;
    this.progress = undefined;
    if (answer.ok) {
      this.batch = answer.value;
      this.said = verb === 'apply' ? `${this.t('imports.applied')} ${progressText(this.t, answer.value)}` : this.t('imports.discarded');
    } else this.said = this.refusalText(answer.failure);
  }

  /** The server's reasons of docs/imports.md in a sentence, else the status's meaning. */
  private refusalText(failure: Parameters<AdminElement['failureText']>[0]): string {
    const reason = failure.kind === 'http' ? failure.reason : undefined;
    const known = ['unreadable', 'content-or-url', 'stale-preview', 'already-decided'];
    return reason && known.includes(reason)
      ? this.t(`imports.refused.${reason}` as 'imports.refused.unreadable')
      : this.failureText(failure);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-imports': PtceAdminImports;
  }
}
