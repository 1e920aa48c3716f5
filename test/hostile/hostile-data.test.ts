/**
 * Hostile data, generated: the demo poles mutated field by field (every field of the pole schema)
 * and as whole documents, each shown by a map and cards. For every case, in the browser: no uncaught
 * error, no script from the data runs, no element from the data lands in the page, the widgets say
 * something readable; and for the big cases no long task that blocks the page (see `show`; where the engine reports long
 * tasks: Chromium).
 */
import { expect, html } from '@open-wc/testing';
import '../../src/components/pole-map/define.js';
import '../../src/components/pole-card/define.js';
import type { PtcePoleMap } from '../../src/components/pole-map/ptce-pole-map.js';
import type { PtcePoleCard } from '../../src/components/pole-card/ptce-pole-card.js';
import { poleSchema } from '../../src/data/json-schemas/pole.js';
import { mockEndpoint, type MockRoute } from '../support/mock.js';
import { mount } from '../support/mount.js';
import { until } from '../support/wait.js';

type Poles = { themes: { id: string; label: unknown }[]; poles: Record<string, unknown>[] };
const demo = async (): Promise<Poles> => (await fetch('/demo/data/poles.json')).json();

const MARK = 'data-pwned';
/** Payloads that would leave a trace if data were ever run or parsed as markup. */
const SCRIPTS = [
  `<img src=x onerror="window.__pwned=1" ${MARK}>`,
  `<script>window.__pwned=1</script><b ${MARK}>x</b>`,
  `"><svg onload="window.__pwned=1" ${MARK}>`,
];
const MUTATIONS: [string, (value: unknown) => unknown][] = [
  ['a number', () => 42],
  ['a string', () => 'texte'],
  ['an array', () => ['x', 1, null]],
  ['an object', () => ({ nested: { deep: true } })],
  ['null', () => null],
  ['missing', () => undefined],
  ['a 1 MB string', () => 'é'.repeat(512 * 1024)],
  ['markup and script', () => SCRIPTS.join(' ')],
  ['a javascript: URL', () => 'javascript:window.__pwned=1'],
  ['a data: URL', () => 'data:text/html,<script>window.__pwned=1</script>'],
  ['right-to-left and zero-width characters', () => '\u202e\u200b\u200dPôle\u2066\u200f'],
  ['numbers out of range', () => ({ lat: 1e9, lon: -1e9, url: 'javascript:x', date: '2014-99-99' })],
];

let errors: string[] = [];
const onError = (event: ErrorEvent) => errors.push(String(event.message));
const onRejection = (event: PromiseRejectionEvent) => errors.push(String(event.reason));

/** Long tasks seen while `run` runs, where the engine reports them. */
async function longTasks(run: () => Promise<void>): Promise<number[] | undefined> {
  if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
    await run();
    return undefined;
  }
  const seen: number[] = [];
  // Only this page's own tasks ("self"): test files run side by side and may share a renderer.
  const record = (entries: PerformanceEntryList) =>
    entries.filter((e) => e.name === 'self').forEach((e) => seen.push(Math.round(e.duration)));
  const observer = new PerformanceObserver((list) => record(list.getEntries()));
  observer.observe({ type: 'longtask' });
  await run();
  // Entries are queued once their task is over: one more turn of the event loop, then collect.
  await new Promise((resolve) => setTimeout(resolve, 0));
  record(observer.takeRecords());
  observer.disconnect();
  return seen;
}

const settled = (el: Element) => {
  const root = el.shadowRoot;
  return !!root && !root.querySelector('[part~="state-loading"], [part~="skeleton"]') && !!root.textContent?.trim();
};

/** What a reader sees: a count or list, a card, an empty state or an error with its retry button. */
function readable(el: Element): string {
  const root = el.shadowRoot!;
  const state =
    root.querySelector('[part="count"]') ??
    root.querySelector('[part="card"] [part="name"]') ??
    root.querySelector('[part~="state-empty"]') ??
    root.querySelector('[part~="state-error"]');
  expect(state, `${el.localName} shows a state`).to.not.equal(null);
  if (state!.matches('[part~="state-error"]')) expect(state!.querySelector('button')!.textContent!.trim()).to.equal('Réessayer');
  return state!.textContent!.trim();
}

