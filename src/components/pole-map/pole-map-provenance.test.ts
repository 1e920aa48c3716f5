import { expect, html } from '@open-wc/testing';
import './define.js';
import { choose as chooseOption, press } from '../../../test/support/input.js';
import { mockEndpoint } from '../../../test/support/mock.js';
import { until } from '../../../test/support/wait.js';
import { all, mapOf, q } from '../../../test/support/map.js';
import type { PtcePoleMap } from './ptce-pole-map.js';

const DEMO = '/demo/data/ptce.json';
const AT_ADDRESS = 'à son adresse';

const listed = (el: PtcePoleMap) => all(el, '.list .name').map((n) => n.textContent);
const legend = (el: PtcePoleMap) => q(el, '[part="legend"]').textContent!.replace(/\s+/g, ' ');
const filter = (el: PtcePoleMap, label: string) =>
  all<HTMLLabelElement>(el, '.filters label')
    .find((l) => l.textContent!.trim().startsWith(label))
    ?.querySelector('select');
async function choose(el: PtcePoleMap, label: string, value: string) {
  await chooseOption(filter(el, label)!, value);
  await el.updateComplete;
}

describe('<ptce-pole-map>: the precision of places, regions without département, typology filters', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('never says "à son adresse" on the demo data, whose places are towns or départements', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:900px"></ptce-pole-map>`);
    expect(legend(el)).not.to.contain(AT_ADDRESS);
    // Region by region, so that single marks of every kind are shown (a whole France has bubbles).
    const seen = new Set<string>();
    for (const region of ['84', '11', '93', '76']) {
      await choose(el, 'Région', region);
      await until(() => all(el, '.marker').length > 0, `marks of ${region}`);
      const text = legend(el);
      expect(text, region).not.to.contain(AT_ADDRESS);
      if (text.includes('Pôle placé dans sa commune (précision : commune)')) seen.add('commune');
      if (text.includes('Emplacement approché (centre du département)')) seen.add('department');
      for (const mark of all(el, '.marker.commune')) expect(mark.getAttribute('aria-label')).to.match(/, placé dans sa commune$/);
      for (const mark of all(el, '.marker.approximate')) expect(mark.getAttribute('aria-label')).to.match(/, emplacement approché$/);
      expect(all(el, '.marker:not(.bubble):not(.commune):not(.approximate)'), 'no mark claims an address').to.have.length(0);
    }
    expect([...seen].sort()).to.deep.equal(['commune', 'department']);
    await expect(el).to.be.accessible();
  });

  it('says "à son adresse" only for a place given at its address, in French and English', async () => {
    const { url } = await mockEndpoint({
      poles: {
        poles: [
          {
            id: 'a',
            name: 'Pôle A',
            departments: ['35'],
            address: '1 rue de la Soif',
            commune: 'Rennes',
            geo: { lat: 48.117, lon: -1.678 },
          },
          { id: 'b', name: 'Pôle B', departments: ['29'], geo: { lat: 48.39, lon: -4.486, precision: 'commune' } },
          { id: 'c', name: 'Pôle C', departments: ['56'], geo: { lat: 47.75, lon: -2.75, precision: 'department' } },
          { id: 'd', name: 'Pôle D', departments: ['22'], geo: { lat: 48.51, lon: -2.76 } },
        ],
      },
    });
    const el = await mapOf(html`<ptce-pole-map endpoint=${url} style="width:900px" region="53"></ptce-pole-map>`);
    await until(() => all(el, '.marker:not(.bubble)').length === 4, 'four single marks');
    expect(legend(el))
      .to.contain('Pôle à son adresse')
      .and.to.contain('Pôle placé dans sa commune (précision : commune)')
      .and.to.contain('Emplacement approché (centre du département)')
      .and.to.contain('Pôle à l’emplacement donné par la source');
    const label = (name: string) => all(el, '.marker').find((m) => m.getAttribute('aria-label')!.startsWith(name))!;
    expect(label('Pôle C').classList.contains('approximate'), 'a département centre is hollow').to.equal(true);
    expect(label('Pôle B').getAttribute('aria-label')).to.equal('Pôle B, Finistère, placé dans sa commune');
    await expect(el).to.be.accessible();

    const en = await mapOf(html`<ptce-pole-map endpoint=${url} style="width:900px" region="53" lang="en"></ptce-pole-map>`);
    await until(() => legend(en).includes('Pole placed in its town (precision: town)'), 'English legend');
    expect(legend(en)).to.contain('Pole at its address').and.to.contain('Pole at the place its source gives');
  });

  it('lists Fontaine O Livres, which names Île-de-France but no département, on an Île-de-France map', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} view="list"></ptce-pole-map>`);
    await choose(el, 'Région', '11');
    await until(() => listed(el).includes('Fontaine O Livres'), 'Fontaine O Livres listed');
    const item = all(el, '.list button').find((b) => b.textContent!.includes('Fontaine O Livres'))!;
    expect(item.textContent).to.contain('Nord-Est Francilien').and.to.contain('non localisé sur la carte');
    // Not in another region's list.
    await choose(el, 'Région', '84');
    await until(() => !listed(el).includes('Fontaine O Livres'), 'not in Auvergne-Rhône-Alpes');
    await expect(el).to.be.accessible();

    const focused = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="11" style="width:900px"></ptce-pole-map>`);
    expect(listed(focused)).to.include('Fontaine O Livres');
    // The 2014 list's regions too: Île-de-France was Île-de-France.
    const before2016 = await mapOf(html`<ptce-pole-map endpoint=${DEMO} regions="2015" region="11" view="list"></ptce-pole-map>`);
    expect(listed(before2016)).to.include('Fontaine O Livres');
  });

  it('filters by stage and by the typology the data carries, kept in the URL', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} view="list" sync-url></ptce-pole-map>`);
    expect([...filter(el, 'Étape')!.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Toutes les étapes',
      'Engagé dans la démarche collective',
      'Lauréat d’un appel national',
    ]);
    await choose(el, 'Étape', 'laureate');
    await until(() => listed(el).length === 3, 'the three laureates');
    expect(listed(el)).to.deep.equal(['La Coursive Boutaric', 'Pôle Sud', 'PTCE Pays de Bray']);
    expect(new URLSearchParams(location.hash.slice(1)).get('ptce-stage')).to.equal('laureate');
    await choose(el, 'Origine', 'entrepreneurial');
    await until(() => listed(el).length === 1, 'one entrepreneurial laureate');
    expect(listed(el)).to.deep.equal(['Pôle Sud']);
    await expect(el).to.be.accessible();
    // No pole of the demo says its legal form or functions: no empty filter for them.
    expect(filter(el, 'Forme juridique')).to.equal(undefined);
    expect(filter(el, 'Fonction')).to.equal(undefined);
    const clear = all<HTMLButtonElement>(el, '.filters button').find((b) => b.textContent!.includes('Effacer'))!;
    clear.focus();
    await press('Enter');
    await until(() => listed(el).length === 40, 'all poles again');
  });

  it('offers the functions and legal forms a source gives', async () => {
    const { url } = await mockEndpoint({
      poles: {
        poles: [
          { id: 'a', name: 'Hôtel A', departments: ['38'], functions: ['hosting'], legalForm: 'SCIC', scope: 'multisectoral' },
          { id: 'b', name: 'Pôle B', departments: ['38'], functions: ['promotion', 'multi-function'], legalForm: 'association' },
        ],
      },
    });
    const el = await mapOf(html`<ptce-pole-map endpoint=${url} view="list" lang="en"></ptce-pole-map>`);
    await until(() => !!filter(el, 'Function'), 'English filters');
    await choose(el, 'Function', 'hosting');
    await until(() => listed(el).join() === 'Hôtel A', 'the hosting pole');
    await choose(el, 'Function', '');
    await choose(el, 'Legal form', 'association');
    await until(() => listed(el).join() === 'Pôle B', 'the association');
    expect([...filter(el, 'Sectors')!.options].map((o) => o.textContent!.trim())).to.deep.equal([
      'Sectoral and multisectoral',
      'Multisectoral pole',
    ]);
    await expect(el).to.be.accessible();
  });
});
