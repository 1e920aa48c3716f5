// The public directory as open data: GeoJSON, CSV with its Table Schema, schema.org JSON-LD, and
// a Frictionless Data Package describing them (datapackage.json), served by the server under
// `open-data/` and written there by `npm run export`. Built from the public poles document only
// (what poles.json shows), through a whitelist of fields (fields.ts): no contact, no person.
import { createHash } from 'node:crypto';
import type { PolesDocument } from '../../../src/data/schemas/pole.js';
import { openPole, type OpenPole } from './fields.js';
import { polesGeoJson } from './geojson.js';
import { polesJsonLd } from './jsonld.js';
import { DEFAULT_LICENCE, type Licence, type Source } from './licence.js';
import { polesCsv, polesTableSchema } from './table.js';

export { openPole, type OpenPole } from './fields.js';
export { poleJsonLd, SCHEMA_ORG_CONTEXT } from './jsonld.js';
export { openDataSettings, parseLicence, parseSources, type Licence, type Source } from './licence.js';

export interface OpenDataOptions {
  licence?: Licence;
  /** Where the data comes from, besides the directories the poles' records name. */
  sources?: Source[];
  /** The publisher's name (the discovery document's `name`). */
  publisher?: string;
}

/** The folder, relative to the discovery document, and the files in it. */
export const OPEN_DATA_DIR = 'open-data';
export const OPEN_DATA_FILES = {
  datapackage: 'datapackage.json',
  geojson: 'poles.geojson',
  csv: 'poles.csv',
  jsonld: 'poles.jsonld',
} as const;

/** A document that is not JSON of ours: its media type and its text. */
export class TextDocument {
  constructor(
    readonly type: string,
    readonly text: string,
  ) {}
}

export const MEDIA_TYPES = {
  datapackage: 'application/json; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  jsonld: 'application/ld+json; charset=utf-8',
} as const;

const describe = (text: string) => ({
  bytes: Buffer.byteLength(text),
  hash: `sha256:${createHash('sha256').update(text).digest('hex')}`,
});

/** A Data Package's `created` is an RFC 3339 date-time: a bare date is that day's midnight, UTC. */
const dateTime = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : new Date(value).toISOString());

/** The sources: the operator's, then each directory the poles come from (once, by its origin). */
function sourcesOf(poles: OpenPole[], configured: Source[]): Source[] {
  const sources = [...configured];
  // A URL that does not parse (stored before a check existed) names no source rather than failing the build.
  const originOf = (url: string | undefined) => (url && URL.canParse(url) ? new URL(url).origin : undefined);
  for (const pole of poles) {
    const origin = originOf(pole.source?.url);
    if (!pole.source || !origin) continue;
    if (sources.some((s) => originOf(s.path) === origin)) continue;
    sources.push({ title: pole.source.name ?? origin, path: `${origin}/` });
  }
  return sources.length ? sources : [{ title: 'Annuaire des PTCE tenu sur ce serveur (ptce-widgets)' }];
}

/** The four files, by their path under the discovery document. */
export function openDataDocuments(polesDocument: PolesDocument, options: OpenDataOptions = {}): Map<string, TextDocument> {
  const poles = polesDocument.poles.map((pole) => openPole(pole, polesDocument.themes ?? []));
  const geojson = `${JSON.stringify(polesGeoJson(poles))}\n`;
  const csv = polesCsv(poles);
  const jsonld = `${JSON.stringify(polesJsonLd(poles))}\n`;
  const licence = options.licence ?? DEFAULT_LICENCE;
  const updated = poles.map((p) => p.updatedAt ?? '').reduce((a, b) => (b > a ? b : a), polesDocument.updatedAt ?? '');
  const datapackage = {
    profile: 'data-package',
    name: 'ptce-poles',
    title: 'Pôles territoriaux de coopération économique (PTCE)',
    description:
      "Annuaire public des pôles territoriaux de coopération économique : nom, structure porteuse, territoire, lieu, thèmes, chiffres publiés, signature de la charte. Aucune donnée de contact ni aucune donnée personnelle. Les coordonnées d'un pôle sans lieu connu sont vides (CSV) ou sa géométrie nulle (GeoJSON).",
    keywords: ['PTCE', 'économie sociale et solidaire', 'ESS', 'coopération économique', 'territoire'],
    ...(updated ? { created: dateTime(updated) } : {}),
    ...(options.publisher ? { contributors: [{ title: options.publisher, role: 'publisher' }] } : {}),
    licenses: [licence],
    sources: sourcesOf(poles, options.sources ?? []),
    resources: [
      {
        name: 'poles',
        path: OPEN_DATA_FILES.csv,
        profile: 'tabular-data-resource',
        title: 'Pôles (CSV)',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: polesTableSchema(),
        ...describe(csv),
      },
      {
        name: 'poles-geojson',
        path: OPEN_DATA_FILES.geojson,
        title: 'Pôles (GeoJSON, RFC 7946)',
        description: 'Un Feature par pôle, [longitude, latitude] en WGS 84 ; géométrie nulle pour un pôle sans coordonnées.',
        format: 'geojson',
        mediatype: 'application/geo+json',
        encoding: 'utf-8',
        ...describe(geojson),
      },
      {
        name: 'poles-jsonld',
        path: OPEN_DATA_FILES.jsonld,
        title: 'Pôles (JSON-LD, schema.org Organization)',
        format: 'jsonld',
        mediatype: 'application/ld+json',
        encoding: 'utf-8',
        ...describe(jsonld),
      },
    ],
  };
  const path = (file: string) => `${OPEN_DATA_DIR}/${file}`;
  return new Map([
    [path(OPEN_DATA_FILES.datapackage), new TextDocument(MEDIA_TYPES.datapackage, `${JSON.stringify(datapackage, null, 2)}\n`)],
    [path(OPEN_DATA_FILES.geojson), new TextDocument(MEDIA_TYPES.geojson, geojson)],
    [path(OPEN_DATA_FILES.csv), new TextDocument(MEDIA_TYPES.csv, csv)],
    [path(OPEN_DATA_FILES.jsonld), new TextDocument(MEDIA_TYPES.jsonld, jsonld)],
  ]);
}

/** The discovery document's links to them. */
export const openDataLinks = () =>
  Object.fromEntries(Object.entries(OPEN_DATA_FILES).map(([kind, file]) => [kind, `${OPEN_DATA_DIR}/${file}`])) as Record<
    keyof typeof OPEN_DATA_FILES,
    string
  >;