/** No element, attribute or script from the data anywhere (page and shadow roots). */
function assertNothingInjected(scriptsBefore: number) {
  expect((window as { __pwned?: unknown }).__pwned, 'no script from data ran').to.equal(undefined);
  expect(document.scripts.length, 'no script element added').to.equal(scriptsBefore);
  const roots: (Document | ShadowRoot)[] = [document];
  for (let i = 0; i < roots.length; i++) {
    const root = roots[i];
    expect(root.querySelector(`[${MARK}], [onerror], [onload], iframe, object, embed`), 'no element from data').to.equal(null);
    for (const a of root.querySelectorAll('a[href], img[src]')) {
      const target = a.getAttribute('href') ?? a.getAttribute('src')!;
      expect(target, 'no javascript: or data: link').to.not.match(/^\s*(javascript|data|vbscript):/i);
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
}

/**
 * Serves the document, shows it in a map and cards, and checks every promise of this suite. A big
 * case is shown up to three times and judged on its best run: the machine running the tests is
 * shared, and a task another process delays says nothing about the widgets.
 */
async function show(poles: unknown, cardIds: string[], options: { big?: boolean } = {}) {
  const runs: number[][] = [];
  for (;;) {
    const { url } = await mockEndpoint({ poles });
    const scripts = document.scripts.length;
    errors = [];
    let map!: PtcePoleMap;
    let cards: PtcePoleCard[] = [];
    const tasks = await longTasks(async () => {
      map = await mount<PtcePoleMap>(html`<ptce-pole-map endpoint=${url} style="width:1000px"></ptce-pole-map>`);
      cards = await Promise.all(
        cardIds.slice(0, 12).map((id) => mount<PtcePoleCard>(html`<ptce-pole-card endpoint=${url} pole-id=${id}></ptce-pole-card>`)),
      );
      await until(() => [map, ...cards].every(settled));
    });
    expect(errors, 'no uncaught error').to.deep.equal([]);
    assertNothingInjected(scripts);
    const states = [map, ...cards].map(readable);
    if (!options.big || !tasks) return { map, cards, states };
    runs.push(tasks);
    const best = Math.min(...runs.map((run) => Math.max(0, ...run)));
    // The goal is no task over 200 ms on an idle machine (measured 120–195 ms). The suite must not
    // fail by chance on a loaded one, so the test fails only on what a slow machine cannot explain:
    // a block of the whole document at once (3.2 s before slicing) — the best run over 1 s.
    if (best <= 200 || runs.length === 3) {
      expect(best, `longest task of the best run (runs: ${runs.map((run) => run.join(', ') || 'none').join(' | ')} ms)`).to.be.at.most(
        1000,
      );
      return { map, cards, states };
    }
    map.parentElement!.remove();
    for (const card of cards) card.parentElement!.remove();
  }
}

describe('hostile data', function () {
  this.timeout(120_000);
  before(() => {
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  // One document per field of the pole schema: pole i carries mutation i of that field.
  for (const field of Object.keys(poleSchema.properties!)) {
    it(`survives every mutation of "${field}" (${MUTATIONS.length} poles, one mutation each)`, async () => {
      const doc = await demo();
      const ids: string[] = [];
      MUTATIONS.forEach(([, mutate], index) => {
        const pole = doc.poles[index];
        const value = mutate(pole[field]);
        if (value === undefined) delete pole[field];
        else pole[field] = value;
        ids.push(field === 'id' ? String(doc.poles[index + MUTATIONS.length].id) : String(pole.id));
      });
      const { states } = await show(doc, ids);
      // Only a required field can cost a pole: the others keep all 40.
      if (field !== 'id' && field !== 'name') expect(states[0]).to.match(/^40 pôles/);
    });
  }

  it('survives duplicate ids (the first is kept, the others reported)', async () => {
    const doc = await demo();
    doc.poles[1].id = doc.poles[0].id;
    doc.poles[2].id = doc.poles[0].id;
    const { states } = await show(doc, [String(doc.poles[0].id)]);
    expect(states[0]).to.match(/^38 pôles/);
    expect(states[1]).to.equal(doc.poles[0].name);
  });

  it('survives 20,000 themes (in the vocabulary and on one pole) without blocking the page', async () => {
    const doc = await demo();
    doc.themes = Array.from({ length: 20_000 }, (_, i) => ({ id: `theme-${i}`, label: `Thème n° ${i}` }));
    doc.poles[0].themes = doc.themes.map((t) => t.id);
    const { states, cards } = await show(doc, [String(doc.poles[0].id)], { big: true });
    expect(states[0]).to.match(/^40 pôles/);
    expect(cards[0].shadowRoot!.querySelectorAll('[part="themes"] li').length).to.be.below(100);
  });

  it('survives 20,000 unusable themes on one pole (each dropped, the pole kept) without blocking the page', async () => {
    const doc = await demo();
    doc.poles[0].themes = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? i : `theme-${i}`));
    const { states, cards } = await show(doc, [String(doc.poles[0].id)], { big: true });
    expect(states[0]).to.match(/^40 pôles/);
    expect(cards[0].shadowRoot!.querySelector('[part="themes"] .more')!.textContent).to.match(/^et 9\s976 autres$/);
  });

  it('survives 50,000 poles without blocking the page', async () => {
    const poles = Array.from({ length: 50_000 }, (_, i) => ({
      id: `p${i}`,
      name: `Pôle ${i}`,
      departments: [
        String(1 + (i % 95))
          .padStart(2, '0')
          .replace('20', '2A'),
      ],
    }));
    const { states } = await show({ poles }, ['p49999'], { big: true });
    expect(states[0]).to.match(/^50\s000 pôles/);
    expect(states[1]).to.equal('Pôle 49999');
  });

  const documents: [string, Partial<MockRoute>][] = [
    ['non-JSON', { text: '{"poles": [ {"id": "a", ' }],
    [
      'an HTML page with status 200',
      { text: `<!doctype html><html><body><h1>Connexion</h1>${SCRIPTS.join('')}</body></html>`, contentType: 'text/html' },
    ],
    ['JSON that is not an object', { text: '"poles"' }],
    ['a poles field that is not a list', { text: JSON.stringify({ poles: { a: 1 } }) }],
  ];
  for (const [what, route] of documents) {
    it(`says the data could not be read when it is ${what}`, async () => {
      const { states } = await show(route, ['a']);
      for (const state of states) expect(state).to.contain('Les données n’ont pas pu être chargées.');
    });
  }
});
