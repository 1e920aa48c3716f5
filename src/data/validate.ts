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

/**
 * An optional field left out of a record that was kept: the record's position and id (none for the
 * list's envelope), the field ("email", "themes[2]", "figures.jobs") and why.
 */
export interface DroppedField {
  index?: number;
  id?: string;
  field: string;
  reason: string;
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

/**
 * A validation function: the widgets use JSON Schema checks, the server and tests zod. `maxIssues`
 * raises the number of problems reported (the lenient pass wants them all at once).
 */
export type Check<T> = (data: unknown, prefix?: string, maxIssues?: number) => Validated<T>;

/** Validates with a zod schema (server, tests). */
export function validate<T>(schema: Schema<T>, data: unknown, prefix = '', maxIssues = 5): Validated<T> {
  const parsed = schema.safeParse(data);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues: toIssues(parsed.error.issues, prefix, maxIssues) };
}

/** The zod schema as a `Check` (what `validateEach` and `lenient` take). */
export const zodCheck =
  <T>(schema: Schema<T>): Check<T> =>
  (data, prefix = '', maxIssues = 5) =>
    validate(schema, data, prefix, maxIssues);

/**
 * Validates with the JSON Schema compiled from the same zod schema (widgets). `T` is the zod
 * schema's type; unknown fields are kept in the value and ignored by the widgets. `rules` says what
 * JSON Schema cannot (a mean within its record's scale); zod says the same with a refinement, and
 * like zod it runs only on a value that passed the schema.
 */
export function jsonCheck<T>(schema: JsonSchema, maxIssues = 5, rules?: (value: T, prefix: string) => DataIssue[]): Check<T> {
  return (data, prefix = '', max = maxIssues) => {
    const issues = checkJson(schema, data, prefix, [], max);
    if (!issues.length && rules) issues.push(...rules(data as T, prefix).slice(0, max));
    return issues.length ? { ok: false, issues } : { ok: true, value: data as T };
  };
}

/** What `lenient` (src/data/lenient.ts, loaded when a record needs it) makes of a record. */
export type Lenient<T> = { ok: true; value: T; dropped: { field: string; reason: string }[] } | { ok: false; issues: DataIssue[] };
