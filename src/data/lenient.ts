// Lenient validation: what to keep of a record that fails its check. Kept apart from validate.ts
// and loaded on demand by the widgets (src/data/poles.ts), since valid data never needs it.
import type { DataIssue } from './failure.js';
import { formatPath, type Check, type DroppedField, type Lenient, type SkippedRecord } from './validate.js';

/** `poles[3].figures.jobs` under the prefix `poles[3]` → `["figures", "jobs"]`; undefined for the record itself. */
function relativePath(path: string, prefix: string): (string | number)[] | undefined {
  if (path === '(racine)' || path === prefix || !path.startsWith(prefix)) return undefined;
  const tokens: (string | number)[] = [];
  for (const [, key, index] of `${prefix ? '' : '.'}${path.slice(prefix.length)}`.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    tokens.push(index === undefined ? key : Number(index));
  }
  return tokens.length ? tokens : undefined;
}

const pathText = (tokens: readonly (string | number)[]) => formatPath(tokens);

/** A required field we dropped for its own fault is reported with that fault, not as "required". */
function firstReason(issue: DataIssue, prefix: string, dropped: Map<string, { reason: string }>): DataIssue {
  const tokens = relativePath(issue.path, prefix);
  const earlier = tokens && dropped.get(pathText(tokens));
  return earlier ? { path: issue.path, message: earlier.reason } : issue;
}

/**
 * Validates one record leniently: an optional field that fails is dropped (and said so), and the
 * record is kept as long as its required fields hold. A dropped field that turns out to be required
 * drops its parent instead (a bad mean takes its objective; an emptied list, its owner), up to the
 * record itself, which is then refused with the reasons that sank it.
 */
export function lenient<T>(
  check: Check<T>,
  item: unknown,
  prefix = '',
): Lenient<T> {
  let result = check(item, prefix);
  if (result.ok) return { ok: true, value: result.value, dropped: [] };
  if (!item || typeof item !== 'object' || Array.isArray(item)) return result;
  let record: Record<string, unknown>;
  try {
    record = structuredClone(item) as Record<string, unknown>;
  } catch {
    // Not plain data (a function inside a pole given as a property): judged as it is.
    return result;
  }
  const tried = new Set<string>();
  const dropped = new Map<string, { reason: string }>();
  /** Every proper ancestor of a dropped field: a parent dropped later takes over their reasons. */
  const ancestors = new Set<string>();
  // Each round drops every field the last check named, so a record costs a few checks at most.
  const ALL = 100_000;
  result = check(record, prefix, ALL);
  for (let round = 0; round < 50 && !result.ok; round++) {
    const arrays = new Map<unknown[], { path: string; indices: Set<number> }>();
    const thisRound = new Set<string>();
    for (const issue of result.issues) {
      let tokens = relativePath(issue.path, prefix);
      // Several issues about one field (or inside a field already dropped) in one round: one drop.
      if (tokens?.some((_, i) => thisRound.has(pathText(tokens!.slice(0, i + 1))))) continue;
      while (tokens && tried.has(pathText(tokens))) tokens = tokens.length > 1 ? tokens.slice(0, -1) : undefined;
      if (!tokens) return refused(result.issues, prefix, dropped);
      const key = pathText(tokens);
      tried.add(key);
      thisRound.add(key);
      // The deepest reason is the telling one: "mean: outside the scale", not "objectives[0]: required".
      let reason = issue.message;
      if (ancestors.has(key)) {
        for (const [childKey, child] of dropped) {
          if (childKey.startsWith(key) && /^[.[]/.test(childKey.slice(key.length))) {
            if (reason === 'required' || reason === 'too few items') reason = child.reason;
            dropped.delete(childKey);
          }
        }
      }
      dropped.set(key, { reason });
      for (let i = 1; i < tokens.length; i++) ancestors.add(pathText(tokens.slice(0, i)));
      const parent = tokens.slice(0, -1).reduce<unknown>((node, token) => (node as Record<string | number, unknown> | undefined)?.[token], record);
      const last = tokens[tokens.length - 1];
      if (Array.isArray(parent) && typeof last === 'number') {
        if (!arrays.has(parent)) arrays.set(parent, { path: pathText(tokens.slice(0, -1)), indices: new Set() });
        arrays.get(parent)!.indices.add(last);
      } else if (parent && typeof parent === 'object') {
        delete (parent as Record<string, unknown>)[last];
      }
    }
    // Array items go once the round is over, so the round's indices all meant the same items; after
    // that an index names another item, which may still be dropped alone.
    for (const [array, { path, indices }] of arrays) {
      const kept = array.filter((_, index) => !indices.has(index));
      array.length = 0;
      array.push(...kept);
      for (const key of tried) if (key.startsWith(`${path}[`)) tried.delete(key);
    }
    result = check(record, prefix, ALL);
  }
  if (result.ok) return { ok: true, value: result.value, dropped: [...dropped].map(([field, { reason }]) => ({ field, reason })) };
  return refused(result.issues, prefix, dropped);
}

/** A refused record's issues: what sank it, then the fields it would have lost anyway. */
function refused(issues: DataIssue[], prefix: string, dropped: Map<string, { reason: string }>): { ok: false; issues: DataIssue[] } {
  const fatal = issues.map((issue) => firstReason(issue, prefix, dropped));
  const seen = new Set(fatal.map((issue) => issue.path));
  const others = [...dropped]
    .map(([field, { reason }]) => ({ path: prefix ? `${prefix}.${field}` : field, message: reason }))
    .filter((issue) => !seen.has(issue.path));
  return { ok: false, issues: [...fatal, ...others] };
}

const idOf = (item: unknown) => {
  const id = item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

/**
 * Validates a list one record at a time, so one broken record costs only itself: optional fields
 * that fail are dropped (`dropped`), records whose required fields fail are left out (`skipped`),
 * the others kept in order. With `unique`, a record whose id an earlier one has is left out too.
 */
export function validateEach<T>(
  check: Check<T>,
  items: readonly unknown[],
  prefix: string,
  unique?: (value: T) => string,
  /** To validate a long list in slices: where this slice starts, and the ids seen before it. */
  slice: { offset: number; seen: Set<string> } = { offset: 0, seen: new Set() },
): { valid: T[]; skipped: SkippedRecord[]; dropped: DroppedField[] } {
  const valid: T[] = [];
  const skipped: SkippedRecord[] = [];
  const dropped: DroppedField[] = [];
  const { offset, seen } = slice;
  items.forEach((item, position) => {
    const index = offset + position;
    const at = `${prefix}[${index}]`;
    const result = lenient(check, item, at);
    const id = idOf(item);
    if (!result.ok) {
      skipped.push({ index, id, issues: result.issues });
    } else if (unique && seen.has(unique(result.value))) {
      skipped.push({ index, id, issues: [{ path: `${at}.id`, message: 'duplicate id' }] });
    } else {
      if (unique) seen.add(unique(result.value));
      valid.push(result.value);
      for (const { field, reason } of result.dropped) dropped.push({ index, id, field, reason });
    }
  });
  return { valid, skipped, dropped };
}
