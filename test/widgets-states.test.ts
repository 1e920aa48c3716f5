import { expect, fixture } from '@open-wc/testing';
import { html, html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import '../src/components/pole-card/define.js';
import '../src/components/pole-map/define.js';
import '../src/components/charter/define.js';
import '../src/components/referentiel/define.js';
import { HOSTILE_TEXT } from './contract/cases.js';
import { mockRoute, uniquePrefix } from './support/mock.js';
import { mount } from './support/mount.js';
import type { PtceElement } from '../src/base/ptce-element.js';
import { until } from './support/wait.js';

type DataWidget = PtceElement & { data: { state: { status: string } } };

/** An endpoint whose every resource answers as `route` says. */
async function endpoint(route: { delay?: number; drop?: boolean; status?: number; json?: unknown; text?: string }) {
  const prefix = uniquePrefix('states');
  for (const file of ['poles.json', 'charter.json', 'referentiel.json']) await mockRoute({ path: `${prefix}/${file}`, ...route });
  await mockRoute({
    path: `${prefix}/ptce.json`,
    json: {
      ptce: 1,
      poles: 'poles.json',
      charter: 'charter.json',
      referentiel: 'referentiel.json',
      signatures: 'api/s',
      assessments: 'api/a',
    },
  });
  return `${prefix}/ptce.json`;
}

const WIDGETS = [
  ['ptce-pole-card', 'pole-id="x"'],
  ['ptce-pole-map', ''],
  ['ptce-charter', ''],
  ['ptce-referentiel', 'mode="answer"'],
] as const;

describe('every data widget, in every shared state', () => {
  for (const [tag, attributes] of WIDGETS) {
    const mount = (url: string, lang = 'fr') =>
      fixture<DataWidget>(
        staticHtml`<${unsafeStatic(tag)} endpoint=${url} lang=${lang} ${unsafeStatic(attributes)}></${unsafeStatic(tag)}>`,
      );

    it(`${tag}: loading is a polite live region, and accessible`, async () => {
      const el = await mount(await endpoint({ delay: 800, json: {} }));
      expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.contain('Chargement');
      await expect(el).to.be.accessible();
    });

    it(`${tag}: a network failure is a readable alert with "Réessayer", and accessible`, async () => {
      const el = await mount(await endpoint({ drop: true }));
      await until(() => el.data.state.status === 'error', 'error');
      await el.updateComplete;
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent).to.contain('injoignable');
      expect(alert.querySelector('button')!.textContent!.trim()).to.equal('Réessayer');
      await expect(el).to.be.accessible();
    });

    it(`${tag}: data that is not JSON is said in English too`, async () => {
      const el = await mount(await endpoint({ text: '<html>502 Bad Gateway</html>', status: 200 }), 'en');
      await until(() => el.data.state.status === 'error' && el.shadowRoot!.textContent!.includes('JSON format'), 'english error');
      expect(el.shadowRoot!.querySelector('[role="alert"] button')!.textContent!.trim()).to.equal('Try again');
    });
  }

  it('no widget is wider than a 320 px screen', async () => {
    const demo = '/demo/data/ptce.json';
    // The demo page's font: wider than the test page's default, as on many real sites.
    const style = 'width:320px;font:16px system-ui,sans-serif';
    /** The right edge of the widest box inside a widget (its shadow roots included, SVG aside). */
    const rightmost = (root: ParentNode): number =>
      Math.max(
        0,
        ...[...root.querySelectorAll('*')].map((node) =>
          node.closest('svg') ? 0 : Math.max(node.getBoundingClientRect().right, node.shadowRoot ? rightmost(node.shadowRoot) : 0),
        ),
      );
    // mount(), not fixture(): a plain <div> fixture waits for an animation frame, which hidden tabs never get.
    const widgets = await Promise.all([
      mount<HTMLElement>(
        html`<div style=${style}>
          <ptce-pole-card endpoint=${demo} pole-id="cis-dt52-cooperation-industrielle-et-sociale-pour-le-develop"></ptce-pole-card>
        </div>`,
      ),
      mount<HTMLElement>(html`<div style=${style}><ptce-pole-map endpoint=${demo}></ptce-pole-map></div>`),
      mount<HTMLElement>(html`<div style=${style}><ptce-charter endpoint=${demo}></ptce-charter></div>`),
      mount<HTMLElement>(html`<div style=${style}><ptce-referentiel endpoint=${demo} mode="answer" no-draft></ptce-referentiel></div>`),
    ]).then((holders) => holders.map((holder) => holder.firstElementChild as DataWidget));
    await until(() => widgets.every((w) => w.data.state.status === 'ready'), 'all ready');
    for (const widget of widgets) {
      await widget.updateComplete;
      const left = widget.getBoundingClientRect().left;
      expect(rightmost(widget.shadowRoot!) - left, widget.tagName).to.be.at.most(321);
    }
  });

  it('no widget runs script found in data', async () => {
    const prefix = uniquePrefix('hostile');
    const hostile = HOSTILE_TEXT[0];
    const referentiel = await (await fetch('/demo/data/referentiel.json')).json();
    referentiel.title = hostile;
    referentiel.objectives[0].label = hostile;
    const charter = await (await fetch('/demo/data/charter.json')).json();
    charter.title = hostile;
    charter.sections[0].paragraphs = HOSTILE_TEXT;
    await mockRoute({
      path: `${prefix}/poles.json`,
      json: { poles: HOSTILE_TEXT.map((name, i) => ({ id: `h${i}`, name, commune: name, departments: ['35'] })) },
    });
    await mockRoute({ path: `${prefix}/referentiel.json`, json: referentiel });
    await mockRoute({ path: `${prefix}/charter.json`, json: charter });
    await mockRoute({
      path: `${prefix}/ptce.json`,
      json: { ptce: 1, poles: 'poles.json', charter: 'charter.json', referentiel: 'referentiel.json' },
    });
    const url = `${prefix}/ptce.json`;
    const widgets = await Promise.all([
      fixture<DataWidget>(html`<ptce-pole-map endpoint=${url} view="list"></ptce-pole-map>`),
      fixture<DataWidget>(html`<ptce-charter endpoint=${url}></ptce-charter>`),
      fixture<DataWidget>(html`<ptce-referentiel endpoint=${url}></ptce-referentiel>`),
    ]);
    await until(() => widgets.every((w) => w.data.state.status === 'ready'), 'all ready');
    for (const widget of widgets) {
      await widget.updateComplete;
      expect(widget.shadowRoot!.textContent, widget.tagName).to.contain(hostile);
      expect(widget.shadowRoot!.querySelector('img, script, [onerror], [onload]'), widget.tagName).to.equal(null);
    }
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
