import { expect, html } from '@open-wc/testing';
import { PtceClient } from '../../src/data/client.js';
import { loadPoles } from '../../src/data/poles.js';
import { checkCharter } from '../../src/data/checks/charter.js';
import '../../src/components/pole-map/define.js';
import '../../src/components/pole-card/define.js';
import type { PtcePoleMap } from '../../src/components/pole-map/ptce-pole-map.js';
import type { PtcePoleCard } from '../../src/components/pole-card/ptce-pole-card.js';
import { mockRequests, mockRoute, uniquePrefix } from '../support/mock.js';
import { mount } from '../support/mount.js';
import { until } from '../support/wait.js';
import { all } from '../support/map.js';

// `endpoint` may name a poles document itself (ours, a GoGoCarto export, a CSV file): a site that
// publishes only a list needs no discovery document, and a map needs one request less.

const names = (el: PtcePoleMap) => [...el.shadowRoot!.querySelectorAll('.list .name')].map((n) => n.textContent);
const count = (el: PtcePoleMap) => el.shadowRoot!.querySelector('[part="count"]')!.textContent!.replace(/\s+/g, ' ').trim();
const text = async (path: string) => (await fetch(path)).text();

async function mapOn(endpoint: string, lang = 'fr'): Promise<PtcePoleMap> {
  const el = await mount<PtcePoleMap>(html`<ptce-pole-map lang=${lang} endpoint=${endpoint} style="width:1000px"></ptce-pole-map>`);
  await until(() => el.data.state.status !== 'loading' && el.shadowRoot!.querySelector('.list, [role="alert"]'), 'map loaded or failed');
  await el.updateComplete;
  return el;
}

describe('endpoint naming a poles document', () => {
  it('shows the demo poles from demo/data/poles.json as through its discovery document', async () => {
    const direct = await mapOn('/demo/data/poles.json');
    const viaDiscovery = await mapOn('/demo/data/ptce.json');
    expect(names(direct)).to.have.length(40);
    expect(names(direct)).to.deep.equal(names(viaDiscovery));
    expect(count(direct)).to.equal(count(viaDiscovery));
    // The marks are drawn by the map's inner drawing element, loaded beside the poles.
    await until(() => all(direct, '.marker').length && all(viaDiscovery, '.marker').length, 'both maps drawn');
    expect(all(direct, '.marker').length).to.equal(all(viaDiscovery, '.marker').length);
    await expect(direct).to.be.accessible();
  });

  it('reads the list once: no discovery request, one request for the document', async () => {
    const prefix = uniquePrefix('list');
    await mockRoute({ path: `${prefix}/poles.json`, text: await text('/demo/data/poles.json'), contentType: 'application/json' });
    const el = await mapOn(`${prefix}/poles.json`);
    // A card on the same endpoint shares the map's response.
    const card = await mount<PtcePoleCard>(html`<ptce-pole-card endpoint=${`${prefix}/poles.json`} pole-id="domb-innov"></ptce-pole-card>`);
    await until(() => card.shadowRoot!.querySelector('h2'), 'card shown');
    expect(card.shadowRoot!.querySelector('h2')!.textContent).to.contain('Domb');
    expect(names(el)).to.have.length(40);
    expect(await mockRequests(`${prefix}/poles.json`)).to.have.length(1);
  });

  it('says that a widget needing another document finds none in a list', async () => {
    const result = await new PtceClient('/demo/data/poles.json').document('charter', checkCharter);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.failure).to.deep.equal({ kind: 'no-resource', resource: 'charter' });
  });

  for (const [what, file] of [
    ["GoGoCarto's own sample export", '/test/fixtures/gogocarto-js/elements.json'],
    ["the project's older GoGoCarto sample", '/test/fixtures/gogocarto-sample.json'],
  ]) {
    it(`shows ${what} as a GoGoCarto list named in a discovery document would`, async () => {
      const prefix = uniquePrefix('gogo');
      await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, poles: { url: file, format: 'gogocarto' } } });
      const expected = await loadPoles(new PtceClient(`${prefix}/ptce.json`));
      const direct = await loadPoles(new PtceClient(file));
      if (!expected.ok || !direct.ok) throw new Error(JSON.stringify([expected, direct]));
      expect(direct.value.value.poles.length).to.be.greaterThan(2);
      expect(direct.value.value).to.deep.equal(expected.value.value);

      const el = await mapOn(file);
      expect(names(el)).to.have.members(direct.value.value.poles.map((p) => p.name));
      await expect(el).to.be.accessible();
    });
  }

  it('shows a CSV file (Excel in French) read once, as text', async () => {
    const prefix = uniquePrefix('csv');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await (await fetch('/test/fixtures/csv/poles-excel-fr.csv')).arrayBuffer(),
    );
    await mockRoute({ path: `${prefix}/poles.csv`, text: csv, contentType: 'text/csv; charset=utf-8' });
    const el = await mapOn(`${prefix}/poles.csv`);
    expect(names(el)).to.have.length(40);
    expect(count(el)).to.equal('40 pôles, dont 1 non localisé');
    expect(await mockRequests(`${prefix}/poles.csv`)).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  for (const [what, route] of [
    ['an HTML page', { text: '<!doctype html><html><body>Bienvenue</body></html>', contentType: 'text/html' }],
    ['a JSON document of another kind', { json: { hello: 'world', items: 3 } }],
    ['a JSON number', { json: 42 }],
  ] as const) {
    for (const [lang, message] of [
      ['fr', 'Cette adresse ne mène ni à une source de données PTCE ni à une liste de pôles.'],
      ['en', 'This address leads neither to a PTCE data source nor to a list of poles.'],
    ]) {
      it(`says clearly (${lang}) that ${what} is neither a data source nor a list`, async () => {
        const path = `${uniquePrefix('neither')}/page`;
        await mockRoute({ path, ...route });
        const el = await mapOn(path, lang);
        const retry = lang === 'fr' ? 'Réessayer' : 'Try again';
        await until(() => el.shadowRoot!.querySelector('[role="alert"] button')?.textContent?.trim() === retry, `the alert in ${lang}`);
        expect(el.shadowRoot!.querySelector('[role="alert"] .message')!.textContent).to.equal(message);
        await expect(el).to.be.accessible();
      });
    }
  }
});

describe('a GoGoCarto list named in a discovery document', () => {
  it('fetches the list and its taxonomy together, not one after the other', async () => {
    const prefix = uniquePrefix('gogo-parallel');
    await mockRoute({
      path: `${prefix}/ptce.json`,
      json: { ptce: 1, poles: { url: 'elements.json', format: 'gogocarto', taxonomy: 'taxonomy.json' } },
    });
    await mockRoute({
      path: `${prefix}/elements.json`,
      json: await (await fetch('/test/fixtures/gogocarto-js/elements.json')).json(),
      delay: 400,
    });
    await mockRoute({
      path: `${prefix}/taxonomy.json`,
      json: await (await fetch('/test/fixtures/gogocarto-js/taxonomy-full.json')).json(),
      delay: 400,
    });
    const result = await loadPoles(new PtceClient(`${prefix}/ptce.json`));
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.value.value.poles).to.have.length(12);
    const [list] = await mockRequests(`${prefix}/elements.json`);
    const taxonomy = await mockRequests(`${prefix}/taxonomy.json`);
    expect(taxonomy, 'one taxonomy request').to.have.length(1);
    expect(taxonomy[0].at, 'taxonomy asked before the list was answered').to.be.lessThan(list.answeredAt);
  });
});
