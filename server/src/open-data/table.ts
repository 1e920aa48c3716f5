// The CSV of the poles and its Table Schema, from one list of columns: the template's
// (docs/poles-modele.csv, read back by the widgets' CSV adapter) without its contact columns
// (courriel, téléphone). Comma-separated, UTF-8, dot decimals, ISO dates; lists in a cell are
// separated by " | ".
import type { OpenPole } from './fields.js';

type FieldType = 'string' | 'number' | 'integer' | 'date';

interface Column {
  name: string;
  type: FieldType;
  description: string;
  value: (pole: OpenPole) => string | number | undefined;
  constraints?: Record<string, unknown>;
  format?: string;
}

const LIST = ' | ';
const list = (values: (string | number)[] | undefined) => (values?.length ? values.join(LIST) : undefined);
const STATUS = { established: 'confirmé', emerging: 'en émergence' } as const;
const ORIGIN = { entrepreneurial: 'entrepreneuriale', citizen: 'citoyenne', 'local-authority': 'collectivité' } as const;

const PRECISION = { address: 'adresse', commune: 'commune', department: 'département' } as const;
const STAGE = { identified: 'identifié', engaged: 'engagé', laureate: 'lauréat' } as const;
const SCOPE = { sectoral: 'sectoriel', multisectoral: 'multisectoriel' } as const;
const FUNCTION = { promotion: 'sensibilisation', hosting: 'hébergement', 'multi-function': 'multifonctions' } as const;

/** A column whose value is one of a fixed set of words (the record's code, said in French). */
function inWords<Code extends string>(
  name: string,
  description: string,
  words: Record<Code, string>,
  code: (pole: OpenPole) => Code | undefined,
): Column {
  return {
    name,
    type: 'string',
    description,
    value: (pole) => {
      const value = code(pole);
      return value ? words[value] : undefined;
    },
    constraints: { enum: Object.values(words) },
  };
}

type Counted = 'members' | 'jobs' | 'fte' | 'turnover' | 'economic-scope';

/**
 * The figures a row gives, with their year: the key figures of the latest year they name (the
 * members of every kind added up), or the older undated figures. Other years stay in the GeoJSON
 * and the JSON-LD, which keep every figure.
 */
function figuresOf(pole: OpenPole): { year?: number; values: Partial<Record<Counted, number>>; source?: string } {
  const dated = pole.keyFigures ?? [];
  if (!dated.length) {
    const f = pole.figures ?? {};
    return { values: { members: f.structures, jobs: f.jobs, fte: f.fte, turnover: f.turnoverEuros } };
  }
  const years = dated.map((figure) => figure.year ?? 0);
  const latest = Math.max(...years);
  const values: Partial<Record<Counted, number>> = {};
  let source: string | undefined;
  for (const figure of dated.filter((figure) => (figure.year ?? 0) === latest)) {
    if (figure.kind === 'budget') continue;
    values[figure.kind] = (figure.kind === 'members' ? (values.members ?? 0) : 0) + figure.value;
    source ??= figure.source?.name;
  }
  return { year: latest || undefined, values, source };
}

