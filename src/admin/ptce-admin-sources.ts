import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { DataController } from '../base/data-controller.js';
import { ok } from '../data/failure.js';
import { AdminElement } from './admin-element.js';

interface Source {
  id: number;
  name: string;
  url: string;
  format: 'ptce' | 'csv' | 'gogocarto';
  periodMinutes: number;
  maxArchiveShare: number;
  nextRunAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastFailure: string | null;
  lastImportId: string | null;
  running: boolean;
}

interface Listing {
  sources: Source[];
  /** The runs held for review (docs/imports.md), by import id. */
  held: Set<string>;
}

/**
 * @tag ptce-admin-sources
 * @summary The sources kept in step (`/api/admin/sources`, admins only): each with its last
 * success and last failure; add, edit, delete, run now; a run held for review (it would archive
 * too many of the source's poles) is applied or discarded here.
 */
export class PtceAdminSources extends AdminElement {
  @state() private said?: string;
  /** The source being edited in the form, if any. */
  @state() private editing?: Source;

  private readonly data = new DataController<Listing>(this, async () => {
    const sources = await this.api!.get<{ sources: Source[] }>('api/admin/sources');
    if (!sources.ok) return sources;
    const imports = await this.api!.get<{ imports: { id: string; status: string }[] }>('api/admin/imports');
    const held = new Set(imports.ok ? imports.value.imports.filter((item) => item.status === 'held').map((item) => item.id) : []);
    return ok({ sources: sources.value.sources, held });
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && changed.has('api')) void this.data.run();
  }

  protected override render() {
    return html`<section aria-labelledby="sources-title">
      <h2 id="sources-title">${this.t('sources.title')}</h2>
      <p class="intro">${this.t('sources.intro')}</p>
      ${this.renderForm()} ${this.renderStatus(this.said, 'sources-status')}
      ${this.renderData(this.data, (listing) => this.renderTable(listing))}
    </section>`;
  }

  private renderForm() {
    const source = this.editing;
    return html`<form id="source-form" class="card" @submit=${this.save}>
      <fieldset class="filters">
        <legend>${source ? this.t('sources.edit-title', { name: source.name }) : this.t('sources.new')}</legend>
        <label>${this.t('sources.name')} <input id="source-name" required autocomplete="off" .value=${live(source?.name ?? '')} /></label>
        <label
          >${this.t('sources.url')} <input id="source-url" type="url" required autocomplete="off" .value=${live(source?.url ?? '')}
        /></label>
        <label>
          ${this.t('imports.format')}
          <select id="source-format">
            ${(['ptce', 'csv', 'gogocarto'] as const).map(
              (format) =>
                html`<option value=${format} ?selected=${source?.format === format}>${this.t(`imports.format.${format}`)}</option>`,
            )}
          </select>
        </label>
        <label>
          ${this.t('sources.period')}
          <input id="source-period" type="number" min="5" max="44640" required .value=${live(String(source?.periodMinutes ?? 1440))} />
        </label>
        <button type="submit" class="primary">${this.t(source ? 'sources.save' : 'sources.create')}</button>
        ${source ? html`<button type="button" @click=${() => (this.editing = undefined)}>${this.t('sources.cancel')}</button>` : nothing}
      </fieldset>
    </form>`;
  }

  private renderTable({ sources, held }: Listing) {
    return html`<p class="count">${this.t('sources.count', { count: sources.length })}</p>
      ${
        sources.length
          ? html`<div class="table-wrap">
              <table id="sources">
                <caption>
                  ${this.t('sources.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('sources.name')}</th>
                    <th scope="col">${this.t('sources.last-success')}</th>
                    <th scope="col">${this.t('sources.last-failure')}</th>
                    <th scope="col"><span class="hint">${this.t('common.decision')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${sources.map((source) => this.renderRow(source, held))}
                </tbody>
              </table>
            </div>`
          : nothing
      }`;
  }

  private renderRow(source: Source, held: Set<string>) {
    const name = source.name;
    const heldRun = source.lastImportId && held.has(source.lastImportId) ? source.lastImportId : undefined;
    return html`<tr>
      <td>
        ${name}<br /><span class="hint">${source.url}</span><br />
        ${this.t('sources.every', { minutes: source.periodMinutes, format: this.t(`imports.format.${source.format}`) })}
        ${source.running ? html`<br />${this.t('sources.running')}` : nothing}
      </td>
      <td>${source.lastSuccessAt ? this.when(source.lastSuccessAt) : this.t('sources.never')}</td>
      <td>${source.lastFailureAt ? html`${this.when(source.lastFailureAt)}<br />${source.lastFailure ?? ''}` : this.t('sources.never')}</td>
      <td>
        <div class="buttons">
          <button type="button" @click=${() => this.run(source)}>${this.t('sources.run', { name })}</button>
          <button type="button" @click=${() => this.edit(source)}>${this.t('sources.edit', { name })}</button>
          <button type="button" @click=${() => this.deleteSource(source)}>${this.t('sources.delete', { name })}</button>
          ${
            heldRun
              ? html`<button type="button" @click=${() => this.decide(source, heldRun, 'apply')}>
                    ${this.t('sources.apply-held', { name })}
                  </button>
                  <button type="button" @click=${() => this.decide(source, heldRun, 'discard')}>
                    ${this.t('sources.discard-held', { name })}
                  </button>`
              : nothing
          }
        </div>
      </td>
    </tr>`;
  }

  private async edit(source: Source): Promise<void> {
    this.editing = source;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#source-name')?.focus();
  }

  private readonly save = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const value = (id: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!.value.trim();
    const body = {
      name: value('source-name'),
      url: value('source-url'),
      format: value('source-format'),
      periodMinutes: Number(value('source-period')),
    };
    const editing = this.editing;
    const saved = editing
      ? await this.api!.patch(`api/admin/sources/${editing.id}`, body)
      : await this.api!.post('api/admin/sources', body);
    this.said = saved.ok
      ? this.t(editing ? 'sources.saved' : 'sources.created', { name: body.name })
      : this.t('sources.failed', { name: body.name, reason: this.failureText(saved.failure) });
    if (saved.ok) {
      this.editing = undefined;
      form.reset();
    }
    await this.data.run();
  };

  private async deleteSource(source: Source): Promise<void> {
    const done = await this.api!.delete(`api/admin/sources/${source.id}`);
    this.said = done.ok
      ? this.t('sources.deleted', { name: source.name })
      : this.t('sources.failed', { name: source.name, reason: this.failureText(done.failure) });
    await this.data.run();
  }

  private async run(source: Source): Promise<void> {
    this.said = this.t('sources.running-now', { name: source.name });
    const ran = await this.api!.post<{ status: string; error: string | null }>(`api/admin/sources/${source.id}/run`);
    this.said = ran.ok
      ? this.t(`sources.ran.${ran.value.status}` as 'sources.ran.applied', { name: source.name, error: ran.value.error ?? '' })
      : this.t('sources.failed', { name: source.name, reason: this.failureText(ran.failure) });
    await this.data.run();
  }

  private async decide(source: Source, importId: string, verb: 'apply' | 'discard'): Promise<void> {
    const done = await this.api!.post(`api/admin/imports/${encodeURIComponent(importId)}/${verb}`, {});
    this.said = done.ok
      ? this.t(verb === 'apply' ? 'sources.held-applied' : 'sources.held-discarded', { name: source.name })
      : this.t('sources.failed', { name: source.name, reason: this.failureText(done.failure) });
    await this.data.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-sources': PtceAdminSources;
  }
}
