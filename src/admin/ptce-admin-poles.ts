import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { DataController } from '../base/data-controller.js';
import { AdminElement } from './admin-element.js';
import type { PoleRecord } from './internal/pole-record.js';
import { DEPARTEMENT_CHOICES, REGION_CHOICES } from './internal/territory.js';

interface Filter {
  q: string;
  region: string;
  departement: string;
  archived: boolean;
}

/**
 * @tag ptce-admin-poles
 * @summary The poles of the moderator's territory (`GET /api/admin/poles`, which filters them),
 * searched by name, region or département, archived ones on demand; a pole opens in its editor
 * with its revisions; archive and publish again.
 */
export class PtceAdminPoles extends AdminElement {
  @state() private filter: Filter = { q: '', region: '', departement: '', archived: false };
  @state() private editing?: string;
  /** Bumped on each change of the pole being edited: its revisions load again. */
  @state() private changes = 0;
  @state() private said?: string;

  private readonly data = new DataController<{ poles: PoleRecord[] }>(this, () => {
    const { q, region, departement, archived } = this.filter;
    const query = new URLSearchParams({
      ...(q ? { q } : {}),
      ...(region ? { region } : {}),
      ...(departement ? { departement } : {}),
      ...(archived ? { archived: 'true' } : {}),
    });
    return this.api!.get(`api/admin/poles${query.size ? `?${query}` : ''}`);
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && (changed.has('api') || changed.has('filter' as keyof PtceAdminPoles))) void this.data.run();
  }

  protected override render() {
    if (this.editing) return this.renderEditing(this.editing);
    return html`<section aria-labelledby="poles-title">
      <h2 id="poles-title">${this.t('poles.title')}</h2>
      <p class="intro">${this.t('poles.intro')}</p>
      ${this.renderFilters()} ${this.renderStatus(this.said, 'poles-status')}
      ${this.renderData(this.data, ({ poles }) => this.renderTable(poles))}
    </section>`;
  }

  private renderFilters() {
    const f = this.filter;
    return html`<form class="filters" id="poles-filter" @submit=${this.apply}>
      <label>${this.t('poles.search')} <input id="poles-q" type="search" .value=${f.q} /></label>
      <label>
        ${this.t('poles.region')}
        <select id="poles-region">
          <option value="">${this.t('poles.any')}</option>
          ${REGION_CHOICES.map(({ code, name }) => html`<option value=${code} ?selected=${f.region === code}>${name}</option>`)}
        </select>
      </label>
      <label>
        ${this.t('poles.departement')}
        <select id="poles-departement">
          <option value="">${this.t('poles.any')}</option>
          ${DEPARTEMENT_CHOICES.map(({ code, name }) => html`<option value=${code} ?selected=${f.departement === code}>${code} ${name}</option>`)}
        </select>
      </label>
      <span class="inline"
        ><input id="poles-archived" type="checkbox" .checked=${f.archived} /><label for="poles-archived"
          >${this.t('poles.archived')}</label
        ></span
      >
      <button type="submit">${this.t('poles.filter')}</button>
    </form>`;
  }

  private renderTable(poles: PoleRecord[]) {
    return html`<p class="count">${this.t('poles.count', { count: poles.length })}</p>
      ${
        poles.length
          ? html`<div class="table-wrap">
              <table id="poles">
                <caption>
                  ${this.t('poles.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('poles.name')}</th>
                    <th scope="col">${this.t('poles.departements')}</th>
                    <th scope="col">${this.t('poles.version')}</th>
                    <th scope="col">${this.t('poles.updated')}</th>
                    <th scope="col">${this.t('common.status')}</th>
                    <th scope="col"><span class="hint">${this.t('common.decision')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${poles.map((record) => this.renderRow(record))}
                </tbody>
              </table>
            </div>`
          : nothing
      }`;
  }

  private renderRow(record: PoleRecord) {
    const name = record.pole.name;
    return html`<tr>
      <th scope="row">${name}</th>
      <td>${(record.pole.departments ?? []).join(', ')}</td>
      <td>${record.version}</td>
      <td>${this.when(record.updatedAt)}</td>
      <td>${record.archivedAt ? this.t('poles.archived-on', { date: this.when(record.archivedAt) }) : this.t('poles.active')}</td>
      <td>
        <div class="buttons">
          <button type="button" aria-label=${this.t('poles.edit', { name })} @click=${() => this.open(record.id)}>
            ${this.t('poles.edit-short')}
          </button>
          <button type="button" @click=${() => this.archive(record)}>
            ${this.t(record.archivedAt ? 'poles.unarchive' : 'poles.archive', { name })}
          </button>
        </div>
      </td>
    </tr>`;
  }

  private renderEditing(id: string) {
    return html`<p><button type="button" id="poles-back" @click=${this.back}>${this.t('poles.back')}</button></p>
      <ptce-admin-pole-editor
        .api=${this.api}
        .account=${this.account}
        .poleId=${id}
        .changes=${this.changes}
        @ptce-admin-pole-changed=${this.poleChanged}
      ></ptce-admin-pole-editor>
      <ptce-admin-revisions
        .api=${this.api}
        .account=${this.account}
        .poleId=${id}
        .changes=${this.changes}
        @ptce-admin-pole-changed=${this.poleChanged}
      ></ptce-admin-revisions>`;
  }

  private readonly poleChanged = (): void => {
    this.changes++;
  };

  private open(id: string): void {
    this.editing = id;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#poles-back')?.focus());
  }

  private readonly back = (): void => {
    this.editing = undefined;
    void this.data.run();
  };

  private readonly apply = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (id: string) => form.querySelector<HTMLInputElement>(`#${id}`)!.value;
    this.filter = {
      q: value('poles-q').trim(),
      region: value('poles-region'),
      departement: value('poles-departement'),
      archived: form.querySelector<HTMLInputElement>('#poles-archived')!.checked,
    };
  };

  private async archive(record: PoleRecord): Promise<void> {
    const name = record.pole.name;
    const verb = record.archivedAt ? 'restore' : 'archive';
    const done = await this.api!.post<PoleRecord>(`api/admin/poles/${encodeURIComponent(record.id)}/${verb}`);
    await this.data.run();
    this.said = done.ok
      ? this.t(verb === 'archive' ? 'poles.archived-done' : 'poles.restored-done', { name })
      : this.t('poles.failed', { name, reason: this.failureText(done.failure) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-poles': PtceAdminPoles;
  }
}
