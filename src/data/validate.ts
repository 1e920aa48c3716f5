import type { DataIssue } from './failure.js';
import { checkJson, type JsonSchema } from './json-validator.js';

/** The shape of a zod (classic or mini) schema that this module needs. */
export interface Schema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<ZodLikeIssue> } };
}
interface ZodLikeIssue {
  path: ReadonlyArray<PropertyKey>;
  message: string;
  code?: string;
  expected?: string;
}

/** A skipped record of a list: its position, its id when it has a usable one, and why. */
export interface SkippedRecord {
  index: number;
  id?: string;
  issues: DataIssue[];
}

/** `["poles", 3, "name"]` → `poles[3].name` */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(racine)';
}

function describe(issue: ZodLikeIssue): string {
  if (issue.code === 'invalid_type' && issue.expected) return `expected ${issue.expected}`;
  if (issue.code && issue.message === 'Invalid input') return issue.code.replace(/_/g, ' ');
  return issue.message;
}

export function toIssues(
  issues: ReadonlyArray<ZodLikeIssue>,
  prefix = '',
  max = 5,
): DataIssue[] {
  return issues.slice(0, max).map((issue) => ({ path: formatPath(issue.path, prefix), message: describe(issue) }));
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: DataIssue[] };

/** A validation function: the widgets use JSON Schema checks, the server and tests zod. */
export type Check<T> = (data: unknown, prefix?: string) => Validated<T>;

/** Validates with a zod schema (server, tests). */
export function validate<T>(schema: Schema<T>, data: unknown, prefix = ''): Validated<T> {
  const parsed = schema.safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: toIssues(parsed.error.issues, prefix) };
}

/**
 * Validates with the JSON Schema compiled from the same zod schema (widgets). `T` is the zod
 * schema's type; unknown fields are kept in the value and ignored by the widgets.
 */
export function jsonCheck<T>(schema: JsonSchema, maxIssues = 5): Check<T> {
  return (data, prefix = '') => {
    const issues = checkJson(schema, data, prefix, [], maxIssues);
    return issues.length ? { ok: false, issues } : { ok: true, value: data as T };
  };
}

/**
 * Validates a list one record at a time, so one broken record costs only itself: the valid ones
 * are kept in order, the others are reported.
 */
export function validateEach<T>(
  check: Check<T>,
  items: readonly unknown[],
  prefix: string,
): { valid: T[]; skipped: SkippedRecord[] } {
  const valid: T[] = [];
  const skipped: SkippedRecord[] = [];
  items.forEach((item, index) => {
    const result = check(item, `${prefix}[${index}]`);
    if (result.ok) {
      valid.push(result.value);
    } else {
      const id = item && typeof item === 'object' && 'id' in item ? (item as { id: unknown }).id : undefined;
      skipped.push({ index, id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined, issues: result.issues });
    }
  });
  return { valid, skipped };
}
