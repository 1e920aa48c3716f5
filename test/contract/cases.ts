/** Valid and invalid documents shared by the contract tests (zod and the widgets' JSON checks). */
export const validSignature = {
  charterId: 'charte-demarche-collective-ptce',
  charterVersion: '2014-09-19',
  pole: { name: 'PTCE Exemple', street: '1 rue de la Coopération', postcode: '20090', city: 'Ajaccio', department: '2A' },
  representative: { lastName: 'Martin', firstName: 'Camille', email: 'camille@example.org', phone: '06 12 34 56 78' },
  status: 'established',
  commitments: ['build', 'contribute'],
  place: 'Ajaccio',
  date: '2026-11-24',
  signatories: [{ name: 'Camille Martin', role: 'Coordinatrice' }],
  consentToList: true,
};

/** A fiche action as `<ptce-action-form>` sends it (a made-up pole and person). */
export const validActionProposal = {
  pole: { id: 'bou-sol', name: "Bou'Sol" },
  action: {
    title: 'Fournil partagé',
    description: 'Un fournil ouvert aux boulangers du territoire.',
    stage: 'En activité depuis 2024.',
    offer: 'Une visite apprenante du fournil',
    website: 'https://fournil.example.org/',
    themes: ['alimentation'],
  },
  contact: { name: 'Camille Martin', email: 'camille.fiche@example.org' },
};

const assessment = { referentielId: 'r', referentielVersion: '1', respondent: { role: 'x' }, answers: {} };

/** [what, schema name, document, path the error must name] */
export const REJECTED: [string, string, unknown, string][] = [
  ['a pole without a name', 'pole', { id: 'p' }, 'name'],
  ['a pole with a blank name', 'pole', { id: 'p', name: '   ' }, 'name'],
  ['a department that is not an INSEE code', 'pole', { id: 'p', name: 'P', departments: ['35', '999'] }, 'departments[1]'],
  ['a javascript: website', 'pole', { id: 'p', name: 'P', website: 'javascript:alert(1)' }, 'website'],
  ['a data: logo', 'pole', { id: 'p', name: 'P', logo: { url: 'data:image/svg+xml,<svg onload=alert(1)>' } }, 'logo.url'],
  ['a latitude out of range', 'pole', { id: 'p', name: 'P', geo: { lat: 200, lon: 2 } }, 'geo.lat'],
  ['an unknown status', 'pole', { id: 'p', name: 'P', status: 'labellisé' }, 'status'],
  ['a turnover as text', 'pole', { id: 'p', name: 'P', figures: { turnoverEuros: '9 M€' } }, 'figures.turnoverEuros'],
  ['a founding year with decimals', 'pole', { id: 'p', name: 'P', foundedYear: 2010.5 }, 'foundedYear'],
  ['a name that is a number', 'pole', { id: 'p', name: 42 }, 'name'],
  [
    'a published mean outside its 1–4 scale',
    'pole',
    {
      id: 'p',
      name: 'P',
      referentielSummary: {
        referentielId: 'r',
        referentielVersion: '1',
        objectives: [{ id: 'o', label: 'O', mean: 99, answered: 1, total: 1 }],
      },
    },
    'referentielSummary.objectives[0].mean',
  ],
  [
    'a fiche action whose offer is too long',
    'action-proposal',
    { ...validActionProposal, action: { ...validActionProposal.action, offer: 'x'.repeat(2001) } },
    'action.offer',
  ],
  ['a figure of no known kind', 'pole', { id: 'p', name: 'P', keyFigures: [{ kind: 'revenue', value: 1 }] }, 'keyFigures[0].kind'],
  ['a figure without its value', 'pole', { id: 'p', name: 'P', keyFigures: [{ kind: 'jobs', year: 2014 }] }, 'keyFigures[0].value'],
  ['a place of no known precision', 'pole', { id: 'p', name: 'P', geo: { lat: 45, lon: 5, precision: 'street' } }, 'geo.precision'],
  ['a region that is no current INSEE region', 'pole', { id: 'p', name: 'P', region: '82' }, 'region'],
  ['a stage of no known kind', 'pole', { id: 'p', name: 'P', stage: 'labelled' }, 'stage'],
  ['a fact source of no known kind', 'pole', { id: 'p', name: 'P', factSources: { themes: { by: 'us' } } }, 'factSources.themes.by'],
  ['a provenance with an unsafe URL', 'pole', { id: 'p', name: 'P', provenance: { url: 'javascript:alert(1)' } }, 'provenance.url'],
  [
    'a fiche action with a javascript: website',
    'action-proposal',
    { ...validActionProposal, action: { ...validActionProposal.action, website: 'javascript:alert(1)' } },
    'action.website',
  ],
  ['a fiche action without a contact email', 'action-proposal', { ...validActionProposal, contact: { name: 'C' } }, 'contact.email'],
  ['a pole action without a date', 'pole', { id: 'p', name: 'P', actions: [{ title: 'T', description: 'D' }] }, 'actions[0].date'],
  ['a phone without digits', 'pole', { id: 'p', name: 'P', phone: 'appelez-nous' }, 'phone'],
  ['a theme with an empty id', 'theme', { id: '', label: 'Культура' }, 'id'],
  ['a discovery document without a version', 'discovery', { poles: 'poles.json' }, 'ptce'],
  ['a poles link without url', 'discovery', { ptce: 1, poles: { format: 'gogocarto' } }, 'poles'],
  [
    'a signature with a bad phone',
    'signature',
    { ...validSignature, representative: { ...validSignature.representative, phone: 'call me' } },
    'representative.phone',
  ],
  [
    'a signature with a 4-digit postcode',
    'signature',
    { ...validSignature, pole: { ...validSignature.pole, postcode: '2009' } },
    'pole.postcode',
  ],
  [
    'a signature with a bad email',
    'signature',
    { ...validSignature, representative: { ...validSignature.representative, email: 'camille@' } },
    'representative.email',
  ],
  ['a signature without signatories', 'signature', { ...validSignature, signatories: [] }, 'signatories'],
  ['a signature without consent answer', 'signature', { ...validSignature, consentToList: 'yes' }, 'consentToList'],
  [
    'an answer that is not on the scale type',
    'assessment',
    { ...assessment, answers: { '1.1.1': { value: 'beaucoup' } } },
    'answers.1.1.1.value',
  ],
  ['an answer with a decimal level', 'assessment', { ...assessment, answers: { '1.1.1': { value: 2.5 } } }, 'answers.1.1.1.value'],
  [
    'a référentiel text in an unknown shape',
    'referentiel',
    { id: 'r', version: '1', title: ['R'], status: 'official', scale: { levels: [], notApplicable: { label: 'NC' } }, objectives: [] },
    'title',
  ],
];

/** Strings a hostile or careless endpoint may send: valid text, to be shown as text. */
export const HOSTILE_TEXT = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload=window.__pwned=1>',
  '${alert(1)}',
  '{{constructor.constructor("window.__pwned=1")()}}',
  'undefined',
  'null',
  '\u202eevil',
];
