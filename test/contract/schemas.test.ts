import { expect } from '@open-wc/testing';
import { validate, type Schema } from '../../src/data/validate.js';
import { REJECTED, validActionProposal } from './cases.js';
import { Discovery } from '../../src/data/schemas/discovery.js';
import { Pole, PolesDocumentStrict } from '../../src/data/schemas/pole.js';
import { Referentiel } from '../../src/data/schemas/referentiel.js';
import { Charter } from '../../src/data/schemas/charter.js';
import { ActionProposal } from '../../src/data/schemas/action.js';
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

  it("accepts a fiche action without an offer (one of the 2016 journée's own fiches has none)", () => {
    const { offer: _offer, ...action } = validActionProposal.action;
    expect(validate(ActionProposal, { ...validActionProposal, action }).ok).to.equal(true);
  });

  it('accepts facts with their kind, year and source, and a record with its provenance', () => {
    const pole = {
      id: 'p',
      name: 'Pôle',
      region: '11',
      geo: { lat: 48.85, lon: 2.35, precision: 'commune' },
      keyFigures: [
        {
          kind: 'economic-scope',
          value: 9_000_000,
          year: 2014,
          source: { by: 'document', name: 'Journée 2014', url: 'https://example.org/j' },
        },
        { kind: 'members', value: 14, memberKind: 'ess' },
      ],
      scope: 'multisectoral',
      functions: ['hosting'],
      legalForm: 'SCIC',
      stage: 'laureate',
      nationalCalls: [2013],
      factSources: { themes: { by: 'publisher' }, stage: { by: 'document', name: 'Appel 2013' }, legalForm: { by: 'pole' } },
      provenance: { source: 'Carteco', url: 'https://example.org/p', importedAt: '2026-12-01T10:00:00Z', by: 'CRESS Exemple' },
    };
    const result = validate(Pole, pole);
    expect(result.ok && result.value).to.deep.equal(pole);
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
    // Seed 000: "9 millions d'euros de périmètre économique", said at the journée of 2014.
    expect(domb.figures).to.equal(undefined);
    expect(domb.keyFigures.find((f: { kind: string }) => f.kind === 'economic-scope')).to.include({ value: 9_000_000, year: 2014 });
    // The places are town centres the project chose: none claims an address.
    const placed = poles.filter((p: { geo?: unknown }) => p.geo);
    expect(placed).to.have.length(20);
    for (const pole of placed) expect(pole.geo.precision, pole.id).to.equal('commune');
    // The 2014 list places Fontaine O Livres in Île-de-France, with no département.
    expect(poles.find((p: { id: string }) => p.id === 'fontaine-o-livres')).to.include({ region: '11', territory: 'Nord-Est Francilien' });
    // Every theme tag is the project's own classification, and says so.
    for (const pole of poles.filter((p: { themes?: string[] }) => p.themes?.length))
      expect(pole.factSources.themes.by, pole.id).to.equal('publisher');
    for (const pole of poles) expect(pole.provenance.source, pole.id).to.be.a('string');
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
