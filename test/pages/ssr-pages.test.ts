import { expect, fixture, html } from '@open-wc/testing';
import { realServer } from '../support/mock.js';
import { until } from '../support/wait.js';
import { choose, click } from '../support/input.js';

// The real server's rendered pages (server/src/ssr/, issue 29), loaded as a browser loads them:
// - without scripts (a sandboxed frame): the declarative shadow DOM shows the list, the card and
//   the charter, and the links lead to the pages;
// - with scripts: the elements hydrate what the server rendered — the same nodes, at the same
//   places (layout shift 0 where the engine measures it, the boxes compared everywhere), no error;
// - framing: an embed page shows in a frame of another origin, another page does not.
// A page is fetched through the test server's /real/ proxy and written into a frame with
// `<base href>` (its relative links then go through the proxy too) and, first in its head, a probe
// that records errors, layout shifts and the server's DOM before the scripts change anything.

/** Runs before the page's own scripts: errors, layout shifts, and the rendered DOM as the server sent it. */
const PROBE = `<script>
window.__errors = [];
addEventListener('error', (e) => __errors.push(e.message || 'failed to load ' + (e.target && (e.target.src || e.target.href))), true);
addEventListener('unhandledrejection', (e) => __errors.push(String(e.reason)));
const consoleError = console.error.bind(console);
console.error = (...args) => { __errors.push(args.join(' ')); consoleError(...args); };
window.__shift = 0;
window.__measuresShifts = !!PerformanceObserver.supportedEntryTypes && PerformanceObserver.supportedEntryTypes.includes('layout-shift');
if (__measuresShifts) new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) __shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
/** The HTML elements in the widgets' shadow trees (the map's SVG marks aside: they follow its width). */
window.__walk = () => {
  const found = [];
  const visit = (root) => { for (const el of root.querySelectorAll('*')) { if (!(el instanceof SVGElement)) found.push(el); if (el.shadowRoot) visit(el.shadowRoot); } };
  for (const host of document.querySelectorAll('main > [defer-hydration], main > *')) if (host.shadowRoot) visit(host.shadowRoot);
  return found;
};
window.__box = (el) => { const r = el.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round).join(','); };
document.addEventListener('DOMContentLoaded', () => {
  // Still as the server sent it: not hydrated yet (hydration waits for its chunk and data).
  if (!document.querySelector('main > [defer-hydration]')) return;
  window.__before = __walk().map((el) => ({ el, box: __box(el) }));
});
</script>`;

interface Probe {
  __errors: string[];
  __shift: number;
  __measuresShifts: boolean;
  __before?: { el: Element; box: string }[];
  __walk(): Element[];
  __box(el: Element): string;
}

const AXE = new URL('/node_modules/axe-core/axe.min.js', location.href).href;

/**
 * A page of the real server in a frame (as wide as the test's viewport allows), with its scripts or
 * without: then a policy lets no script of the page run (axe, added by the test, only).
 */
async function openPage(path: string, { scripts = true } = {}): Promise<HTMLIFrameElement> {
  const page = await (await fetch(`/real${path}`)).text();
  const base = new URL(`/real${path}`, location.href).href;
  const frame = await fixture<HTMLIFrameElement>(html`<iframe title="page" style="width:780px;height:900px;border:0"></iframe>`);
  const noScripts = `<meta http-equiv="Content-Security-Policy" content="script-src ${AXE}">`;
  frame.srcdoc = page.replace('<head>', `<head><base href="${base}">${scripts ? PROBE : noScripts}`);
  await until(() => frame.contentDocument?.readyState === 'complete' && frame.contentDocument.querySelector('main'), `${path} loaded`);
  return frame;
}

const probe = (frame: HTMLIFrameElement) => frame.contentWindow as unknown as Window & Probe;
const widget = (frame: HTMLIFrameElement) => frame.contentDocument!.querySelector('main > :not(h1):not(p)')!;
const shadow = (frame: HTMLIFrameElement) => widget(frame).shadowRoot!;

/** Waits for the widget (and the elements inside it) to be hydrated. */
async function hydrated(frame: HTMLIFrameElement): Promise<void> {
  const win = probe(frame);
  await until(() => {
    const el = widget(frame) as Element & { hasUpdated?: boolean };
    return el.hasUpdated && !win.__walk().some((node) => node.hasAttribute('defer-hydration'));
  }, 'hydrated');
  // Two frames: what hydration changed is laid out and painted.
  for (let i = 0; i < 2; i++) await new Promise((resolve) => win.requestAnimationFrame(resolve));
}

