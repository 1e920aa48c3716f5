import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { DataController } from '../base/data-controller.js';
import type { ReferentielChanges } from '../data/referentiel-versions.js';
import { AdminElement } from './admin-element.js';

interface Version {
  referentielId: string;
  version: string;
  status: string;
  uploadedAt: string;
  uploadedBy: string;
  current: boolean;
}

interface Uploaded {
  referentielId: string;
  version: string;
  previous: { referentielId: string; version: string } | null;
  changes: ReferentielChanges | null;
}

/**
 * @tag ptce-admin-referentiel
 * @summary The référentiel's versions (`/api/admin/referentiels`, admins only): the list, and a
 * new version uploaded as a JSON file (or read from its address), checked by the server with the
 * contract's schema; its differences from the version it replaces are shown, or why it is refused.
 */
export class PtceAdminReferentiel extends AdminElement {
  @state() private said?: string;
  @state() private uploaded?: Uploaded;
  @state() private issues: { path: string; message: string }[] = [];

  private readonly data = new DataController<{ versions: Version[] }>(this, () => this.api!.get('api/admin/referentiels'));

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && changed.has('api')) void this.data.run();
  }

  protected override render() {
    return html`<section aria-labelledby="referentiel-title">
      <h2 id="referentiel-title">${this.t('referentiel.title')}</h2>
      <p class="intro">${this.t('referentiel.intro')}</p>
      <form id="referentiel-form" class="card" @submit=${this.upload}>
        <fieldset class="filters">
          <legend>${this.t('referentiel.new')}</legend>
          <label>${this.t('referentiel.file')} <input id="referentiel-file" type="file" accept=".json,application/json" /></label>
          <label>${this.t('referentiel.url')} <input id="referentiel-url" autocomplete="off" /></label>
          <button type="submit" class="primary">${this.t('referentiel.upload')}</button>
        </fieldset>
      </form>
      ${this.renderStatus(this.said, 'referentiel-status')}
      ${
        this.issues.length
          ? html`<ul id="referentiel-issues">
              ${this.issues.map((issue) => html`<li>${issue.path} : ${issue.message}</li>`)}
            </ul>`
          : nothing
      }
      ${this.uploaded ? this.renderChanges(this.uploaded) : nothing}
      ${this.renderData(this.data, ({ versions }) => this.renderVersions(versions))}
    </section>`;
  }

  private renderChanges({ changes }: Uploaded) {
    if (!changes) return html`<p id="referentiel-changes">${this.t('referentiel.first')}</p>`;
    const part = (kind: 'objectives' | 'questions') =>
      (['added', 'removed', 'changed'] as const).map((what) => {
        const ids = changes[kind][what];
        return html`<li>${this.t(`referentiel.${kind}-${what}`, { count: ids.length })}${ids.length ? ` : ${ids.join(', ')}` : ''}</li>`;
      });
    return html`<div class="card" id="referentiel-changes">
      <h3>${this.t('referentiel.changes')}</h3>
      <ul>
        ${part('objectives')} ${part('questions')}
      </ul>
    </div>`;
  }

  private renderVersions(versions: Version[]) {
    return html`<div class="table-wrap">
      <table id="referentiel-versions">
        <caption>
          ${this.t('referentiel.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.t('referentiel.version')}</th>
            <th scope="col">${this.t('referentiel.uploaded')}</th>
            <th scope="col">${this.t('referentiel.state')}</th>
          </tr>
        </thead>
        <tbody>
          ${versions
            .slice()
            .reverse()
            .map(
              (version) =>
                html`<tr>
                  <td>${version.referentielId} ${version.version}</td>
                  <td>${this.when(version.uploadedAt)} (${version.uploadedBy})</td>
                  <td>${version.current ? this.t('referentiel.current') : ''}</td>
                </tr>`,
            )}
        </tbody>
      </table>
    </div>`;
  }

  /** Reads the file (or the address), parses it, sends it: the differences or the reasons shown. */
  private readonly upload = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const file = form.querySelector<HTMLInputElement>('#referentiel-file')!.files?.[0];
    const url = form.querySelector<HTMLInputElement>('#referentiel-url')!.value.trim();
    this.uploaded = undefined;
    this.issues = [];
    if (!file === !url) {
      this.said = this.t('referentiel.file-or-url');
      return;
    }
    let body: unknown;
    try {
      const text = file ? await file.text() : await (await fetch(url)).text();
      body = JSON.parse(text);
    } catch {
      this.said = this.t('referentiel.not-json');
      return;
    }
    const answer = await this.api!.post<Uploaded>('api/admin/referentiels', body);
    if (answer.ok) {
      this.uploaded = answer.value;
      this.said = this.t('referentiel.uploaded-done', { version: answer.value.version });
      form.reset();
      await this.data.run();
      return;
    }
    const failure = answer.failure;
    const reason = failure.kind === 'http' ? failure.reason : undefined;
    this.issues = (failure.kind === 'http' && failure.issues) || [];
    this.said =
      reason === 'version-exists' || reason === 'invalid' || reason === 'invalid-mapping'
        ? this.t(`referentiel.refused.${reason}`)
        : this.failureText(failure);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-referentiel': PtceAdminReferentiel;
  }
}
