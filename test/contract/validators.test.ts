import { expect } from '@open-wc/testing';
import { jsonCheck, validate, type Schema } from '../../src/data/validate.js';
import { PUBLISHED_SCHEMAS, type PublishedSchemaName } from '../../src/data/json-schema.js';
import type { JsonSchema } from '../../src/data/json-validator.js';
import { HOSTILE_TEXT, REJECTED, validSignature } from './cases.js';

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
/** The compiled schemas, one module each (src/data/json-schemas/<name>.ts). */
const compiled: Record<string, JsonSchema> = {};
before(async () => {
  for (const name of Object.keys(PUBLISHED_SCHEMAS)) {
    const module = (await import(`../../src/data/json-schemas/${name}.ts`)) as Record<string, JsonSchema>;
    compiled[name] = module[`${camel(name)}Schema`];
  }
});
const widgetSchema = (name: string) => compiled[name];

/** Both verdicts for one document: zod's (server) and the compiled JSON Schema's (widgets). */
function both(name: string, data: unknown) {
  const [schema] = PUBLISHED_SCHEMAS[name as PublishedSchemaName];
  const zod = validate(schema as Schema<unknown>, data);
  const json = jsonCheck<unknown>(widgetSchema(name))(data);
  const paths = (r: typeof zod) => (r.ok ? [] : [...new Set(r.issues.map((i) => i.path))].sort());
  return { zod: { ok: zod.ok, paths: paths(zod) }, json: { ok: json.ok, paths: paths(json) } };
}

describe('the widgets\' JSON checks agree with the zod schemas', () => {
  it('compiles every published schema for the widgets', () => {
    for (const name of Object.keys(PUBLISHED_SCHEMAS)) expect(widgetSchema(name), name).to.be.an('object');
  });

  for (const [what, name, data] of REJECTED) {
    it(`both reject ${what}, at the same fields`, () => {
      const { zod, json } = both(name, data);
      expect(zod.ok).to.equal(false);
      expect(json).to.deep.equal(zod);
    });
  }

  it('both accept every demo file and the documented examples', async () => {
    const load = async (path: string) => (await fetch(path)).json();
    const referentiel = await load('/demo/data/referentiel.json');
    const samples: [string, unknown][] = [
      ['discovery', await load('/demo/data/ptce.json')],
      ['poles', await load('/demo/data/poles.json')],
      ['referentiel', referentiel],
      ['charter', await load('/demo/data/charter.json')],
      ['assessment-bundle', await load('/demo/data/regards-croises-demo.json')],
      ['signature', validSignature],
      ['signature', { ...validSignature, pole: { ...validSignature.pole, website: 'https://example.org/' } }],
    ];
    const markdown = await (await fetch('/docs/endpoint.md')).text();
    for (const [, name, body] of markdown.matchAll(/```json ([a-z-]+)\n([\s\S]*?)```/g)) samples.push([name, JSON.parse(body)]);
    for (const [name, data] of samples) {
      const { zod, json } = both(name, data);
      expect(zod.ok, `${name}: zod`).to.equal(true);
      expect(json, name).to.deep.equal(zod);
    }
  });

  it('both take hostile strings as plain, valid text', () => {
    for (const text of HOSTILE_TEXT) {
      const { zod, json } = both('pole', { id: 'p', name: text, description: text, territory: text });
      expect(zod.ok, text).to.equal(true);
      expect(json.ok, text).to.equal(true);
    }
  });

  it('both reject values of the wrong type everywhere in a pole', () => {
    const wrong = [null, 0, true, [], {}, 'x'];
    const fields = ['carrier', 'status', 'departments', 'geo', 'themes', 'figures', 'website', 'email', 'charter', 'nationalCalls'];
    for (const field of fields) {
      for (const value of wrong) {
        const { zod, json } = both('pole', { id: 'p', name: 'P', [field]: value });
        expect(json.ok, `${field}=${JSON.stringify(value)}`).to.equal(zod.ok);
      }
    }
  });
});
