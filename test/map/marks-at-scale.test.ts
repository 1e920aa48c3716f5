import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/pole-map/define.js';
import type { PtcePoleMap } from '../../src/components/pole-map/ptce-pole-map.js';
import { click, drag, fill } from '../support/input.js';
import { mockEndpoint } from '../support/mock.js';
import { until } from '../support/wait.js';
import { all, q } from '../support/map.js';

/** n poles over metropolitan France and the overseas departments, as bench/run.mjs makes them. */
function generated(n: number) {
  let seed = 42;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const overseas: [string, number[]][] = [
    ['971', [-61.81, 15.83, -61.0, 16.52]],
    ['974', [55.21, -21.39, 55.84, -20.87]],
    ['973', [-54.6, 2.1, -51.6, 5.8]],
  ];
  const departments = ['01', '13', '2A', '29', '31', '33', '35', '44', '59', '67', '69', '75', '93'];
  return {
    poles: Array.from({ length: n }, (_, i) => {
      const pole = { id: `p${i}`, name: `Pôle ${i}`, departments: [departments[i % departments.length]], status: 'established' };
      if (i % 5 === 0) return pole;
      if (i % 25 === 1) {
        const [code, [w, s, e, north]] = overseas[i % overseas.length];
        return { ...pole, departments: [code], geo: { lat: s + random() * (north - s), lon: w + random() * (e - w) } };
      }
      return { ...pole, geo: { lat: 43 + random() * 7.5, lon: -4 + random() * 11.5 } };
    }),
  };
}

/** Circles of the marks as drawn on screen; pairs closer than their radii overlap. */
function overlaps(el: PtcePoleMap): string[] {
  const circles = all<SVGElement>(el, '.marker').map((c) => {
    const box = c.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2, r: box.width / 2, key: c.dataset.key!.slice(0, 30) };
  });
  const found: string[] = [];
  for (let i = 0; i < circles.length; i++) {
    for (let j = i + 1; j < circles.length; j++) {
      const [a, b] = [circles[i], circles[j]];
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r - 0.5) found.push(`${a.key} and ${b.key}`);
    }
  }
  return found;
}

/** Marks whose box lies wholly outside the map's frame (they should not be in the DOM). */
function outside(el: PtcePoleMap): number {
  const frame = q(el, '.map svg')!.getBoundingClientRect();
  const margin = 40;
  return all(el, '.marker').filter((m) => {
    const box = m.getBoundingClientRect();
    return (
      box.right < frame.left - margin ||
      box.left > frame.right + margin ||
      box.bottom < frame.top - margin ||
      box.top > frame.bottom + margin
    );
  }).length;
}

for (const n of [2000, 10000]) {
  it(`draws ${n.toLocaleString('en')} poles without two marks overlapping, at every zoom, and only the marks in view`, async () => {
    const { url } = await mockEndpoint({ poles: generated(n) });
    const el = await fixture<PtcePoleMap>(html`<ptce-pole-map endpoint=${url} view="map" style="width:800px"></ptce-pole-map>`);
    await until(() => q(el, '.marker'), 'marks drawn');
    await el.updateComplete;
    const svg = () => q(el, '.map svg')!;
    const zoomIn = q<HTMLButtonElement>(el, '.controls button')!;
    const seen: number[] = [];
    for (let step = 0; step < 5; step++) {
      expect(overlaps(el), `overlapping marks at zoom step ${step}`).to.deep.equal([]);
      expect(outside(el), `marks outside the view at zoom step ${step}`).to.equal(0);
      seen.push(all(el, '.marker').length);
      const before = svg().getAttribute('viewBox');
      await click(zoomIn);
      await until(() => svg().getAttribute('viewBox') !== before, 'zoomed in');
      await el.updateComplete;
    }
    // Panned to another part of the country: still apart, still only what is in view.
    const before = svg().getAttribute('viewBox');
    await drag(svg(), -150, 80);
    await until(() => svg().getAttribute('viewBox') !== before, 'panned');
    await el.updateComplete;
    expect(overlaps(el), 'overlapping marks after panning').to.deep.equal([]);
    expect(outside(el), 'marks outside the view after panning').to.equal(0);
    // Zoomed in 6 times on a dense country, the view holds fewer marks than the whole map's poles,
    // and never more than a readable number (marks merge from further apart when crowded).
    expect(Math.max(...seen)).to.be.below(n / 2);
    expect(Math.max(...seen), 'marks in view').to.be.at.most(100);
    await expect(el).to.be.accessible();
  });
}

