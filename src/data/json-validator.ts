import type { DataIssue } from './failure.js';

/** The part of JSON Schema (2020-12) that the zod schemas of src/data/schemas/ compile to. */
type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface JsonSchema {
  type?: JsonType | readonly JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: readonly unknown[];
  const?: unknown;
  anyOf?: readonly JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
}

const isUrl = (value: string) => {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
};

const typeOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

function typeMatches(type: JsonType, value: unknown): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeOf(value) === type;
}

/** Length in code points, as `[...value].length` but without making an array of them. */
const codePoints = (value: string) => value.length - (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);

type Compiled = (value: unknown, path: string, issues: DataIssue[], max: number) => void;
const compiled = new WeakMap<JsonSchema, Compiled>();

/** A schema turned into a function once (regular expressions, messages, property table), then reused. */
function compile(schema: JsonSchema): Compiled {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = build(schema)));
  return check;
}

const report = (issues: DataIssue[], max: number, at: string, message: string) => {
  if (issues.length < max) issues.push({ path: at || '(racine)', message });
};

function build(schema: JsonSchema): Compiled {
  const { anyOf, minLength, maxLength, pattern, format, minimum, maximum, minItems, maxItems, items, required = [], properties, propertyNames, additionalProperties } = schema;
  const allowed = schema.enum;
  const hasConst = 'const' in schema;
  const types = schema.type === undefined ? undefined : ([schema.type].flat() as JsonType[]);
  const constText = hasConst ? `expected ${JSON.stringify(schema.const)}` : '';
  const enumText = allowed ? `expected one of ${allowed.join(', ')}` : '';
  const typeText = types ? `expected ${types.join(' or ')}` : '';
  const re = pattern ? new RegExp(pattern, 'u') : undefined;
  const blankIsMissing = !!(minLength || pattern);
  const props = properties && new Map(Object.entries(properties));
  return (value, path, issues, max) => {
    // Nothing more can be reported: the rest would be work for nothing.
    if (issues.length >= max) return;
    if (anyOf) {
      // Reported at the union itself, as zod does: "text, or one text per language", say.
      if (!anyOf.some((branch) => !checkJson(branch, value, path, [], 1).length)) report(issues, max, path, 'not an allowed form');
      return;
    }
    if (hasConst && value !== schema.const) return report(issues, max, path, constText);
    if (allowed && !allowed.includes(value)) return report(issues, max, path, enumText);
    if (types && !types.some((type) => typeMatches(type, value))) return report(issues, max, path, typeText);

    if (typeof value === 'string') {
      // Blank (what trim() would empty), tested without making the trimmed copy.
      if (blankIsMissing && !/\S/.test(value)) report(issues, max, path, 'required');
      else if (minLength !== undefined && codePoints(value) < minLength) report(issues, max, path, 'too short');
      else if (re && !re.test(value)) report(issues, max, path, 'invalid format');
      else if (format === 'uri' && !isUrl(value)) report(issues, max, path, 'invalid URL');
      if (maxLength !== undefined && value.length > maxLength && codePoints(value) > maxLength) report(issues, max, path, 'too long');
    } else if (typeof value === 'number') {
      if (minimum !== undefined && value < minimum) report(issues, max, path, 'too small');
      if (maximum !== undefined && value > maximum) report(issues, max, path, 'too large');
    } else if (Array.isArray(value)) {
      if (minItems !== undefined && value.length < minItems) report(issues, max, path, 'too few items');
      if (maxItems !== undefined && value.length > maxItems) report(issues, max, path, 'too many items');
      if (items) {
        const check = compile(items);
        for (let index = 0; index < value.length; index++) if (index in value) check(value[index], `${path}[${index}]`, issues, max);
      }
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const name of required) {
        if (record[name] === undefined) report(issues, max, path ? `${path}.${name}` : name, 'required');
      }
      for (const name of Object.keys(record)) {
        const property = props?.get(name);
        if (property) {
          const item = record[name];
          if (item !== undefined) compile(property)(item, path ? `${path}.${name}` : name, issues, max);
        } else if (!props) {
          // A record (map): check its keys and values; unknown fields of objects are ignored.
          const at = path ? `${path}.${name}` : name;
          if (propertyNames && checkJson(propertyNames, name, at).length) report(issues, max, at, 'invalid key');
          if (typeof additionalProperties === 'object') compile(additionalProperties)(record[name], at, issues, max);
        }
      }
    }
  };
}

/**
 * Checks `value` against a JSON Schema derived from our zod schemas, and says where it fails:
 * `[{path: "poles[3].name", message: "required"}]`. The widgets use it instead of zod itself to
 * stay small; test/contract/validators.test.ts proves both give the same verdicts. Each schema is
 * compiled once into a function (50,000 poles are checked by the same one).
 */
export function checkJson(schema: JsonSchema, value: unknown, path = '', issues: DataIssue[] = [], max = 10): DataIssue[] {
  compile(schema)(value, path, issues, max);
  return issues;
}
