import { expect, fixture, html } from '@open-wc/testing';
import { realServer } from '../support/mock.js';
import { until } from '../support/wait.js';
import { choose, click, fill, press } from '../support/input.js';

// The embed configurator of the real server (GET /configurer, issue 29), used as an editor would:
// choices made with real input, the preview is the real widget, and the snippet it gives, pasted
// into a blank page, renders the same widget. axe in each state.

/** axe-core run inside the page's own document (its frame), the violations by rule. */
async function axeViolations(frame: HTMLIFrameElement): Promise<string[]> {
  const win = frame.contentWindow as Window & { axe?: { run(context: Document): Promise<{ violations: { id: string }[] }> } };
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    win.document.head.append(script);
    await until(() => win.axe, 'axe loaded in the page');
  }
  const { violations } = await win.axe!.run(win.document);
  return violations.map((v) => v.id);
}

const text = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** What a widget shows once its data is there: its shadow root's text, no loading block left. */
async function settledText(widget: Element, expected: string): Promise<string> {
  return until(() => {
    const root = widget.shadowRoot;
    if (!root || root.querySelector('[part~="state-loading"]')) return undefined;
    // Its text, not its styles' nor Lit's markers (server-rendered: <style> elements and comments in the shadow root).
    const shown = [...root.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE || (node.nodeType === Node.ELEMENT_NODE && node.nodeName !== 'STYLE'))
      .map((node) => text(node))
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    return shown.includes(expected) ? shown : undefined;
  }, `${widget.localName} shows "${expected}"`);
}

const attributesOf = (element: Element) => Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));

/** The snippet pasted into a blank page of its own: the widget it renders. */
async function pasted(snippet: string, tag: string): Promise<Element> {
  const frame = document.createElement('iframe');
  frame.title = 'blank page';
  frame.style.cssText = 'width: 780px; height: 560px; border: 0';
  frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"><title>Blank</title></head><body>${snippet}</body></html>`;
  document.body.append(frame);
  return until(() => {
    const widget = frame.contentDocument?.querySelector(tag);
    return widget && frame.contentWindow!.customElements.get(tag) ? widget : undefined;
  }, `${tag} defined by the pasted script`);
}

/** The iframe snippet pasted into a blank page: the widget of the /embed/ page it frames, once hydrated. */
async function framed(snippet: string, tag: string): Promise<Element> {
  const frame = document.createElement('iframe');
  frame.title = 'blank page';
  frame.style.cssText = 'width: 780px; height: 560px; border: 0';
  frame.srcdoc = `<!doctype html><html><head><meta charset="utf-8"><title>Blank</title></head><body>${snippet}</body></html>`;
  document.body.append(frame);
  // The snippet's frame loads lazily: in view.
  frame.scrollIntoView({ block: 'start' });
  return until(() => {
    const widget = frame.contentDocument?.querySelector('iframe')?.contentDocument?.querySelector(tag);
    return widget?.shadowRoot && !widget.hasAttribute('defer-hydration') ? widget : undefined;
  }, `${tag} hydrated in the framed /embed/ page`);
}

/** The colours a widget's own parts are painted with (text, background, borders, SVG), by element. */
function paintedColours(widget: Element): Set<string> {
  const colours = new Set<string>();
  const view = widget.ownerDocument.defaultView!;
  for (const element of widget.shadowRoot!.querySelectorAll('*')) {
    const style = view.getComputedStyle(element);
    for (const name of ['color', 'background-color', 'border-top-color', 'border-left-color', 'fill', 'stroke'])
      colours.add(style.getPropertyValue(name));
  }
  return colours;
}

