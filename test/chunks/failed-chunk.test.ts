// A chunk that does not download (offline, a flaky mobile network) is a failure like any other: the
// widget shows its error block, and "Réessayer" asks for the chunk again and draws the widget.
// Firefox keeps a failed import() for its URL, so the retry must ask for a fresh one. The library
// is loaded from a prefix of its own (/cut/<id>/, test/support/mock-server.mjs): cutting its
// chunks there leaves the other test files alone.
import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { click } from '../support/input.js';
import { until } from '../support/wait.js';

const ENDPOINT = '/demo/data/ptce.json';
const MAP_DRAWING = '/pole-map/drawing/map-view.';
const CARD_DRAWING = '/pole-card/internal/pole-view.';

/** A prefix of its own; `parts`: what its URLs may not contain until cut again. Returns the URLs refused so far. */
function network(name: string) {
  const id = `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    root: `/cut/${id}`,
    cut: (parts: string[]) => executeServerCommand<string[], { id: string; parts: string[] }>('mock-cut', { id, parts }),
  };
}

const errorBlock = (el: Element) =>
  until(
    () => {
      const block = (el.shadowRoot ?? el).querySelector<HTMLElement>('[part~="state-error"]');
      return block?.textContent?.includes('Vérifiez votre connexion') ? block : null;
    },
    `the error block of <${el.localName}> (it shows "${(el.shadowRoot ?? el).textContent?.replace(/\s+/g, ' ').slice(0, 200)}")`,
  );

/** What the person sees: the error's title and message, and the "Réessayer" button; then presses it. */
async function seeFailureAndRetry(el: Element, restore: () => Promise<unknown>) {
  const block = await errorBlock(el);
  expect(block.getAttribute('role')).to.equal('alert');
  expect(block.querySelector('.title')!.textContent).to.equal('Les données n’ont pas pu être chargées.');
  expect(block.textContent).to.contain('Une partie du widget n’a pas pu être téléchargée. Vérifiez votre connexion puis réessayez.');
  const retry = block.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
  expect(retry.textContent!.trim()).to.equal('Réessayer');
  await restore();
  await click(retry);
}

const drawnMap = (map: Element) =>
  until(() => map.shadowRoot!.querySelector('ptce-pole-map-view')?.shadowRoot?.querySelectorAll('.marker').length, 'the map drawn');

// One copy of the library for both tests, both chunks cut from the start (the card asks for its
// drawing as its module runs, a moment later in Firefox): each test restores its own.
describe('a chunk that fails to download (sources)', () => {
  const net = network('sources');
  before(async () => {
    await net.cut([MAP_DRAWING, CARD_DRAWING]);
    await import(/* @vite-ignore */ `${net.root}/src/components/pole-map/define.ts`);
    await import(/* @vite-ignore */ `${net.root}/src/components/pole-card/define.ts`);
  });

  it('the map shows its error block, and "Réessayer" draws it', async () => {
    const map = await fixture(html`<ptce-pole-map endpoint=${ENDPOINT} style="width:900px"></ptce-pole-map>`);
    await errorBlock(map);
    await expect(map).to.be.accessible();
    await seeFailureAndRetry(map, async () => {
      const refused = await net.cut([CARD_DRAWING]);
      expect(
        refused.some((url) => url.includes(MAP_DRAWING)),
        refused.join(', '),
      ).to.equal(true);
    });
    await drawnMap(map);
    expect(map.shadowRoot!.querySelector('[part="count"]')!.textContent).to.contain('40 pôles');
  });

  it('the card shows its error block, and "Réessayer" draws it', async () => {
    const card = await fixture(html`<ptce-pole-card endpoint=${ENDPOINT} pole-id="domb-innov"></ptce-pole-card>`);
    await errorBlock(card);
    await expect(card).to.be.accessible();
    await seeFailureAndRetry(card, async () => {
      const refused = await net.cut([]);
      expect(
        refused.some((url) => url.includes(CARD_DRAWING)),
        refused.join(', '),
      ).to.equal(true);
    });
    await until(() => card.shadowRoot!.querySelector('[part~="territory"]'), 'the card drawn');
    expect(card.shadowRoot!.textContent).to.contain('Structure porteuse : Val Horizon');
  });
});

/** A same-origin page loading `script`, with `body`. */
async function page(script: string, body: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1000px; height: 600px; border: 0';
  frame.srcdoc = `<!doctype html><html lang="fr"><head><script type="module" src="${script}"></script></head><body>${body}</body></html>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return frame.contentDocument!;
}

describe('a chunk that fails to download (the built files, dist/cdn)', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('ptce-widgets.js: the map and the card show their error blocks, and "Réessayer" draws them', async () => {
    const net = network('bundle');
    await net.cut(['/lazy/map-view-', '/lazy/pole-view-']);
    const doc = await page(
      `${net.root}/dist/cdn/ptce-widgets.js`,
      `<ptce-pole-card endpoint="${ENDPOINT}" pole-id="domb-innov"></ptce-pole-card>
      <ptce-pole-map endpoint="${ENDPOINT}" view="map" style="width:600px"></ptce-pole-map>`,
    );
    const card = await until(() => doc.querySelector('ptce-pole-card'));
    const map = await until(() => doc.querySelector('ptce-pole-map'));
    await errorBlock(map);
    await seeFailureAndRetry(card, async () => {
      const refused = await net.cut([]);
      expect(
        refused.some((url) => url.includes('/lazy/map-view-')),
        refused.join(', '),
      ).to.equal(true);
      expect(
        refused.some((url) => url.includes('/lazy/pole-view-')),
        refused.join(', '),
      ).to.equal(true);
    });
    await until(() => card.shadowRoot!.querySelector('[part~="territory"]'), 'the card drawn');
    await seeFailureAndRetry(map, async () => undefined);
    await drawnMap(map);
  });

  it('ptce-pole-map.js: the panel shows its error block when the card\'s chunk fails, and "Réessayer" shows the card', async () => {
    const net = network('panel');
    await net.cut(['/lazy/pole-card-']);
    const doc = await page(`${net.root}/dist/cdn/elements/ptce-pole-map.js`, `<ptce-pole-map endpoint="${ENDPOINT}"></ptce-pole-map>`);
    const map = await until(() => doc.querySelector('ptce-pole-map'));
    const item = await until(() => map.shadowRoot!.querySelector<HTMLButtonElement>('.list button[data-id="domb-innov"]'), 'the list');
    await click(item);
    const panel = await until(() => map.shadowRoot!.querySelector('[part="panel"]'), 'the panel');
    await seeFailureAndRetry(panel, async () => {
      const refused = await net.cut([]);
      expect(
        refused.some((url) => url.includes('/lazy/pole-card-')),
        refused.join(', '),
      ).to.equal(true);
    });
    await until(() => panel.querySelector('ptce-pole-card')?.shadowRoot?.textContent?.includes("Domb'Innov"), 'the card in the panel');
  });
});
