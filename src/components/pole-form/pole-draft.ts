import type { DataIssue } from '../../data/failure.js';
import { checkNewPoleContribution } from '../../data/checks/contributions.js';
import type { NewPoleContribution, PoleProposal } from '../../data/schemas/contribution.js';
import type { Pole } from '../../data/schemas/pole.js';
import { newKey, type KeyedDraft } from '../../base/form/form-kit.js';
import type { MessageKey } from '../../i18n/index.js';

/** The pole's text fields the form edits, in the form's order. */
export const POLE_FIELDS = ['name', 'carrier', 'commune', 'postcode', 'address', 'description', 'website', 'email', 'phone'] as const;
export type PoleField = (typeof POLE_FIELDS)[number];

/** What the form holds, as typed (untrimmed), with this draft's idempotency key. */
export interface PoleDraft extends KeyedDraft, Record<PoleField, string> {
  status: '' | 'established' | 'emerging';
  /** One département code ('' until chosen); a pole listed in several keeps them until it is changed. */
  departement: string;
  contributorName: string;
  contributorEmail: string;
}

export function emptyDraft(): PoleDraft {
  return {
    key: newKey('pole'),
    name: '',
    carrier: '',
    status: '',
    departement: '',
    commune: '',
    postcode: '',
    address: '',
    description: '',
    website: '',
    email: '',
    phone: '',
    contributorName: '',
    contributorEmail: '',
  };
}

/** A listed pole as a draft (the owner's edit starts from its card). */
export function draftOf(pole: Pole): PoleDraft {
  const draft = emptyDraft();
  for (const field of POLE_FIELDS) draft[field] = pole[field] ?? '';
  return { ...draft, status: pole.status ?? '', departement: pole.departments?.[0] ?? '' };
}

/** The pole as the draft says it: values trimmed, empty optional fields left out. */
export function toProposal(draft: PoleDraft, original?: Pole): PoleProposal {
  const pole: Record<string, unknown> = {};
  for (const field of POLE_FIELDS) if (draft[field].trim()) pole[field] = draft[field].trim();
  if (draft.status) pole.status = draft.status;
  // A pole listed in several départements keeps them while the first is left as it was.
  const kept = original?.departments && original.departments[0] === draft.departement;
  pole.departments = kept ? [...original.departments!] : draft.departement ? [draft.departement] : [];
  return pole as PoleProposal;
}

export function toContribution(draft: PoleDraft): NewPoleContribution {
  return {
    kind: 'new-pole',
    pole: toProposal(draft),
    contributor: { name: draft.contributorName.trim(), email: draft.contributorEmail.trim() },
  };
}

/** The owner's changes: the fields whose value differs from the record's (a field emptied is sent empty). */
export function changesOf(draft: PoleDraft, original: Pole): Partial<Pole> {
  const proposal = toProposal(draft, original) as Partial<Pole>;
  const changes: Record<string, unknown> = {};
  for (const field of [...POLE_FIELDS, 'status', 'departments'] as const) {
    const before = JSON.stringify(original[field] ?? null);
    const after = JSON.stringify(proposal[field] ?? null);
    if (before !== after) changes[field] = proposal[field] ?? null;
  }
  return changes as Partial<Pole>;
}

/** Field paths in the form's order; the server's and the schema's paths map onto them. */
export const PATHS = [
  ...['name', 'carrier', 'status', 'departments', 'commune', 'postcode', 'address', 'description', 'website', 'email', 'phone'].map(
    (field) => `pole.${field}`,
  ),
  'contributor.name',
  'contributor.email',
];

/** A schema's or the server's path as the form's: `pole.departments[0]` and `changes.x` too. */
export function formPath(path: string): string {
  return path.replace(/^changes\./, 'pole.').replace(/^(pole\.departments)\[\d+\]$/, '$1');
}

/** Every problem of the draft, one per field in the form's order; `owner`: no contributor asked, départements not theirs to change. */
export function draftIssues(draft: PoleDraft, owner?: Pole): DataIssue[] {
  const body = owner
    ? { ...toContribution(draft), pole: toProposal(draft, owner), contributor: { name: '-', email: 'x@example.org' } }
    : toContribution(draft);
  const checked = checkNewPoleContribution(body);
  const seen = new Set<string>();
  return (checked.ok ? [] : checked.issues)
    .map((issue) => ({ ...issue, path: formPath(issue.path) }))
    .filter((issue) => PATHS.includes(issue.path) && !seen.has(issue.path) && seen.add(issue.path))
    .filter((issue) => !(owner && issue.path === 'pole.departments'))
    .sort((a, b) => PATHS.indexOf(a.path) - PATHS.indexOf(b.path));
}

/** The sentence shown for a field's problem, in the reader's language. */
export function messageFor({ path, message }: DataIssue): MessageKey {
  if (path === 'pole.departments') return 'pole-form.error.departement';
  if (message === 'required' || /expected (string|array)|too small|>=\s*1/.test(message)) return 'pole-form.error.required';
  if (/too big|too long|<=/.test(message)) return 'pole-form.error.too-long';
  if (path.endsWith('email')) return 'pole-form.error.email';
  if (path === 'pole.website') return 'pole-form.error.website';
  if (path === 'pole.postcode') return 'pole-form.error.postcode';
  if (path === 'pole.phone') return 'pole-form.error.phone';
  return 'pole-form.error.invalid';
}

/** Fills what an older saved draft may lack, so the form always has every field. */
export function reviveDraft(saved: unknown): PoleDraft | undefined {
  if (!saved || typeof saved !== 'object') return undefined;
  return { ...emptyDraft(), ...(saved as Partial<PoleDraft>) };
}
