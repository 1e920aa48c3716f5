import type { DataIssue } from '../../data/failure.js';
import type { ActionProposal } from '../../data/schemas/action.js';
import { checkActionProposal } from '../../data/checks/actions.js';
import { actionProposalIssues } from '../../data/actions.js';
import { newKey, type KeyedDraft } from '../../base/form/form-kit.js';
import type { MessageKey } from '../../i18n/index.js';

/** The value of the pole list's last option: the pole is not listed, its name is typed. */
export const OTHER_POLE = '—other';

/** What the form holds, as typed (untrimmed), with the idempotency key of this draft. */
export interface ActionDraft extends KeyedDraft {
  /** A listed pole's id, OTHER_POLE, or '' when none is chosen yet. */
  poleId: string;
  poleName: string;
  title: string;
  description: string;
  stage: string;
  perspectives: string;
  offer: string;
  website: string;
  themes: string[];
  contactName: string;
  contactEmail: string;
}

export const TEXT_FIELDS = ['title', 'description', 'stage', 'perspectives', 'offer', 'website'] as const;

export function emptyDraft(poleId = ''): ActionDraft {
  return {
    key: newKey('action'),
    poleId,
    poleName: '',
    title: '',
    description: '',
    stage: '',
    perspectives: '',
    offer: '',
    website: '',
    themes: [],
    contactName: '',
    contactEmail: '',
  };
}

/** The proposal to POST: values trimmed, empty optional fields left out. */
export function toProposal(draft: ActionDraft, poles: readonly { id: string; name: string }[]): ActionProposal {
  const listed = draft.poleId !== OTHER_POLE ? poles.find((pole) => pole.id === draft.poleId) : undefined;
  const optional = (value: string) => value.trim() || undefined;
  const action = {
    title: draft.title.trim(),
    description: draft.description.trim(),
    stage: optional(draft.stage),
    perspectives: optional(draft.perspectives),
    offer: optional(draft.offer),
    website: optional(draft.website),
    themes: draft.themes.length ? [...draft.themes] : undefined,
  };
  return {
    pole: listed ? { id: listed.id, name: listed.name } : { name: draft.poleName.trim() },
    action: Object.fromEntries(Object.entries(action).filter(([, v]) => v !== undefined)) as ActionProposal['action'],
    contact: { name: draft.contactName.trim(), email: draft.contactEmail.trim() },
  };
}

/** Form field paths, in the form's order; the proposal's paths map onto them. */
const FIELDS = ['pole', 'pole.name', ...TEXT_FIELDS.map((f) => `action.${f}`), 'action.themes', 'contact.name', 'contact.email'];

/** Every problem of the draft, by field path, in the form's order: the shared schema's, then the shared rules. */
export function draftIssues(
  draft: ActionDraft,
  poles: readonly { id: string; name: string }[],
  themes: readonly { id: string }[],
): DataIssue[] {
  const proposal = toProposal(draft, poles);
  const checked = checkActionProposal(proposal);
  const issues = [...(checked.ok ? [] : checked.issues), ...actionProposalIssues(proposal, poles, themes)].map((issue) => ({
    ...issue,
    path: issue.path.startsWith('action.themes') ? 'action.themes' : issue.path === 'pole.id' ? 'pole' : issue.path,
  }));
  // No pole chosen yet: one message on the list, not "name required" on a field not shown.
  if (!draft.poleId) issues.unshift({ path: 'pole', message: 'required' });
  const seen = new Set<string>();
  return issues
    .filter((issue) => !(issue.path === 'pole.name' && !draft.poleId) && !seen.has(issue.path) && seen.add(issue.path))
    .sort((a, b) => FIELDS.indexOf(a.path) - FIELDS.indexOf(b.path));
}

/** The sentence shown for a field's problem, in the reader's language. */
export function messageFor(issue: DataIssue): MessageKey {
  const { path, message } = issue;
  if (path === 'pole') return message === 'required' ? 'action-form.error.pole' : 'action-form.error.pole-unknown';
  if (message === 'required') return 'action-form.error.required';
  if (message === 'too long' || /too big|too long|<=/.test(message)) return 'action-form.error.too-long';
  if (path === 'contact.email') return 'action-form.error.email';
  if (path === 'action.website') return 'action-form.error.website';
  return 'action-form.error.invalid';
}

/** Fills what an older saved draft may lack, so the form always has every field. */
export function reviveDraft(saved: unknown): ActionDraft | undefined {
  if (!saved || typeof saved !== 'object') return undefined;
  const draft = { ...emptyDraft(), ...(saved as Partial<ActionDraft>) };
  return Array.isArray(draft.themes) ? draft : { ...draft, themes: [] };
}
