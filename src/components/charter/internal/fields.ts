import type { MessageKey, Translate } from '../../../i18n/index.js';
import { FIELD_ORDER, type SignatureDraft } from '../signature-draft.js';

const SIGNATORY = /^signatories\[(\d+)\]\.(name|role)$/;

/** The paths of the form's text fields and lists, in the form's order (a field left by focus is known by its id). */
export function fieldPaths(draft: SignatureDraft): string[] {
  return [...FIELD_ORDER, ...draft.signatories.flatMap((_, i) => [`signatories[${i}].name`, `signatories[${i}].role`])];
}

/** A field's name, as its label and the error summary say it. */
export function fieldLabel(path: string, t: Translate): string {
  const signatory = /^signatories\[(\d+)\]\.(name|role)$/.exec(path);
  if (signatory)
    return `${t('charter.signatory', { n: Number(signatory[1]) + 1 })} — ${t(`charter.signatory.${signatory[2] as 'name' | 'role'}`)}`;
  if (path.startsWith('commitments')) return t('charter.commitments');
  if (path === 'signatories') return t('charter.signatories');
  const known: Record<string, MessageKey> = { status: 'charter.status', place: 'charter.place', date: 'charter.date' };
  return t(known[path] ?? (`charter.${path}` as MessageKey));
}

/** The text a field holds, by path: `pole.name`, `place`, `signatories[1].role`. */
export function valueAt(draft: SignatureDraft, path: string): string {
  const signatory = SIGNATORY.exec(path);
  if (signatory) return draft.signatories[Number(signatory[1])]?.[signatory[2] as 'name' | 'role'] ?? '';
  const [group, field] = path.split('.');
  const value = (draft as unknown as Record<string, unknown>)[group];
  return String((field ? (value as Record<string, string>)[field] : value) ?? '');
}

/** The change of the draft that puts `value` in the field at `path`. */
export function patchAt(draft: SignatureDraft, path: string, value: string): Partial<SignatureDraft> {
  const signatory = SIGNATORY.exec(path);
  if (signatory) {
    const index = Number(signatory[1]);
    return { signatories: draft.signatories.map((s, i) => (i === index ? { ...s, [signatory[2]]: value } : s)) };
  }
  const [group, field] = path.split('.') as [keyof SignatureDraft, string | undefined];
  return { [group]: field ? { ...(draft[group] as object), [field]: value } : value } as Partial<SignatureDraft>;
}
