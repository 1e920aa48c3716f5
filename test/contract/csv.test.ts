import { expect, html } from '@open-wc/testing';
import { PtceClient } from '../../src/data/client.js';
import { loadPoles } from '../../src/data/poles.js';
import type { Pole, PoleCollection } from '../../src/data/schemas/pole.js';
import type { LoadedList } from '../../src/data/client.js';
import '../../src/components/pole-map/define.js';
import type { PtcePoleMap } from '../../src/components/pole-map/ptce-pole-map.js';
import { mockRoute, uniquePrefix } from '../support/mock.js';
import { mount } from '../support/mount.js';
import { until } from '../support/wait.js';

/** An endpoint whose poles are a CSV file, served as a spreadsheet export would be. */
async function csvEndpoint(csv: string): Promise<string> {
  const prefix = uniquePrefix('csv');
  await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, poles: { url: 'poles.csv', format: 'csv' } } });
  await mockRoute({ path: `${prefix}/poles.csv`, text: csv, contentType: 'text/csv; charset=utf-8' });
  return `${prefix}/ptce.json`;
}
async function loadCsv(csv: string): Promise<LoadedList<PoleCollection>> {
  const result = await loadPoles(new PtceClient(await csvEndpoint(csv)));
  if (!result.ok) throw new Error(JSON.stringify(result.failure));
  return result.value;
}
/** Reads a fixture byte for byte (BOM and CRLF included). */
const bytes = async (path: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await (await fetch(path)).arrayBuffer());
/**
 * A pole with its themes by French name, to compare lists whose theme ids differ (a spreadsheet
 * names its themes); an empty list, which a cell cannot tell from none, counts as none.
 */
const byLabel = (pole: Pole, themes: PoleCollection['themes']) => {
  const label = (id: string) => {
    const found = themes.find((t) => t.id === id)?.label;
    return typeof found === 'string' ? found : found?.fr;
  };
  const shown = Object.fromEntries(Object.entries(pole).filter(([, value]) => !(Array.isArray(value) && !value.length)));
  return pole.themes?.length ? { ...shown, themes: pole.themes.map(label) } : shown;
};

