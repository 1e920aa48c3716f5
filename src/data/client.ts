import { fail, ok, type Failure, type Result } from './failure.js';
import type { Check, DroppedField, SkippedRecord } from './validate.js';
import { CONTRACT_VERSION } from './contract-version.js';
import type { Discovery, ListFormat, DirectoryResource, ReadableResource, ResourceLink, WritableResource } from './schemas/discovery.js';
import { checkDiscovery } from './checks/discovery.js';

export interface ClientOptions {
  /** Give up on a request after this long (default 10 s). */
  timeoutMs?: number;
  /** Refuse responses larger than this (default 5 MB): discovery, référentiel, charter, answers. */
  maxBytes?: number;
  /**
   * Refuse a poles list larger than this (default 32 MB, about 200,000 poles; `maxBytes` when only
   * that is given). Lists grow with the directory; the cap is there against a runaway response.
   */
  maxListBytes?: number;
  /** Serve a successful response from memory for this long (default 5 min). */
  ttlMs?: number;
}

/** A list loaded from the endpoint, with the records that were left out and why. */
export interface LoadedList<T> {
  url: string;
  value: T;
  skipped: SkippedRecord[];
  /** Optional fields of kept records that were unusable and left out. */
  dropped: DroppedField[];
}

/** Where a resource is, in which format, and for lists from another directory its taxonomy and name. */
export interface Located {
  url: string;
  format: ListFormat;
  taxonomy?: string;
  name?: string;
}

export interface ResolvedDiscovery extends Discovery {
  /** Absolute URL of the discovery document, against which its links resolve. */
  url: string;
}

interface CacheEntry {
  promise: Promise<Result<unknown>>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
  expires: number;
}

const ABORTED: Result<never> = { ok: false, failure: { kind: 'aborted' } };

/** A response read as text (a CSV file), or that was not JSON (a CSV file given as the endpoint). */
class TextBody {
  constructor(readonly text: string) {}
}

type Body = 'json' | 'text' | 'any';

/**
 * What a document given as `endpoint` is: a poles list and its format, `undefined` for a discovery
 * document (or what tries to be one: it is checked as one), `null` for neither (an HTML page…).
 */
function listFormat(doc: unknown): ListFormat | null | undefined {
  if (doc instanceof TextBody) return /^\s*</.test(doc.text) ? null : 'csv';
  const d = Object(doc) as Record<string, unknown>;
  if ('ptce' in d) return undefined;
  if (Array.isArray(d.poles)) return 'ptce';
  if (Array.isArray(doc) || Array.isArray(d.data ?? d['@graph'])) return 'gogocarto';
  return d.poles ? undefined : null;
}

/**
 * Talks to one endpoint for every widget of a page: one request per URL however many widgets ask,
 * a memory cache with a TTL, a timeout and a size cap, and failures returned as values.
 */
export class PtceClient {
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxListBytes: number;
  readonly ttlMs: number;
  readonly #cache = new Map<string, CacheEntry>();
  /** Parsed views of cached JSON, so three widgets reading one list validate it once. */
  readonly #parsed = new WeakMap<object, Map<string, unknown>>();

  constructor(endpoint: string, options: ClientOptions = {}) {
    this.endpoint = new URL(endpoint, document.baseURI).href;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.maxListBytes = options.maxListBytes ?? options.maxBytes ?? 32 * 1024 * 1024;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
  }

  /**
   * GETs a JSON document. Callers asking for the same URL share one request; a caller's `signal`
   * only stops its own wait, and the request itself is aborted once nobody waits for it any more.
   * `maxBytes` caps this resource (default: the client's `maxBytes`; lists pass `maxListBytes`).
   */
  getJson(url: string, signal?: AbortSignal, maxBytes = this.maxBytes): Promise<Result<unknown>> {
    return this.#get(url, 'json', signal, maxBytes);
  }

  /**
   * Takes a document the page already holds, as if fetched from `url` (a server-rendered page
   * carries the documents its elements were rendered from): no request, the same data.
   */
  prime(url: string, value: unknown): void {
    const href = new URL(url, this.endpoint).href;
    const promise = Promise.resolve(ok(value));
    this.#cache.set(href, { promise, controller: new AbortController(), waiters: 0, settled: true, expires: Date.now() + this.ttlMs });
  }

  /** Forgets cached responses (all, or one URL), e.g. after the data is known to have changed. */
  invalidate(url?: string): void {
    if (url) this.#cache.delete(url);
    else this.#cache.clear();
  }

