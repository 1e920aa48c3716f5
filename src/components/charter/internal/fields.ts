import type { MessageKey, Translate } from '../../../i18n/index.js';
import type { SignatureDraft } from '../signature-draft.js';

/** The paths of the form's text fields and lists, in the form's order (a field left by focus is known by its id). */
export function fieldPaths(draft: SignatureDraft): string[] {
  return [
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
    ...draft.signatories.flatMap((_, i) => [`signatories[${i}].name`, `signatories[${i}].role`]),
  ];
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
