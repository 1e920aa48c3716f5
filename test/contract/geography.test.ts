import { expect } from '@open-wc/testing';
import { DEPARTMENTS, departmentFromPostcode, regionName, regionOf, regionsOf } from '../../src/data/geography.js';
import { REGION_NAMES, regionIn, regionsIn } from '../../src/data/regions-2015.js';

describe('geography', () => {
  it('knows the 96 metropolitan and 5 overseas departments', () => {
    expect(DEPARTMENTS.size).to.equal(101);
    for (const code of ['971', '972', '973', '974', '976', '2A', '2B']) expect(DEPARTMENTS.has(code), code).to.equal(true);
  });

  it('derives both generations of regions', () => {
    expect(regionName(regionOf('01')!)).to.equal('Auvergne-Rhône-Alpes');
    expect(REGION_NAMES['2015'][regionIn('2015', '01')!]).to.equal('Rhône-Alpes');
    expect(regionName(regionOf('60')!)).to.equal('Hauts-de-France');
    expect(REGION_NAMES['2015'][regionIn('2015', '60')!]).to.equal('Picardie');
    expect(regionIn('current', '60')).to.equal(regionOf('60'));
    expect(regionName(regionOf('972')!)).to.equal('Martinique');
    expect(regionsIn('2015', ['40', '64'])).to.deep.equal(['72']);
    expect(regionsOf(['40', '64'])).to.deep.equal(['75']);
    expect(regionsOf(['05', '04'])).to.deep.equal(['93']);
    expect(Object.keys(REGION_NAMES.current)).to.have.length(18);
    expect(Object.keys(REGION_NAMES['2015'])).to.have.length(27);
    for (const department of DEPARTMENTS.keys()) {
      expect(REGION_NAMES.current[regionIn('current', department)!], department).to.be.a('string');
      expect(REGION_NAMES['2015'][regionIn('2015', department)!], department).to.be.a('string');
    }
  });

  it('every department of the demo poles has a region in both generations', async () => {
    const { poles } = await (await fetch('/demo/data/poles.json')).json();
    for (const pole of poles) {
      for (const code of pole.departments ?? []) {
        expect(regionOf(code), code).to.be.a('string');
        expect(regionIn('2015', code), code).to.be.a('string');
      }
    }
  });

  const postcodes: [string, string | undefined][] = [
    ['75011', '75'],
    ['01000', '01'],
    ['44200', '44'],
    ['20000', '2A'],
    ['20090', '2A'],
    ['20167', '2A'],
    ['20200', '2B'],
    ['20600', '2B'],
    ['97100', '971'],
    ['97200', '972'],
    ['97300', '973'],
    ['97400', '974'],
    ['97600', '976'],
    ['97500', undefined],
    ['98000', undefined],
    ['00100', undefined],
    ['7501', undefined],
    ['ABCDE', undefined],
  ];
  for (const [postcode, department] of postcodes) {
    it(`postcode ${postcode} → ${department ?? 'no department'}`, () => {
      expect(departmentFromPostcode(postcode)).to.equal(department);
    });
  }
});
