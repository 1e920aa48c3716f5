import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/pole-map/define.js';
import type { PtcePoleMap } from '../../src/components/pole-map/ptce-pole-map.js';
import { until } from '../support/wait.js';

type Rgba = [number, number, number, number];

/** A computed colour: rgb()/rgba() or color(srgb …), as engines print color-mix() results. */
function parse(text: string): Rgba {
  const srgb = text.match(/^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/);
  if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = text.match(/^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  if (text === 'transparent') return [0, 0, 0, 0];
  const hex = text.match(/^#([\da-f]{2})([\da-f]{2})([\da-f]{2})$/i);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 1];
  throw new Error(`unreadable colour ${text}`);
}
const over = ([r, g, b, a]: Rgba, [R, G, B]: Rgba): Rgba => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a), 1];
const luminance = ([r, g, b]: Rgba) =>
  [r, g, b].map((v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const contrast = (a: Rgba, b: Rgba) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

for (const theme of ['light', 'dark']) {
  it(`draws shapes and focus at 3:1 against the land, ${theme} theme (WCAG 1.4.11)`, async () => {
    document.body.style.background = theme === 'dark' ? '#111416' : '#ffffff';
    try {
      const el = await fixture<PtcePoleMap>(html`<ptce-pole-map endpoint="/demo/data/ptce.json" region="84" theme=${theme} style="width:900px"></ptce-pole-map>`);
      await until(() => el.shadowRoot!.querySelector('.marker') && el.shadowRoot!.querySelector('.region-edge.selected'), 'map drawn');
      const style = (selector: string) => getComputedStyle(el.shadowRoot!.querySelector(selector)!);
      // The land as seen: the department's fill over the map's background over the widget's over the page's.
      let below = over(parse(getComputedStyle(el).backgroundColor), parse(getComputedStyle(document.body).backgroundColor));
      below = over(parse(style('.map').backgroundColor), below);
      const land = over(parse(style('.dept[data-code="15"]').fill), below);
      const tinted = over(parse(style('.dept[data-code="63"]').fill), below);
      expect(style('.dept[data-code="63"]').fill, 'a department with poles is tinted').to.not.equal(style('.dept[data-code="15"]').fill);

      // A shape's colour as drawn on the land (or the tint), its own transparency included.
      const against = (colour: string, ground: Rgba) => contrast(over(parse(colour), ground), ground);
      const chosen = style('.region-edge.selected').stroke;
      expect(against(chosen, land), 'chosen region border').to.be.at.least(3);
      expect(against(chosen, tinted), 'chosen region border on tint').to.be.at.least(3);
      const filled = style('.marker:not(.approximate):not(.bubble) circle').fill;
      expect(against(filled, land), 'filled marker').to.be.at.least(3);
      expect(against(filled, tinted), 'filled marker on tint').to.be.at.least(3);
      expect(against(style('.marker.approximate circle').stroke, tinted), 'hollow marker on tint').to.be.at.least(3);
      // The token may be written light-dark(…): let the engine resolve it in the widget's scheme.
      const probe = document.createElement('span');
      probe.style.color = 'var(--_focus)';
      el.shadowRoot!.querySelector('.map')!.append(probe);
      const focus = getComputedStyle(probe).color;
      probe.remove();
      expect(against(focus, land), 'focus').to.be.at.least(3);
      expect(against(focus, tinted), 'focus on tint').to.be.at.least(3);

      el.region = undefined;
      await until(() => !el.shadowRoot!.querySelector('.region-edge.selected'), 'no region chosen');
      expect(against(style('.region-edge').stroke, land), 'region borders at full view').to.be.at.least(3);
      await expect(el).to.be.accessible();
    } finally {
      document.body.style.background = '';
    }
  });
}
