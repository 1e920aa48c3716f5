import { expect } from '@open-wc/testing';
import { jsonCheck, validate, zodCheck, type Check, type Schema } from '../../src/data/validate.js';
import { lenient } from '../../src/data/lenient.js';
import { PUBLISHED_SCHEMAS, WIDGET_ONLY_SCHEMAS, type PublishedSchemaName } from '../../src/data/json-schema.js';
import { checkPole, checkTheme } from '../../src/data/checks/poles.js';
import { Pole } from '../../src/data/schemas/pole.js';
import type { JsonSchema } from '../../src/data/json-validator.js';
import { HOSTILE_TEXT, REJECTED, validActionProposal, validSignature } from './cases.js';

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

/** The widgets' own checks where they add rules JSON Schema cannot say (a mean on its scale). */
const widgetChecks: Record<string, Check<unknown>> = { pole: checkPole, theme: checkTheme };

/** Both verdicts for one document: zod's (server) and the compiled JSON Schema's (widgets). */
function both(name: string, data: unknown) {
  const schema =
    name in WIDGET_ONLY_SCHEMAS
      ? WIDGET_ONLY_SCHEMAS[name as keyof typeof WIDGET_ONLY_SCHEMAS]
      : PUBLISHED_SCHEMAS[name as PublishedSchemaName][0];
  const zod = validate(schema as Schema<unknown>, data);
  const json = (widgetChecks[name] ?? jsonCheck<unknown>(widgetSchema(name)))(data);
  const paths = (r: typeof zod) => (r.ok ? [] : [...new Set(r.issues.map((i) => i.path))].sort());
  return { zod: { ok: zod.ok, paths: paths(zod) }, json: { ok: json.ok, paths: paths(json) } };
}

describe("the widgets' JSON checks agree with the zod schemas", () => {
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
      ['action-proposal', validActionProposal],
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

  it('both keep the same fields of a record with unusable optional ones, and drop the same', () => {
    const records = [
      { id: 'p', name: 'P', email: 'contact at example.org', phone: 'appelez-nous', updatedAt: '25/11/2026', departments: ['35', '999'] },
      {
        id: 'p',
        name: 'P',
        geo: { lat: 200, lon: 2 },
        figures: { jobs: -3, structures: 4 },
        themes: ['a', 3, 'b'],
        website: 'javascript:alert(1)',
      },
      {
        id: 'p',
        name: 'P',
        referentielSummary: {
          referentielId: 'r',
          referentielVersion: '1',
          objectives: [
            { id: 'o1', label: 'O1', mean: 99, answered: 1, total: 1 },
            { id: 'o2', label: 'O2', mean: 2.5, answered: 1, total: 1 },
          ],
        },
      },
      {
        id: 'p',
        name: 'P',
        referentielSummary: {
          referentielId: 'r',
          referentielVersion: '1',
          objectives: [{ id: 'o', label: 'O', mean: 5, answered: 1, total: 1 }],
        },
      },
      { id: 'p', name: 'P', themes: ['a', 1, 'b', 2, 'c', 3, 'd', 4, 'e', 5, 'f', 6, 'g', 7] },
      { id: 'p', name: 42, email: 'x' },
      { id: '', name: 'P' },
    ];
    // The same record kept, the same fields dropped (zod words its reasons its own way).
    const verdict = (result: ReturnType<typeof lenient>) =>
      result.ok
        ? { value: result.value, fields: result.dropped.map((d) => d.field).sort() }
        : { refused: result.issues.map((i) => i.path).sort() };
    for (const record of records) {
      const zod = verdict(lenient(zodCheck(Pole), record, 'poles[0]'));
      const json = verdict(lenient(checkPole, record, 'poles[0]'));
      expect(json, JSON.stringify(record)).to.deep.equal(zod);
    }
    const kept = lenient(checkPole, records[0], 'poles[0]');
    if (!kept.ok) throw new Error('kept');
    expect(kept.value).to.deep.equal({ id: 'p', name: 'P', departments: ['35'] });
    expect(kept.dropped.map((d) => d.field).sort()).to.deep.equal(['departments[1]', 'email', 'phone', 'updatedAt']);
    const summary = lenient(checkPole, records[2], 'poles[0]');
    if (!summary.ok) throw new Error('summary');
    expect(
      summary.value.referentielSummary!.objectives.map((o) => o.id),
      'the mean of 99 goes with its objective',
    ).to.deep.equal(['o2']);
    expect(summary.dropped).to.deep.equal([{ field: 'referentielSummary.objectives[0]', reason: 'outside the scale' }]);
    const noSummary = lenient(checkPole, records[3], 'poles[0]');
    if (!noSummary.ok) throw new Error('no summary');
    expect(noSummary.value).to.deep.equal({ id: 'p', name: 'P' });
    expect(noSummary.dropped).to.deep.equal([{ field: 'referentielSummary', reason: 'outside the scale' }]);
    const notData = lenient(checkPole, { id: 'p', name: 'P', email: 'x', extra: () => 1 }, 'pole');
    expect(notData.ok, 'a record that cannot be copied is judged as it is, without throwing').to.equal(false);
    const themes = lenient(checkPole, records[4], 'poles[0]');
    expect(themes.ok && themes.value.themes, 'each bad item goes alone').to.deep.equal(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const refused = lenient(checkPole, records[5], 'poles[0]');
    // What sank it first, then what it would have lost anyway.
    expect(refused).to.deep.equal({
      ok: false,
      issues: [
        { path: 'poles[0].name', message: 'expected string' },
        { path: 'poles[0].email', message: 'invalid format' },
      ],
    });
  });
});
