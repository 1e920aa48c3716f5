// A directory entry with a megabyte of spaces in one field must not freeze the reader's tab. The
// adapters' clean-ups used patterns that retry a run of spaces from each of its positions: 30,000
// spaces took 1.2 s, a megabyte more than a minute. Linear code takes a few milliseconds; the
// ceiling below is two hundred times that, so a loaded machine stays green and the quadratic code
// cannot pass (the figures themselves are measured in the note, not here).
import { expect } from '@open-wc/testing';
import { cleanEmail, plainText } from '../../src/data/adapters/fields.js';
import { fromCsv } from '../../src/data/adapters/csv.js';
import { fromGogocarto } from '../../src/data/adapters/gogocarto.js';

const MEGABYTE_OF_SPACES = ' '.repeat(1 << 20);
const CEILING_MS = 1000;

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('a field holding a megabyte of spaces', () => {
  it('e-mail clean-up: linear, and the address still read', () => {
    const { value, ms } = timed(() => cleanEmail(`contact${MEGABYTE_OF_SPACES}x [at] exemple.fr`));
    expect(ms).to.be.below(CEILING_MS);
    expect(value).to.equal('contact x@exemple.fr');
  });

  it('rich text to plain text: linear, trailing spaces of each line dropped', () => {
    const { value, ms } = timed(() => plainText(`<p>Un pôle${MEGABYTE_OF_SPACES}actif${MEGABYTE_OF_SPACES}</p><p>Deuxième</p>`));
    expect(ms).to.be.below(CEILING_MS);
    expect(value?.startsWith('Un pôle')).to.be.true;
    expect(value?.endsWith('actif\nDeuxième')).to.be.true;
  });

  it('a GoGoCarto element (description, address, e-mail): adapted in linear time', () => {
    const element = {
      id: 'e1',
      name: 'Pôle aux longs champs',
      geo: { latitude: 45, longitude: 5 },
      description: `<p>Texte${MEGABYTE_OF_SPACES}suite</p>`,
      address: `8 rue du Port${MEGABYTE_OF_SPACES}, 44200 Nantes`,
      email: `contact${MEGABYTE_OF_SPACES}[at] exemple.fr`,
    };
    const { value, ms } = timed(() => fromGogocarto({ data: [element] }, { url: 'https://carteco.example.org/api/elements.json' }));
    expect(ms).to.be.below(CEILING_MS);
    expect(value.ok).to.be.true;
    const poles = (value as { ok: true; value: { poles: { name: string }[] } }).value.poles;
    expect(poles[0].name).to.equal('Pôle aux longs champs');
  });

  it('a spreadsheet row (themes list): parsed in linear time', () => {
    const csv = `nom;thèmes;départements\nPôle du tableur;Alimentation${MEGABYTE_OF_SPACES}x | Énergie;44\n`;
    const { value, ms } = timed(() => fromCsv(csv, 'https://cress.example.org/poles.csv'));
    expect(ms).to.be.below(CEILING_MS);
    expect(value.ok).to.be.true;
    const poles = (value as { ok: true; value: { poles: { name: string }[] } }).value.poles;
    expect(poles[0].name).to.equal('Pôle du tableur');
  });
});
