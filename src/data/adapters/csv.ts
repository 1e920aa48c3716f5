import { dsvFormat } from 'd3-dsv';
import { fail, ok, type Result } from '../failure.js';
import { departmentFromPostcode } from '../geography.js';
import type { ListAdapter } from './index.js';
import { absent, cleanEmail, isoDateTime, plainText, postcodeOf, prune, slug, text, websiteOf } from './fields.js';

/**
 * A spreadsheet saved as CSV → poles document. One pole per row, columns named in French or in
 * English (docs/endpoint.md lists them; case, accents, spaces and punctuation do not matter),
 * separated by `;` (Excel in French), `,` or tabs, with or without a byte order mark. Lists in a
 * cell (departments, themes, national calls, social links) are separated by `;` or `|` (or `,`
 * when the file itself uses `;`). Themes are written by name; their ids are made from the names.
 */
export const csvAdapter: ListAdapter = {
  async adapt(raw, context) {
    const body = (raw as { text?: unknown }).text;
    return fromCsv(typeof body === 'string' ? body : '', context.where.url);
  },
};

/** Column name (normalised) → our field. */
const COLUMNS: Record<string, string> = {};
const column = (field: string, ...names: string[]) => {
  for (const name of [field, ...names]) COLUMNS[normalise(name)] = field;
};
column('id', 'identifiant', 'identifier', 'ref', 'référence');
column('name', 'nom', 'nom du pôle', 'pole', 'pôle', 'ptce');
column('carrier', 'porteur', 'structure porteuse', 'carrier structure');
column('status', 'statut', 'stade');
column('departments', 'départements', 'département', 'department', 'dept', 'depts');
column('territory', 'territoire');
column('commune', 'ville', 'city', 'town');
column('address', 'adresse', 'street', 'street address', 'rue');
column('postcode', 'code postal', 'cp', 'postal code', 'zip');
column('lat', 'latitude');
column('lon', 'longitude', 'lng', 'long');
column('description', 'présentation', 'presentation');
column('themes', 'thèmes', 'thématiques', 'thematiques', 'catégories', 'categories');
column('origin', 'origine');
column('foundedYear', 'année de création', 'création', 'founded', 'year founded', 'founded year');
column('structures', 'nombre de structures', 'membres', 'members');
column('jobs', 'emplois', 'salariés', 'employees');
column('fte', 'etp', 'équivalents temps plein', 'full-time equivalents');
column('turnoverEuros', "chiffre d'affaires", 'ca', 'turnover', 'turnover euros', "chiffre d'affaires (€)");
column('website', 'site', 'site web', 'site internet', 'web', 'url');
column('email', 'courriel', 'e-mail', 'mail', 'adresse électronique');
column('phone', 'téléphone', 'tel', 'tél', 'telephone');
column('logo', 'logo url', 'url du logo');
column('logoAlt', 'texte du logo', 'logo alt', 'logo text');
column('charterDate', 'date de signature', 'signature de la charte', 'charte', 'charter', 'charter date', 'date charte');
column('charterPlace', 'lieu de signature', 'charter place', 'lieu charte');
column('nationalCalls', 'appels nationaux', 'lauréat', 'laureat', 'appels à projets', 'national calls');
column('hours', 'horaires', "heures d'ouverture", 'opening hours', 'hours');
column('social', 'réseaux sociaux', 'reseaux sociaux', 'social links', 'social networks', 'facebook', 'linkedin', 'mastodon', 'instagram');
column('sourceUrl', 'fiche', 'page', 'lien', 'source', 'source url');
column('precision', 'précision du lieu', 'précision', 'place precision', 'geo precision');
column('economicScope', 'périmètre économique', 'economic scope');
column('figuresYear', 'année des chiffres', 'figures year');
column('figuresSource', 'source des chiffres', 'figures source');
column('stage', 'étape', 'stage');
column('scope', 'sectoriel ou multisectoriel', 'secteurs', 'scope');
column('functions', 'fonctions', 'functions');
column('legalForm', 'forme juridique', 'legal form');
column('updatedAt', 'mis à jour', 'mise à jour', 'date de mise à jour', 'updated', 'updated at', 'last updated');

