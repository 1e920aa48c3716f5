import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { DataController } from '../base/data-controller.js';
import { AdminElement } from './admin-element.js';
import { renderDiff } from './internal/diff.js';

interface Entry {
  id: string | number;
  at: string;
  actor: { kind: string; label: string };
  action: string;
  subject: { type: string; id: string };
  before: unknown;
  after: unknown;
}

/**
 * @tag ptce-admin-audit
 * @summary The audit log, for admins (`GET /api/admin/audit`): every decision — who, what, when,
 * before → after — latest first, filtered by the kind and id of what it is about.
 */
export class PtceAdminAudit extends AdminElement {
  @state() private filter = { subjectType: '', subjectId: '' };

  private readonly data = new DataController<{ entries: Entry[] }>(this, () => {
    const query = new URLSearchParams(Object.entries(this.filter).filter(([, value]) => value));
    return this.api!.get(`api/admin/audit${query.size ? `?${query}` : ''}`);
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && (changed.has('api') || changed.has('filter' as keyof PtceAdminAudit))) void this.data.run();
  }

  protected override render() {
    return html`<section aria-labelledby="audit-title">
      <h2 id="audit-title">${this.t('audit.title')}</h2>
      <p class="intro">${this.t('audit.intro')}</p>
      <form class="filters" @submit=${this.apply}>
        <label>${this.t('audit.subject-type')} <input id="audit-type" .value=${this.filter.subjectType} /></label>
        <label>${this.t('audit.subject-id')} <input id="audit-id" .value=${this.filter.subjectId} /></label>
        <button type="submit">${this.t('audit.filter')}</button>
      </form>
      ${this.renderData(this.data, ({ entries }) => this.renderTable(entries))}
    </section>`;
  }

  private renderTable(entries: Entry[]) {
    const rows = entries.slice().sort((a, b) => b.at.localeCompare(a.at));
    return this.renderCountedTable({
      id: 'audit',
      count: this.t('audit.count', { count: rows.length }),
      caption: this.t('audit.caption'),
      columns: [this.t('audit.when'), this.t('audit.who'), this.t('audit.what'), this.t('audit.subject'), this.t('audit.changes')],
      rows: rows.map(
        (entry) =>
          html`<tr>
            <td>${this.when(entry.at)}</td>
            <td>${entry.actor.label}</td>
            <td>${entry.action}</td>
            <td>${entry.subject.type} ${entry.subject.id}</td>
            <td>${renderDiff(this.t, entry.before, entry.after) ?? nothing}</td>
          </tr>`,
      ),
    });
  }

  private readonly apply = (event: Event): void => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.filter = {
      subjectType: form.querySelector<HTMLInputElement>('#audit-type')!.value.trim(),
      subjectId: form.querySelector<HTMLInputElement>('#audit-id')!.value.trim(),
    };
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-audit': PtceAdminAudit;
  }
}