/**
 * axe-core in the page's own document, its violations by rule. An embed page is a part of its
 * host's page, whose headings its `heading-level` follows: it has no h1 of its own.
 */
async function axeViolations(frame: HTMLIFrameElement): Promise<string[]> {
  const embed = frame.contentDocument!.querySelector('main.embed');
  const win = frame.contentWindow as Window & { axe?: { run(context: Document): Promise<{ violations: { id: string }[] }> } };
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.src = AXE;
    win.document.head.append(script);
    await until(() => win.axe, 'axe loaded in the page');
  }
  const { violations } = await win.axe!.run(win.document);
  return violations.map((v) => v.id).filter((id) => !(embed && id === 'page-has-heading-one'));
}

describe('server-rendered pages', () => {
  before(async () => {
    await realServer();
  });

  describe('without scripts', () => {
    it('/carte/84 lists the region’s poles as links, with the map drawn; a link opens the pole’s page', async () => {
      const frame = await openPage('/carte/84', { scripts: false });
      expect(frame.contentWindow!.customElements.get('ptce-pole-map')).to.equal(undefined);
      const links = [...shadow(frame).querySelectorAll<HTMLAnchorElement>('.list a')];
      expect(links.map((a) => a.querySelector('.name')!.textContent)).to.include("Domb'Innov");
      for (const link of links) expect(link.getBoundingClientRect().height).to.be.greaterThan(10);
      const map = shadow(frame).querySelector('ptce-pole-map-view')!.shadowRoot!;
      expect(map.querySelectorAll('path').length).to.be.greaterThan(0);
      expect(map.querySelectorAll('.marker').length).to.be.greaterThan(0);
      expect(await axeViolations(frame)).to.deep.equal([]);

      const domb = links.find((a) => a.textContent!.includes("Domb'Innov"))!;
      // The list runs below the window (the filters above it grow with the data's facets).
      domb.scrollIntoView({ block: 'center' });
      await click(domb);
      await until(() => frame.contentDocument?.title.startsWith("Domb'Innov"), 'the pole’s page');
      await until(() => frame.contentDocument!.querySelector('ptce-pole-card')?.shadowRoot, 'its card');
    });

    it('/poles/domb-innov shows the card’s name, description and figures', async () => {
      const frame = await openPage('/poles/domb-innov', { scripts: false });
      const card = shadow(frame);
      expect(card.querySelector('h1')!.textContent!.trim()).to.equal("Domb'Innov");
      expect(card.textContent).to.contain('mutualisent des moyens');
      expect(card.querySelector('[part~="figures"]')!.textContent).to.contain('300');
      expect(card.querySelector('h1')!.getBoundingClientRect().height).to.be.greaterThan(10);
      expect(await axeViolations(frame)).to.deep.equal([]);
    });

    it('/charte shows the charter’s text', async () => {
      const frame = await openPage('/charte', { scripts: false });
      expect(shadow(frame).textContent).to.contain("ne relève pas d'un principe de labellisation");
      expect(await axeViolations(frame)).to.deep.equal([]);
    });
  });

  describe('with scripts', () => {
    for (const path of ['/carte/84', '/carte/82', '/poles/domb-innov', '/charte', '/embed/carte?region=84&lang=en']) {
      it(`${path} hydrates to the same DOM, in the same places, without an error`, async () => {
        const frame = await openPage(path);
        const win = probe(frame);
        await hydrated(frame);
        const before = win.__before!;
        expect(before, 'the server’s DOM recorded before hydration').to.be.an('array').that.is.not.empty;
        // The very nodes the server sent, all still there, in the same places.
        const after = new Set(win.__walk());
        expect(before.filter(({ el }) => !after.has(el)).map(({ el }) => el.localName)).to.deep.equal([]);
        expect(
          before.filter(({ el, box }) => win.__box(el) !== box).map(({ el, box }) => `${el.localName} ${box} → ${win.__box(el)}`),
        ).to.deep.equal([]);
        if (win.__measuresShifts) expect(win.__shift).to.equal(0);
        expect(win.__errors).to.deep.equal([]);
        expect(await axeViolations(frame)).to.deep.equal([]);
      });
    }

    it('the hydrated map behaves as on any page: a filter narrows the list', async () => {
      const frame = await openPage('/carte');
      await hydrated(frame);
      const count = () => shadow(frame).querySelector('[part="count"]')!.textContent!.trim();
      // Every listed pole (other test files may have added some to the shared server).
      const all = count();
      const total = Number(/^(\d+) pôles/.exec(all)?.[1]);
      expect(total).to.be.greaterThan(30);
      // The first filter after the search: the region.
      await choose(shadow(frame).querySelectorAll<HTMLSelectElement>('.filters select')[0], '84');
      await until(() => count() !== all, 'the list filtered');
      expect(shadow(frame).querySelectorAll('.list a').length).to.be.lessThan(total);
      expect(probe(frame).__errors).to.deep.equal([]);
    });

    it('an embed frame keeps the map’s state in its URL', async () => {
      // Loaded by its own address (the URL state needs one): through the proxy, same origin; within
      // the test's viewport, where the mouse reaches.
      const frame = await fixture<HTMLIFrameElement>(html`<iframe title="carte" style="width:780px;height:560px;border:0"></iframe>`);
      frame.src = '/real/embed/carte?region=84#ptce-pole=domb-innov';
      // The pole named in the URL opens in the panel once the map has hydrated.
      const map = await until(() => {
        const el = frame.contentDocument?.querySelector('ptce-pole-map') as (Element & { hasUpdated?: boolean }) | null;
        return el?.hasUpdated && el.shadowRoot!.querySelector('.panel') ? el : undefined;
      }, 'the panel of the pole in the URL');
      const panel = map.shadowRoot!.querySelector('.panel')!;
      await until(() => panel.querySelector('ptce-pole-card')?.shadowRoot?.textContent?.includes("Domb'Innov"), 'its card');
      // A choice in the frame goes into the frame's URL.
      const entry = [...map.shadowRoot!.querySelectorAll<HTMLButtonElement>('.list button')].find(
        (b) => !b.textContent!.includes("Domb'Innov"),
      )!;
      await click(entry);
      await until(() => frame.contentWindow!.location.hash.includes(`ptce-pole=${entry.dataset.id}`), 'the selection in the frame’s URL');
      expect(frame.contentWindow!.location.search).to.equal('?region=84');
      expect(await axeViolations(frame)).to.deep.equal([]);
    });
  });

  describe('framing', () => {
    /** The heights a frame of the real server's origin told this page (`ptce:height`). */
    function heightsFrom(frame: HTMLIFrameElement): number[] {
      const heights: number[] = [];
      addEventListener('message', (event) => {
        if (event.source === frame.contentWindow && event.data?.type === 'ptce:height') heights.push(event.data.height);
      });
      return heights;
    }

    it('/embed/carte?region=84 shows in a frame of another origin and tells its height', async () => {
      const { url } = await realServer();
      expect(new URL(url).origin).to.not.equal(location.origin);
      const frame = await fixture<HTMLIFrameElement>(html`<iframe title="carte" style="width:800px;height:300px;border:0"></iframe>`);
      const heights = heightsFrom(frame);
      frame.src = `${url}/embed/carte?region=84`;
      // The map and list are taller than the frame's first 300 px: the page says so once laid out.
      await until(() => heights.some((height) => height > 400), 'the embed page’s height');
    });

    it('another page refuses to be framed: it never runs there', async () => {
      const { url } = await realServer();
      const framed = await fixture<HTMLIFrameElement>(html`<iframe title="carte" style="width:800px;height:300px;border:0"></iframe>`);
      const refused = heightsFrom(framed);
      const embed = await fixture<HTMLIFrameElement>(html`<iframe title="embed" style="width:800px;height:300px;border:0"></iframe>`);
      const allowed = heightsFrom(embed);
      let framedLoaded = false;
      framed.addEventListener('load', () => (framedLoaded = true), { once: true });
      framed.src = `${url}/carte/84`;
      embed.src = `${url}/embed/charte`;
      // Both pages tell a framing page their height as their scripts run, before their load event:
      // only the embed page does.
      await until(() => allowed.length > 0 && framedLoaded, 'both frames loaded');
      expect(refused).to.deep.equal([]);
    });
  });
});
