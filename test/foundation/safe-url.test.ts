import { expect } from '@open-wc/testing';
import { mailtoHref, safeHttpUrl, telHref } from '../../src/data/safe-url.js';
import { placeParts } from '../../src/data/geography.js';

describe('links built from data', () => {
  it('keeps http(s) URLs only', () => {
    expect(safeHttpUrl('https://exemple.fr/a?b=c')).to.equal('https://exemple.fr/a?b=c');
    expect(safeHttpUrl('/signer', 'https://site.fr/page')).to.equal('https://site.fr/signer');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,<script>x</script>',
      'vbscript:x',
      'ftp://x.fr',
      'not a url',
      '',
      undefined,
    ]) {
      expect(safeHttpUrl(bad), String(bad)).to.equal(undefined);
    }
  });

  it('builds tel: and mailto: targets only from plausible values', () => {
    expect(telHref('+33 6 12 34 56 78')).to.equal('tel:+33612345678');
    expect(telHref('04 00 00 00 00')).to.equal('tel:+33400000000');
    expect(telHref('04 75 00 00 00 (accueil)')).to.equal('tel:+33475000000');
    expect(telHref('+33 (0)4 75 00 00 00')).to.equal('tel:+33475000000');
    expect(telHref('0033 4 75 00 00 00')).to.equal('tel:+33475000000');
    expect(telHref('0692 12 34 56')).to.equal('tel:+262692123456');
    expect(telHref('appelez-nous')).to.equal(undefined);
    expect(mailtoHref('contact@exemple.fr')).to.equal('mailto:contact@exemple.fr');
    for (const bad of ['x@y', 'a@b.c?subject=spam', 'javascript:alert(1)@x.fr', 'a b@c.fr'])
      expect(mailtoHref(bad), bad).to.equal(undefined);
  });

  it('says where a pole is from what it has', () => {
    expect(placeParts({ commune: 'Tarnos', departments: ['40', '64'] }, true)).to.deep.equal([
      'Tarnos',
      'Landes, Pyrénées-Atlantiques',
      'Nouvelle-Aquitaine',
    ]);
    expect(placeParts({ departments: [], territory: 'Nord-Est Francilien' })).to.deep.equal(['Nord-Est Francilien']);
    expect(placeParts({})).to.deep.equal([]);
  });
});