describe('spreadsheet (CSV) poles', () => {
  /**
   * What the template's spreadsheet carries of a demo pole: one line, so no fiches action; no
   * provenance, sources of facts, place precision, stage or region alone; its figure columns
   * without kinds or years (its one amount column is a turnover: a périmètre économique is left out).
   */
  const asSpreadsheet = (pole: Pole): Pole => {
    const { actions: _actions, stage: _stage, factSources: _sources, provenance: _provenance, region, keyFigures, ...rest } = pole;
    const line: Pole = { ...rest };
    if (rest.geo) line.geo = { lat: rest.geo.lat, lon: rest.geo.lon };
    if (region && !rest.departments) line.departments = [];
    const column = { members: 'structures', jobs: 'jobs', fte: 'fte', turnover: 'turnoverEuros' } as const;
    const figures = keyFigures?.filter((f) => f.kind in column).map((f) => [column[f.kind as keyof typeof column], f.value]);
    if (figures?.length) line.figures = Object.fromEntries(figures);
    return line;
  };

  for (const [what, file] of [
    ['LibreOffice (`,`, LF, no BOM, English headers)', 'poles-libreoffice.csv'],
    ['Excel in French (`;`, CRLF, BOM, quoted cells, decimal commas, dd/mm/yyyy dates, French headers)', 'poles-excel-fr.csv'],
    ['Google Sheets in French (`,`, CRLF, decimal commas in quoted cells, French headers)', 'poles-google-sheets-fr.csv'],
  ]) {
    it(`loads the 40 demo poles from a CSV saved by ${what} as from poles.json`, async () => {
      const csv = await bytes(`/test/fixtures/csv/${file}`);
      expect(csv.length).to.be.greaterThan(1000);
      const demo = (await (await fetch('/demo/data/poles.json')).json()) as PoleCollection;
      const list = await loadCsv(csv);
      expect(list.skipped).to.deep.equal([]);
      expect(list.dropped).to.deep.equal([]);
      expect(list.value.poles.map((p) => byLabel(p, list.value.themes))).to.deep.equal(
        demo.poles.map((p) => byLabel(asSpreadsheet(p), demo.themes)),
      );
    });
  }

  it('shows the CSV poles on the map and in the list', async () => {
    const endpoint = await csvEndpoint(await bytes('/test/fixtures/csv/poles-excel-fr.csv'));
    const el = await mount<PtcePoleMap>(html`<ptce-pole-map endpoint=${endpoint} style="width:1000px"></ptce-pole-map>`);
    await until(() => el.shadowRoot!.querySelector('.list'));
    // The list's first page (50 entries) comes whole with the first render of the data.
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.list .name')).to.have.length(40);
    expect(el.shadowRoot!.querySelector('[part="count"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      '40 pôles, dont 1 non localisé',
    );
    await expect(el).to.be.accessible();
  });

  it('loads the template of docs/', async () => {
    const list = await loadCsv(await bytes('/docs/poles-modele.csv'));
    expect(list.dropped).to.deep.equal([]);
    expect(list.value.poles).to.have.length(1);
    expect(list.value.poles[0]).to.deep.include({
      id: 'pole-exemple',
      status: 'established',
      origin: 'citizen',
      address: '12 rue des Coopératives',
      postcode: '26400',
      geo: { lat: 44.7286, lon: 5.0225, precision: 'address' },
      stage: 'engaged',
      scope: 'multisectoral',
      functions: ['hosting', 'promotion'],
      legalForm: 'Association',
      // Dated figures, each with its kind, year and source (the sheet's "année des chiffres").
      keyFigures: [
        { kind: 'members', value: 12, year: 2025, source: { by: 'document', name: "Rapport d'activité 2025" } },
        { kind: 'jobs', value: 40, year: 2025, source: { by: 'document', name: "Rapport d'activité 2025" } },
        { kind: 'fte', value: 32.5, year: 2025, source: { by: 'document', name: "Rapport d'activité 2025" } },
        { kind: 'turnover', value: 1200000, year: 2025, source: { by: 'document', name: "Rapport d'activité 2025" } },
      ],
      website: 'https://www.exemple.org/',
      openingHours: { note: 'Du lundi au vendredi, 9 h – 17 h' },
      social: ['https://www.facebook.com/exemple'],
      charter: { date: '2014-09-19', place: 'Paris' },
      nationalCalls: [2015],
      updatedAt: '2026-11-25',
    });
    expect(list.value.themes.map((t) => t.label)).to.deep.equal(['Emploi et insertion', 'Alimentation']);
    expect(list.value.poles[0]).not.to.have.property('figures');
  });

  it('reads the typology, the place precision and dated figures in words, and keeps undated figures as before', async () => {
    const list = await loadCsv(
      [
        'nom;départements;latitude;longitude;précision du lieu;étape;Sectoriel ou multisectoriel;fonctions;forme juridique;emplois;périmètre économique;année des chiffres',
        'Pôle A;69;45,76;4,83;Commune;Lauréat;sectoriel;Centre multi-fonctions;SCIC;25;9 000 000;2014',
        'Pôle B;35;48,1;-1,68;centre du département;identifié;multisectoriel;hébergement | sensibilisation;;12;;',
        'Pôle C;13;43,3;5,4;au hasard;quelque part;;;;;;',
      ].join('\n'),
    );
    const [a, b, c] = list.value.poles;
    expect(a).to.deep.include({
      geo: { lat: 45.76, lon: 4.83, precision: 'commune' },
      stage: 'laureate',
      scope: 'sectoral',
      functions: ['multi-function'],
      legalForm: 'SCIC',
      keyFigures: [
        { kind: 'jobs', value: 25, year: 2014 },
        { kind: 'economic-scope', value: 9000000, year: 2014 },
      ],
    });
    expect(b).to.deep.include({
      geo: { lat: 48.1, lon: -1.68, precision: 'department' },
      stage: 'identified',
      functions: ['hosting', 'promotion'],
      figures: { jobs: 12 },
    });
    // A stage in words the contract does not know: left out, the row kept, and said so; a
    // precision it does not know leaves the place without one (never a precision it did not say).
    expect(c.name).to.equal('Pôle C');
    expect(c).not.to.have.property('stage');
    expect(c.geo).to.deep.equal({ lat: 43.3, lon: 5.4 });
    expect(list.dropped.map((d) => [d.id, d.field])).to.deep.equal([['pole-c', 'stage']]);
  });

  it("takes `;`- or `|`-separated themes, tabs, any header case or accents, and keeps a row's pole when a cell is unusable", async () => {
    const list = await loadCsv(
      [
        'NOM\tThemes\tDepartement\tE-mail\tLatitude\tLongitude',
        'Pôle A\tCulture;Mobilité\t35\tpas une adresse\t48.1\tnord',
        'Pôle B\tCulture | Énergie\t2a\t\t\t',
        '\t\t\t\t\t',
      ].join('\n'),
    );
    expect(list.value.poles.map((p) => [p.name, p.themes, p.departments])).to.deep.equal([
      ['Pôle A', ['culture', 'mobilite'], ['35']],
      ['Pôle B', ['culture', 'energie'], ['2A']],
    ]);
    expect(list.value.poles[0]).to.not.have.any.keys('email', 'geo');
    expect(list.dropped.map((d) => [d.id, d.field])).to.have.deep.members([
      ['pole-a', 'email'],
      ['pole-a', 'geo'],
    ]);
  });

  it('skips a row without a name and keeps the others; refuses a file that is no CSV list', async () => {
    const list = await loadCsv('nom,commune\nPôle A,Rennes\n,Brest\nPôle A,Vannes\n');
    expect(list.value.poles.map((p) => [p.id, p.name, p.commune])).to.deep.equal([
      ['pole-a', 'Pôle A', 'Rennes'],
      ['pole-a-2', 'Pôle A', 'Vannes'],
    ]);
    expect(list.skipped).to.have.length(1);

    for (const body of ['<!doctype html><html><body>Connexion</body></html>', 'a,b\n1,2\n']) {
      const result = await loadPoles(new PtceClient(await csvEndpoint(body)));
      expect(result.ok, body).to.equal(false);
      expect(!result.ok && result.failure.kind).to.equal('invalid');
    }
  });
});
