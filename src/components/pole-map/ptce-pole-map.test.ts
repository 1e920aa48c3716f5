import { expect, html, oneEvent } from '@open-wc/testing';
import './define.js';
import { mockEndpoint, realServer, realServerAdmin } from '../../../test/support/mock.js';
import { validSignature } from '../../../test/contract/cases.js';
import { choose as chooseOption, click, drag, fill, hover, press, tabUntil, wheel } from '../../../test/support/input.js';
import { until } from '../../../test/support/wait.js';
import { mapOf, q, all, focusedIn } from '../../../test/support/map.js';
import type { PtcePoleMap } from './ptce-pole-map.js';

const DEMO = '/demo/data/ptce.json';

const count = (el: PtcePoleMap) => q(el, '[part="count"]').textContent!.replace(/\s+/g, ' ').trim();
const listed = (el: PtcePoleMap) => all(el, '.list .name').map((n) => n.textContent);
/** How many poles the markers stand for: 1 per marker, n per bubble. */
const onMap = (el: PtcePoleMap) =>
  all(el, '.marker').reduce((sum, m) => sum + (m.classList.contains('bubble') ? Number(m.nextElementSibling!.textContent) : 1), 0);
const viewBox = (el: PtcePoleMap) => q(el, 'svg').getAttribute('viewBox')!.split(' ').map(Number);

async function choose(el: PtcePoleMap, label: string, value: string) {
  const select = all<HTMLLabelElement>(el, '.filters label')
    .find((l) => l.textContent!.trim().startsWith(label))!
    .querySelector('select')!;
  await chooseOption(select, value);
  await el.updateComplete;
}
async function search(el: PtcePoleMap, text: string) {
  await fill(q<HTMLInputElement>(el, 'input[type="search"]'), text);
  await until(() => q<HTMLInputElement>(el, 'input[type="search"]').value === text);
  await el.updateComplete;
}

