/**
 * Possible duplicates, by the directory's rules: the same name (accents, case and punctuation
 * ignored) in the same département or the same commune, or the same website. (The contributions'
 * duplicates finder follows the same rules; the two are to become one.)
 */
import type { Pole } from '../../../src/data/schemas/pole.js';

export type DuplicateReason = 'same-name-departement' | 'same-name-commune' | 'same-website';

export interface PossibleDuplicate {
  id: string;
  name: string;
  reason: DuplicateReason;
}

export const foldName = (text: string | undefined) =>
  (text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A website without its scheme, "www.", query, fragment and trailing slash: "exemple.org/pole". */
export function foldWebsite(url: string | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    return `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return '';
  }
}

type Candidate = Pick<Pole, 'name' | 'departments' | 'commune' | 'website'>;

/** The poles among `poles` that `candidate` may duplicate, each with the first rule it meets. */
export function findDuplicates(
  candidate: Candidate,
  poles: readonly Pick<Pole, 'id' | 'name' | 'departments' | 'commune' | 'website'>[],
): PossibleDuplicate[] {
  const name = foldName(candidate.name);
  const commune = foldName(candidate.commune);
  const website = foldWebsite(candidate.website);
  const found: PossibleDuplicate[] = [];
  for (const pole of poles) {
    const sameName = !!name && foldName(pole.name) === name;
    const reason: DuplicateReason | undefined =
      sameName && (candidate.departments ?? []).some((code) => pole.departments?.includes(code))
        ? 'same-name-departement'
        : sameName && !!commune && foldName(pole.commune) === commune
          ? 'same-name-commune'
          : !!website && foldWebsite(pole.website) === website
            ? 'same-website'
            : undefined;
    if (reason) found.push({ id: pole.id, name: pole.name, reason });
  }
  return found;
}
