import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, unsafeStatic } from 'lit/static-html.js';
import '../src/components/pole-card/define.js';
import '../src/components/pole-map/define.js';
import '../src/components/charter/define.js';
import '../src/components/referentiel/define.js';
import { HOSTILE_TEXT } from './contract/cases.js';
import { mockRoute, uniquePrefix } from './support/mock.js';
import type { PtceElement } from '../src/base/ptce-element.js';

type DataWidget = PtceElement & { data: { state: { status: string } } };

/** An endpoint whose every resource answers as `route` says. */
async function endpoint(route: { delay?: number; drop?: boolean; status?: number; json?: unknown; text?: string }) {
  const prefix = uniquePrefix('states');
  for (const file of ['poles.json', 'charter.json', 'referentiel.json']) await mockRoute({ path: `${prefix}/${file}`, ...route });
  await mockRoute({
    path: `${prefix}/ptce.json`,
    json: { ptce: 1, poles: 'poles.json', charter: 'charter.json', referentiel: 'referentiel.json', signatures: 'api/s', assessments: 'api/a' },
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
      fixture<DataWidget>(html`<${unsafeStatic(tag)} endpoint=${url} lang=${lang} ${unsafeStatic(attributes)}></${unsafeStatic(tag)}>`);

    it(`${tag}: loading is a polite live region, and accessible`, async () => {
      const el = await mount(await endpoint({ delay: 800, json: {} }));
      expect(el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent).to.contain('Chargement');
      await expect(el).to.be.accessible();
    });

    it(`${tag}: a network failure is a readable alert with "Réessayer", and accessible`, async () => {
      const el = await mount(await endpoint({ drop: true }));
      await waitUntil(() => el.data.state.status === 'error', 'error', { timeout: 5000 });
      await el.updateComplete;
      const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent).to.contain('injoignable');
      expect(alert.querySelector('button')!.textContent!.trim()).to.equal('Réessayer');
      await expect(el).to.be.accessible();
    });

    it(`${tag}: data that is not JSON is said in English too`, async () => {
      const el = await mount(await endpoint({ text: '<html>502 Bad Gateway</html>', status: 200 }), 'en');
      await waitUntil(() => el.data.state.status === 'error' && el.shadowRoot!.textContent!.includes('JSON format'), 'english error', { timeout: 5000 });
      expect(el.shadowRoot!.querySelector('[role="alert"] button')!.textContent!.trim()).to.equal('Try again');
    });
  }

  it('no widget runs script found in data', async () => {
    const prefix = uniquePrefix('hostile');
    const hostile = HOSTILE_TEXT[0];
    const referentiel = await (await fetch('/demo/data/referentiel.json')).json();
    referentiel.title = hostile;
    referentiel.objectives[0].label = hostile;
    const charter = await (await fetch('/demo/data/charter.json')).json();
    charter.title = hostile;
    charter.sections[0].paragraphs = HOSTILE_TEXT;
    await mockRoute({ path: `${prefix}/poles.json`, json: { poles: HOSTILE_TEXT.map((name, i) => ({ id: `h${i}`, name, commune: name, departments: ['35'] })) } });
    await mockRoute({ path: `${prefix}/referentiel.json`, json: referentiel });
    await mockRoute({ path: `${prefix}/charter.json`, json: charter });
    await mockRoute({ path: `${prefix}/ptce.json`, json: { ptce: 1, poles: 'poles.json', charter: 'charter.json', referentiel: 'referentiel.json' } });
    const url = `${prefix}/ptce.json`;
    const widgets = await Promise.all([
      fixture<DataWidget>(html`<ptce-pole-map endpoint=${url} view="list"></ptce-pole-map>`),
      fixture<DataWidget>(html`<ptce-charter endpoint=${url}></ptce-charter>`),
      fixture<DataWidget>(html`<ptce-referentiel endpoint=${url}></ptce-referentiel>`),
    ]);
    await waitUntil(() => widgets.every((w) => w.data.state.status === 'ready'), 'all ready', { timeout: 5000 });
    for (const widget of widgets) {
      await widget.updateComplete;
      expect(widget.shadowRoot!.textContent, widget.tagName).to.contain(hostile);
      expect(widget.shadowRoot!.querySelector('img, script, [onerror], [onload]'), widget.tagName).to.equal(null);
    }
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
