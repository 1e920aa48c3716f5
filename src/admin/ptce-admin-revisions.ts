import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DataController } from '../base/data-controller.js';
import { AdminElement } from './admin-element.js';
import { renderDiff } from './internal/diff.js';
import { poleChanged, type PoleRecord } from './internal/pole-record.js';

interface Revision {
  n: number;
  at: string;
  author: { kind: string; label: string };
  action: string;
  before: unknown;
  after: unknown;
  changed: string[];
}

/**
 * @tag ptce-admin-revisions
 * @summary A pole's revisions, latest first (`GET /api/admin/poles/{id}/revisions`): who, when,
 * which fields before → after; any of them restored as a new revision (`…/revisions/{n}/restore`).
 */
export class PtceAdminRevisions extends AdminElement {
  @property({ attribute: false }) poleId?: string;
  /** Bumped when the pole changed: the list loads again. */
  @property({ attribute: false }) changes = 0;

  @state() private said?: string;

  private readonly data = new DataController<{ revisions: Revision[] }>(this, () =>
    this.api!.get(`api/admin/poles/${encodeURIComponent(this.poleId!)}/revisions`),
  );

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && this.poleId && (changed.has('poleId') || changed.has('changes'))) void this.data.run();
  }

  protected override render() {
    return html`<section aria-labelledby="revisions-title">
      <h2 id="revisions-title">${this.t('revisions.title')}</h2>
      ${this.renderStatus(this.said, 'revisions-status')} ${this.renderData(this.data, ({ revisions }) => this.renderTable(revisions))}
    </section>`;
  }

  private renderTable(revisions: Revision[]) {
    const rows = revisions.slice().sort((a, b) => b.n - a.n);
    const latest = rows[0]?.n;
    return html`<p class="count">${this.t('revisions.count', { count: rows.length })}</p>
      ${
        rows.length
          ? html`<div class="table-wrap">
              <table id="revisions">
                <caption>
                  ${this.t('revisions.caption', { name: this.poleId! })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('revisions.n')}</th>
                    <th scope="col">${this.t('revisions.when')}</th>
                    <th scope="col">${this.t('revisions.author')}</th>
                    <th scope="col">${this.t('revisions.action')}</th>
                    <th scope="col">${this.t('revisions.changes')}</th>
                    <th scope="col"><span class="hint">${this.t('common.decision')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (revision) =>
                      html`<tr>
                        <td>${revision.n}</td>
                        <td>${this.when(revision.at)}</td>
                        <td>${revision.author.label}</td>
                        <td>${revision.action}</td>
                        <td>
                          ${renderDiff(this.t, revision.before, revision.after, revision.changed?.length ? revision.changed : undefined)}
                        </td>
                        <td>
                          ${
                            revision.n === latest
                              ? nothing
                              : html`<button type="button" @click=${() => this.restore(revision.n)}>
                                  ${this.t('revisions.restore', { n: revision.n })}
                                </button>`
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }`;
  }

  private async restore(n: number): Promise<void> {
    const restored = await this.api!.post<PoleRecord>(`api/admin/poles/${encodeURIComponent(this.poleId!)}/revisions/${n}/restore`);
    if (restored.ok) {
      this.said = this.t('revisions.restored', { n, version: restored.value.version });
      poleChanged(this, restored.value);
    } else this.said = this.t('revisions.failed', { n, reason: this.failureText(restored.failure) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-revisions': PtceAdminRevisions;
  }
}
