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

const patterns = new Map<string, RegExp>();
const regex = (source: string) => {
  let compiled = patterns.get(source);
  if (!compiled) patterns.set(source, (compiled = new RegExp(source, 'u')));
  return compiled;
};

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

function typeMatches(type: JsonSchema['type'], value: unknown): boolean {
  if (Array.isArray(type)) return type.some((one) => typeMatches(one, value));
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return type === undefined || typeOf(value) === type;
}

/**
 * Checks `value` against a JSON Schema derived from our zod schemas, and says where it fails:
 * `[{path: "poles[3].name", message: "required"}]`. The widgets use it instead of zod itself to
 * stay small; test/contract/validators.test.ts proves both give the same verdicts.
 */
export function checkJson(schema: JsonSchema, value: unknown, path = '', issues: DataIssue[] = [], max = 10): DataIssue[] {
  const report = (message: string, at = path) => {
    if (issues.length < max) issues.push({ path: at || '(racine)', message });
  };
  if (schema.anyOf) {
    // Reported at the union itself, as zod does: "text, or one text per language", say.
    if (!schema.anyOf.some((branch) => checkJson(branch, value, path, [], 1).length === 0)) report('not an allowed form');
    return issues;
  }
  if ('const' in schema && value !== schema.const) return report(`expected ${JSON.stringify(schema.const)}`), issues;
  if (schema.enum && !schema.enum.includes(value)) return report(`expected one of ${schema.enum.join(', ')}`), issues;
  if (!typeMatches(schema.type, value)) return report(`expected ${[schema.type].flat().join(' or ')}`), issues;

  if (typeof value === 'string') {
    const length = [...value].length;
    if (!value.trim() && (schema.minLength || schema.pattern)) report('required');
    else if (schema.minLength !== undefined && length < schema.minLength) report('too short');
    else if (schema.pattern && !regex(schema.pattern).test(value)) report('invalid format');
    else if (schema.format === 'uri' && !isUrl(value)) report('invalid URL');
    if (schema.maxLength !== undefined && length > schema.maxLength) report('too long');
  } else if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) report('too small');
    if (schema.maximum !== undefined && value > schema.maximum) report('too large');
  } else if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) report('too few items');
    if (schema.maxItems !== undefined && value.length > schema.maxItems) report('too many items');
    if (schema.items) value.forEach((item, index) => checkJson(schema.items!, item, `${path}[${index}]`, issues, max));
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (record[name] === undefined) report('required', path ? `${path}.${name}` : name);
    }
    for (const [name, item] of Object.entries(record)) {
      const at = path ? `${path}.${name}` : name;
      const property = schema.properties?.[name];
      if (property) {
        if (item !== undefined) checkJson(property, item, at, issues, max);
      } else if (!schema.properties) {
        // A record (map): check its keys and values; unknown fields of objects are ignored.
        if (schema.propertyNames && checkJson(schema.propertyNames, name, at).length) report('invalid key', at);
        if (typeof schema.additionalProperties === 'object') checkJson(schema.additionalProperties, item, at, issues, max);
      }
    }
  }
  return issues;
}