  /**
   * The discovery document, or one made up when `endpoint` is a poles document itself (ours, a
   * GoGoCarto export, a CSV file): a site that only publishes a list needs no discovery request.
   * Fetched with the list's cap, since it may be the list.
   */
  async discovery(signal?: AbortSignal): Promise<Result<ResolvedDiscovery>> {
    const url = this.endpoint;
    const raw = await this.#get(url, 'any', signal, this.maxListBytes);
    if (!raw.ok) return raw;
    return this.parseOnce(raw.value, 'discovery', () => {
      const format = listFormat(raw.value);
      if (format === null) return fail({ kind: 'not-endpoint', url });
      if (format) {
        return ok({ ptce: CONTRACT_VERSION, poles: { url, format }, url });
      }
      const checked = checkDiscovery(raw.value);
      if (!checked.ok) return fail({ kind: 'invalid', url, issues: checked.issues });
      if (checked.value.ptce > CONTRACT_VERSION) {
        return fail({ kind: 'unsupported-version', url, version: checked.value.ptce });
      }
      return ok({ ...checked.value, url });
    });
  }

  /** Absolute URL (and list format) of a resource named by the discovery document. */
  async locate(
    resource: ReadableResource | WritableResource | DirectoryResource,
    signal?: AbortSignal,
  ): Promise<Result<Located>> {
    const found = await this.discovery(signal);
    if (!found.ok) return found;
    const link: ResourceLink | undefined = found.value[resource];
    if (link === undefined) return fail({ kind: 'no-resource', resource });
    const { url: href, format = 'ptce', taxonomy, name } = typeof link === 'string' ? { url: link } : link;
    try {
      const base = found.value.url;
      return ok({ url: new URL(href, base).href, format, taxonomy: taxonomy && new URL(taxonomy, base).href, name });
    } catch {
      return fail({ kind: 'invalid', url: found.value.url, issues: [{ path: resource, message: 'not a URL' }] });
    }
  }

  /**
   * GETs a text document (a CSV list) as `{text}`, shared and cached like `getJson`. One cache
   * entry per URL: a CSV file given as the endpoint was read as text already, and is not read again.
   */
  getText(url: string, signal?: AbortSignal, maxBytes = this.maxBytes): Promise<Result<unknown>> {
    return this.#get(url, 'text', signal, maxBytes);
  }

