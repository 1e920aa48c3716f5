// Route schemas are the contract's zod schemas (src/data/schemas/), typed by
// fastify-type-provider-zod. Its own compilers are not used: a refused body must be answered with
// the issues src/data/validate.ts words (the widgets and tests read their paths and messages), and
// an answer is sent as the route built it (its schema types the route; it never turns into a 500).
import type { FastifyInstance, FastifyPluginAsync, FastifySchemaCompiler, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DataIssue } from '../../../src/data/failure.js';
import { formatPath, validate, type Schema } from '../../../src/data/validate.js';
import { InvalidInput } from './errors.js';

export type { ZodTypeProvider };

/** An area of the server: a Fastify plugin whose routes are typed from their zod schemas. */
export type Area<Options extends object> = FastifyPluginAsync<Options, RawServerDefault, ZodTypeProvider>;

/**
 * Text holding U+0000 (a body's `\u0000`, a path's `%00`): never meant, and PostgreSQL cannot
 * store or even compare it (it failed the query, answered 500).
 */
function nulIssues(data: unknown): DataIssue[] {
  return containsNul(data) ? nulPaths(data) : [];
}

/** Whether any string or key holds U+0000: a walk that allocates next to nothing (every body goes through it). */
function containsNul(data: unknown): boolean {
  const pending: unknown[] = [data];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\0')) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value && typeof value === 'object') {
      // A parsed body's objects are plain (secure-json-parse drops __proto__): for…in lists their own keys.
      for (const key in value) {
        if (key.includes('\0')) return true;
        pending.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

/** Where the U+0000 are, as the issues' paths (the first ten). */
function nulPaths(data: unknown): DataIssue[] {
  interface Step {
    value: unknown;
    key?: PropertyKey;
    parent?: Step;
  }
  const pathOf = (step: Step) => {
    const path: PropertyKey[] = [];
    for (let at: Step | undefined = step; at?.parent; at = at.parent) path.unshift(at.key!);
    return formatPath(path);
  };
  const issues: DataIssue[] = [];
  // A loop, not recursion, and each step pointing to its parent: a body may nest arrays thousands deep.
  const pending: Step[] = [{ value: data }];
  while (pending.length && issues.length < 10) {
    const step = pending.pop()!;
    const { value } = step;
    if (typeof value === 'string') {
      if (value.includes('\0')) issues.push({ path: pathOf(step), message: 'contains a NUL character (U+0000)' });
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const child: Step = { value: item, key: Array.isArray(value) ? Number(key) : key, parent: step };
        if (key.includes('\0')) issues.push({ path: pathOf(child), message: 'contains a NUL character (U+0000)' });
        pending.push(child);
      }
    }
  }
  return issues;
}

const validatorCompiler: FastifySchemaCompiler<Schema<unknown>> =
  ({ schema }) =>
  (data) => {
    const nul = nulIssues(data);
    if (nul.length) return { error: new InvalidInput(nul) };
    const checked = validate(schema, data);
    return checked.ok ? { value: checked.value } : { error: new InvalidInput(checked.issues) };
  };

export function zodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
