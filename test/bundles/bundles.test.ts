// The files a site really embeds (dist/cdn/, built by `npm run build`, which `npm test` runs
// first): each loaded in a page of its own, against the demo endpoint. The other tests import the
// TypeScript sources; these catch what only the build can break (template minification, chunking,
// lazy parts, two bundles sharing one provider).
import { expect } from '@open-wc/testing';
import { until } from '../support/wait.js';
import { click } from '../support/input.js';
import { mockRoute, uniquePrefix } from '../support/mock.js';

const ENDPOINT = '/demo/data/ptce.json';

/** A same-origin page holding only the given scripts and markup, like a partner's page. */
async function page(scripts: string[], body: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1000px; height: 700px; border: 0';
  frame.srcdoc = `<!doctype html><html lang="fr"><head>${scripts
    .map((src) => `<script type="module" src="${src}"></script>`)
    .join('')}</head><body>${body}</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentDocument!;
}

const shadowText = (el: Element | null | undefined) =>
  (el?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').replace(/[\u00a0\u202f]/g, ' ');
const settle = (doc: Document, selector: string, expected: string) =>
  until(() => shadowText(doc.querySelector(selector)).includes(expected), `${selector} shows "${expected}"`);
const elementBundle = (name: string) => `/dist/cdn/elements/ptce-${name}.js`;

/** Every request the page made went to this origin (no fonts, tiles, analytics from elsewhere). */
function expectOnlyOwnOrigin(doc: Document) {
  const urls = doc.defaultView!.performance.getEntriesByType('resource').map((entry) => entry.name);
  expect(urls.length).to.be.greaterThan(0);
  for (const url of urls) expect(new URL(url).origin, url).to.equal(location.origin);
}

afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

describe('built bundles (dist/cdn)', () => {
  it('the card alone renders a pole with its styles', async () => {
    const doc = await page([elementBundle('pole-card')], `<ptce-pole-card endpoint="${ENDPOINT}" pole-id="domb-innov"></ptce-pole-card>`);
    await settle(doc, 'ptce-pole-card', 'Structure porteuse : Val Horizon');
    const card = doc.querySelector('ptce-pole-card')!;
    expect(card.shadowRoot!.querySelector('[part~="territory"]')!.textContent).to.equal('Ain · Auvergne-Rhône-Alpes');
    // The minified stylesheet still applies: the host is a size container, the name a heading.
    const view = doc.defaultView!;
    expect(view.getComputedStyle(card).containerType).to.equal('inline-size');
    expect(view.getComputedStyle(card).display).to.equal('block');
    expectOnlyOwnOrigin(doc);
  });

  it('the map alone loads its basemap and the card on demand', async () => {
    const doc = await page([elementBundle('pole-map')], `<ptce-pole-map endpoint="${ENDPOINT}"></ptce-pole-map>`);
    await settle(doc, 'ptce-pole-map', '40 pôles, dont 1 non localisé');
    const map = doc.querySelector('ptce-pole-map')!;
    const drawing = () => map.shadowRoot!.querySelector('ptce-pole-map-view')?.shadowRoot;
    await until(() => (drawing()?.querySelectorAll('svg path').length ?? 0) >= 96, 'basemap drawn');
    const item = [...map.shadowRoot!.querySelectorAll<HTMLButtonElement>('.list button')].find((b) => b.dataset.id === 'domb-innov')!;
    await click(item);
    await until(
      () => shadowText(map.shadowRoot!.querySelector('[part="panel"] ptce-pole-card')).includes("Domb'Innov"),
      'card in the panel',
    );
    expectOnlyOwnOrigin(doc);
  });

  it("the map file leaves the card's code and messages to the lazy part, and no file carries another widget's messages", async () => {
    // Message keys are plain ASCII, so they read the same in the file as served to the test.
    const source = async (name: string) => (await fetch(elementBundle(name))).text();
    const map = await source('pole-map');
    expect(map).to.not.contain('card.read-more');
    expect(map).to.contain('pole.status.emerging');
    expect(await source('pole-card')).to.not.contain('map.search');
    expect(await source('charter')).to.not.contain('pole.status.established');
    expect(await source('referentiel')).to.not.contain('charter.submit');
  });

  it('the charter alone shows its sections (read-only: the demo data has no signatures URL)', async () => {
    const doc = await page([elementBundle('charter')], `<ptce-charter endpoint="${ENDPOINT}"></ptce-charter>`);
    await settle(doc, 'ptce-charter', 'Charte de la démarche collective PTCE');
    const charter = doc.querySelector('ptce-charter')!.shadowRoot!;
    expect(charter.querySelectorAll('[part="section"]')).to.have.length(5);
    expect(charter.querySelector('[part="read-only"]')!.textContent).to.contain('lecture seule');
  });

  it('the référentiel alone shows the 36 questions, in English on demand', async () => {
    const doc = await page([elementBundle('referentiel')], `<ptce-referentiel endpoint="${ENDPOINT}" lang="en"></ptce-referentiel>`);
    await settle(doc, 'ptce-referentiel', 'Indicative content');
    const grid = doc.querySelector('ptce-referentiel')!.shadowRoot!;
    expect(grid.querySelectorAll('ol.questions > li')).to.have.length(36);
  });

  it('a provider from one bundle feeds a card from another', async () => {
    const doc = await page(
      [elementBundle('provider'), elementBundle('pole-card')],
      `<ptce-provider endpoint="${ENDPOINT}" lang="en"><ptce-pole-card pole-id="domb-innov"></ptce-pole-card></ptce-provider>`,
    );
    await settle(doc, 'ptce-pole-card', 'Carrier structure: Val Horizon');
  });

  it("a provider from a bundle that runs after the card's still feeds it (two copies, one late)", async () => {
    const doc = await page(
      [elementBundle('pole-card'), elementBundle('provider')],
      `<ptce-provider endpoint="${ENDPOINT}" lang="en"><ptce-pole-card pole-id="domb-innov"></ptce-pole-card></ptce-provider>`,
    );
    await settle(doc, 'ptce-pole-card', 'Carrier structure: Val Horizon');
  });

  it('says why the data failed with nothing more to download (offline, no chunk could come)', async () => {
    const prefix = uniquePrefix('offline');
    await mockRoute({ path: `${prefix}/ptce.json`, drop: true });
    const doc = await page([elementBundle('charter')], `<ptce-charter endpoint="${prefix}/ptce.json"></ptce-charter>`);
    await settle(doc, 'ptce-charter', 'Vérifiez votre connexion');
    const fetched = doc
      .defaultView!.performance.getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/dist/'));
    expect(fetched).to.deep.equal([elementBundle('charter')]);
  });

  it('the all-in-one file defines every element', async () => {
    const doc = await page(
      ['/dist/cdn/ptce-widgets.js'],
      `<ptce-pole-card endpoint="${ENDPOINT}" pole-id="phares-pole-d-hospitalite-aux-activites-a-rayonnement-ecolog"></ptce-pole-card>`,
    );
    await settle(doc, 'ptce-pole-card', 'PHARES - Pôle d');
    const registry = doc.defaultView!.customElements;
    for (const name of ['provider', 'pole-card', 'pole-map', 'charter', 'referentiel', 'action-form', 'pole-form']) {
      expect(registry.get(`ptce-${name}`), name).to.not.equal(undefined);
    }
  });
});
