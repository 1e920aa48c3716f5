import { html, nothing } from 'lit';
import type { AdminTranslate } from '../i18n/index.js';

/** An import as `GET /api/admin/imports/{id}` answers it (docs/imports.md), the parts the page shows. */
export interface ImportBatch {
  id: string;
  status: 'preview' | 'held' | 'applied' | 'discarded' | string;
  format: string;
  source: string;
  progress: { read: number; matched: number; written: number };
  error: string | null;
  preview: ImportPreview;
}

export interface ImportPreview {
  new: { row: number; name: string }[];
  changed: { row: number; name: string; id: string; fields: { field: string; before: unknown; after: unknown }[] }[];
  duplicates: { row: number; name: string; poles: { id?: string; row?: number; name: string; reason: string }[] }[];
  rejected: { row: number; name?: string; reason: string; issues?: { path: string; message: string }[]; otherRow?: number }[];
  archived: { id: string; name: string }[];
  counts: { read: number; new: number; changed: number; unchanged: number; duplicates: number; rejected: number; archived: number };
}

/** A field's value in a line: text as it is, the rest as JSON (always rendered as text). */
const shown = (value: unknown): string =>
  value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** The progress line of an import: rows read, matched, written. */
export function progressText(t: AdminTranslate, batch: Pick<ImportBatch, 'progress'>): string {
  return t('imports.progress', { ...batch.progress });
}

/** The preview of an import: the counts, then new, changed field by field, duplicates, rejected. */
export function renderPreview(t: AdminTranslate, batch: ImportBatch) {
  const { preview } = batch;
  const { counts } = preview;
  return html`<div class="card" id="import-preview">
    <h3>${t('imports.preview-title', { source: batch.source })}</h3>
    <p id="import-state">${t(`imports.status.${batch.status}` as Parameters<AdminTranslate>[0])}</p>
    <ul id="import-counts">
      <li>${t('imports.count-read', { count: counts.read })}</li>
      <li>${t('imports.count-new', { count: counts.new })}</li>
      <li>${t('imports.count-changed', { count: counts.changed })}</li>
      <li>${t('imports.count-unchanged', { count: counts.unchanged })}</li>
      <li>${t('imports.count-duplicates', { count: counts.duplicates })}</li>
      <li>${t('imports.count-rejected', { count: counts.rejected })}</li>
      ${counts.archived ? html`<li>${t('imports.count-archived', { count: counts.archived })}</li>` : nothing}
    </ul>
    ${
      preview.new.length
        ? html`<h4>${t('imports.new')}</h4>
            <ul id="import-new">
              ${preview.new.map((item) => html`<li>${t('imports.row', { row: item.row })} ${item.name}</li>`)}
            </ul>`
        : nothing
    }
    ${
      preview.changed.length
        ? html`<h4>${t('imports.changed')}</h4>
            ${preview.changed.map(
              (item) =>
                html`<div class="table-wrap">
                  <table class="diff-table">
                    <caption>
                      ${t('imports.row', { row: item.row })} ${item.name}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">${t('imports.field')}</th>
                        <th scope="col">${t('imports.before')}</th>
                        <th scope="col">${t('imports.after')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${item.fields.map(
                        (field) =>
                          html`<tr>
                            <th scope="row">${field.field}</th>
                            <td><del>${shown(field.before)}</del></td>
                            <td><ins>${shown(field.after)}</ins></td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`,
            )}`
        : nothing
    }
    ${
      preview.duplicates.length
        ? html`<h4>${t('imports.duplicates')}</h4>
            <ul id="import-duplicates">
              ${preview.duplicates.map(
                (item) =>
                  html`<li>
                    ${t('imports.row', { row: item.row })} ${item.name} —
                    ${item.poles
                      .map((pole) => `${pole.name} (${t(`imports.reason.${pole.reason}` as Parameters<AdminTranslate>[0])})`)
                      .join(', ')}
                  </li>`,
              )}
            </ul>`
        : nothing
    }
    ${
      preview.rejected.length
        ? html`<h4>${t('imports.rejected')}</h4>
            <ul id="import-rejected">
              ${preview.rejected.map(
                (item) =>
                  html`<li>
                    ${t('imports.row', { row: item.row })} ${item.name ?? ''} —
                    ${t(`imports.reason.${item.reason}` as Parameters<AdminTranslate>[0], { other: item.otherRow ?? '' })}
                    ${item.issues?.length ? html`: ${item.issues.map((issue) => `${issue.path} (${issue.message})`).join(', ')}` : nothing}
                  </li>`,
              )}
            </ul>`
        : nothing
    }
    ${
      preview.archived.length
        ? html`<h4>${t('imports.archived')}</h4>
            <ul>
              ${preview.archived.map((item) => html`<li>${item.name}</li>`)}
            </ul>`
        : nothing
    }
  </div>`;
}