  #get(url: string, as: Body, signal: AbortSignal | undefined, maxBytes: number): Promise<Result<unknown>> {
    if (signal?.aborted) return Promise.resolve(ABORTED);
    let entry = this.#cache.get(url);
    if (!entry || (entry.settled && entry.expires < Date.now())) entry = this.#start(url, as, maxBytes);
    return this.#wait(url, entry, signal);
  }

  /**
   * Loads a single-document resource (référentiel, charter) and validates it with `check`.
   * Checks are passed in so a widget bundles only the schemas it uses.
   */
  async document<T>(
    resource: 'referentiel' | 'charter',
    check: Check<T>,
    signal?: AbortSignal,
  ): Promise<Result<{ url: string; value: T }>> {
    const where = await this.locate(resource, signal);
    if (!where.ok) return where;
    const { url } = where.value;
    const raw = await this.getJson(url, signal);
    if (!raw.ok) return raw;
    return this.parseOnce(raw.value, resource, () => {
      const checked = check(raw.value);
      return checked.ok ? ok({ url, value: checked.value }) : fail({ kind: 'invalid', url, issues: checked.issues });
    });
  }

  /**
   * POSTs JSON to a writable resource with an `Idempotency-Key`, so sending the same draft twice
   * (a retry after a lost answer) stores it once.
   */
  async post(
    resource: WritableResource,
    body: unknown,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<Result<unknown>> {
    const where = await this.locate(resource, signal);
    if (!where.ok) return where;
    const { url } = where.value;
    return this.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey }, body: JSON.stringify(body) }, signal);
  }

  /** An uncached request to a URL the endpoint named: a campaign's answers are private, never shared. */
  request(url: string, init: RequestInit, signal?: AbortSignal): Promise<Result<unknown>> {
    return this.#request(url, new AbortController(), signal, init);
  }

  /**
   * Parses a response once however many widgets read it: the result is kept with the response
   * object (so it goes when the cache drops the response).
   */
  parseOnce<T>(raw: unknown, key: string, compute: () => T): T {
    if (raw === null || typeof raw !== 'object') return compute();
    let views = this.#parsed.get(raw);
    if (!views) this.#parsed.set(raw, (views = new Map()));
    if (!views.has(key)) views.set(key, compute());
    return views.get(key) as T;
  }

  #start(url: string, as: Body, maxBytes: number): CacheEntry {
    const controller = new AbortController();
    const entry: CacheEntry = { controller, waiters: 0, settled: false, expires: 0, promise: Promise.resolve(ABORTED) };
    entry.promise = this.#request(url, controller, undefined, undefined, as, maxBytes).then((result) => {
      entry.settled = true;
      entry.expires = Date.now() + this.ttlMs;
      // Failures are not kept: "Réessayer" must really try again. An older request finishing
      // after a newer one started never touches the newer entry.
      if (!result.ok && this.#cache.get(url) === entry) this.#cache.delete(url);
      return result;
    });
    this.#cache.set(url, entry);
    return entry;
  }

  #wait(url: string, entry: CacheEntry, signal?: AbortSignal): Promise<Result<unknown>> {
    entry.waiters++;
    return new Promise((resolve) => {
      let done = false;
      const finish = (result: Result<unknown>) => {
        if (done) return;
        done = true;
        entry.waiters--;
        signal?.removeEventListener('abort', onAbort);
        if (!entry.settled && entry.waiters === 0) {
          entry.controller.abort();
          if (this.#cache.get(url) === entry) this.#cache.delete(url);
        }
        resolve(result);
      };
      const onAbort = () => finish(ABORTED);
      signal?.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(finish);
    });
  }

  async #request(
    url: string,
    controller: AbortController,
    callerSignal?: AbortSignal,
    init: RequestInit = {},
    as: Body = 'json',
    maxBytes = this.maxBytes,
  ): Promise<Result<unknown>> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onCallerAbort = () => controller.abort();
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const response = await fetch(url, {
        ...init,
        // JSON first; CSV too, since a list (and the endpoint itself) may be a CSV file.
        headers: { Accept: 'application/json, text/csv;q=0.9, */*;q=0.8', ...init.headers },
        // (Cookies go to the page's own origin only: fetch's default `credentials`.)
        signal: controller.signal,
        referrerPolicy: 'strict-origin-when-cross-origin',
      });
      // Refused on its declared length without reading it, else as soon as it passes the cap.
      const text = Number(response.headers.get('content-length')) > maxBytes ? null : await readCapped(response, maxBytes);
      if (text === null) {
        controller.abort();
        return fail({ kind: 'too-large', url, maxBytes });
      }
      // Text is never parsed; `any` keeps a body that is not JSON as text.
      let json: unknown;
      let parsed = as !== 'text';
      try {
        if (parsed) json = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = false;
      }
      if (!response.ok) return fail(httpFailure(url, response.status, json));
      if (!parsed && as !== 'json') return ok(new TextBody(text));
      if (!parsed || json === undefined) return fail({ kind: 'not-json', url });
      return ok(json);
    } catch {
      if (timedOut) return fail({ kind: 'timeout', url, timeoutMs: this.timeoutMs });
      if (controller.signal.aborted) return ABORTED;
      return fail({ kind: 'network', url });
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }
}

/** An HTTP error, keeping the field errors a 400 answer may carry (`{"errors": [{path, message}]}`). */
function httpFailure(url: string, status: number, body: unknown): Failure {
  const { errors, reason: named } = (body ?? {}) as { errors?: unknown; reason?: unknown };
  // Only a short word: it picks a message, it is never shown as is.
  const reason = typeof named === 'string' && /^[a-z-]{1,40}$/.test(named) ? { reason: named } : {};
  const issues = (Array.isArray(errors) ? errors : [])
    .filter((e): e is { path: string; message: string } => typeof e?.path === 'string' && typeof e?.message === 'string')
    .map(({ path, message }) => ({ path, message }));
  return { kind: 'http', url, status, ...(issues.length ? { issues } : {}), ...reason };
}

/** Reads a body as text, stopping as soon as it passes `maxBytes` (a lying Content-Length included). */
async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

const clients = new Map<string, PtceClient>();

/**
 * The page's one client for an endpoint: every widget and provider naming it shares its cache.
 * `options` apply when the client is first created (call it before the widgets load to tune it).
 */
export function clientFor(endpoint: string, options?: ClientOptions): PtceClient {
  const key = new URL(endpoint, document.baseURI).href;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new PtceClient(key, options)));
  return client;
}