it('groups the marks of the next zoom while the page is idle, and shows the same marks as grouping them at once', async () => {
  const { url } = await mockEndpoint({ poles: generated(2000) });
  const el = await fixture<PtcePoleMap>(html`<ptce-pole-map endpoint=${url} view="map" style="width:800px"></ptce-pole-map>`);
  await until(() => q(el, '.marker'), 'marks drawn');
  const view = el.shadowRoot!.querySelector('ptce-pole-map-view')!;
  // (Private: how many views are grouped ahead, the zoom in and the zoom out.)
  const ahead = () => (view as unknown as { ahead: { ready: Map<string, unknown>; cancel?: () => void } }).ahead;
  const ready = () => ahead().ready;
  await until(() => ready().size === 2, 'the next zooms grouped while idle');
  const grouped = [...ready().values()];
  const marks = () => all(el, '.marker').map((m) => ['data-key', 'cx', 'cy', 'r'].map((name) => m.getAttribute(name)).join(' '));
  const before = q(el, '.map svg')!.getAttribute('viewBox');
  await click(q<HTMLButtonElement>(el, '.controls button[title="Zoomer"]')!);
  await until(() => q(el, '.map svg')!.getAttribute('viewBox') !== before, 'zoomed in');
  await view.updateComplete;
  const shown = marks();
  expect(shown.length, 'marks after the zoom').to.be.above(10);
  const last = view as unknown as { lastClusters?: { result: unknown } };
  expect(grouped, 'the zoom drew the marks grouped ahead').to.include(last.lastClusters!.result);
  // The same view grouped again from scratch.
  ready().clear();
  last.lastClusters = undefined;
  view.requestUpdate();
  await view.updateComplete;
  expect(marks()).to.deep.equal(shown);
  // Searched down to fewer poles than are worth it: nothing is grouped ahead, nor kept.
  await until(() => ready().size === 2, 'the next zooms grouped again');
  await fill(q<HTMLInputElement>(el, 'input[type="search"]')!, 'Pôle 19');
  await until(() => view.poles.length < 500, 'fewer poles shown');
  await view.updateComplete;
  expect(ready().size, 'groupings kept for fewer poles').to.equal(0);
  expect(ahead().cancel, 'a grouping still waiting for an idle moment').to.equal(undefined);
});

it('makes the search texts of a large directory while the page is idle, and a search finds the same poles', async () => {
  const { url } = await mockEndpoint({ poles: generated(5000) });
  const el = await fixture<PtcePoleMap>(html`<ptce-pole-map endpoint=${url} view="map" style="width:800px"></ptce-pole-map>`);
  await until(() => q(el, '.marker'), 'marks drawn');
  // (Private: the poles as placed, each with its search text once made.)
  const placed = () => (el as unknown as { ready: { placed: { haystack?: string }[] } }).ready.placed;
  expect(placed()).to.have.length(5000);
  await until(() => placed().every((item) => item.haystack !== undefined), 'every search text made while idle');
  expect(placed()[0].haystack).to.match(/^pole \d+ /);
  // Every word found: the poles whose number holds 123 (123, 1123, 1230 to 1239…).
  const found = Array.from({ length: 5000 }, (_, i) => i).filter((i) => String(i).includes('123')).length;
  await fill(q<HTMLInputElement>(el, 'input[type="search"]')!, 'Pôle 123');
  await until(() => q(el, '[part="count"]')?.textContent?.trim().startsWith(`${found} pôles`), `${found} poles found`);
});
