import { expect } from '@open-wc/testing';
import {
  formatDate,
  formatEuros,
  formatNumber,
  isLangLoaded,
  loadLang,
  registerLocale,
  registerMessages,
  supportedLang,
  translate,
} from '../../src/i18n/index.js';
import { map } from '../../src/i18n/fr/map.js';
import { fr } from '../../src/i18n/fr.js';
import { en } from '../../src/i18n/en.js';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('i18n', () => {
  it('formats numbers, money and dates in the resolved language', () => {
    expect(nbsp(formatNumber('fr', 1500))).to.equal('1 500');
    expect(formatNumber('en', 1500)).to.equal('1,500');
    expect(nbsp(formatEuros('fr', 9_000_000))).to.equal('9 M €');
    expect(formatEuros('en', 9_000_000)).to.equal('€9M');
    // No forced decimal (JavaScriptCore printed "9,0 M €"), one where there is one.
    expect(nbsp(formatEuros('fr', 9_500_000))).to.equal('9,5 M €');
    expect(formatEuros('en', 9_500_000)).to.equal('€9.5M');
    expect(nbsp(formatEuros('fr', 300_000))).to.equal('300 k €');
    expect(formatEuros('en', 300_000)).to.equal('€300K');
    expect(formatDate('fr', '2014-09-19')).to.equal('19 septembre 2014');
    expect(formatDate('en', '2014-09-19')).to.equal('September 19, 2014');
  });

  it('loads English when a page asks for it', async () => {
    expect(supportedLang('en-GB')).to.equal('en');
    await loadLang('en');
    expect(isLangLoaded('en')).to.equal(true);
  });

  it('chooses plural forms', async () => {
    // Each widget registers its own French messages; here, the map's.
    registerMessages('fr', map);
    await loadLang('en');
    expect(translate('fr', 'map.count', { count: 0 })).to.equal('Aucun pôle');
    expect(translate('fr', 'map.count', { count: 1 })).to.equal('1 pôle');
    expect(translate('fr', 'map.count', { count: 1500 }).replace(/[\u00a0\u202f]/g, ' ')).to.equal('1 500 pôles');
    expect(translate('en', 'map.count', { count: 1 })).to.equal('1 pole');
    expect(translate('en', 'map.unplaced', { count: 2 })).to.equal('including 2 not located');
  });

  it('has every French key in English, and nothing empty', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(fr).sort());
    for (const [key, value] of Object.entries(en)) expect(JSON.stringify(value), key).not.to.equal('""');
  });

  it('normalises language tags and accepts a language added at run time', () => {
    expect(supportedLang('fr-FR')).to.equal('fr');
    expect(supportedLang('EN')).to.equal('en');
    expect(supportedLang('br')).to.equal(undefined);
    registerLocale('br', { ...fr, 'state.retry': 'Klask en-dro' });
    expect(supportedLang('br')).to.equal('br');
    expect(translate('br', 'state.retry')).to.equal('Klask en-dro');
  });
});
