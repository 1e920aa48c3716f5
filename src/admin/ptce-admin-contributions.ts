import { html, nothing } from 'lit';
import { renderFields } from './internal/diff.js';
import type { AdminKey } from './i18n/index.js';
import { QueueSection } from './queue-section.js';

interface Duplicate {
  id: string;
  name: string;
  commune?: string;
  departements?: string[];
  reason: string;
}
interface Contribution {
  id: number | string;
  reference: string;
  kind: 'new-pole' | 'correction';
  status: string;
  receivedAt: string;
  poleId?: string;
  pole?: Record<string, unknown>;
  message?: string | null;
  /** Null once erased. */
  contributor: { name: string; email: string } | null;
  duplicates: Duplicate[];
}

/**
 * @tag ptce-admin-contributions
 * @summary Contributions from the public in the moderation queue (`/api/admin/contributions`): a
 * proposed pole with its possible duplicates, or a reported error; approve, reject, or merge a
 * proposed pole's chosen fields into an existing one.
 */
export class PtceAdminContributions extends QueueSection<{ contributions: Contribution[] }> {
  protected readonly path = 'api/admin/contributions';
  /** For each contribution: the pole to merge into and the fields to take. */
  private readonly merges = new Map<number | string, { into?: string; fields: Set<string> }>();

  protected override render() {
    return html`<section aria-labelledby="contrib-title">
      <h3 id="contrib-title">${this.t('contrib.title')}</h3>
      <p class="intro">${this.t('contrib.intro')}</p>
      ${this.renderStatus(this.said, 'contrib-status')}
      ${this.renderData(
        this.data,
        ({ contributions }) =>
          html`<p class="count">${this.t('contrib.count', { count: contributions.length })}</p>
            ${contributions.map((contribution) => this.renderOne(contribution))}`,
      )}
    </section>`;
  }

  private renderOne(c: Contribution) {
    const headingId = `contrib-${c.id}`;
    const pending = c.status === 'pending';
    return html`<article class="card" aria-labelledby=${headingId}>
      <h4 id=${headingId}>
        ${this.t('contrib.heading', { kind: this.t(`contrib.kind.${c.kind}` as AdminKey), reference: c.reference, date: this.when(c.receivedAt) })}
      </h4>
      <p>
        ${c.contributor ? this.t('contrib.by', { name: c.contributor.name, email: c.contributor.email }) : this.t('contrib.erased')} —
        ${this.statusLabel(c.status)}
      </p>
      ${c.poleId ? html`<p>${this.t('contrib.on-pole', { pole: c.poleId })}</p>` : nothing}
      ${c.message ? html`<pre>${c.message}</pre>` : nothing} ${c.pole ? renderFields(this.t, c.pole) : nothing}
      <h5>${this.t('contrib.duplicates')}</h5>
      ${
        c.duplicates.length
          ? html`<ul>
              ${c.duplicates.map(
                (d) =>
                  html`<li>
                    ${d.name}${d.commune ? ` — ${d.commune}` : ''}${d.departements?.length ? ` (${d.departements.join(', ')})` : ''} :
                    ${this.reason(d.reason)}
                  </li>`,
              )}
            </ul>`
          : html`<p>${this.t('contrib.no-duplicates')}</p>`
      }
      ${pending ? this.renderDecision(c) : nothing}
      ${
        c.contributor
          ? html`<p><button type="button" @click=${() => this.erase(c)}>${this.t('contrib.erase', { reference: c.reference })}</button></p>`
          : nothing
      }
    </article>`;
  }

  private renderDecision(c: Contribution) {
    const merge = this.mergeOf(c);
    const fields = Object.keys(c.pole ?? {}).filter((field) => field !== 'id');
    return html`<div class="buttons">
        ${(['approve', 'reject'] as const).map(
          (verb) =>
            html`<button
              type="button"
              aria-label=${this.t(`contrib.${verb}`, { reference: c.reference })}
              @click=${() => this.decideOn(c, verb)}
            >
              ${this.t(`common.${verb}`)}
            </button>`,
        )}
      </div>
      ${
        c.kind === 'new-pole' && c.duplicates.length
          ? html`<fieldset class="filters">
              <legend>${this.t('contrib.merge', { reference: c.reference })}</legend>
              <label>
                ${this.t('contrib.merge-into', { reference: c.reference })}
                <select @change=${(e: Event) => (merge.into = (e.target as HTMLSelectElement).value)}>
                  ${c.duplicates.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
                </select>
              </label>
              <fieldset class="filters">
                <legend>${this.t('contrib.merge-fields')}</legend>
                ${fields.map(
                  (field) =>
                    html`<span class="inline">
                      <input
                        type="checkbox"
                        id="merge-${c.id}-${field}"
                        .checked=${merge.fields.has(field)}
                        @change=${(e: Event) => ((e.target as HTMLInputElement).checked ? merge.fields.add(field) : merge.fields.delete(field))}
                      />
                      <label for="merge-${c.id}-${field}">${field}</label>
                    </span>`,
                )}
              </fieldset>
              <button type="button" @click=${() => this.mergeInto(c)}>${this.t('contrib.merge', { reference: c.reference })}</button>
            </fieldset>`
          : nothing
      }`;
  }

  private reason(reason: string): string {
    return reason === 'name' || reason === 'website' ? this.t(`contrib.reason.${reason}`) : reason;
  }

  private erase(c: Contribution) {
    const reference = c.reference;
    return this.decide(
      `api/admin/contributions/${encodeURIComponent(c.id)}/erase`,
      undefined,
      () => this.t('contrib.erased-done', { reference }),
      (reason) => this.t('contrib.failed', { reference, reason }),
    );
  }

  private mergeOf(c: Contribution) {
    if (!this.merges.has(c.id)) this.merges.set(c.id, { into: c.duplicates[0]?.id, fields: new Set() });
    return this.merges.get(c.id)!;
  }

  private decideOn(c: Contribution, verb: 'approve' | 'reject') {
    const reference = c.reference;
    return this.decide<{ status?: string }>(
      `api/admin/contributions/${encodeURIComponent(c.id)}/${verb}`,
      undefined,
      (answer) =>
        this.t('contrib.decided', {
          reference,
          status: this.statusLabel(answer?.status ?? (verb === 'approve' ? 'approved' : 'rejected')),
        }),
      (reason) => this.t('contrib.failed', { reference, reason }),
    );
  }

  private mergeInto(c: Contribution) {
    const { into, fields } = this.mergeOf(c);
    const reference = c.reference;
    return this.decide<{ status?: string }>(
      `api/admin/contributions/${encodeURIComponent(c.id)}/merge`,
      { into, fields: [...fields] },
      () => this.t('contrib.decided', { reference, status: this.statusLabel('merged') }),
      (reason) => this.t('contrib.failed', { reference, reason }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-contributions': PtceAdminContributions;
  }
}
