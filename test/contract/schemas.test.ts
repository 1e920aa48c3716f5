import { expect } from '@open-wc/testing';
import { validate, type Schema } from '../../src/data/validate.js';
import { REJECTED } from './cases.js';
import { Discovery } from '../../src/data/schemas/discovery.js';
import { Pole, PolesDocumentStrict } from '../../src/data/schemas/pole.js';
import { Referentiel } from '../../src/data/schemas/referentiel.js';
import { Charter } from '../../src/data/schemas/charter.js';
import { AssessmentBundle, PHONE_PATTERN } from '../../src/data/schemas/submissions.js';
import { jsonSchemaOf, PUBLISHED_SCHEMAS, WIDGET_ONLY_SCHEMAS, type PublishedSchemaName } from '../../src/data/json-schema.js';

const load = async (path: string) => (await fetch(path)).json();
const paths = (result: ReturnType<typeof validate>) => (result.ok ? [] : result.issues.map((i) => i.path));

describe('endpoint contract: schemas', () => {
  it('accepts a minimal pole and ignores unknown fields', () => {
    const result = validate(Pole, { id: 'p', name: 'Pôle', futureField: { anything: 1 }, departments: ['2B', '974'] });
    expect(result.ok).to.equal(true);
    expect(result.ok && result.value).to.deep.equal({ id: 'p', name: 'Pôle', departments: ['2B', '974'] });
  });

  for (const [what, name, data, path] of REJECTED) {
    it(`rejects ${what} at "${path}"`, () => {
      const schema =
        name in WIDGET_ONLY_SCHEMAS
          ? WIDGET_ONLY_SCHEMAS[name as keyof typeof WIDGET_ONLY_SCHEMAS]
          : PUBLISHED_SCHEMAS[name as PublishedSchemaName][0];
      expect(paths(validate(schema as Schema<unknown>, data))).to.include(path);
    });
  }

  it('rejects a référentiel whose indicator ids repeat', async () => {
    const referentiel = await load('/demo/data/referentiel.json');
    referentiel.objectives[1].principalObjectives[0].indicators[0].id = '1.1.1';
    const result = validate(Referentiel, referentiel);
    expect(result.ok).to.equal(false);
    expect(!result.ok && result.issues[0].message).to.contain('unique');
  });

  it('does not hard-code 3 × 3 × 4: a 1 × 1 × 1 référentiel is valid', () => {
    const tiny = {
      id: 'r',
      version: '1',
      title: 'R',
      status: 'illustrative',
      scale: {
        levels: [
          { value: 0, label: 'Non' },
          { value: 1, label: 'Oui' },
        ],
        notApplicable: { label: 'NC' },
      },
      objectives: [
        { id: 'a', label: 'A', principalObjectives: [{ id: 'a1', label: 'A1', indicators: [{ id: 'q', label: 'Q', question: 'Q ?' }] }] },
      ],
    };
    expect(validate(Referentiel, tiny).ok).to.equal(true);
  });

  it('accepts French phone numbers in their usual forms and international ones', () => {
    for (const ok of [
      '06 12 34 56 78',
      '0612345678',
      '06.12.34.56.78',
      '06-12-34-56-78',
      '+33 6 12 34 56 78',
      '+33 (0)6 12 34 56 78',
      '0033 6 12 34 56 78',
      '+262 262 12 34 56',
      '+32 2 123 45 67',
      '+1 514 555 0199',
    ]) {
      expect(PHONE_PATTERN.test(ok), ok).to.equal(true);
    }
    for (const bad of ['12 34', '06 12 34 56', '6 12 34 56 78', 'tel: 06', '+33 6 12', '00 00 00 00 00']) {
      expect(PHONE_PATTERN.test(bad), bad).to.equal(false);
    }
  });
});

