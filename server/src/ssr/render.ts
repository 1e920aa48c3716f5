// Server rendering of the public pages (Lit's SSR, declarative shadow DOM): a pole's card, the map
// of poles (all of France or a region, both generations), the charter; whole pages and embed
// pages. The data are the server's own public documents, never fetched. The page embeds the
// documents its elements were rendered from, so that they hydrate from the same data
// (src/ssr/hydrate.ts), and loads that script only: the elements render the same there.
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { LoadedList } from '../../../src/data/client.js';
import { collect } from '../../../src/data/poles.js';
import { lenient } from '../../../src/data/lenient.js';
import { checkCharter } from '../../../src/data/checks/charter.js';
import { regionOf as regionOfDepartment } from '../../../src/data/geography.js';
import { REGION_NAMES, type RegionGeneration } from '../../../src/data/regions-2015.js';
import type { Pole, PoleCollection } from '../../../src/data/schemas/pole.js';
import { mapDataOf } from '../../../src/components/pole-map/internal/map-data.js';
import { mapKit } from './elements.js';
import { poleJsonLd, scriptJson } from './json-ld.js';
import { EMBED_OPTIONS, type EmbedWidget } from './embed-options.js';
import { pageText, type PageLang } from './page-text.js';

export { serverElements } from './elements.js';

/** Where things are: links between the pages and to the files, absolute on the server, relative in an export. */
export interface Site {
  /** A page of the site: `carte`, `carte/84`, `poles/<id>`, `charte`, `embed/carte`. */
  page(path: string): string;
  /** A file: `poles.json`, `cdn/ssr/hydrate.js`. */
  file(path: string): string;
  /** The page's address for search engines (canonical, JSON-LD), when the site's public address is known. */
  absolute(path: string): string | undefined;
  /** The origin the browser will see (logos are shown only from there), or '' when unknown. */
  origin: string;
}

/** The public documents, by file name (`poles.json`, `ptce.json`, `charter.json`). */
export type Documents = (name: string) => unknown;

export interface Rendered {
  status: 200 | 404;
  html: string;
}

const HYDRATE = 'cdn/ssr/hydrate.js';
const FRAME_HEIGHT = 'embed/frame-height.js';

/** Renders an element's template on the server, with `defer-hydration` on it: src/ssr/hydrate.ts lifts it once the data are in. */
function ssr(template: TemplateResult): string {
  return collectResultSync(render(template, { deferHydration: true }));
}

/** The poles as the widgets see them: validated leniently, as the client does (src/data/poles.ts). */
function loadedPoles(docs: Documents, url: string): LoadedList<PoleCollection> {
  const result = collect(url, docs('poles.json') ?? { poles: [] }, lenient);
  return result.ok ? result.value : { url, value: { themes: [], poles: [] }, skipped: [], dropped: [] };
}

/** Which generation a region code belongs to (current first: the shared codes name the same regions). */
export function regionGeneration(code: string): RegionGeneration | undefined {
  if (Object.hasOwn(REGION_NAMES.current, code)) return 'current';
  if (Object.hasOwn(REGION_NAMES['2015'], code)) return '2015';
  return undefined;
}

