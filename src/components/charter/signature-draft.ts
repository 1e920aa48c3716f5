import type { DataIssue } from '../../data/failure.js';
import type { Charter } from '../../data/schemas/charter.js';
import type { Signature } from '../../data/schemas/submissions.js';
import { checkSignature } from '../../data/checks/charter.js';
import { signatureIssues } from '../../data/charter.js';
import type { MessageKey } from '../../i18n/index.js';
import { fieldId, newKey as keyWithPrefix, type KeyedDraft } from '../../base/form/form-kit.js';

export { fieldId };

/** What the form holds, as typed (untrimmed), with the idempotency key of this draft. */
export interface SignatureDraft extends KeyedDraft {
  pole: { name: string; street: string; postcode: string; city: string; department: string; website: string };
  representative: { lastName: string; firstName: string; email: string; phone: string };
  departmentEdited: boolean;
  status: string;
  commitments: string[];
  place: string;
  date: string;
  signatories: { name: string; role: string }[];
  consentToList: boolean;
}

export const newKey = () => keyWithPrefix('charter');

/** Today in the reader's calendar, as YYYY-MM-DD. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function emptyDraft(): SignatureDraft {
  return {
    key: newKey(),
    pole: { name: '', street: '', postcode: '', city: '', department: '', website: '' },
    representative: { lastName: '', firstName: '', email: '', phone: '' },
    departmentEdited: false,
    status: '',
    commitments: [],
    place: '',
    date: today(),
    signatories: [{ name: '', role: '' }],
    consentToList: false,
  };
}

/** The signature to POST: values trimmed, the optional website left out when empty. */
export function toSignature(draft: SignatureDraft, charter: Charter): Signature {
  const trim = <T extends Record<string, string>>(record: T) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v.trim()])) as T;
  const { website, ...pole } = trim(draft.pole);
  return {
    charterId: charter.id,
    charterVersion: charter.version,
    pole: website ? { ...pole, website } : pole,
    representative: trim(draft.representative),
    status: draft.status,
    commitments: charter.commitments.map((c) => c.id).filter((id) => draft.commitments.includes(id)),
    place: draft.place.trim(),
    date: draft.date,
    signatories: draft.signatories.map((s) => trim(s)),
    consentToList: draft.consentToList,
  };
}

/** Every problem of the draft, by field path: the shared schema's, then the charter's own rules. */
export function draftIssues(draft: SignatureDraft, charter: Charter): DataIssue[] {
  const signature = toSignature(draft, charter);
  const checked = checkSignature(signature);
  const issues = [...(checked.ok ? [] : checked.issues), ...signatureIssues(charter, signature, today())];
  // One message per field, in the form's order.
  const seen = new Set<string>();
  return issues
    .filter((issue) => issue.path !== 'commitments' && !seen.has(issue.path) && seen.add(issue.path))
    .sort((a, b) => order(a.path) - order(b.path));
}

/** The form's fields other than signatories, in the form's order. */
export const FIELD_ORDER = [
  'pole.name',
  'pole.street',
  'pole.postcode',
  'pole.city',
  'pole.department',
  'pole.website',
  'representative.lastName',
  'representative.firstName',
  'representative.email',
  'representative.phone',
  'place',
  'date',
];

function order(path: string): number {
  const index = FIELD_ORDER.indexOf(path);
  if (index >= 0) return index;
  if (path === 'status') return 10.1;
  if (path.startsWith('commitments')) return 10.2;
  if (path.startsWith('signatories')) return 100 + Number(/\[(\d+)\]/.exec(path)?.[1] ?? 0);
  return 200;
}

/** The sentence shown for a field's problem, in the reader's language. */
export function messageFor(issue: DataIssue): MessageKey {
  const { path, message } = issue;
  if (path.startsWith('commitments')) return 'charter.error.commitment';
  if (path === 'status') return 'charter.error.status';
  if (path === 'pole.department') return 'charter.error.department';
  if (message === 'required') return 'charter.error.required';
  if (message === 'too long') return 'charter.error.too-long';
  if (path.endsWith('email')) return 'charter.error.email';
  if (path.endsWith('phone')) return 'charter.error.phone';
  if (path.endsWith('postcode')) return 'charter.error.postcode';
  if (path.endsWith('website')) return 'charter.error.website';
  if (path === 'date') return 'charter.error.date';
  return 'charter.error.invalid';
}

/** Fills what an older saved draft may lack, so the form always has every field. */
export function reviveDraft(saved: unknown): SignatureDraft | undefined {
  if (!saved || typeof saved !== 'object') return undefined;
  const draft = saved as SignatureDraft;
  const empty = emptyDraft();
  return {
    ...empty,
    ...draft,
    pole: { ...empty.pole, ...draft.pole },
    representative: { ...empty.representative, ...draft.representative },
  };
}
