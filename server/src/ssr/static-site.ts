// The server-rendered pages as a static site (`npm run export`): every page a file, linked to the
// others by relative links, so that the folder reads from any web host or straight from a disk
// (without scripts there: browsers run no module scripts from file: pages). Served by a web host,
// the pages hydrate as on the server: the scripts (cdn/) and the documents are beside them.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REGION_NAMES } from '../../../src/data/regions-2015.js';
import type { PolesDocument } from '../../../src/data/schemas/pole.js';
import { FRAME_HEIGHT_SCRIPT } from './frame-height.js';
import { charterPage, mapPage, polePage, referentielEmbed, serverElements, type Rendered, type Site } from './render.js';

/** A pole id that makes a safe file name (others are left out of the export, and said so). */
const SAFE_ID = /^(?!\.\.?$)[\w.-]{1,120}$/;

export interface StaticSiteOptions {
  /** Where the folder will be published (`https://cress.example.org/ptce/`): canonical links and JSON-LD; none without it. */
  baseUrl?: string;
  /** The embed bundles to copy into `cdn/` (PTCE_CDN_DIR, else dist/cdn). */
  cdnDir: string;
}

/** Writes the pages; returns how many, and the poles left out for their ids. */
export async function writeStaticSite(folder: string, documents: Map<string, unknown>, options: StaticSiteOptions) {
  await serverElements;
  const docs = (name: string) => documents.get(name);
  const base = options.baseUrl ? new URL(options.baseUrl) : undefined;

  /** Links from the page at `at` (`carte/84`), relative: `../poles/x.html`, `../poles.json`. */
  const siteFor = (at: string): Site => {
    const up = '../'.repeat(at.split('/').length - 1);
    return {
      page: (path) => `${up}${path}.html`,
      file: (path) => `${up}${path}`,
      absolute: (path) => base && new URL(`${path}.html`, base).href,
      origin: base?.origin ?? '',
    };
  };
  let written = 0;
  const write = (at: string, render: (site: Site) => Rendered) => {
    const page = render(siteFor(at));
    if (page.status !== 200) return;
    const file = join(folder, `${at}.html`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, page.html);
    written++;
  };

  write('carte', (site) => mapPage(docs, site));
  write('embed/carte', (site) => mapPage(docs, site, { embed: true }));
  // Each region of both generations (a code both use is the current region's).
  for (const generation of ['current', '2015'] as const) {
    for (const region of Object.keys(REGION_NAMES[generation])) {
      if (generation === '2015' && Object.hasOwn(REGION_NAMES.current, region)) continue;
      write(`carte/${region}`, (site) => mapPage(docs, site, { region }));
      write(`embed/carte/${region}`, (site) => mapPage(docs, site, { region, embed: true }));
    }
  }
  const poles = (docs('poles.json') as PolesDocument | undefined)?.poles ?? [];
  const leftOut = poles.filter((pole) => !SAFE_ID.test(pole.id)).map((pole) => pole.id);
  for (const pole of poles.filter((p) => SAFE_ID.test(p.id))) {
    write(`poles/${pole.id}`, (site) => polePage(docs, site, pole.id));
    write(`embed/poles/${pole.id}`, (site) => polePage(docs, site, pole.id, { embed: true }));
  }
  write('charte', (site) => charterPage(docs, site));
  write('embed/charte', (site) => charterPage(docs, site, { embed: true }));
  write('embed/referentiel', (site) => referentielEmbed(site, {}, 'fr'));
  writeFileSync(join(folder, 'embed', 'frame-height.js'), FRAME_HEIGHT_SCRIPT);
  // The scripts the pages load: the hydration's and the référentiel's, with their chunks.
  const copied = existsSync(options.cdnDir);
  if (copied) cpSync(options.cdnDir, join(folder, 'cdn'), { recursive: true, filter: (source) => !source.endsWith('.map') });
  return { pages: written, leftOut, scripts: copied };
}
