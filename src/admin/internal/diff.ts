import { html, nothing, type TemplateResult } from 'lit';
import type { AdminTranslate } from '../i18n/index.js';

/** A value from the server as text: strings as they are, anything else as compact JSON, nothing as "(vide)". */
export function shown(value: unknown, t: AdminTranslate): string {
  if (value === undefined || value === null || value === '') return t('common.empty-value');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A record's fields; a bare value (a status, a text) as the one field `value`. */
function fieldsOf(value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}

/** The fields whose values differ between two records (both may be partial or missing). */
export function changedFields(before: unknown, after: unknown): string[] {
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
}

/**
 * Before → after, field by field, as a small table (read as text: values from the server never
 * become markup). `fields` defaults to those that changed.
 */
export function renderDiff(
  t: AdminTranslate,
  before: unknown,
  after: unknown,
  fields = changedFields(before, after),
): TemplateResult | typeof nothing {
  if (!fields.length) return nothing;
  const a = fieldsOf(before);
  const b = fieldsOf(after);
  return html`<table class="diff-table">
    <thead>
      <tr>
        <th scope="col">${t('common.field')}</th>
        <th scope="col">${t('common.before')}</th>
        <th scope="col">${t('common.after')}</th>
      </tr>
    </thead>
    <tbody>
      ${fields.map(
        (field) =>
          html`<tr>
            <th scope="row">${field}</th>
            <td class="before"><del>${shown(a[field], t)}</del></td>
            <td class="after"><ins>${shown(b[field], t)}</ins></td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** A record's fields and values (a proposed pole), as a small table read as text. */
export function renderFields(t: AdminTranslate, record: Record<string, unknown>): TemplateResult {
  return html`<table class="diff-table">
    <thead>
      <tr>
        <th scope="col">${t('common.field')}</th>
        <th scope="col">${t('common.value')}</th>
      </tr>
    </thead>
    <tbody>
      ${Object.entries(record).map(
        ([field, value]) =>
          html`<tr>
            <th scope="row">${field}</th>
            <td>${shown(value, t)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
