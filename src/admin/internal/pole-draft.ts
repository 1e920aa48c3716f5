import { Pole } from '../../data/schemas/pole.js';
import type { DataIssue } from '../../data/failure.js';
import { parseCodes } from './territory.js';

/** The pole fields the editor offers, in the form's order. */
export const POLE_FIELDS = [
  'name',
  'carrier',
  'status',
  'departments',
  'territory',
  'commune',
  'address',
  'postcode',
  'description',
  'website',
  'email',
  'phone',
  'foundedYear',
] as const;
export type PoleField = (typeof POLE_FIELDS)[number];

export type PoleDraft = { key: string; sent?: string } & Record<PoleField, string>;

/** The editor's draft of a pole: every offered field as the text typed. */
export function toDraft(pole: Pole): PoleDraft {
  const draft = { key: `pole-${pole.id}` } as PoleDraft;
  for (const field of POLE_FIELDS) {
    const value = pole[field];
    draft[field] = value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value);
  }
  return draft;
}

/** The pole the draft makes: the record's other fields kept, the offered ones as typed (empty: removed). */
export function fromDraft(draft: PoleDraft, base: Pole): Record<string, unknown> {
  const pole: Record<string, unknown> = { ...base };
  for (const field of POLE_FIELDS) {
    const text = draft[field].trim();
    if (!text) delete pole[field];
    else if (field === 'departments') pole[field] = parseCodes(text);
    else if (field === 'foundedYear') pole[field] = /^\d+$/.test(text) ? Number(text) : text;
    else pole[field] = text;
  }
  return pole;
}

/** What the contract's schema finds wrong, one issue per offered field (`departments.1` → `departments`). */
export function poleIssues(candidate: Record<string, unknown>): DataIssue[] {
  const checked = Pole.safeParse(candidate);
  if (checked.success) return [];
  const seen = new Set<string>();
  const issues: DataIssue[] = [];
  for (const issue of checked.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!(POLE_FIELDS as readonly string[]).includes(field) || seen.has(field)) continue;
    seen.add(field);
    issues.push({ path: field, message: issue.message });
  }
  return issues;
}

/**
 * The changes to send (`PATCH … { changes, version }`): the offered fields that differ from the
 * record; a field emptied is sent as null (removed).
 */
export function changesFrom(base: Pole, candidate: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const before = base as Record<string, unknown>;
  for (const field of POLE_FIELDS) {
    if (JSON.stringify(before[field]) === JSON.stringify(candidate[field])) continue;
    changes[field] = candidate[field] ?? null;
  }
  return changes;
}
