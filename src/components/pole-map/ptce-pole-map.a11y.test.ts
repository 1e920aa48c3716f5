import { expect, html } from '@open-wc/testing';
import './define.js';
import { click, deepActiveElement, fill, press, tabUntil } from '../../../test/support/input.js';
import { until } from '../../../test/support/wait.js';
import { accessibleDescription, accessibleName, deepQueryAll, roleOf, tabStops } from '../../../test/support/a11y.js';
import { against, over, parseColour, resolveColour } from '../../../test/support/contrast.js';
import { forceColours } from '../../../test/support/forced-colors.js';
import { mapOf, q, all } from '../../../test/support/map.js';
import type { PtcePoleMap } from './ptce-pole-map.js';

// What axe does not check: keyboard paths with real keys, names and roles as read, selection
// exposed and visible, non-text contrast of the map's parts, forced colours (issue 19).
const DEMO = '/demo/data/ptce.json';

const marker = (el: PtcePoleMap, name: string) =>
  all<SVGGElement>(el, '.marker').find((m) => m.getAttribute('aria-label')!.startsWith(name))!;
const panelCard = (el: PtcePoleMap) => q<HTMLElement & { variant: string }>(el, '[part="panel"] ptce-pole-card');

describe('<ptce-pole-map> accessibility beyond axe', () => {
  it('gives focus to the poles of a bubble opened with the keyboard, and says so', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:900px"></ptce-pole-map>`);
    // A bubble of at most five poles: its name lists them all.
    const bubble = all<SVGGElement>(el, '.marker.bubble').find((b) => Number(b.dataset.key!.split(':').pop()) <= 5)!;
    const bubbleName = bubble.getAttribute('aria-label')!;
    bubble.focus();
    await press('Enter');
    const focused = await until(() => {
      const active = deepActiveElement();
      return active?.classList.contains('marker') && active !== bubble ? (active as SVGGElement) : null;
    }, 'focus on a marker of the split bubble');
    // A mark's key is its pole's id, or a bubble's first pole's: named in the list.
    const firstId = focused.dataset.key!.startsWith('bubble:') ? focused.dataset.key!.split(':')[1] : focused.dataset.key!;
    const firstName = q(el, `.list button[data-id="${CSS.escape(firstId)}"] .name`).textContent!.trim();
    expect(bubbleName, 'one of its poles').to.contain(firstName);
    expect(focused.getAttribute('tabindex'), 'the roving marker follows').to.equal('0');
    const said = all(el, '[role="status"]').map((s) => s.textContent!.trim());
    expect(
      said.some((text) => /^Zoom sur \d+ pôles : .+/.test(text)),
      said.join(' / '),
    ).to.equal(true);
  });

  it('has a name on every Tab stop, and names that read like sentences', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:900px"></ptce-pole-map>`);
    const after = document.createElement('button');
    after.textContent = 'après';
    el.after(after);
    try {
      q<HTMLInputElement>(el, 'input[type="search"]').focus();
      const stops = await tabStops(press, deepActiveElement, (focused) => focused === after);
      expect(stops.length, 'filters, markers, zoom buttons, list').to.be.above(10);
      for (const stop of stops) {
        const name = accessibleName(stop);
        expect(name, `name of <${stop.localName} class="${stop.getAttribute('class') ?? ''}">`).to.match(/\S/);
        expect(stop.localName === 'g' && !stop.classList.contains('marker'), 'no stop on the markers group').to.equal(false);
        expect(accessibleDescription(stop), `${name}: a description that repeats the name`).to.not.equal(name);
      }
      const zoom = stops.find((s) => accessibleName(s) === 'Zoomer');
      expect(zoom, 'the zoom button, named by its title').to.exist;
      expect(accessibleDescription(zoom!)).to.equal('');
    } finally {
      after.remove();
    }
  });

  it("names an approximate marker's kind", async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:900px"></ptce-pole-map>`);
    const approximate = all(el, '.marker.approximate');
    expect(approximate.length).to.be.above(0);
    for (const m of approximate) expect(accessibleName(m)).to.match(/, emplacement approché$/);
    for (const m of all(el, '.marker:not(.approximate):not(.bubble)')) expect(accessibleName(m)).to.not.contain('approché');
  });

  it('exposes and shows the selection, unlike the focus', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:900px"></ptce-pole-map>`);
    await click(all<HTMLButtonElement>(el, '.list button').find((b) => b.dataset.id === 'le-damier')!);
    await until(() => panelCard(el), 'panel open');
    const item = q(el, '.list button[data-id="le-damier"]');
    expect(item.getAttribute('aria-current')).to.equal('true');
    const chosen = marker(el, 'Le Damier');
    expect(chosen.getAttribute('aria-current'), 'the marker says it is the current pole').to.equal('true');
    expect(all(el, '.marker[aria-current]')).to.have.length(1);
    // The selected item's bar, at 3:1 against the list's background.
    const ground = parseColour(
      getComputedStyle(document.body).backgroundColor === 'rgba(0, 0, 0, 0)' ? '#ffffff' : getComputedStyle(document.body).backgroundColor,
    );
    const style = getComputedStyle(item);
    expect(parseFloat(style.borderInlineStartWidth)).to.be.at.least(3);
    expect(against(style.borderInlineStartColor, ground), 'selection bar').to.be.at.least(3);
    // Selected and focused marks differ: another marker focused.
    // A marker reached with Tab from the search field (real keys: WebKit rings only those).
    q<HTMLInputElement>(el, 'input[type="search"]').focus();
    const focused = (await tabUntil((a) => !!a?.classList.contains('marker')))!;
    if (focused !== chosen) {
      const [a, b] = [getComputedStyle(chosen), getComputedStyle(focused)];
      expect([a.stroke, a.transform], 'selected ring').to.not.deep.equal([b.stroke, b.transform]);
    }
  });

  it('uses tab roles only when tabs are shown', async () => {
    const wide = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:1000px"></ptce-pole-map>`);
    expect(all(wide, '[role="tabpanel"], [role="tab"]'), 'side by side: no tabs').to.have.length(0);
    expect(roleOf(q(wide, '.list'))).to.equal('region');
    expect(accessibleName(q(wide, '.list'))).to.equal('Liste des pôles');
    expect(accessibleName(q(wide, '.map svg'))).to.equal('Carte des pôles');
    const narrow = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:500px"></ptce-pole-map>`);
    await until(() => q(narrow, '[role="tablist"]'), 'tabs when narrow');
    const panel = q(narrow, '[role="tabpanel"]');
    expect(accessibleName(panel)).to.equal('Carte');
    expect(all(narrow, '[role="tabpanel"]')).to.have.length(1);
    await click(q(narrow, '#tab-list'));
    await until(() => q(narrow, '.list[role="tabpanel"]'), 'the list tab panel');
    expect(accessibleName(q(narrow, '.list'))).to.equal('Liste');
    await expect(narrow).to.be.accessible();
  });

  it('leaves Escape to the search field: the panel stays open and focus stays', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} style="width:1000px"></ptce-pole-map>`);
    await click(all<HTMLButtonElement>(el, '.list button').find((b) => b.dataset.id === 'domb-innov')!);
    await until(() => panelCard(el), 'panel open');
    const field = q<HTMLInputElement>(el, 'input[type="search"]');
    await fill(field, 'Domb');
    await press('Escape');
    await el.updateComplete;
    // Booleans, not elements: a failing comparison of two elements stalls the runner's report.
    expect(deepActiveElement() === field, 'focus stays in the field').to.equal(true);
    expect(panelCard(el), 'the panel stays').to.exist;
  });

  it('marker → panel → name opens the full card → Escape back to the marker, with real keys', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:1000px"></ptce-pole-map>`);
    const damier = marker(el, 'Le Damier');
    damier.focus();
    await press('Enter');
    await until(() => deepActiveElement()?.classList.contains('close'), 'focus on the close button');
    const card = await until(() => panelCard(el)?.shadowRoot?.querySelector('[part="select"]') && panelCard(el), 'compact card');
    expect(card.shadowRoot!.querySelector('[part="name"]')!.localName, 'the map is a section: its card heads at 2').to.equal('h2');
    await press('Tab');
    const name = deepActiveElement()!;
    expect(name.getAttribute('part')).to.equal('select');
    expect(accessibleName(name)).to.equal('Le Damier');
    await press('Enter');
    await until(() => card.variant === 'full' && card.shadowRoot!.querySelector('[part="figures"], [part="facts"]'), 'the full card');
    expect(deepActiveElement()?.localName, 'focus stays on the card').to.equal('article');
    await press('Escape');
    await until(() => !panelCard(el), 'panel closed');
    expect((deepActiveElement() as SVGGElement).dataset.key).to.contain('le-damier');
    await expect(el).to.be.accessible();
  });

  it('draws borders, controls and tabs at 3:1 (WCAG 1.4.11)', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:500px"></ptce-pole-map>`);
    await until(() => q(el, '.dept[data-code="15"]'), 'map drawn');
    const page = parseColour('#ffffff');
    const style = (selector: string) => getComputedStyle(q(el, selector));
    const frame = over(parseColour(style('.map').backgroundColor), page);
    const land = over(parseColour(style('.dept[data-code="15"]').fill), frame);
    const border = style('.dept[data-code="15"]').stroke;
    expect(against(border, land), 'department borders on the land').to.be.at.least(3);
    expect(against(border, frame), "the coast on the map's background").to.be.at.least(3);
    // Dimmed departments (outside the region) are told from the region by its border.
    const out = parseColour(style('.dept.out').fill);
    out[3] *= Number(style('.dept.out').opacity);
    const dimmed = over(out, frame);
    expect(against(style('.region-edge.selected').stroke, dimmed), 'chosen region border on the dimmed land').to.be.at.least(3);
    expect(against(style('.controls button').borderTopColor, page), 'zoom button borders').to.be.at.least(3);
    expect(against(style('[role="tab"][aria-selected="false"]').borderTopColor, page), 'narrow-layout tab borders').to.be.at.least(3);
  });

  it('keeps marks, selection and focus in system colours under forced colours', async () => {
    const el = await mapOf(html`<ptce-pole-map endpoint=${DEMO} region="84" style="width:1000px"></ptce-pole-map>`);
    await click(all<HTMLButtonElement>(el, '.list button').find((b) => b.dataset.id === 'le-damier')!);
    await until(() => panelCard(el), 'panel open');
    const forced = await forceColours(el.shadowRoot!, q(el, 'ptce-pole-map-view').shadowRoot!);
    try {
      const system = (name: string) => resolveColour(el.shadowRoot!, name);
      const circle = (m: Element) => getComputedStyle(m);
      const plain = all(el, '.marker:not(.bubble):not(.approximate):not(.selected)')[0];
      expect(circle(plain).fill, 'a mark').to.equal(system('CanvasText'));
      expect(circle(marker(el, 'Le Damier')).fill, 'the selected mark').to.equal(system('Highlight'));
      expect(getComputedStyle(q(el, '.list button[aria-current="true"]')).borderInlineStartColor, 'the selected item').to.equal(
        system('Highlight'),
      );
      q<HTMLInputElement>(el, 'input[type="search"]').focus();
      const focused = (await tabUntil((a) => !!a?.classList.contains('marker')))!;
      expect(circle(focused).stroke, 'the focused mark').to.equal(system('Highlight'));
      for (const button of deepQueryAll(el, '.controls button')) {
        expect([system('CanvasText'), system('ButtonText')], 'zoom button borders').to.include(getComputedStyle(button).borderTopColor);
      }
    } finally {
      await forced.off();
    }
  });
});
