import { fail, ok, type Result } from './failure.js';
import type { Check, DroppedField, Lenient, SkippedRecord } from './validate.js';
import type { lenient } from './lenient.js';
import { checkPole, checkPolesEnvelope, checkTheme } from './checks/poles.js';
import { loadListAdapter } from './adapters/index.js';
import type { LoadedList, PtceClient } from './client.js';
import type { PoleCollection } from './schemas/pole.js';

/**
 * The endpoint's poles, validated record by record and leniently: a pole or theme keeps its valid
 * fields, loses (and reports) its unusable optional ones, and is left out only when a required
 * field fails or its id was already taken. Lives apart from the client so that widgets without
 * poles do not carry the pole schema.
 */
export async function loadPoles(client: PtceClient, signal?: AbortSignal): Promise<Result<LoadedList<PoleCollection>>> {
  const where = await client.locate('poles', signal);
  if (!where.ok) return where;
  const { url, format, taxonomy } = where.value;
  // The list, its adapter (loaded only by the pages that use one) and a GoGoCarto taxonomy (which
  // the adapter reads through the client's cache) are fetched together, not one after another.
  if (taxonomy) void client.getJson(taxonomy);
  const [adapter, raw] = await Promise.all([
    format === 'ptce' ? undefined : loadListAdapter(format),
    format === 'csv' ? client.getText(url, signal, client.maxListBytes) : client.getJson(url, signal, client.maxListBytes),
  ]);
  if (!raw.ok) return raw;
  // Adapted and validated once however many widgets read the list. The adapter's own requests (a
  // taxonomy) are not tied to one widget's signal, since the result is shared.
  return client.parseOnce(raw.value, `poles:${format}`, async () => {
    const adapted = adapter ? await adapter.adapt(raw.value, { where: where.value, client }) : raw;
    return adapted.ok ? collect(url, adapted.value) : adapted;
  });
}

/**
 * Lets the page breathe between slices of a long list (input, paint): no long task. A message, not
 * `setTimeout(0)`: chained timers are held 4 ms each from the fifth on (180 ms at 50,000 poles).
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });
}
const SLICE = 2000;

type Repair = typeof lenient;
let repair: Repair | undefined;
/** The lenient repair (src/data/lenient.ts), loaded the first time a record fails its check. */
const loadRepair = async (): Promise<Repair> => (repair ??= (await import('./lenient.js')).lenient);

/**
 * Like `lenient`, but its repair is loaded only for a record that needs it: valid data (nearly
 * all) costs one check and no download.
 */
export async function checkLeniently<T>(check: Check<T>, item: unknown, prefix: string): Promise<Lenient<T>> {
  const result = check(item, prefix);
  return result.ok ? { ok: true, value: result.value, dropped: [] } : (await loadRepair())(check, item, prefix);
}

interface Each<T> {
  valid: T[];
  skipped: SkippedRecord[];
  dropped: DroppedField[];
}
/** What the work asks of its driver: the repair (a record failed), or a pause (a slice is done). */
type Need = 'repair' | 'pause';

/** One record judged: one check, and the repair when it fails. */
function* judge<T>(check: Check<T>, item: unknown, at: string, fix: () => Repair | undefined): Generator<Need, Lenient<T>> {
  const result = check(item, at);
  if (result.ok) return { ok: true, value: result.value, dropped: [] };
  while (!fix()) yield 'repair';
  return fix()!(check, item, at);
}

const idOf = (item: unknown) => {
  const id = item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

/**
 * A list judged one record at a time, so one broken record costs only itself: optional fields
 * that fail are dropped, records whose required fields fail are left out, like those whose id an
 * earlier record has; a pause every SLICE records.
 */
function* each<T>(check: Check<T>, items: readonly unknown[], prefix: string, unique: (value: T) => string, fix: () => Repair | undefined): Generator<Need, Each<T>> {
  const out: Each<T> = { valid: [], skipped: [], dropped: [] };
  const seen = new Set<string>();
  for (let index = 0; index < items.length; index++) {
    if (index && index % SLICE === 0) yield 'pause';
    const at = `${prefix}[${index}]`;
    // The check first, inline: a generator per record would cost more than checking it.
    const checked = check(items[index], at);
    const result = checked.ok ? { ok: true as const, value: checked.value, dropped: [] } : yield* judge(check, items[index], at, fix);
    if (!result.ok) {
      out.skipped.push({ index, id: idOf(items[index]), issues: result.issues });
    } else if (seen.has(unique(result.value))) {
      out.skipped.push({ index, id: idOf(items[index]), issues: [{ path: `${at}.id`, message: 'duplicate id' }] });
    } else {
      seen.add(unique(result.value));
      out.valid.push(result.value);
      for (const { field, reason } of result.dropped) out.dropped.push({ index, id: idOf(items[index]), field, reason });
    }
  }
  return out;
}

function* collecting(url: string, document: unknown, fix: () => Repair | undefined): Generator<Need, Result<LoadedList<PoleCollection>>> {
  const envelope = yield* judge(checkPolesEnvelope, document, '', fix);
  if (!envelope.ok) return fail({ kind: 'invalid', url, issues: envelope.issues });
  const themes = yield* each(checkTheme, envelope.value.themes ?? [], 'themes', (theme) => theme.id, fix);
  yield 'pause';
  const poles = yield* each(checkPole, envelope.value.poles, 'poles', (pole) => pole.id, fix);
  const dropped: DroppedField[] = [
    ...envelope.dropped,
    ...themes.dropped.map((d) => ({ ...d, field: `themes[${d.index}].${d.field}`, index: undefined })),
    ...themes.skipped.map((s) => ({ field: `themes[${s.index}]`, reason: s.issues[0]?.message ?? 'invalid' })),
    ...poles.dropped,
  ];
  const value: PoleCollection = { poles: poles.valid, themes: themes.valid, updatedAt: envelope.value.updatedAt };
  return ok({ url, value, skipped: poles.skipped, dropped });
}

/**
 * A poles document (ours, or an adapter's output) → the valid poles and themes, and what was left
 * out. Long lists are validated slice by slice between tasks (50,000 poles never block the page),
 * and the lenient repair is downloaded only if a record needs it. Given `repair` (tests, tools),
 * all is done at once.
 */
export function collect(url: string, document: unknown, repair: Repair): Result<LoadedList<PoleCollection>>;
export function collect(url: string, document: unknown): Promise<Result<LoadedList<PoleCollection>>>;
export function collect(url: string, document: unknown, given?: Repair): Result<LoadedList<PoleCollection>> | Promise<Result<LoadedList<PoleCollection>>> {
  if (given) {
    const work = collecting(url, document, () => given);
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
    }
  }
  const work = collecting(url, document, () => repair);
  return (async () => {
    for (;;) {
      const step = work.next();
      if (step.done) return step.value;
      if (step.value === 'repair') await loadRepair();
      else await yieldToPage();
    }
  })();
}