interface Shell {
  lang: PageLang;
  title: string;
  description: string;
  /** The page's own path (canonical). */
  path: string;
  body: string;
  /** Documents the elements were rendered from, by the URL they read them at. */
  data?: { endpoint: string; documents: Record<string, unknown> };
  jsonLd?: object;
  /** An embed page: no header or footer. (Every page tells a framing page its height: only embed pages can be framed.) */
  embed?: boolean;
  site: Site;
  /** The widget's `theme`: the page's own colours follow it (`dark`, `system`), light otherwise. */
  theme?: string;
  /** The page's scripts (files of the site); the hydration's by default. */
  scripts?: string[];
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/** The whole HTML document around the rendered elements. */
function page({ lang, title, description, path, body, data, jsonLd, embed, site, theme, scripts = [HYDRATE] }: Shell): string {
  const colorScheme = theme === 'dark' ? 'dark' : theme === 'system' ? 'light dark' : 'light';
  const text = pageText(lang);
  const canonical = site.absolute(path);
  const nav = embed
    ? ''
    : `<header class="site"><nav aria-label="${escapeAttr(text.nav)}"><a href="${escapeAttr(site.page('carte'))}">${escapeText(text.map)}</a> · <a href="${escapeAttr(site.page('charte'))}">${escapeText(text.charter)}</a></nav></header>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeText(title)}</title>
<meta name="description" content="${escapeAttr(description)}">
<meta name="color-scheme" content="${colorScheme}">
${canonical ? `<link rel="canonical" href="${escapeAttr(canonical)}">\n` : ''}${embed ? '<meta name="robots" content="noindex">\n' : ''}<style>
body { margin: 0; font-family: system-ui, sans-serif; line-height: 1.45; color: CanvasText; background: Canvas; }
.site, main { max-inline-size: 72rem; margin-inline: auto; padding: 0.75rem 1rem; }
.site a { color: LinkText; }
main.embed { max-inline-size: none; padding: 0.25rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
</style>
${[...scripts, FRAME_HEIGHT].map((file) => `<script type="module" src="${escapeAttr(site.file(file))}"></script>\n`).join('')}${jsonLd ? `<script type="application/ld+json">${scriptJson(jsonLd)}</script>\n` : ''}${data ? `<script type="application/json" id="ptce-ssr-data">${scriptJson(data)}</script>\n` : ''}</head>
<body>
${nav}<main${embed ? ' class="embed"' : ''}>
${body}
</main>
</body>
</html>
`;
}

// ——— A pole's page ———

export interface PoleOptions {
  lang?: PageLang;
  theme?: string;
  headingLevel?: number;
  /** The element's inline custom properties (embed pages' colours), already validated: embed-options.ts. */
  style?: string;
  embed?: boolean;
}

/** `/poles/<id>`: the pole's card as a page, with its JSON-LD; 404 for a pole not listed. */
export function polePage(docs: Documents, site: Site, id: string, options: PoleOptions = {}): Rendered {
  const lang = options.lang ?? 'fr';
  const text = pageText(lang);
  const endpoint = site.file('poles.json');
  const loaded = loadedPoles(docs, endpoint);
  const found = loaded.value.poles.find((p) => p.id === id);
  if (!found) return notFound(site, lang, text.poleNotFound, options.embed);
  // A logo is shown only from the origin the data come from: unknown in an export without an address.
  const pole: Pole = site.origin ? found : { ...found, logo: undefined };
  const headingLevel = options.headingLevel ?? (options.embed ? 2 : 1);
  const body = ssr(
    html`<ptce-pole-card
      endpoint=${endpoint}
      pole-id=${pole.id}
      heading-level=${headingLevel}
      lang=${lang}
      theme=${options.theme ?? nothing}
      style=${options.style ?? nothing}
      .serverData=${{ pole, themes: loaded.value.themes, origin: site.origin }}
    ></ptce-pole-card>`,
  );
  const back = options.embed ? '' : mapLinks(site, pole, text);
  return {
    status: 200,
    html: page({
      lang,
      site,
      title: `${pole.name} — ${text.poleSuffix}`,
      description: describe(pole, text.poleFallback(pole.name)),
      path: options.embed ? `embed/poles/${encodeURIComponent(pole.id)}` : `poles/${encodeURIComponent(pole.id)}`,
      body: body + back,
      // The card reads the list at its endpoint: given the pole alone (and the themes' labels).
      data: { endpoint, documents: { [endpoint]: { themes: loaded.value.themes, poles: [pole] } } },
      jsonLd: options.embed ? undefined : poleJsonLd(pole, site.absolute(`poles/${encodeURIComponent(pole.id)}`)),
      embed: options.embed,
      theme: options.theme,
    }),
  };
}

/** Links from a pole's page to its regions' maps. */
function mapLinks(site: Site, pole: Pole, text: ReturnType<typeof pageText>): string {
  const regions = [...new Set((pole.departments ?? []).map((code) => regionOfDepartment(code)).filter((r): r is string => !!r))];
  const links = regions.map(
    (code) => `<a href="${escapeAttr(site.page(`carte/${code}`))}">${escapeText(text.mapOf(REGION_NAMES.current[code] ?? code))}</a>`,
  );
  links.push(`<a href="${escapeAttr(site.page('carte'))}">${escapeText(text.allPoles)}</a>`);
  return `\n<p class="links">${links.join(' · ')}</p>`;
}

/** A short description for search engines: the pole's own, cut at a word, else a sentence naming it. */
function describe(pole: Pole, fallback: string): string {
  const own = pole.description?.replace(/\s+/g, ' ').trim();
  if (!own) return fallback;
  return own.length <= 160 ? own : `${own.slice(0, 157).replace(/\s+\S*$/, '')}…`;
}

// ——— The map ———

export interface MapOptions {
  region?: string;
  department?: string;
  regions?: RegionGeneration;
  view?: string;
  mode?: string;
  lang?: PageLang;
  theme?: string;
  headingLevel?: number;
  /** The element's inline custom properties (embed pages' colours), already validated: embed-options.ts. */
  style?: string;
  embed?: boolean;
}

/** `/carte` and `/carte/<region>`: map and list, the list's entries links to the poles' pages; 404 for an unknown region. */
export function mapPage(docs: Documents, site: Site, options: MapOptions = {}): Rendered {
  const lang = options.lang ?? 'fr';
  const text = pageText(lang);
  const generation = options.region ? (options.regions ?? regionGeneration(options.region)) : (options.regions ?? 'current');
  const regionName = options.region && generation ? REGION_NAMES[generation][options.region] : undefined;
  if (options.region && !regionName) return notFound(site, lang, text.regionNotFound, options.embed);
  const endpoint = site.file('poles.json');
  const loaded = loadedPoles(docs, endpoint);
  const data = mapDataOf(mapKit(), loaded, lang);
  const heading = regionName ? text.mapOf(regionName) : text.mapTitle;
  // The map's `regions` attribute only when it is not the default: the element's own default otherwise.
  const body = ssr(
    html`<ptce-pole-map
      endpoint=${endpoint}
      region=${options.region ?? nothing}
      department=${options.department ?? nothing}
      regions=${generation && generation !== 'current' ? generation : nothing}
      view=${options.view ?? nothing}
      mode=${options.mode ?? nothing}
      lang=${lang}
      theme=${options.theme ?? nothing}
      heading-level=${options.headingLevel ?? nothing}
      style=${options.style ?? nothing}
      pole-url=${options.embed ? nothing : site.page('poles/{id}')}
      ?sync-url=${options.embed}
      .serverData=${data}
    ></ptce-pole-map>`,
  );
  const path = options.embed ? 'embed/carte' : options.region ? `carte/${options.region}` : 'carte';
  return {
    status: 200,
    html: page({
      lang,
      site,
      title: `${heading} — ${text.siteName}`,
      description: regionName ? text.mapDescriptionOf(regionName) : text.mapDescription,
      path,
      body: (options.embed ? '' : `<h1>${escapeText(heading)}</h1>\n`) + body,
      data: { endpoint, documents: { [endpoint]: docs('poles.json') } },
      embed: options.embed,
      theme: options.theme,
    }),
  };
}

// ——— The charter ———

export interface CharterOptions {
  lang?: PageLang;
  theme?: string;
  headingLevel?: number;
  /** The element's inline custom properties (embed pages' colours), already validated: embed-options.ts. */
  style?: string;
  embed?: boolean;
}

/** `/charte`: the charter's text (and its signing form when the server takes signatures). */
export function charterPage(docs: Documents, site: Site, options: CharterOptions = {}): Rendered {
  const lang = options.lang ?? 'fr';
  const text = pageText(lang);
  const discovery = docs('ptce.json') as Record<string, unknown> | undefined;
  const checked = checkCharter(docs('charter.json'));
  if (!discovery || !checked.ok) return notFound(site, lang, text.charterMissing, options.embed);
  const endpoint = site.file('ptce.json');
  // As the element computes it in the browser: its client's endpoint, absolute.
  const absoluteEndpoint = site.origin ? new URL(endpoint, `${site.origin}/`).href : endpoint;
  const body = ssr(
    html`<ptce-charter
      endpoint=${endpoint}
      lang=${lang}
      theme=${options.theme ?? nothing}
      heading-level=${options.headingLevel ?? (options.embed ? 2 : 1)}
      style=${options.style ?? nothing}
      .serverData=${{ charter: checked.value, canSign: 'signatures' in discovery, endpoint: absoluteEndpoint }}
    ></ptce-charter>`,
  );
  return {
    status: 200,
    html: page({
      lang,
      site,
      title: `${text.charter} — ${text.siteName}`,
      description: text.charterDescription,
      path: options.embed ? 'embed/charte' : 'charte',
      body,
      data: { endpoint, documents: { [endpoint]: discovery, [site.file('charter.json')]: docs('charter.json') } },
      embed: options.embed,
      theme: options.theme,
    }),
  };
}

// ——— The référentiel (embed only, rendered by the browser) ———

/** `/embed/referentiel`: the référentiel's element with its options, its own script (no server rendering). */
export function referentielEmbed(site: Site, attributes: Record<string, string>, lang: PageLang): Rendered {
  const text = pageText(lang);
  const attrs = Object.entries({ endpoint: site.file('ptce.json'), ...attributes })
    .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`)
    .join('');
  return {
    status: 200,
    html: page({
      lang,
      site,
      title: `${text.referentiel} — ${text.siteName}`,
      description: text.referentielDescription,
      path: 'embed/referentiel',
      body: `<ptce-referentiel${attrs}></ptce-referentiel>`,
      embed: true,
      theme: attributes.theme,
      scripts: ['cdn/elements/ptce-referentiel.js'],
    }),
  };
}

/** The options an embed page takes from its query, by widget: attributes named as the element's. */
export function embedAttributes(widget: EmbedWidget, query: Record<string, unknown>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, allowed] of Object.entries(EMBED_OPTIONS[widget])) {
    const value = query[name];
    if (typeof value !== 'string' || value === '') continue;
    if (allowed instanceof RegExp ? allowed.test(value) : allowed.includes(value)) attributes[name] = value;
  }
  return attributes;
}

function notFound(site: Site, lang: PageLang, message: string, embed = false): Rendered {
  const text = pageText(lang);
  return {
    status: 404,
    html: page({
      lang,
      site,
      title: `${message} — ${text.siteName}`,
      description: message,
      path: 'carte',
      body: `<h1>${escapeText(message)}</h1>\n<p><a href="${escapeAttr(site.page('carte'))}">${escapeText(text.allPoles)}</a></p>`,
      embed,
      scripts: [],
    }),
  };
}