describe('<ptce-pole-map>', () => {
  afterEach(() => history.replaceState(null, '', location.pathname + location.search));

  it('shows all 40 demo poles, on the map and in the list, with the non-localised count', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:1000px"></ptce-pole-map>`);
    expect(count(el)).to.equal('40 pôles, dont 1 non localisé');
    expect(listed(el)).to.have.length(40);
    expect(onMap(el)).to.equal(39);
    expect(all(el, '.marker.selected'), 'nothing selected yet').to.have.length(0);
    expect(listed(el)[0]).to.equal('ARDAINES');
    expect(all(el, '.list .where').some((w) => w.textContent!.includes('non localisé sur la carte'))).to.equal(true);
    expect(q(el, '[part="credit"]').textContent).to.contain('CC BY 4.0');
    await expect(el).to.be.accessible();
  });

  it('says how many records of the source were invalid and left out', async () => {
    const { url } = await mockEndpoint({
      poles: {
        poles: [
          { id: 'a', name: 'Pôle A', departments: ['01'] },
          { id: 'b', name: '', departments: ['35'] },
          { id: 'c', name: 'Pôle C', departments: ['999'] },
          { id: 'a', name: 'Pôle A en double' },
        ],
      },
    });
    const el = await mapOf(html`<ptce-pole-map endpoint=${url} style="width:1000px"></ptce-pole-map>`);
    // Pôle C only loses its unusable department; the second "a" is a duplicate.
    expect(listed(el)).to.deep.equal(['Pôle A', 'Pôle C']);
    expect(q(el, '[part="skipped"]').textContent).to.equal(
      '2 fiches de la source sont incomplètes ou mal formées : elles ne sont pas affichées.',
    );
    expect(q(el, '[part="skipped"]').closest('[aria-live]'), 'not re-announced with the count').to.equal(null);
    await expect(el).to.be.accessible();
    const clean = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:1000px"></ptce-pole-map>`);
    expect(clean.shadowRoot!.querySelector('[part="skipped"]')).to.equal(null);
  });

  it('speaks English', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} lang="en"></ptce-pole-map>`);
    await until(() => count(el) === '40 poles, including 1 not located', 'English count');
    expect(q(el, '.filters').textContent).to.contain('All regions').and.to.contain('Search for a pole');
    expect(all(el, '.list .where').some((w) => w.textContent!.includes('not located on the map'))).to.equal(true);
    expect(all(el, '.marker.bubble')[0].getAttribute('aria-label')).to.match(/^\d+ poles here: .+ Activate to zoom in\.$/);
  });

  it('focuses a current region, fitted to the view', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84"></ptce-pole-map>`);
    expect(count(el)).to.equal('7 pôles');
    expect(listed(el)).to.include('Le Damier').and.to.include("Domb'Innov");
    const [, , width] = viewBox(el);
    expect(width).to.be.below(300);
    expect(all(el, '.dept.out').length).to.be.above(80);
  });

  it('focuses a pre-2016 region with regions="2015"', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} regions="2015" region="82"></ptce-pole-map>`);
    expect(count(el)).to.equal('6 pôles');
    expect(listed(el)).not.to.include('Le Damier');
    const picardie = await mapOf(html`<ptce-pole-map endpoint=${DEMO} regions="2015" region="22"></ptce-pole-map>`);
    expect(listed(picardie)).to.deep.equal(['PTCE Pays de Bray']);
  });

  it('filters by department, theme and status, and searches ignoring case and accents', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO}></ptce-pole-map>`);
    await choose(el, 'Thématique', 'culture');
    expect(count(el)).to.equal('6 pôles, dont 1 non localisé');
    await choose(el, 'Thématique', '');
    await choose(el, 'Situation', 'emerging');
    expect(listed(el)).to.deep.equal(['PTCE en émergence autour des Fermes de Figeac']);
    await choose(el, 'Situation', '');
    await choose(el, 'Département', '93');
    expect(listed(el)).to.have.length(3);
    await choose(el, 'Département', '');
    await search(el, 'ÉCOSOLIES');
    expect(listed(el)).to.deep.equal(['Les Ecosolies – Le Solilab']);
    await search(el, 'pole sud');
    expect(listed(el)).to.include('Pôle Sud');
    await search(el, 'coursive dijon');
    expect(listed(el)).to.deep.equal(['La Coursive Boutaric']);
    await search(el, 'zzzz');
    expect(count(el)).to.equal('Aucun pôle');
    expect(q(el, '.list').textContent).to.contain('Aucun pôle ne correspond');
    expect(q(el, '[part="count"]').getAttribute('aria-live')).to.equal('polite');
  });

  it('merges close markers into bubbles that split when activated', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:900px"></ptce-pole-map>`);
    const bubble = all(el, '.marker.bubble').sort(
      (a, b) => Number(b.nextElementSibling!.textContent) - Number(a.nextElementSibling!.textContent),
    )[0];
    const members = Number(bubble.nextElementSibling!.textContent);
    expect(members).to.be.at.least(2);
    expect(bubble.getAttribute('aria-label')).to.match(/^\d+ pôles ici : .+ Activer pour zoomer\.$/);
    const before = all(el, '.marker').length;
    const widthBefore = viewBox(el)[2];
    await click(bubble);
    await until(() => viewBox(el)[2] < widthBefore / 1.9, 'zoomed in on the bubble');
    // Only the marks in view are drawn now: the bubble's poles are all there, as marks or smaller bubbles.
    expect(onMap(el)).to.be.at.least(members);
    expect(all(el, '.marker').length, 'split into several marks').to.be.above(1);
    expect(
      all(el, '.marker.bubble').every((b) => Number(b.nextElementSibling!.textContent) < members),
      'no bubble as big',
    ).to.equal(true);
    expect(before).to.be.above(1);
  });

  it('selects from the list, shows the card in a panel, and Escape returns focus', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO}></ptce-pole-map>`);
    const button = all<HTMLButtonElement>(el, '.list button').find((b) => b.dataset.id === 'domb-innov')!;
    const selected = oneEvent(el, 'ptce-pole-select');
    await click(button);
    expect(((await selected) as CustomEvent).detail).to.deep.equal({ id: 'domb-innov', name: "Domb'Innov" });
    await until(() => q(el, '[part="panel"] ptce-pole-card')?.shadowRoot?.textContent?.includes("Domb'Innov"), 'card in panel');
    expect(all(el, '.marker.selected').map((m) => m.dataset.key)).to.deep.equal(['domb-innov']);
    let extra = 0;
    el.addEventListener('ptce-pole-select', () => extra++);
    const card = q<HTMLElement & { updateComplete: Promise<boolean> }>(el, '[part="panel"] ptce-pole-card');
    await click(card.shadowRoot!.querySelector('[part="select"]')!);
    await card.updateComplete;
    expect(extra, 'no second announcement from the card in the panel').to.equal(0);
    await expect(el).to.be.accessible();
    await press('Escape');
    await until(() => !el.shadowRoot!.querySelector('[part="panel"]'), 'panel closed');
    expect(el.shadowRoot!.activeElement?.getAttribute('data-id')).to.equal('domb-innov');
    await expect(el).to.be.accessible();
  });

  it("opens a marker's card when the marker is clicked with the mouse", async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:900px"></ptce-pole-map>`);
    const marker = all(el, '.marker:not(.bubble)').find((m) => m.getAttribute('aria-label')!.startsWith('Le Damier'))!;
    const selected = oneEvent(el, 'ptce-pole-select');
    await click(marker);
    expect(((await selected) as CustomEvent).detail).to.deep.equal({ id: 'le-damier', name: 'Le Damier' });
    await until(() => q(el, '[part="panel"] ptce-pole-card')?.shadowRoot?.textContent?.includes('Le Damier'), 'card in panel');
    expect(all(el, '.marker.selected').map((m) => m.dataset.key)).to.deep.equal(['le-damier']);
    const close = await until(
      () => (el.shadowRoot!.activeElement?.classList.contains('close') ? el.shadowRoot!.activeElement : null),
      'focus in the panel',
    );
    // :focus styles apply only while the page has the system focus (a background Firefox tab has not).
    if (document.hasFocus())
      expect(getComputedStyle(close).outlineStyle, 'focus moved by code is ringed after a mouse click').to.equal('solid');
  });

  it('moves between markers with the arrow keys and opens one with Enter', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:900px"></ptce-pole-map>`);
    const tabbable = all(el, '.marker[tabindex="0"]');
    expect(tabbable).to.have.length(1);
    for (const marker of all(el, '.marker')) expect(marker.getAttribute('aria-label')).to.match(/\S/);
    const single = all(el, '.marker:not(.bubble)').find((m) => m.getAttribute('aria-label')!.startsWith('Le Damier'))!;
    expect(single.getAttribute('aria-label')).to.equal('Le Damier, Clermont-Ferrand, Puy-de-Dôme, placé dans sa commune');
    single.focus();
    await press('ArrowRight');
    const focused = await until(() => (focusedIn(el) !== single ? focusedIn(el) : null), 'focus moved');
    expect(focused.classList.contains('marker')).to.equal(true);
    expect(focused).not.to.equal(single);
    const x = (m: Element) => Number(m.getAttribute('cx'));
    expect(x(focused)).to.be.above(x(single));
    expect(focused.getAttribute('tabindex')).to.equal('0');

    single.focus();
    await press('Enter');
    await until(() => el.shadowRoot!.activeElement?.classList.contains('close'), 'focus in the panel');
    await press('Escape');
    await until(() => !el.shadowRoot!.querySelector('[part="panel"]'), 'panel closed');
    const back = focusedIn(el) as SVGGElement;
    expect(back.classList.contains('marker'), 'focus is back on the map').to.equal(true);
    expect(back.dataset.key!.split(/[:|]/)).to.include('le-damier');
  });

  it('keeps filters, focus and selection in the URL hash with sync-url, and reopens from it', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} sync-url></ptce-pole-map>`);
    await choose(el, 'Région', '52');
    await search(el, 'ancenis');
    await click(all<HTMLButtonElement>(el, '.list button')[0]);
    await until(() => location.hash.includes('ptce-pole='), 'selection in the hash');
    const hash = new URLSearchParams(location.hash.slice(1));
    expect(Object.fromEntries(hash)).to.deep.equal({ 'ptce-region': '52', 'ptce-q': 'ancenis', 'ptce-pole': 'ptce-pays-d-ancenis' });
    el.remove();
    const reopened = await mapOf(html`<ptce-pole-map endpoint=${DEMO} sync-url></ptce-pole-map>`);
    await until(() => reopened.shadowRoot!.querySelector('[part="panel"]'), 'selection restored');
    expect(listed(reopened)).to.deep.equal(["PTCE Pays d'Ancenis"]);
    expect(q<HTMLInputElement>(reopened, 'input[type="search"]').value).to.equal('ancenis');
    expect(viewBox(reopened)[2]).to.be.below(300);
  });

  it('colours regions by number of poles in density mode, with a legend', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} mode="density"></ptce-pole-map>`);
    expect(all(el, '.marker')).to.have.length(0);
    expect(q(el, '[part="legend"]').textContent).to.contain('0').and.to.contain('Nombre de pôles par région');
    const classOf = (code: string) => [...q(el, `.dept[data-code="${code}"]`).classList].find((c) => c.startsWith('density-'));
    for (const code of ['75', '77', '78', '91', '92', '93', '94', '95'])
      expect(classOf(code), `Île-de-France (8 poles): ${code}`).to.equal('density-4');
    expect(classOf('2A'), 'Corse: no pole').to.equal('density-0');
    expect(classOf('68'), 'Grand Est: 4 poles').to.equal('density-3');
    await expect(el).to.be.accessible();
  });

  it('shows only the list or only the map, and tabs when narrow', async () => {
    const list = await mapOf(html`<ptce-pole-map endpoint=${DEMO} view="list"></ptce-pole-map>`);
    expect(q(list, 'svg')).to.equal(undefined);
    expect(listed(list)).to.have.length(40);
    const map = await mapOf(html`<ptce-pole-map endpoint=${DEMO} view="map"></ptce-pole-map>`);
    expect(map.shadowRoot!.querySelector('.list')).to.equal(null);
    const narrow = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:340px"></ptce-pole-map>`);
    await until(() => narrow.shadowRoot!.querySelector('[role="tablist"]'), 'tabs');
    expect(narrow.shadowRoot!.querySelector('.list')).to.equal(null);
    await click(q<HTMLButtonElement>(narrow, '#tab-list'));
    await until(() => listed(narrow).length === 40, 'list tab shown');
    await expect(narrow).to.be.accessible();
  });

  it('pans when dragged with the mouse, and a drag does not open the marker it started on', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:900px"></ptce-pole-map>`);
    const [x0, y0, w0] = viewBox(el);
    const marker = all(el, '.marker:not(.bubble)')[0];
    await drag(marker, 60, 30);
    await until(() => viewBox(el)[0] < x0, 'view moved');
    const [x1, y1, w1] = viewBox(el);
    expect(x1, 'dragged right: the view moves left').to.be.below(x0);
    expect(y1).to.be.below(y0);
    expect(w1).to.equal(w0);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="panel"]'), 'no card opened by the drag').to.equal(null);
  });

  it('zooms by pinching', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:900px"></ptce-pole-map>`);
    // Two fingers at once: no engine here takes multi-touch through the test runner's input, so
    // this one gesture is replayed as the pointer events a touch screen sends.
    const map = q(el, 'svg');
    const pointer = (type: string, pointerId: number, x: number, y: number) =>
      map.dispatchEvent(new PointerEvent(type, { pointerId, pointerType: 'touch', clientX: x, clientY: y, bubbles: true, composed: true }));
    const w0 = viewBox(el)[2];
    pointer('pointerdown', 1, 200, 200);
    pointer('pointerdown', 2, 300, 200);
    pointer('pointermove', 2, 400, 200);
    pointer('pointerup', 1, 200, 200);
    pointer('pointerup', 2, 400, 200);
    await el.updateComplete;
    expect(viewBox(el)[2], 'fingers apart: zoom in').to.be.below(w0);
  });

  it('zooms with the buttons and the wheel, and resets', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:900px"></ptce-pole-map>`);
    const full = viewBox(el)[2];
    await click(q<HTMLButtonElement>(el, '.controls button[title="Zoomer"]'));
    await until(() => viewBox(el)[2] < full, 'zoomed in');
    expect(viewBox(el)[2]).to.be.closeTo(full / 1.6, 0.01);
    await click(q<HTMLButtonElement>(el, '.controls button[title="Dézoomer"]'));
    await until(() => viewBox(el)[2] > full / 1.6, 'zoomed out');
    expect(viewBox(el)[2]).to.be.closeTo(full, 0.01);
    q(el, 'svg').scrollIntoView({ block: 'center' });
    const scrolled = window.scrollY;
    await wheel(q(el, 'svg'), -100);
    await until(() => viewBox(el)[2] < full * 0.99, 'zoomed by the wheel');
    expect(window.scrollY, 'the wheel zooms the map, not the page').to.equal(scrolled);
    await click(q<HTMLButtonElement>(el, '.controls button[title="Recentrer"]'));
    await until(() => viewBox(el)[2] === full, 'back to the full view');
  });

  it('zooms and pans the basemap as drawn (a transform, not drawn again) under the same marks, and draws it again past ×2', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:900px"></ptce-pole-map>`);
    const marks = q<SVGSVGElement>(el, 'svg');
    const layers = all<SVGSVGElement>(el, 'svg.basemap');
    expect(
      layers.map((l) => l.classList.contains('tints')),
      'the basemap and its tints',
    ).to.deep.equal([false, true]);
    const drawnAt = () => layers.map((l) => l.getAttribute('viewBox'));
    const scales = () => layers.map((l) => new DOMMatrixReadOnly(getComputedStyle(l).transform.replace(/^none$/, 'matrix(1,0,0,1,0,0)')).a);
    /** The single marker nearest the map's centre, on screen, with its pole's id (its key). */
    const central = () => {
      const frame = marks.getBoundingClientRect();
      const distance = (m: Element) => {
        const r = m.getBoundingClientRect();
        return Math.hypot(r.left + r.width / 2 - frame.left - frame.width / 2, r.top + r.height / 2 - frame.top - frame.height / 2);
      };
      return all<SVGCircleElement>(el, '.marker:not(.bubble)').sort((a, b) => distance(a) - distance(b))[0];
    };
    /** On screen, how far the marker is from where it falls in the department under it, in px. */
    const offBasemap = (marker: SVGCircleElement) => {
      const at = { x: marker.cx.baseVal.value, y: marker.cy.baseVal.value };
      const dept = all<SVGPathElement>(el, 'svg.basemap:not(.tints) .dept').find((d) => d.isPointInFill(new DOMPoint(at.x, at.y)))!;
      const inMap = dept.getBBox();
      const onScreen = dept.getBoundingClientRect();
      const mark = marker.getBoundingClientRect();
      const expected = {
        x: onScreen.left + ((at.x - inMap.x) / inMap.width) * onScreen.width,
        y: onScreen.top + ((at.y - inMap.y) / inMap.height) * onScreen.height,
      };
      return Math.hypot(mark.left + mark.width / 2 - expected.x, mark.top + mark.height / 2 - expected.y);
    };
    const first = drawnAt();
    expect(first[0], 'drawn at the view').to.equal(marks.getAttribute('viewBox'));
    expect(scales()).to.deep.equal([1, 1]);
    expect(offBasemap(central())).to.be.below(1.5);

    // One step in: the layers the browser has drawn are scaled, not given a new box to draw.
    const zoomIn = q<HTMLButtonElement>(el, '.controls button[title="Zoomer"]');
    const full = viewBox(el)[2];
    await click(zoomIn);
    await until(() => viewBox(el)[2] < full, 'zoomed in');
    await el.updateComplete;
    expect(drawnAt(), 'the basemap keeps the box it was drawn at').to.deep.equal(first);
    for (const scale of scales()) expect(scale).to.be.closeTo(1.6, 0.001);
    expect(offBasemap(central()), 'the same department under the marker').to.be.below(1.5);

    // The mouse leaves the map: the zoom is over, the basemap is drawn again at the view, sharp.
    await hover(q(el, '[part="count"]'));
    await until(() => drawnAt()[0] === marks.getAttribute('viewBox'), 'drawn again once the mouse left');
    expect(scales()).to.deep.equal([1, 1]);
    expect(offBasemap(central())).to.be.below(1.5);

    // Two more steps: the second goes to ×2 of that box or beyond, and draws it again at once.
    await click(zoomIn);
    await until(() => viewBox(el)[2] < full / 2, 'zoomed in again');
    await el.updateComplete;
    for (const scale of scales()) expect(scale).to.be.closeTo(1.6, 0.001);
    await click(zoomIn);
    await until(() => viewBox(el)[2] < full / 3, 'zoomed in a third time');
    await el.updateComplete;
    expect(drawnAt()).to.deep.equal([marks.getAttribute('viewBox'), marks.getAttribute('viewBox')]);
    expect(scales()).to.deep.equal([1, 1]);
    expect(offBasemap(central())).to.be.below(1.5);

    // Panned with the mouse: moved, not drawn again (at the same scale, moving it loses nothing).
    const [x0] = viewBox(el);
    const drawn = drawnAt();
    await drag(marks, -70, 40);
    await until(() => viewBox(el)[0] > x0, 'panned');
    await el.updateComplete;
    expect(drawnAt(), 'a pan keeps the drawn basemap').to.deep.equal(drawn);
    expect(getComputedStyle(layers[0]).transform).to.not.equal('none');
    expect(offBasemap(central()), 'the same department under the marker after panning').to.be.below(1.5);

    // And the marker there is still the one a click selects.
    const marker = central();
    const selected = oneEvent(el, 'ptce-pole-select');
    await click(marker);
    expect(((await selected) as CustomEvent).detail.id).to.equal(marker.dataset.key);
    await expect(el).to.be.accessible();
  });

  it("draws the chosen region's border, fades the others, and tints the departments that have poles", async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:900px"></ptce-pole-map>`);
    const edge = q<SVGPathElement>(el, '.region-edge.selected');
    expect(edge.dataset.region).to.equal('84');
    expect(all(el, '.region-edge.out').length, 'the other 12 regions faded').to.equal(12);
    // The border is the region's own: its box is the box of Auvergne-Rhône-Alpes' departments.
    const members = ['01', '03', '07', '15', '26', '38', '42', '43', '63', '69', '73', '74'].map((code) =>
      q<SVGPathElement>(el, `.dept[data-code="${code}"]`).getBBox(),
    );
    const box = edge.getBBox();
    expect(box.x).to.be.closeTo(Math.min(...members.map((b) => b.x)), 0.5);
    expect(box.y).to.be.closeTo(Math.min(...members.map((b) => b.y)), 0.5);
    expect(box.x + box.width).to.be.closeTo(Math.max(...members.map((b) => b.x + b.width)), 0.5);
    expect(box.y + box.height).to.be.closeTo(Math.max(...members.map((b) => b.y + b.height)), 0.5);
    const style = (code: string) => getComputedStyle(q(el, `.dept[data-code="${code}"]`));
    // Le Damier is in the Puy-de-Dôme, no pole in the Cantal: tinted, not outlined.
    expect(q(el, '.tint[data-code="63"]'), 'the Puy-de-Dôme tinted').to.exist;
    expect(q(el, '.tint[data-code="15"]'), 'the Cantal not tinted').to.not.exist;
    expect(getComputedStyle(q(el, '.tint[data-code="63"]')).fill).to.not.equal(style('15').fill);
    expect(style('63').strokeWidth).to.equal(style('15').strokeWidth);
    expect(getComputedStyle(edge).stroke, 'the chosen border in the accent colour').to.not.equal(
      getComputedStyle(q(el, '.region-edge.out')).stroke,
    );

    const old = await mapOf(html`<ptce-pole-map endpoint=${DEMO} regions="2015" region="83"></ptce-pole-map>`);
    expect(q<SVGPathElement>(old, '.region-edge.selected').dataset.region, 'Auvergne, before 2016').to.equal('83');
    expect(all(old, '.region-edge').length).to.equal(22);
    await expect(old).to.be.accessible();
  });

  it('draws each overseas territory in its inset and places a pole there by its coordinates', async () => {
    const towns: [string, string, number, number][] = [
      ['971', 'Pôle de Pointe-à-Pitre', 16.241, -61.533],
      ['972', 'Pôle de Fort-de-France', 14.616, -61.059],
      ['973', 'Pôle de Cayenne', 4.938, -52.335],
      ['974', 'Pôle de Saint-Denis', -20.882, 55.45],
      ['976', 'Pôle de Combani', -12.783, 45.142],
    ];
    const { url } = await mockEndpoint({
      poles: { poles: towns.map(([code, name, lat, lon]) => ({ id: `p${code}`, name, departments: [code], geo: { lat, lon } })) },
    });
    const el = await mapOf(html`<ptce-pole-map endpoint=${url} style="width:900px"></ptce-pole-map>`);
    for (const [code, name] of towns) {
      const territory = q<SVGPathElement>(el, `.inset .dept[data-code="${code}"]`);
      const frame = territory.closest('.inset')!.querySelector('rect')!.getBBox();
      const box = territory.getBBox();
      expect(box.width * box.height, `${code} drawn`).to.be.above(50);
      expect(box.x).to.be.at.least(frame.x);
      expect(box.x + box.width).to.be.at.most(frame.x + frame.width);
      const marker = all(el, '.marker').find((m) => m.getAttribute('aria-label')!.startsWith(name))!;
      expect(marker.classList.contains('approximate'), `${name} placed by its coordinates`).to.equal(false);
      const [x, y] = ['cx', 'cy'].map((a) => Number(marker.getAttribute(a)));
      expect(territory.isPointInFill(new DOMPoint(x, y)), `${name} on its island`).to.equal(true);
      expect(q(el, `.tint[data-code="${code}"]`), `${code} tinted`).to.exist;
    }
    await choose(el, 'Région', '04');
    expect(q(el, '.inset.selected text').textContent).to.equal('La Réunion');
    expect(listed(el)).to.deep.equal(['Pôle de Saint-Denis']);
    await expect(el).to.be.accessible();
  });

  it('has a legend naming every kind of marker shown, and hover and focus states on markers', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:900px"></ptce-pole-map>`);
    const legend = q(el, '[part="legend"]');
    const kinds = new Set(
      all(el, '.marker').map((m) =>
        m.classList.contains('bubble')
          ? 'bubble'
          : m.classList.contains('approximate')
            ? 'approximate'
            : m.classList.contains('commune')
              ? 'commune'
              : 'exact',
      ),
    );
    expect(kinds.size, 'the demo shows several kinds').to.be.at.least(2);
    const texts = {
      exact: 'Pôle à son adresse',
      commune: 'Pôle placé dans sa commune (précision : commune)',
      approximate: 'Emplacement approché (centre du département)',
      bubble: 'Plusieurs pôles proches : activer pour zoomer',
    };
    for (const kind of kinds) expect(legend.textContent, kind).to.contain(texts[kind as keyof typeof texts]);
    expect(legend.textContent).to.contain('Département qui compte au moins un pôle');
    // The legend's swatches look like the markers they name.
    for (const kind of kinds) {
      const marker = all(el, `.marker`).find((m) =>
        kind === 'exact'
          ? !m.classList.contains('bubble') && !m.classList.contains('approximate') && !m.classList.contains('commune')
          : m.classList.contains(kind),
      )!;
      const swatch = q(el, `.legend .swatch.${kind} circle`);
      expect(getComputedStyle(swatch).fill, kind).to.equal(getComputedStyle(marker).fill);
    }
    // Only the kinds shown: a map of poles placed by address has no hollow marker to explain.
    const { url } = await mockEndpoint({
      poles: { poles: [{ id: 'a', name: 'Pôle A', departments: ['35'], geo: { lat: 48.117, lon: -1.678, precision: 'address' } }] },
    });
    const exactOnly = await mapOf(html`<ptce-pole-map endpoint=${url}></ptce-pole-map>`);
    expect(q(exactOnly, '[part="legend"]').textContent)
      .to.contain(texts.exact)
      .and.not.to.contain(texts.approximate)
      .and.not.to.contain(texts.bubble);

    const marker = all(el, '.marker:not(.bubble)')[0];
    const circle = marker;
    const idle = getComputedStyle(circle).strokeWidth;
    await hover(circle);
    await until(() => getComputedStyle(circle).strokeWidth !== idle, 'hover state');
    await hover(q(el, '[part="count"]'));
    await until(() => getComputedStyle(circle).strokeWidth === idle, 'hover state gone');
    // Reached with the keyboard, a marker is ringed in the focus colour (3:1 against the land).
    await click(q(el, 'input[type="search"]'));
    const focused = (await tabUntil((f) => !!f?.classList.contains('marker')))!;
    // A page in a background tab (Firefox runs two test files at once) shows no focus at all.
    if (document.hasFocus()) expect(getComputedStyle(focused).stroke).to.equal('rgb(26, 95, 180)');
    await expect(el).to.be.accessible();
  });

  it('closes the panel, saying so politely, when its pole no longer matches the filters', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:1000px"></ptce-pole-map>`);
    await click(all<HTMLButtonElement>(el, '.list button').find((b) => b.dataset.id === 'domb-innov')!);
    // Opening moves the focus to the panel's close button (once the card's code is loaded).
    await until(() => el.shadowRoot!.activeElement?.classList.contains('close'), 'panel open, focus in it');
    await choose(el, 'Région', '52');
    await until(() => !el.shadowRoot!.querySelector('[part="panel"]'), 'panel closed by the filter');
    const notice = all(el, '[role="status"]').find((s) => s.textContent!.includes('fermée'))!;
    expect(notice.textContent!.trim()).to.equal("Fiche de Domb'Innov fermée : ce pôle ne correspond plus aux filtres.");
    expect(getComputedStyle(notice).position, 'for screen readers only').to.equal('absolute');
    expect(all(el, '.marker.selected')).to.have.length(0);
    await expect(el).to.be.accessible();
    // A pole that still matches keeps its panel.
    await click(all<HTMLButtonElement>(el, '.list button')[0]);
    await until(() => el.shadowRoot!.activeElement?.classList.contains('close'), 'panel open again, focus in it');
    await choose(el, 'Thématique', '');
    expect(el.shadowRoot!.querySelector('[part="panel"]')).to.not.equal(null);
  });

  for (const width of [320, 768, 1200]) {
    it(`shows every filter's text whole at ${width} px`, async () => {
      const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:${width}px"></ptce-pole-map>`);
      const filters = q(el, '.filters');
      expect(filters.scrollWidth, 'no filter sticks out').to.be.at.most(filters.clientWidth + 1);
      // What the engine itself needs to show a choice whole: a lone select holding just that choice
      // (same styles, out of the flow), sized to its content.
      const needed = (select: HTMLSelectElement) => {
        const probe = select.cloneNode(false) as HTMLSelectElement;
        probe.append(new Option(select.selectedOptions[0].text));
        probe.style.cssText = 'position:absolute;visibility:hidden;inline-size:auto;min-inline-size:0;max-inline-size:none';
        select.after(probe);
        const width = probe.getBoundingClientRect().width;
        probe.remove();
        return width;
      };
      const check = () => {
        for (const select of all<HTMLSelectElement>(el, '.filters select')) {
          const text = select.selectedOptions[0].text;
          expect(select.getBoundingClientRect().width, `"${text}"`).to.be.at.least(needed(select) - 0.5);
          expect(select.getBoundingClientRect().right).to.be.at.most(filters.getBoundingClientRect().right + 1);
        }
      };
      check();
      // The longest choices too.
      await choose(el, 'Région', '93');
      await choose(el, 'Département', '04');
      check();
    });
  }

  it('shows a signatory that the real server just approved, in its department', async () => {
    const server = await realServer();
    const name = `Pôle signataire ${Date.now()}`;
    const pole = { ...validSignature.pole, name, postcode: '29200', city: 'Brest', department: '29' };
    const signed = await realServerAdmin('/api/signatures', { method: 'POST', body: { ...validSignature, pole, date: '2026-11-20' } });
    expect(signed.status).to.equal(201);
    const approved = await realServerAdmin(`/api/admin/signatures/${signed.body.reference}/approve`, { method: 'POST' });
    expect(approved.body.status).to.equal('approved');
    const el = await mapOf(html`<ptce-pole-map endpoint=${`${server.url}/ptce.json`} department="29" style="width:900px"></ptce-pole-map>`);
    await until(() => listed(el).includes(name), 'the new signatory listed');
    const marker = await until(() => all(el, '.marker').find((m) => m.getAttribute('aria-label')!.startsWith(name)), 'its marker');
    expect(marker.getAttribute('aria-label')).to.equal(`${name}, Brest, Finistère, emplacement approché`);
    expect(marker.classList.contains('approximate'), 'placed at its department, no coordinates').to.equal(true);
    const [x, y] = ['cx', 'cy'].map((a) => Number(marker.getAttribute(a)));
    expect(q<SVGPathElement>(el, '.dept[data-code="29"]').isPointInFill(new DOMPoint(x, y)), 'in the Finistère').to.equal(true);
  });
});
