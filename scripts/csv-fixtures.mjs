// Writes test/fixtures/csv/: the demo poles as LibreOffice (`,`, LF, no BOM), Excel in French
// (`;`, CRLF, BOM, decimal commas, dd/mm/yyyy dates, French headers) and Google Sheets in French
// (`,`, CRLF, no BOM, decimal commas in quoted cells, French headers) save a sheet as CSV.
// Run from the repository root: node scripts/csv-fixtures.mjs
import { readFileSync, writeFileSync } from 'node:fs';
const doc = JSON.parse(readFileSync('demo/data/poles.json', 'utf8'));
const label = (id) => doc.themes.find((t) => t.id === id).label.fr;
// The template's figure columns: a key figure of that kind (a périmètre économique is no turnover).
const figure = (p, kind, legacy) => p.keyFigures?.find((f) => f.kind === kind)?.value ?? p.figures?.[legacy];
const cols = [
  ['id', 'identifiant', (p) => p.id],
  ['name', 'nom', (p) => p.name],
  ['carrier', 'structure porteuse', (p) => p.carrier],
  ['status', 'statut', (p) => p.status && { established: 'confirmé', emerging: 'émergent' }[p.status], (p) => p.status],
  [
    'origin',
    'origine',
    (p) => p.origin && { entrepreneurial: 'entrepreneuriale', citizen: 'citoyenne', 'local-authority': 'collectivité' }[p.origin],
    (p) => p.origin,
  ],
  ['departments', 'départements', (p) => p.departments?.join(', ')],
  ['territory', 'territoire', (p) => p.territory],
  ['commune', 'commune', (p) => p.commune],
  ['latitude', 'latitude', (p) => p.geo?.lat],
  ['longitude', 'longitude', (p) => p.geo?.lon],
  ['description', 'description', (p) => p.description],
  ['themes', 'thèmes', (p) => p.themes?.map(label).join(' | ')],
  ['founded year', 'année de création', (p) => p.foundedYear],
  ['structures', 'structures', (p) => figure(p, 'members', 'structures')],
  ['jobs', 'emplois', (p) => figure(p, 'jobs', 'jobs')],
  ['turnover', "chiffre d'affaires", (p) => figure(p, 'turnover', 'turnoverEuros')],
  ['website', 'site web', (p) => p.website],
  ['charter date', 'date de signature', (p) => p.charter?.date, (p) => p.charter?.date],
  ['charter place', 'lieu de signature', (p) => p.charter?.place],
  ['national calls', 'appels nationaux', (p) => p.nationalCalls?.join(';')],
  ['updated at', 'mis à jour', (p) => p.updatedAt],
];
function write(file, { sep, eol, bom, french }) {
  const quote = (v) => {
    if (v === undefined || v === null) return '';
    let s = typeof v === 'number' && french ? String(v).replace('.', ',') : String(v);
    if (french && /^\d{4}-\d{2}-\d{2}$/.test(s)) s = s.split('-').reverse().join('/');
    return s.includes(sep) || s.includes('"') || /[\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const header = cols.map((c) => (french ? c[1] : c[0]));
  const rows = doc.poles.map((p) => cols.map((c) => quote((french ? c[2] : (c[3] ?? c[2]))(p))));
  const text = [header.map(quote), ...rows].map((r) => r.join(sep)).join(eol) + eol;
  writeFileSync(file, (bom ? '\uFEFF' : '') + text);
}
write('test/fixtures/csv/poles-libreoffice.csv', { sep: ',', eol: '\n', bom: false, french: false });
write('test/fixtures/csv/poles-excel-fr.csv', { sep: ';', eol: '\r\n', bom: true, french: true });
write('test/fixtures/csv/poles-google-sheets-fr.csv', { sep: ',', eol: '\r\n', bom: false, french: true });
