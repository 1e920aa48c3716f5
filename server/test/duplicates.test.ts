// The directory's one set of duplicate rules (directory/duplicates.ts), as the contributions and
// the imports use them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findDuplicates as contributionDuplicates } from '../src/directory/contributions.js';
import { duplicateOf } from '../src/directory/duplicates.js';
import { findDuplicates as importDuplicates } from '../src/imports/duplicates.js';

const bouSol = { id: 'bou-sol', name: "Bou'Sol", departments: ['13'], commune: 'Marseille', website: 'http://www.bou-sol.eu/' };
const other = { id: 'autre', name: 'Autre pôle', departments: ['34'], commune: 'Montpellier' };

describe('duplicates: one set of rules', () => {
  it('the same folded name in the same département or commune, anywhere without either, or the same website', () => {
    const reason = (query: Parameters<typeof duplicateOf>[0]) => duplicateOf(query)(bouSol);
    assert.equal(reason({ name: 'BOU SOL', departements: ['13'] }), 'same-name-departement');
    assert.equal(reason({ name: 'Bou-Sol', departements: ['84'], commune: 'marseille' }), 'same-name-commune');
    assert.equal(reason({ name: 'bousol' }), 'same-name');
    assert.equal(reason({ name: 'Bou Sol', departements: ['34'] }), undefined, 'elsewhere: another pole');
    assert.equal(reason({ name: 'Autre', website: 'https://bou-sol.eu' }), 'same-website');
    assert.equal(reason({ name: 'Autre', website: 'https://bou-sol.eu/autre-page' }), undefined);
    assert.equal(reason({ name: 'Autre', website: 'pas une adresse' }), undefined);
    assert.equal(reason({}), undefined);
  });

  it('gives the same answers to a contribution and to an imported row', () => {
    const candidate = { name: 'BOU SOL', departments: ['13'], commune: 'Marseille' };
    assert.deepEqual(
      contributionDuplicates([bouSol, other], {
        name: candidate.name,
        departements: candidate.departments,
        commune: candidate.commune,
      }).map((d) => [d.id, d.reason]),
      [['bou-sol', 'name']],
    );
    assert.deepEqual(importDuplicates(candidate, [bouSol, other]), [{ id: 'bou-sol', name: "Bou'Sol", reason: 'same-name-departement' }]);
    assert.deepEqual(importDuplicates({ name: 'X', departments: ['75'], website: 'https://www.bou-sol.eu' }, [bouSol, other]), [
      { id: 'bou-sol', name: "Bou'Sol", reason: 'same-website' },
    ]);
  });
});
