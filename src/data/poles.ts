import { fail, ok, type Result } from './failure.js';
import { lenient, validateEach, type Check, type DroppedField } from './validate.js';
import { checkPole, checkPolesEnvelope, checkTheme } from './checks/poles.js';
import { loadListAdapter } from './adapters/index.js';
import type { LoadedList, PtceClient } from './client.js';
import type { Pole, PoleCollection, Theme } from './schemas/pole.js';

/**
 * The endpoint's poles, validated record by record and leniently: a pole or theme keeps its valid
 * fields, loses (and reports) its unusable optional ones, and is left out only when a required
 * field fails or its id was already taken. Lives apart from the client so that widgets without
 * poles do not carry the pole schema.
 */
export async function loadPoles(client: PtceClient, signal?: AbortSignal): Promise<Result<LoadedList<PoleCollection>>> {
  const where = await client.locate('poles', signal);
  if (!where.ok) return where;
  const { url, format } = where.value;
  // Adapters for other formats are loaded only by the pages that use them.
  const adapter = format === 'ptce' ? undefined : await loadListAdapter(format);
  const raw = adapter?.fetch === 'text' ? await client.getText(url, signal, client.maxListBytes) : await client.getJson(url, signal, client.maxListBytes);
  if (!raw.ok) return raw;
  // Adapted and validated once however many widgets read the list. The adapter's own requests (a
  // taxonomy) are not tied to one widget's signal, since the result is shared.
  return client.parseOnce(raw.value, `poles:${format}`, async () => {
    const adapted = adapter ? await adapter.adapt(raw.value, { where: where.value, client }) : raw;
    return adapted.ok ? collect(url, adapted.value, true) : adapted;
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

type Each<T> = ReturnType<typeof validateEach<T>>;

/** Validates a list in slices of SLICE records, yielding between them when asked to. */
function* slices<T>(check: Check<T>, items: readonly unknown[], prefix: string, unique: (value: T) => string): Generator<Each<T>> {
  const seen = new Set<string>();
  for (let offset = 0; offset < items.length; offset += SLICE) {
    yield validateEach(check, items.slice(offset, offset + SLICE), prefix, unique, { offset, seen });
  }
}

/**
 * A poles document (ours, or an adapter's output) → the valid poles and themes, and what was left
 * out. With `breathe`, long lists are validated slice by slice between tasks (50,000 poles never
 * block the page).
 */
export function collect(url: string, document: unknown): Result<LoadedList<PoleCollection>>;
export function collect(url: string, document: unknown, breathe: true): Promise<Result<LoadedList<PoleCollection>>>;
export function collect(url: string, document: unknown, breathe = false): Result<LoadedList<PoleCollection>> | Promise<Result<LoadedList<PoleCollection>>> {
  const envelope = lenient(checkPolesEnvelope, document);
  if (!envelope.ok) return fail({ kind: 'invalid', url, issues: envelope.issues });
  const themeSlices = slices(checkTheme, envelope.value.themes ?? [], 'themes', (theme) => theme.id);
  const poleSlices = slices(checkPole, envelope.value.poles, 'poles', (pole) => pole.id);
  const themes: Each<Theme> = { valid: [], skipped: [], dropped: [] };
  const poles: Each<Pole> = { valid: [], skipped: [], dropped: [] };
  const add = <T>(into: Each<T>, part: Each<T>) => {
    into.valid.push(...part.valid);
    into.skipped.push(...part.skipped);
    into.dropped.push(...part.dropped);
  };
  const finish = (): Result<LoadedList<PoleCollection>> => {
    const dropped: DroppedField[] = [
      ...envelope.dropped,
      ...themes.dropped.map((d) => ({ ...d, field: `themes[${d.index}].${d.field}`, index: undefined })),
      ...themes.skipped.map((s) => ({ field: `themes[${s.index}]`, reason: s.issues[0]?.message ?? 'invalid' })),
      ...poles.dropped,
    ];
    const value: PoleCollection = { poles: poles.valid, themes: themes.valid, updatedAt: envelope.value.updatedAt };
    return ok({ url, value, skipped: poles.skipped, dropped });
  };
  if (!breathe) {
    for (const part of themeSlices) add(themes, part);
    for (const part of poleSlices) add(poles, part);
    return finish();
  }
  return (async () => {
    for (const part of themeSlices) add(themes, part), await yieldToPage();
    for (const part of poleSlices) add(poles, part), await yieldToPage();
    return finish();
  })();
}
