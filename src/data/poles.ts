import { fail, ok, type Result } from './failure.js';
import { validateEach } from './validate.js';
import { checkPole, checkPolesEnvelope } from './checks/poles.js';
import { loadListAdapter } from './adapters/index.js';
import type { LoadedList, PtceClient } from './client.js';
import type { PoleCollection } from './schemas/pole.js';

/**
 * The endpoint's poles, validated pole by pole: invalid poles are skipped and reported, the others
 * kept in order. Lives apart from the client so that widgets without poles do not carry the pole
 * schema.
 */
export async function loadPoles(client: PtceClient, signal?: AbortSignal): Promise<Result<LoadedList<PoleCollection>>> {
  const where = await client.locate('poles', signal);
  if (!where.ok) return where;
  const { url, format } = where.value;
  const raw = await client.getJson(url, signal);
  if (!raw.ok) return raw;
  // Adapters for other formats are loaded only by the pages that use them.
  const adapt = format === 'ptce' ? undefined : await loadListAdapter(format);
  return client.parseOnce(raw.value, `poles:${format}`, () => {
    const envelope = checkPolesEnvelope(adapt ? adapt(raw.value) : raw.value);
    if (!envelope.ok) return fail({ kind: 'invalid', url, issues: envelope.issues });
    const { valid, skipped } = validateEach(checkPole, envelope.value.poles, 'poles');
    const value: PoleCollection = { poles: valid, themes: envelope.value.themes ?? [], updatedAt: envelope.value.updatedAt };
    return ok({ url, value, skipped });
  });
}
