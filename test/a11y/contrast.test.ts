import { expect, html } from '@open-wc/testing';
import '../support/ptce-test-probe.js';
import { mockEndpoint } from '../support/mock.js';
import { mount } from '../support/mount.js';
import { until } from '../support/wait.js';
import { contrast, over, parseColour, resolveColour, type Rgba } from '../support/contrast.js';

// Non-text contrast (WCAG 1.4.11, RGAA 3.3) computed from the design tokens, as the engine resolves
// them (light-dark(), color-mix() over the page's text colour), in both colour schemes and for
// the usual page text colours. Each pair is a line or mark against what it is drawn on.
const PAGES = [
  { scheme: 'light', background: '#ffffff', text: '#000000' },
  { scheme: 'light', background: '#ffffff', text: '#333333' },
  { scheme: 'dark', background: '#111416', text: '#000000' },
] as const;

describe('design tokens: non-text contrast at 3:1', () => {
  afterEach(() => {
    document.body.style.background = '';
    document.body.style.color = '';
  });

  for (const page of PAGES) {
    it(`${page.scheme} scheme, page text ${page.text}`, async () => {
      document.body.style.background = page.background;
      document.body.style.color = page.text;
      const { url } = await mockEndpoint();
      const el = await mount(html`<ptce-test-probe endpoint=${url} theme=${page.scheme}></ptce-test-probe>`);
      await until(() => el.shadowRoot?.querySelector('li'), 'the probe shows its poles');
      const token = (name: string) => parseColour(resolveColour(el.shadowRoot!, `var(${name})`));
      // The widget's own surface over the page; raised blocks (map frame, cards) over that.
      const surface = over(token('--_surface'), parseColour(page.background));
      const raised = over(token('--_surface-raised'), surface);
      const land = over(token('--_map-land'), raised);
      const tint = over(token('--_selected-tint'), surface);
      const on = (top: string, ground: Rgba) => contrast(over(token(top), ground), ground);
      const pairs: [string, number][] = [
        ['control borders (--_line) on the surface', on('--_line', surface)],
        ['control borders (--_line) on a raised block', on('--_line', raised)],
        ['focus ring on the surface', on('--_focus', surface)],
        ['focus ring on a raised block', on('--_focus', raised)],
        ['marks (accent) on the surface', on('--_accent', surface)],
        ['marks (accent) on the land', on('--_accent', land)],
        ['selection bar on the surface', on('--_selected', surface)],
        ['selection bar beside its tint', on('--_selected', tint)],
        ['department borders on the land', on('--_map-border', land)],
        ["department borders (the coast) on the map's background", on('--_map-border', raised)],
        ['region borders on the land', on('--_map-region-border', land)],
        ['focus ring on the land', on('--_focus', land)],
      ];
      const failing = pairs.filter(([, ratio]) => ratio < 3).map(([what, ratio]) => `${what}: ${ratio.toFixed(2)}:1`);
      expect(failing, 'pairs under 3:1').to.deep.equal([]);
    });
  }
});
