import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/pole-map/define.js';
import type { PtcePoleMap } from '../../src/components/pole-map/ptce-pole-map.js';
import { until } from '../support/wait.js';
import { q } from '../support/map.js';
import { against, over, parseColour as parse } from '../support/contrast.js';

for (const theme of ['light', 'dark']) {
  it(`draws shapes and focus at 3:1 against the land, ${theme} theme (WCAG 1.4.11)`, async () => {
    document.body.style.background = theme === 'dark' ? '#111416' : '#ffffff';
    try {
      const el = await fixture<PtcePoleMap>(
        html`<ptce-pole-map endpoint="/demo/data/ptce.json" region="84" theme=${theme} style="width:900px"></ptce-pole-map>`,
      );
      await until(() => q(el, '.marker') && q(el, '.region-edge.selected'), 'map drawn');
      const style = (selector: string) => getComputedStyle(q(el, selector)!);
      // The land as seen: the department's fill over the map's background over the widget's over the page's.
      let below = over(parse(getComputedStyle(el).backgroundColor), parse(getComputedStyle(document.body).backgroundColor));
      below = over(parse(style('.map').backgroundColor), below);
      const land = over(parse(style('.dept[data-code="15"]').fill), below);
      // A department with poles: its tint (a layer over the basemap) over its land.
      const tinted = over(parse(style('.tint[data-code="63"]').fill), over(parse(style('.dept[data-code="63"]').fill), below));
      expect(style('.tint[data-code="63"]').fill, 'a department with poles is tinted').to.not.equal(style('.dept[data-code="15"]').fill);

      const chosen = style('.region-edge.selected').stroke;
      expect(against(chosen, land), 'chosen region border').to.be.at.least(3);
      expect(against(chosen, tinted), 'chosen region border on tint').to.be.at.least(3);
      const filled = style('.marker:not(.approximate):not(.bubble)').fill;
      expect(against(filled, land), 'filled marker').to.be.at.least(3);
      expect(against(filled, tinted), 'filled marker on tint').to.be.at.least(3);
      expect(against(style('.marker.approximate').stroke, tinted), 'hollow marker on tint').to.be.at.least(3);
      // The token may be written light-dark(…): let the engine resolve it in the widget's scheme.
      const probe = document.createElement('span');
      probe.style.color = 'var(--_focus)';
      q(el, '.map')!.append(probe);
      const focus = getComputedStyle(probe).color;
      probe.remove();
      expect(against(focus, land), 'focus').to.be.at.least(3);
      expect(against(focus, tinted), 'focus on tint').to.be.at.least(3);

      el.region = undefined;
      await until(() => !q(el, '.region-edge.selected'), 'no region chosen');
      expect(against(style('.region-edge').stroke, land), 'region borders at full view').to.be.at.least(3);
      await expect(el).to.be.accessible();
    } finally {
      document.body.style.background = '';
    }
  });
}