async function sha384(url: string): Promise<string> {
  const bytes = await (await fetch(url)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  return `sha384-${btoa(String.fromCharCode(...digest))}`;
}

/** The configurator once its page has loaded in the frame (not the frame's first, blank document). */
const openConfigurator = (frame: HTMLIFrameElement) =>
  until(() => {
    const element = frame.contentDocument?.querySelector('ptce-configurator');
    return element?.shadowRoot?.querySelector('#snippet') ? element : undefined;
  }, 'the configurator');

afterEach(() => document.querySelectorAll('iframe[title="blank page"]').forEach((frame) => frame.remove()));

describe('the configurator page (/configurer)', () => {
  it('builds a map snippet with real input; pasted into a blank page it renders the preview widget', async () => {
    await realServer();
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/real/configurer" title="configurateur" style="width:780px;height:560px;border:0"></iframe>`,
    );
    const configurator = await openConfigurator(frame);
    const root = configurator.shadowRoot!;
    const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
    const snippet = () => $<HTMLTextAreaElement>('#snippet').value;
    const preview = () => $('#preview').firstElementChild!;
    frame.scrollIntoView({ block: 'start' });
    await settledText(preview(), '40');
    expect(text($('h1'))).to.equal('Configurer un widget PTCE');
    expect(await axeViolations(frame)).to.deep.equal([]);

    // The territory and the view, by keyboard and mouse; the widget in English, its heading an h3.
    await choose($<HTMLSelectElement>('#region'), '84');
    await click($('input[name="view"][value="list"]'));
    await click($('input[name="lang"][value="en"]'));
    await choose($<HTMLSelectElement>('#heading-level'), '3');
    // A colour mistyped: a readable message, tied to the field; then a right one.
    const accent = $<HTMLInputElement>('#color-accent');
    await fill(accent, 'vert');
    await until(() => root.querySelector('#color-accent-error'), 'the colour refused');
    expect(text($('#color-accent-error'))).to.contain('Couleur non reconnue');
    expect(accent.getAttribute('aria-invalid')).to.equal('true');
    expect(accent.getAttribute('aria-describedby')).to.contain('color-accent-error');
    expect(await axeViolations(frame)).to.deep.equal([]);
    await fill(accent, '#8a2be2');
    await until(() => !root.querySelector('#color-accent-error'), 'the colour taken');

    const endpoint = new URL('/real/ptce.json', location.href).href;
    const widgetMarkup = `<ptce-pole-map endpoint="${endpoint}" region="84" view="list" lang="en" heading-level="3" style="--ptce-color-accent: #8a2be2"></ptce-pole-map>`;
    await until(() => snippet().includes(widgetMarkup), 'the snippet follows the choices');
    const script = /<script type="module" src="([^"]+)" integrity="(sha384-[^"]+)" crossorigin="anonymous"><\/script>/.exec(snippet());
    expect(script, snippet()).to.not.equal(null);
    const [, bundle, integrity] = script!;
    expect(new URL(bundle).pathname).to.match(/^\/real\/ptce-widgets@\d+\.\d+\.\d+\/cdn\/ptce-widgets\.js$/);
    expect(await sha384(bundle)).to.equal(integrity);

    // The preview is that widget…
    await until(() => preview().getAttribute('region') === '84' && preview().getAttribute('lang') === 'en', 'the preview follows');
    const previewText = await settledText(preview(), 'poles');
    expect(previewText).to.contain('Auvergne');
    expect(await axeViolations(frame)).to.deep.equal([]);
    // …and the snippet, pasted into a blank page, renders the same one.
    const blank = await pasted(snippet(), 'ptce-pole-map');
    expect(attributesOf(blank)).to.deep.equal(attributesOf(preview()));
    expect(await settledText(blank, 'poles')).to.equal(previewText);
    expect(getComputedStyle(blank).getPropertyValue('--ptce-color-accent').trim()).to.equal('#8a2be2');

    // Copy: the live region says so (or, where the clipboard is refused, the code is selected).
    await click($('#copy'));
    const said = await until(() => text($('[role="status"]')) || undefined, 'the copy announced');
    if (said !== 'Code copié.') {
      expect(said).to.contain('Ctrl+C');
      expect($<HTMLTextAreaElement>('#snippet').selectionEnd).to.equal(snippet().length);
    }

    // The iframe: the /embed/ page with the attributes as query parameters, and the resize script.
    await click($('input[name="format"][value="iframe"]'));
    await until(() => snippet().includes('<iframe'), 'the iframe snippet');
    const src = new URL(/<iframe src="([^"]+)"/.exec(snippet())![1].replace(/&amp;/g, '&'));
    expect(src.pathname).to.equal('/real/embed/carte');
    expect(Object.fromEntries(src.searchParams)).to.deep.equal({
      region: '84',
      view: 'list',
      lang: 'en',
      'heading-level': '3',
      'ptce-color-accent': '#8a2be2',
    });
    expect(snippet()).to.contain("event.data?.type !== 'ptce:height'");
    // Pasted into a blank page, the frame shows the same widget, in the chosen colour, after hydration.
    const inFrame = await framed(snippet(), 'ptce-pole-map');
    expect(inFrame.getAttribute('style')).to.equal(preview().getAttribute('style'));
    expect(await settledText(inFrame, 'poles')).to.equal(previewText);
    const frameView = inFrame.ownerDocument.defaultView!;
    for (const [widget, view] of [
      [preview(), configurator.ownerDocument.defaultView!],
      [inFrame, frameView],
    ] as const) {
      expect(view.getComputedStyle(widget).getPropertyValue('--ptce-color-accent').trim()).to.equal('#8a2be2');
      expect(view.getComputedStyle(widget).getPropertyValue('--_accent').trim()).to.equal('#8a2be2');
    }
    expect(paintedColours(inFrame)).to.include('rgb(138, 43, 226)');
    expect(paintedColours(preview())).to.include('rgb(138, 43, 226)');
    // WordPress: the plugin's French names and values.
    await click($('input[name="format"][value="shortcode"]'));
    await until(() => snippet().startsWith('[ptce_carte'), 'the shortcode');
    expect(snippet()).to.equal(
      `[ptce_carte endpoint="${endpoint}" region="84" vue="liste" langue="en" niveau_titre="3" couleur_accent="#8a2be2"]`,
    );
    expect(await axeViolations(frame)).to.deep.equal([]);
  });

  it("a pole's card by keyboard, the configurator in English; the snippet renders the same card", async () => {
    await realServer();
    const frame = await fixture<HTMLIFrameElement>(
      html`<iframe src="/real/configurer" title="configurateur" style="width:780px;height:560px;border:0"></iframe>`,
    );
    const configurator = await openConfigurator(frame);
    const root = configurator.shadowRoot!;
    const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
    frame.scrollIntoView({ block: 'start' });

    await click($('header button'));
    await until(() => text($('h1')) === 'Configure a PTCE widget', 'the configurator in English');
    // Radio buttons move with the arrow keys, as a keyboard user does.
    await click($('input[name="widget"][value="carte"]'));
    await press('ArrowDown');
    await until(() => root.querySelector('#pole'), 'the card options');
    const pole = await until(
      () => root.querySelector<HTMLSelectElement>('#pole option[value="domb-innov"]') && $<HTMLSelectElement>('#pole'),
    );
    await choose(pole, 'domb-innov');
    await click($('input[name="variant"][value="compact"]'));
    const preview = () => $('#preview').firstElementChild!;
    await until(() => preview().localName === 'ptce-pole-card' && preview().getAttribute('pole-id') === 'domb-innov', 'the card previewed');
    const previewText = await settledText(preview(), 'Domb');
    expect(await axeViolations(frame)).to.deep.equal([]);

    const snippet = $<HTMLTextAreaElement>('#snippet').value;
    expect(snippet).to.contain('pole-id="domb-innov" variant="compact" lang="fr"');
    const blank = await pasted(snippet, 'ptce-pole-card');
    expect(attributesOf(blank)).to.deep.equal(attributesOf(preview()));
    expect(await settledText(blank, 'Domb')).to.equal(previewText);
  });
});