/** The separator the header line uses most: `;` (Excel in French), `,`, tab or `|`. */
function delimiterOf(body: string): string {
  const header = body.slice(0, body.search(/\r?\n|$/));
  const counts = [';', ',', '\t', '|'].map((candidate) => [candidate, header.split(candidate).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** A logo written relative to the CSV file ("logos/x.png") is relative to where the file is. */
function resolve(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

function normalise(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const STATUS: Record<string, 'established' | 'emerging'> = {
  established: 'established',
  confirme: 'established',
  etabli: 'established',
  emerging: 'emerging',
  emergent: 'emerging',
  enemergence: 'emerging',
};
const PRECISION: Record<string, 'address' | 'commune' | 'department'> = {
  address: 'address',
  adresse: 'address',
  commune: 'commune',
  ville: 'commune',
  department: 'department',
  departement: 'department',
  centredudepartement: 'department',
};
const STAGE: Record<string, 'identified' | 'engaged' | 'laureate'> = {
  identified: 'identified',
  identifie: 'identified',
  engaged: 'engaged',
  engage: 'engaged',
  laureate: 'laureate',
  laureat: 'laureate',
};
const SCOPE: Record<string, 'sectoral' | 'multisectoral'> = {
  sectoral: 'sectoral',
  sectoriel: 'sectoral',
  multisectoral: 'multisectoral',
  multisectoriel: 'multisectoral',
};
const FUNCTION: Record<string, 'promotion' | 'hosting' | 'multi-function'> = {
  promotion: 'promotion',
  sensibilisation: 'promotion',
  sensibilisationetpromotion: 'promotion',
  hosting: 'hosting',
  hebergement: 'hosting',
  hoteldactivites: 'hosting',
  multifunction: 'multi-function',
  multifonction: 'multi-function',
  multifonctions: 'multi-function',
  centremultifonctions: 'multi-function',
};
/** A value written in words ("Lauréat", "multisectoriel") → the contract's, or as written (then refused as such). */
const term = <T extends string>(terms: Record<string, T>, value: string | undefined) => (value ? (terms[normalise(value)] ?? value) : undefined);

const ORIGIN: Record<string, 'entrepreneurial' | 'citizen' | 'local-authority'> = {
  entrepreneurial: 'entrepreneurial',
  entrepreneuriale: 'entrepreneurial',
  entreprises: 'entrepreneurial',
  citizen: 'citizen',
  citoyenne: 'citizen',
  citoyen: 'citizen',
  localauthority: 'local-authority',
  collectivite: 'local-authority',
  collectivites: 'local-authority',
  collectivitelocale: 'local-authority',
};

export function fromCsv(source: string, url: string): Result<unknown> {
  const body = source.replace(/^\uFEFF/, '');
  // An HTML page served in place of the file (a login or error page with status 200).
  if (/^\s*</.test(body)) return fail({ kind: 'invalid', url, issues: [{ path: '(racine)', message: 'not a CSV file' }] });
  const [header, ...rows] = dsvFormat(delimiterOf(body))
    .parseRows(body)
    .filter((row) => row.some((cell) => cell.trim()));
  const fields = (header ?? []).map((name) => COLUMNS[normalise(String(name))]);
  if (!fields.includes('name')) {
    return fail({ kind: 'invalid', url, issues: [{ path: '(racine)', message: 'no "nom" / "name" column' }] });
  }
  // Within a cell, lists take `;` or `|`; codes and years may also be separated by commas or spaces.
  // Split, then trim each item: a pattern with `\s*` before the separator is quadratic on long runs of spaces.
  const list = (value: unknown, codes = false) =>
    (codes ? (text(value) ?? '').split(/[\s;|,]+/) : (text(value) ?? '').split(/[;|]/).map((item) => item.trim())).filter(Boolean);
  const number = (value: unknown) => {
    const written = text(value)?.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
    return written && Number.isFinite(Number(written)) ? Number(written) : written;
  };

  const themes = new Map<string, { id: string; label: string }>();
  // A sheet without an id column: ids from the names, made unique ("pole-a", "pole-a-2").
  const taken = new Set<string>();
  const generatedId = (name: string | undefined, index: number) => {
    const base = (name && slug(name)) || `ligne-${index + 2}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  const poles = rows.map((row, index) => {
    const cell: Record<string, string> = {};
    fields.forEach((field, i) => {
      if (!field) return;
      const value = row[i]?.trim();
      // Several columns can feed one list field (a "facebook" and a "linkedin" column).
      if (value) cell[field] = cell[field] ? `${cell[field]};${value}` : value;
    });
    const postcode = postcodeOf(cell.postcode);
    const written = list(cell.departments, true).map((code) => (/^\d$/.test(code) ? `0${code}` : code.toUpperCase()));
    const fromPostcode = postcode ? departmentFromPostcode(postcode) : undefined;
    const departments = written.length ? written : fromPostcode ? [fromPostcode] : undefined;
    const lat = number(cell.lat);
    const lon = number(cell.lon);
    const counts = { structures: number(cell.structures), jobs: number(cell.jobs), fte: number(cell.fte), turnoverEuros: number(cell.turnoverEuros) };
    // Figures with a year, a source or an economic scope are key figures, each with its kind;
    // bare ones stay the older undated `figures`.
    const year = number(cell.figuresYear);
    const keyFigures =
      year !== undefined || cell.figuresSource || cell.economicScope
        ? (
            [
              ['members', counts.structures],
              ['jobs', counts.jobs],
              ['fte', counts.fte],
              ['turnover', counts.turnoverEuros],
              ['economic-scope', number(cell.economicScope)],
            ] as const
          )
            .filter(([, value]) => value !== undefined)
            .map(([kind, value]) => prune({ kind, value, year, source: cell.figuresSource ? { by: 'document', name: cell.figuresSource } : undefined }))
        : undefined;
    const figures = keyFigures ? {} : prune(counts);
    const themeIds = list(cell.themes).map((label) => {
      const id = slug(label) || label;
      if (!themes.has(id)) themes.set(id, { id, label });
      return id;
    });
    const calls = list(cell.nationalCalls, true).map(number);
    const founded = number(cell.foundedYear);
    return prune({
      id: text(cell.id) ?? generatedId(cell.name, index),
      name: cell.name,
      carrier: text(cell.carrier),
      status: cell.status ? (STATUS[normalise(cell.status)] ?? cell.status) : undefined,
      departments,
      territory: text(cell.territory),
      commune: text(cell.commune),
      address: text(cell.address),
      postcode: postcode ?? text(cell.postcode),
      geo: lat !== undefined || lon !== undefined ? prune({ lat, lon, precision: PRECISION[normalise(cell.precision ?? '')] }) : undefined,
      description: plainText(cell.description),
      themes: themeIds.length ? themeIds : undefined,
      origin: cell.origin ? (ORIGIN[normalise(cell.origin)] ?? cell.origin) : undefined,
      scope: term(SCOPE, cell.scope),
      functions: cell.functions ? list(cell.functions).map((value) => term(FUNCTION, value)) : undefined,
      legalForm: text(cell.legalForm),
      stage: term(STAGE, cell.stage),
      foundedYear: founded,
      figures: Object.keys(figures).length ? figures : undefined,
      keyFigures: keyFigures?.length ? keyFigures : undefined,
      website: websiteOf(cell.website),
      email: cleanEmail(cell.email),
      phone: absent(cell.phone),
      logo: cell.logo ? prune({ url: resolve(cell.logo, url), alt: text(cell.logoAlt) }) : undefined,
      charter: cell.charterDate ? prune({ date: isoDateTime(cell.charterDate), place: text(cell.charterPlace) }) : undefined,
      nationalCalls: calls.length ? calls : undefined,
      openingHours: text(cell.hours) ? { note: cell.hours } : undefined,
      social: cell.social ? list(cell.social).map(websiteOf) : undefined,
      source: cell.sourceUrl ? { url: websiteOf(cell.sourceUrl) } : undefined,
      updatedAt: isoDateTime(cell.updatedAt),
    });
  });
  return ok({ themes: [...themes.values()], poles });
}