describe('endpoint contract: demo dataset', () => {
  it('the discovery document and every file it names validate', async () => {
    const discovery = validate(Discovery, await load('/demo/data/ptce.json'));
    expect(discovery.ok).to.equal(true);
    expect(validate(PolesDocumentStrict, await load('/demo/data/poles.json')).ok).to.equal(true);
    expect(validate(Referentiel, await load('/demo/data/referentiel.json')).ok).to.equal(true);
    expect(validate(Charter, await load('/demo/data/charter.json')).ok).to.equal(true);
    expect(validate(AssessmentBundle, await load('/demo/data/regards-croises-demo.json')).ok).to.equal(true);
  });

  it('has the 40 poles that signed on 19 September 2014, with unique ids and known themes', async () => {
    const { poles, themes } = await load('/demo/data/poles.json');
    expect(poles).to.have.length(40);
    expect(new Set(poles.map((p: { id: string }) => p.id)).size).to.equal(40);
    const themeIds = new Set(themes.map((t: { id: string }) => t.id));
    for (const pole of poles) {
      expect(pole.charter).to.deep.equal({ date: '2014-09-19', place: 'Paris' });
      for (const theme of pole.themes ?? []) expect(themeIds.has(theme), `${pole.id}: ${theme}`).to.equal(true);
    }
    const domb = poles.find((p: { name: string }) => p.name === "Domb'Innov");
    expect(domb.figures).to.deep.equal({ structures: 14, jobs: 300, turnoverEuros: 9_000_000 });
  });

  it('the illustrative référentiel is 3 × 3 × 4, says so, and keeps the 2014 general objectives', async () => {
    const referentiel = await load('/demo/data/referentiel.json');
    expect(referentiel.status).to.equal('illustrative');
    expect(referentiel.notice.fr).to.contain('Contenu indicatif');
    expect(referentiel.objectives.map((o: { label: { fr: string } }) => o.label.fr)).to.deep.equal([
      'Cultiver et servir le territoire',
      'Élaborer et conduire un projet global basé sur la coopération',
      'Développer une économie intégrée à la vie du territoire',
    ]);
    for (const objective of referentiel.objectives) {
      expect(objective.principalObjectives).to.have.length(3);
      for (const principal of objective.principalObjectives) expect(principal.indicators).to.have.length(4);
    }
  });

  it('the demo assessments answer indicators of the référentiel with values of its scale', async () => {
    const referentiel = await load('/demo/data/referentiel.json');
    const { assessments } = await load('/demo/data/regards-croises-demo.json');
    const ids = new Set(
      referentiel.objectives.flatMap((o: any) => o.principalObjectives.flatMap((p: any) => p.indicators.map((i: any) => i.id))),
    );
    const values = new Set([...referentiel.scale.levels.map((l: { value: number }) => l.value), 'na']);
    expect(new Set(assessments.map((a: { poleId: string }) => a.poleId)).size, 'one pole only').to.equal(1);
    for (const assessment of assessments) {
      for (const [id, answer] of Object.entries(assessment.answers) as [string, { value: number | string }][]) {
        expect(ids.has(id), id).to.equal(true);
        expect(values.has(answer.value), `${id}=${answer.value}`).to.equal(true);
      }
    }
  });
});

describe('endpoint contract: JSON Schema', () => {
  for (const name of Object.keys(PUBLISHED_SCHEMAS) as PublishedSchemaName[]) {
    it(`schemas/${name}.schema.json matches the zod schema`, async () => {
      const response = await fetch(`/schemas/${name}.schema.json`);
      expect(response.ok, 'file exists (run npm run build)').to.equal(true);
      expect(await response.json()).to.deep.equal(jsonSchemaOf(name));
    });
  }

  it('lets extra fields through (forward compatibility) and keeps required fields', () => {
    const pole = jsonSchemaOf('pole') as { required: string[]; additionalProperties?: unknown };
    expect(pole.required).to.deep.equal(['id', 'name']);
    expect(pole.additionalProperties).to.equal(undefined);
  });
});
