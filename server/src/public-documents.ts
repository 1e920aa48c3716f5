import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions } from 'node:zlib';
import { CONTRACT_VERSION } from '../../src/data/schemas/discovery.js';
import type { Pole, PolesDocument } from '../../src/data/schemas/pole.js';
import { withSignatories } from './signatures.js';
import { withActions } from './actions.js';
import type { PublicData, SignatureRow, Store } from './store/types.js';
import { VERSION_PATH_TEMPLATE } from './referentiels/versions.js';
import { openDataDocuments, openDataLinks, TextDocument, type OpenDataOptions } from './open-data/index.js';

/** A public document ready to send: serialized and compressed once, not per request. */
export interface Prepared {
  etag: string;
  /** Its Content-Type. */
  type: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/**
 * The public poles document: the stored poles, plus every approved signature whose pole agreed to
 * be listed (see withSignatories: facts about the pole only, never the people who signed), and
 * the référentiel summary a pole published from one of its campaigns (never its answers), and the
 * approved fiches action on their poles (see withActions: never the contact).
 */
export function publicPoles(data: PublicData): PolesDocument {
  const { themes = [], updatedAt } = (data.documents.get('poles-meta') ?? {}) as { themes?: PolesDocument['themes']; updatedAt?: string };
  const withSummaries = data.poles.map((pole) => {
    const summary = data.summaries.get(pole.id) as Pole['referentielSummary'];
    return summary ? { ...pole, referentielSummary: summary } : { ...pole };
  });
  const poles = withActions(withSignatories(withSummaries, data.listed as SignatureRow[]), data.actions);
  return { ...(updatedAt ? { updatedAt } : {}), themes, poles };
}

/**
 * The discovery document. The server takes submissions at `api/…` beside it; a static export
 * names the server that does (`apiBase`), or none and is read-only.
 */
export function discoveryDocument(apiBase: string | null = '') {
  return {
    ptce: CONTRACT_VERSION,
    name: 'Serveur de référence ptce-widgets',
    poles: 'poles.json',
    referentiel: 'referentiel.json',
    charter: 'charter.json',
    openData: openDataLinks(),
    referentielVersions: VERSION_PATH_TEMPLATE,
    ...(apiBase === null
      ? {}
      : {
          signatures: `${apiBase}api/signatures`,
          assessments: `${apiBase}api/assessments`,
          campaigns: `${apiBase}api/campaigns`,
          actions: `${apiBase}api/actions`,
          contributions: `${apiBase}api/contributions`,
          duplicates: `${apiBase}api/duplicates`,
          contact: `${apiBase}api/poles/{id}/contact`,
          claim: `${apiBase}api/poles/{id}/claim`,
          owner: `${apiBase}api/owner`,
        }),
  };
}

/** Every public document by its file name; the discovery document names the others. */
export function publicDocuments(data: PublicData, discovery: object, openData?: OpenDataOptions): Map<string, unknown> {
  const poles = publicPoles(data);
  const documents = new Map<string, unknown>([
    ['ptce.json', discovery],
    ['poles.json', poles],
  ]);
  for (const kind of ['referentiel', 'charter']) {
    if (data.documents.has(kind)) documents.set(`${kind}.json`, data.documents.get(kind));
  }
  // The directory as open data (GeoJSON, CSV, JSON-LD, Data Package): open-data/.
  for (const [name, document] of openDataDocuments(poles, openData)) documents.set(name, document);
  return documents;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** The bytes of a document: our JSON, or a TextDocument's text as it is. */
const bytesOf = (value: unknown) => Buffer.from(value instanceof TextDocument ? value.text : JSON.stringify(value));
const typeOf = (value: unknown) => (value instanceof TextDocument ? value.type : JSON_TYPE);

const brotliOptions = (identity: Buffer): BrotliOptions => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
});
const etagOf = (identity: Buffer) => `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;

/** At once, on this thread (the static export). */
export function prepare(value: unknown): Prepared {
  const identity = bytesOf(value);
  return {
    etag: etagOf(identity),
    type: typeOf(value),
    identity,
    gzip: gzipSync(identity, { level: 9 }),
    br: brotliCompressSync(identity, brotliOptions(identity)),
  };
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * The same, compressed on libuv's thread pool: the best compression of a large poles document
 * takes hundreds of milliseconds, during which the server goes on answering.
 */
export async function prepareOffThread(value: unknown): Promise<Prepared> {
  const identity = bytesOf(value);
  const [gzipped, br] = await Promise.all([gzipAsync(identity, { level: 9 }), brotliAsync(identity, brotliOptions(identity))]);
  return { etag: etagOf(identity), type: typeOf(value), identity, gzip: gzipped, br };
}

/**
 * The public documents in memory, so that reads never wait for the database (nor for a write
 * holding it). Rebuilt when the store's revision moves: at once after a change made here, and
 * within `pollMs` after one made by another process.
 */
export class PublicCache {
  #prepared = new Map<string, Prepared>();
  #parsed = new Map<string, unknown>();
  #revision = -1;
  #refreshing: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly discovery: object,
    private readonly openData?: OpenDataOptions,
  ) {}

  /** Starts watching for other processes' changes. */
  watch(pollMs: number): void {
    this.#timer = setInterval(() => this.refresh().catch(() => {}), pollMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** Rebuilds if the data changed; calls made during a rebuild wait for the next one (one for all). */
  refresh(): Promise<void> {
    // One under way may have read the data before the caller's change: one more after it, then.
    if (this.#refreshing) {
      this.#next ??= this.#refreshing
        .catch(() => {})
        .then(() => {
          this.#next = undefined;
          return this.refresh();
        });
      return this.#next;
    }
    this.#refreshing = this.#rebuildIfChanged().finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #rebuildIfChanged(): Promise<void> {
    const revision = await this.store.revision();
    if (revision === this.#revision) return;
    const documents = publicDocuments(await this.store.publicData(), this.discovery, this.openData);
    const prepared = new Map<string, Prepared>();
    const ready = await Promise.all([...documents].map(async ([name, value]) => [`/${name}`, await prepareOffThread(value)] as const));
    for (const [path, document] of ready) prepared.set(path, document);
    this.#prepared = prepared;
    this.#parsed = documents;
    this.#revision = revision;
  }

  get(path: string): Prepared | undefined {
    return this.#prepared.get(path);
  }

  /** The parsed document (the charter and référentiel the POST routes check against). */
  document<T>(name: string): T | undefined {
    return this.#parsed.get(name) as T | undefined;
  }
}