export const COLUMNS: Column[] = [
  {
    name: 'identifiant',
    type: 'string',
    description: 'Identifiant stable du pôle',
    value: (p) => p.id,
    constraints: { required: true, unique: true },
  },
  { name: 'nom', type: 'string', description: 'Nom du pôle', value: (p) => p.name, constraints: { required: true } },
  { name: 'structure porteuse', type: 'string', description: 'Structure qui porte le pôle', value: (p) => p.carrier },
  inWords('statut', 'Stade du pôle', STATUS, (p) => p.status),
  inWords('origine', 'Origine du pôle', ORIGIN, (p) => p.origin),
  inWords('étape', 'Étape du pôle dans la démarche (identifié, engagé, lauréat d’un appel national)', STAGE, (p) => p.stage),
  inWords('sectoriel ou multisectoriel', 'Pôle sectoriel ou multisectoriel', SCOPE, (p) => p.scope),
  {
    name: 'fonctions',
    type: 'string',
    description: `Fonctions du pôle (sensibilisation, hébergement, multifonctions), séparées par "${LIST.trim()}"`,
    value: (p) => list(p.functions?.map((f) => FUNCTION[f])),
  },
  { name: 'forme juridique', type: 'string', description: 'Forme juridique de la structure porteuse', value: (p) => p.legalForm },
  {
    name: 'départements',
    type: 'string',
    description: `Codes INSEE des départements, séparés par "${LIST.trim()}"`,
    value: (p) => list(p.departments),
  },
  { name: 'territoire', type: 'string', description: 'Territoire du pôle, en clair', value: (p) => p.territory },
  { name: 'adresse', type: 'string', description: 'Adresse du pôle (voie), sans code postal ni commune', value: (p) => p.address },
  { name: 'code postal', type: 'string', description: 'Code postal', value: (p) => p.postcode, constraints: { pattern: '[0-9]{5}' } },
  { name: 'commune', type: 'string', description: 'Commune', value: (p) => p.commune },
  {
    name: 'latitude',
    type: 'number',
    description: 'Latitude WGS 84 (degrés décimaux)',
    value: (p) => p.geo?.lat,
    constraints: { minimum: -90, maximum: 90 },
  },
  {
    name: 'longitude',
    type: 'number',
    description: 'Longitude WGS 84 (degrés décimaux)',
    value: (p) => p.geo?.lon,
    constraints: { minimum: -180, maximum: 180 },
  },
  inWords(
    'précision du lieu',
    'Ce que placent latitude et longitude : l’adresse du pôle, sa commune, ou le centre de son département',
    PRECISION,
    (p) => (p.geo ? p.placePrecision : undefined),
  ),
  { name: 'description', type: 'string', description: 'Présentation du pôle', value: (p) => p.description },
  { name: 'thèmes', type: 'string', description: `Thèmes, séparés par "${LIST.trim()}"`, value: (p) => list(p.themes) },
  { name: 'année de création', type: 'integer', description: 'Année de création', value: (p) => p.foundedYear },
  {
    name: 'structures',
    type: 'number',
    description: 'Nombre de structures membres',
    value: (p) => figuresOf(p).values.members,
    constraints: { minimum: 0 },
  },
  { name: 'emplois', type: 'number', description: 'Nombre d’emplois', value: (p) => figuresOf(p).values.jobs, constraints: { minimum: 0 } },
  {
    name: 'etp',
    type: 'number',
    description: 'Équivalents temps plein',
    value: (p) => figuresOf(p).values.fte,
    constraints: { minimum: 0 },
  },
  {
    name: "chiffre d'affaires",
    type: 'number',
    description: "Chiffre d'affaires en euros",
    value: (p) => figuresOf(p).values.turnover,
    constraints: { minimum: 0 },
  },
  {
    name: 'périmètre économique',
    type: 'number',
    description: 'Périmètre économique en euros, tel que la source le donne',
    value: (p) => figuresOf(p).values['economic-scope'],
    constraints: { minimum: 0 },
  },
  {
    name: 'année des chiffres',
    type: 'integer',
    description: 'Année des chiffres de la ligne (vide : non datés)',
    value: (p) => figuresOf(p).year,
  },
  { name: 'source des chiffres', type: 'string', description: 'Source des chiffres de la ligne', value: (p) => figuresOf(p).source },
  { name: 'site web', type: 'string', format: 'uri', description: 'Site web du pôle', value: (p) => p.website },
  { name: 'horaires', type: 'string', description: "Horaires d'ouverture, en clair", value: (p) => p.openingHours },
  {
    name: 'réseaux sociaux',
    type: 'string',
    description: `Pages sur les réseaux sociaux, séparées par "${LIST.trim()}"`,
    value: (p) => list(p.social),
  },
  { name: 'date de signature', type: 'date', description: 'Date de signature de la charte des PTCE', value: (p) => p.charter?.date },
  { name: 'lieu de signature', type: 'string', description: 'Lieu de signature de la charte', value: (p) => p.charter?.place },
  {
    name: 'appels nationaux',
    type: 'string',
    description: `Années des appels à projets nationaux dont le pôle est lauréat, séparées par "${LIST.trim()}"`,
    value: (p) => list(p.nationalCalls),
  },
  {
    name: 'mis à jour',
    type: 'string',
    description: 'Dernière mise à jour de la fiche (date ISO 8601, avec ou sans heure)',
    value: (p) => p.updatedAt,
  },
];

/** Spreadsheets run a text cell starting with = + - @ as a formula: such text gets a leading apostrophe. */
const FORMULA = /^[\s\u00a0\u2000-\u200b\u2060\ufeff]*[=+\-@\t\r]/;

function cell(value: string | number | undefined, type: FieldType): string {
  if (value === undefined) return '';
  let text = String(value);
  if (type === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: comma-separated, CRLF line ends, a header line; UTF-8 without byte order mark. */
export function polesCsv(poles: OpenPole[]): string {
  const lines = [COLUMNS.map((c) => cell(c.name, 'string')).join(',')];
  for (const pole of poles) lines.push(COLUMNS.map((c) => cell(c.value(pole), c.type)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The Table Schema (Frictionless) of polesCsv. */
export function polesTableSchema() {
  return {
    fields: COLUMNS.map(({ name, type, description, constraints, format }) => ({
      name,
      type,
      ...(format ? { format } : {}),
      description,
      ...(constraints ? { constraints } : {}),
    })),
    primaryKey: ['identifiant'],
    missingValues: [''],
  };
}
