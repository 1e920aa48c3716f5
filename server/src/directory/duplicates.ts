/**
 * Possible duplicates, by the directory's one set of rules, for the contributions (shown to the
 * contributor before they send, and to the moderator) and for the imports' preview: the same name
 * (accents, case, punctuation and spacing folded: "Bou'Sol" = "BOU SOL") in the same département
 * or the same commune — anywhere, when the candidate gives neither yet — or the same website (host
 * without "www.", path without the final slash).
 */
import { fold } from '../../../src/data/fold.js';
import type { Pole } from '../../../src/data/schemas/pole.js';

export type DuplicateReason = 'same-name-departement' | 'same-name-commune' | 'same-name' | 'same-website';

/** A name as compared. */
export const foldName = (text: string | undefined): string => fold(text);

/** A website as compared: its host without `www.`, and its path without the final slash. */
export function websiteKey(url: string | undefined): string {
  if (!url) return '';
  try {
    const { hostname, pathname } = new URL(url.trim());
    return `${hostname.replace(/^www\./, '')}${pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return '';
  }
}

/** What a duplicate is looked for by: any of it may be missing. */
export interface DuplicateQuery {
  name?: string;
  departements?: readonly string[];
  commune?: string;
  website?: string;
}

type Compared = Pick<Pole, 'name' | 'departments' | 'commune' | 'website'>;

/** A matcher for one candidate: the first rule a pole meets, or undefined. */
export function duplicateOf(query: DuplicateQuery): (pole: Compared) => DuplicateReason | undefined {
  const name = foldName(query.name);
  const commune = foldName(query.commune);
  const departements = query.departements ?? [];
  const website = websiteKey(query.website);
  return (pole) => {
    if (name && foldName(pole.name) === name) {
      if (departements.some((code) => pole.departments?.includes(code))) return 'same-name-departement';
      if (commune && foldName(pole.commune) === commune) return 'same-name-commune';
      if (!departements.length && !commune) return 'same-name';
    }
    return website && websiteKey(pole.website) === website ? 'same-website' : undefined;
  };
}
