/**
 * Possible duplicates of an imported row, by the directory's one set of rules (directory/duplicates.ts).
 */
import type { Pole } from '../../../src/data/schemas/pole.js';
import { duplicateOf, type DuplicateReason } from '../directory/duplicates.js';

export { foldName, type DuplicateReason } from '../directory/duplicates.js';

export interface PossibleDuplicate {
  id: string;
  name: string;
  reason: DuplicateReason;
}

type Candidate = Pick<Pole, 'name' | 'departments' | 'commune' | 'website'>;

/** The poles among `poles` that `candidate` may duplicate, each with the first rule it meets. */
export function findDuplicates(
  candidate: Candidate,
  poles: readonly Pick<Pole, 'id' | 'name' | 'departments' | 'commune' | 'website'>[],
): PossibleDuplicate[] {
  const match = duplicateOf({
    name: candidate.name,
    departements: candidate.departments,
    commune: candidate.commune,
    website: candidate.website,
  });
  const found: PossibleDuplicate[] = [];
  for (const pole of poles) {
    const reason = match(pole);
    if (reason) found.push({ id: pole.id, name: pole.name, reason });
  }
  return found;
}
