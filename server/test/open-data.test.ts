// The directory as open data (src/open-data/): GeoJSON, CSV and its Table Schema, JSON-LD and the
// Data Package, served with ETags, written by `npm run export`, and never holding a contact.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dsvFormat } from 'd3-dsv';
import { admin, post, repo, signature, startApp, type Running } from './helpers.js';
import { validActionProposal } from '../../test/contract/cases.js';
import { validate } from '../../src/data/validate.js';
import { Discovery } from '../../src/data/schemas/discovery.js';
import { parseLicence, parseSources } from '../src/open-data/index.js';

const run = promisify(execFile);

/** Contacts planted in the data: none may reach an open data file. */
const POLE_EMAIL = 'accueil@pole-ouvert.example.org';
const POLE_PHONE = '04 75 12 34 56';
const SIGNER_EMAIL = 'camille.martin@example.org';
const SIGNER_PHONE = '06 12 34 56 78';
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;
const PHONE = /(\+33\s?|\b0)[1-9]([\s.-]?\d{2}){4}\b/;

const FILES = ['open-data/datapackage.json', 'open-data/poles.geojson', 'open-data/poles.csv', 'open-data/poles.jsonld'];

let server: Running;
let bodies: Map<string, string>;
let poles: { id: string; name: string; geo?: { lat: number; lon: number; precision?: string }; stage?: string }[];

before(async () => {
  server = await startApp();
  // A pole with a contact of its own, placed; a signature with its signer's contact; a fiche with its contact.
  await server.store.addPole(
    'pole-ouvert',
    JSON.stringify({
      id: 'pole-ouvert',
      name: 'Pôle Ouvert, "test"',
      departments: ['26'],
      commune: 'Crest',
      postcode: '26400',
      address: '12 rue des Coopératives',
      geo: { lat: 44.7286, lon: 5.0225 },
      description: '=SOMME(A1) reste du texte',
      email: POLE_EMAIL,
      phone: POLE_PHONE,
      themes: ['emploi'],
      figures: { jobs: 40, turnoverEuros: 1200000 },
      nationalCalls: [2015],
      updatedAt: '2026-11-25T10:00:00Z',
    }),
  );
  const signed = signature({ representative: { ...signature().representative, email: SIGNER_EMAIL, phone: SIGNER_PHONE } });
  const receipt = await (await post(`${server.url}/api/signatures`, signed)).json();
  assert.equal((await admin(`${server.url}/api/admin/signatures/${receipt.reference}/approve`, { method: 'POST' })).status, 200);
  const fiche = await (await post(`${server.url}/api/actions`, validActionProposal)).json();
  assert.equal((await admin(`${server.url}/api/admin/actions/${fiche.reference}/approve`, { method: 'POST' })).status, 200);
  bodies = new Map();
  for (const file of FILES) bodies.set(file, await (await fetch(`${server.url}/${file}`)).text());
  poles = (await (await fetch(`${server.url}/poles.json`)).json()).poles;
});
after(() => server.close());

describe('open data', () => {
  it('is linked from the discovery document, each file with its media type, an ETag and 304 when unchanged', async () => {
    const discovery = await (await fetch(`${server.url}/ptce.json`)).json();
    assert.ok(validate(Discovery, discovery).ok);
    assert.deepEqual(discovery.openData, {
      datapackage: 'open-data/datapackage.json',
      geojson: 'open-data/poles.geojson',
      csv: 'open-data/poles.csv',
      jsonld: 'open-data/poles.jsonld',
    });
    const types: Record<string, RegExp> = {
      datapackage: /^application\/json/,
      geojson: /^application\/geo\+json/,
      csv: /^text\/csv; charset=utf-8/,
      jsonld: /^application\/ld\+json/,
    };
    for (const [kind, path] of Object.entries(discovery.openData as Record<string, string>)) {
      const response = await fetch(new URL(path, `${server.url}/ptce.json`));
      assert.equal(response.status, 200, path);
      assert.match(response.headers.get('content-type') ?? '', types[kind], path);
      assert.equal(response.headers.get('access-control-allow-origin'), '*');
      const etag = response.headers.get('etag');
      assert.ok(etag, path);
      const again = await fetch(new URL(path, `${server.url}/ptce.json`), { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304, path);
      const brotli = await fetch(new URL(path, `${server.url}/ptce.json`), { headers: { 'Accept-Encoding': 'br' } });
      assert.equal(brotli.headers.get('content-encoding'), 'br');
      assert.equal(await brotli.text(), bodies.get(path), 'the same bytes, compressed');
    }
  });

  it('never holds an e-mail address or a phone number (the pole’s own, a signer’s, a fiche’s contact)', () => {
    const everything = [...bodies.values()].join('\n');
    for (const planted of [
      POLE_EMAIL,
      POLE_PHONE,
      SIGNER_EMAIL,
      SIGNER_PHONE,
      validActionProposal.contact.email,
      validActionProposal.contact.name,
    ]) {
      assert.ok(!everything.includes(planted), planted);
    }
    for (const [file, body] of bodies) {
      assert.doesNotMatch(body, EMAIL, file);
      assert.doesNotMatch(body, PHONE, file);
    }
    // Yet the pole and the approved signature's pole are there.
    assert.ok(bodies.get('open-data/poles.csv')!.includes('pole-ouvert'));
    assert.ok(bodies.get('open-data/poles.csv')!.includes('Pôle Écotest'));
  });

  it('GeoJSON: a FeatureCollection (RFC 7946), one Feature per pole, [longitude, latitude], null geometry when unplaced', () => {
    const geojson = JSON.parse(bodies.get('open-data/poles.geojson')!);
    assert.equal(geojson.type, 'FeatureCollection');
    assert.equal(geojson.crs, undefined, 'RFC 7946 has no crs member: WGS 84 always');
    assert.equal(geojson.features.length, poles.length);
    for (const [index, feature] of geojson.features.entries()) {
      const pole = poles[index];
      assert.equal(feature.type, 'Feature');
      assert.equal(feature.id, pole.id);
      assert.equal(typeof feature.properties, 'object');
      assert.equal(feature.properties.email, undefined);
      assert.equal(feature.properties.phone, undefined);
      if (pole.geo) {
        assert.deepEqual(feature.geometry, { type: 'Point', coordinates: [pole.geo.lon, pole.geo.lat] });
      } else assert.equal(feature.geometry, null, pole.id);
    }
    const placed = geojson.features.find((f: { id: string }) => f.id === 'pole-ouvert');
    assert.deepEqual(placed.geometry.coordinates, [5.0225, 44.7286], 'longitude first');
    // The demo's places are town centres: the properties say so, and where the record comes from.
    const damier = geojson.features.find((f: { id: string }) => f.id === 'le-damier');
    assert.equal(damier.properties.placePrecision, 'commune');
    assert.match(damier.properties.provenance.source, /signataires de la charte/);
    const domb = geojson.features.find((f: { id: string }) => f.id === 'domb-innov');
    assert.deepEqual(
      domb.properties.keyFigures.find((f: { kind: string }) => f.kind === 'economic-scope'),
      {
        kind: 'economic-scope',
        value: 9_000_000,
        year: 2014,
        source: { by: 'document', name: "2e Journée nationale des PTCE, 19 septembre 2014 (Labo de l'ESS)" },
      },
    );
    assert.equal(geojson.features.find((f: { id: string }) => f.id === 'fontaine-o-livres').properties.region, '11');
  });

  it('CSV: the template’s columns without the contact ones, one row per pole, read back by the widgets’ CSV adapter', async () => {
    const csv = bodies.get('open-data/poles.csv')!;
    const template = readFileSync(join(repo, 'docs/poles-modele.csv'), 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0]
      .split(';');
    const [header, ...rows] = dsvFormat(',').parseRows(csv.trimEnd());
    assert.deepEqual(
      header,
      template.filter((column) => column !== 'courriel' && column !== 'téléphone'),
    );
    assert.equal(rows.length, poles.length);
    const row = Object.fromEntries(header.map((name, i) => [name, rows.find((r) => r[0] === 'pole-ouvert')![i]]));
    assert.equal(row.nom, 'Pôle Ouvert, "test"');
    assert.equal(row.latitude, '44.7286');
    assert.equal(row["chiffre d'affaires"], '1200000');
    assert.equal(row.description, "'=SOMME(A1) reste du texte", 'a formula is never run by a spreadsheet');
    // The widgets read it back as the poles they were.
    // Imported by name at run time: the adapter's types need the DOM's, which the server's tsconfig leaves out.
    const adapter = '../../src/data/adapters/csv.js';
    const { fromCsv } = (await import(adapter)) as { fromCsv: (text: string, url: string) => { ok: boolean; value?: unknown } };
    const read = fromCsv(csv, 'https://example.org/poles.csv');
    assert.ok(read.ok);
    const back = (read.value as { poles: { id: string; name: string; geo?: unknown; departments?: string[] }[] }).poles;
    // Coordinates with their precision, the typology, and the figures of their latest year.
    assert.deepEqual(
      back.map((p) => [p.id, p.name, p.geo ?? null]),
      poles.map((p) => [p.id, p.name, p.geo ?? null]),
    );
    const rowOf = (id: string) => Object.fromEntries(header.map((name, i) => [name, rows.find((r) => r[0] === id)![i]]));
    const domb = rowOf('domb-innov');
    assert.deepEqual(
      [domb.structures, domb.emplois, domb['périmètre économique'], domb['année des chiffres']],
      ['14', '300', '9000000', '2014'],
    );
    assert.match(domb['source des chiffres'], /2e Journée nationale des PTCE/);
    assert.equal(rowOf('le-damier')['précision du lieu'], 'commune');
    const laureate = poles.find((p) => p.stage === 'laureate')!;
    assert.equal(rowOf(laureate.id)['étape'], 'lauréat');
  });

  it('Data Package: follows the Data Package and Table Schema specifications, and describes the files as served', async () => {
    const pkg = JSON.parse(bodies.get('open-data/datapackage.json')!);
    specIssues(pkg).forEach((issue) => assert.fail(issue));
    assert.deepEqual(pkg.licenses, [
      {
        name: 'etalab-2.0',
        path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
        title: 'Licence Ouverte / Open Licence version 2.0',
      },
    ]);
    assert.ok(pkg.sources.length >= 1 && pkg.sources.every((s: { title: string }) => s.title));
    for (const resource of pkg.resources) {
      const body = bodies.get(`open-data/${resource.path}`)!;
      assert.equal(resource.bytes, Buffer.byteLength(body), resource.name);
      const { createHash } = await import('node:crypto');
      assert.equal(resource.hash, `sha256:${createHash('sha256').update(body).digest('hex')}`, resource.name);
    }
    // Every CSV value is what the Table Schema says of its field.
    const table = pkg.resources.find((r: { name: string }) => r.name === 'poles');
    const [header, ...rows] = dsvFormat(table.dialect.delimiter).parseRows(bodies.get('open-data/poles.csv')!.trimEnd());
    assert.deepEqual(
      header,
      table.schema.fields.map((f: { name: string }) => f.name),
    );
    tableIssues(table.schema, rows).forEach((issue) => assert.fail(issue));
  });

  it('JSON-LD: schema.org Organizations with their Place, PostalAddress and GeoCoordinates', () => {
    const jsonld = JSON.parse(bodies.get('open-data/poles.jsonld')!);
    assert.equal(jsonld['@context'], 'https://schema.org');
    assert.equal(jsonld['@graph'].length, poles.length);
    assert.ok(jsonld['@graph'].every((node: { '@type': string; name: string }) => node['@type'] === 'Organization' && node.name));
    const node = jsonld['@graph'].find((n: { identifier: string }) => n.identifier === 'pole-ouvert');
    assert.deepEqual(node.location, {
      '@type': 'Place',
      name: 'Crest',
      address: {
        '@type': 'PostalAddress',
        streetAddress: '12 rue des Coopératives',
        postalCode: '26400',
        addressLocality: 'Crest',
        addressCountry: 'FR',
      },
      geo: { '@type': 'GeoCoordinates', latitude: 44.7286, longitude: 5.0225 },
    });
    assert.equal(node.email, undefined);
    assert.equal(node.telephone, undefined);
  });

  it('validates with the maintained validators when installed (@placemarkio/check-geojson, jsonld, datapackage)', async (t) => {
    const missing: string[] = [];
    const load = async (name: string) => {
      try {
        return await import(name);
      } catch {
        missing.push(name);
        return undefined;
      }
    };
    const checkGeojson = await load('@placemarkio/check-geojson');
    if (checkGeojson) {
      const issues = checkGeojson.getIssues(bodies.get('open-data/poles.geojson')!);
      assert.deepEqual(issues, []);
    }
    const jsonld = await load('jsonld');
    if (jsonld) {
      // schema.org's context, offline: every term is in its vocabulary.
      const documentLoader = async (url: string) => {
        if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`no network in tests: ${url}`);
        return { contextUrl: null, documentUrl: url, document: { '@context': { '@vocab': 'https://schema.org/' } } };
      };
      const expanded = await (jsonld.default ?? jsonld).expand(JSON.parse(bodies.get('open-data/poles.jsonld')!), { documentLoader });
      assert.equal(expanded.length, poles.length);
      assert.ok(expanded.every((node: Record<string, unknown>) => (node['@type'] as string[])[0] === 'https://schema.org/Organization'));
    }
    const datapackage = await load('datapackage');
    if (datapackage) {
      const { validate: validatePackage } = datapackage.default ?? datapackage;
      const report = await validatePackage(JSON.parse(bodies.get('open-data/datapackage.json')!));
      assert.equal(report.valid, true, JSON.stringify(report.errors));
    }
    if (missing.length) t.skip(`not installed: ${missing.join(', ')} (the spec checks above ran; see the report)`);
  });

  it('takes the licence and sources the operator sets, and refuses a licence nobody can read', async () => {
    assert.deepEqual(parseLicence('odbl-1.0'), {
      name: 'ODbL-1.0',
      path: 'https://opendatacommons.org/licenses/odbl/1-0/',
      title: 'Open Data Commons Open Database License 1.0',
    });
    assert.deepEqual(parseLicence('https://example.org/licence', 'Ma licence'), {
      path: 'https://example.org/licence',
      title: 'Ma licence',
    });
    assert.throws(() => parseLicence('libre'), /PTCE_DATA_LICENCE/);
    assert.deepEqual(parseSources('Charte des PTCE, 2014|https://example.org/charte ;; Saisie des CRESS'), [
      { title: 'Charte des PTCE, 2014', path: 'https://example.org/charte' },
      { title: 'Saisie des CRESS' },
    ]);
    const other = await startApp({
      database: server.database,
      openData: { licence: parseLicence('cc-by-4.0'), sources: parseSources('Annuaire de la CRESS|https://cress.example.org/') },
    });
    try {
      const pkg = await (await fetch(`${other.url}/open-data/datapackage.json`)).json();
      assert.equal(pkg.licenses[0].name, 'CC-BY-4.0');
      assert.deepEqual(pkg.sources[0], { title: 'Annuaire de la CRESS', path: 'https://cress.example.org/' });
    } finally {
      await other.close();
    }
  });

  it('`npm run export` writes the same files, and refuses an unknown licence', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'ptce-open-')), 'site');
    const env = {
      ...process.env,
      ...(server.database.startsWith('postgres')
        ? { PTCE_DATABASE_URL: server.database }
        : { PTCE_DB: server.database, PTCE_DATABASE_URL: '' }),
    };
    await run(process.execPath, ['--import', 'tsx', join(repo, 'server/src/export.ts'), folder], { cwd: repo, env });
    for (const file of FILES) assert.equal(readFileSync(join(folder, file), 'utf8'), bodies.get(file), file);
    // And every version of the référentiel, where the discovery document's template says.
    const current = await (await fetch(`${server.url}/referentiel.json`)).json();
    const exported = JSON.parse(readFileSync(join(folder, 'referentiels', current.id, `${current.version}.json`), 'utf8'));
    assert.deepEqual(exported, current);
    const refused = await run(process.execPath, ['--import', 'tsx', join(repo, 'server/src/export.ts'), `${folder}-2`], {
      cwd: repo,
      env: { ...env, PTCE_DATA_LICENCE: 'libre' },
    }).catch((error: { code: number; stderr: string }) => error);
    assert.equal((refused as { code: number }).code, 1);
    assert.match((refused as { stderr: string }).stderr, /PTCE_DATA_LICENCE/);
  });
});

// ——— The specifications' rules (Data Package v1, Table Schema v1), as far as this package uses them ———

const NAME = /^[a-z0-9._-]+$/;
const TYPES = new Set([
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'date',
  'time',
  'datetime',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'any',
]);

function specIssues(pkg: Record<string, any>): string[] {
  const issues: string[] = [];
  if (typeof pkg.name !== 'string' || !NAME.test(pkg.name)) issues.push('package name: lower-case letters, digits, . _ - only');
  if (!Array.isArray(pkg.resources) || !pkg.resources.length) issues.push('resources: a non-empty array');
  if (pkg.created !== undefined && Number.isNaN(Date.parse(pkg.created))) issues.push('created: an RFC 3339 date-time');
  if (pkg.created !== undefined && !/T\d{2}:\d{2}/.test(pkg.created)) issues.push('created: a date-time, not a date');
  for (const licence of pkg.licenses ?? []) if (!licence.name && !licence.path) issues.push('a licence has a name or a path');
  for (const source of pkg.sources ?? []) if (!source.title) issues.push('a source has a title');
  const names = new Set<string>();
  for (const resource of pkg.resources ?? []) {
    if (!NAME.test(resource.name ?? '')) issues.push(`resource name ${resource.name}`);
    if (names.has(resource.name)) issues.push(`resource name ${resource.name} twice`);
    names.add(resource.name);
    if (typeof resource.path !== 'string' || /^\/|\.\.\//.test(resource.path))
      issues.push(`resource ${resource.name}: a relative path, no ../ nor leading /`);
    if (resource.hash !== undefined && !/^(sha256:[0-9a-f]{64}|[0-9a-f]{32})$/.test(resource.hash))
      issues.push(`resource ${resource.name}: hash`);
    if (resource.profile === 'tabular-data-resource') {
      if (!resource.schema?.fields?.length) issues.push(`resource ${resource.name}: a tabular resource has a schema`);
      for (const field of resource.schema?.fields ?? []) {
        if (!field.name) issues.push('a field has a name');
        if (!TYPES.has(field.type)) issues.push(`field ${field.name}: unknown type ${field.type}`);
      }
      const fieldNames = (resource.schema?.fields ?? []).map((f: { name: string }) => f.name);
      for (const key of resource.schema?.primaryKey ?? []) if (!fieldNames.includes(key)) issues.push(`primaryKey ${key}: not a field`);
    }
  }
  return issues;
}

/** Each cell against its field's type and constraints (missing values: ''). */
function tableIssues(
  schema: { fields: { name: string; type: string; constraints?: Record<string, any> }[]; missingValues?: string[] },
  rows: string[][],
) {
  const issues: string[] = [];
  const missing = new Set(schema.missingValues ?? ['']);
  const seen = schema.fields.map(() => new Set<string>());
  rows.forEach((row, r) => {
    if (row.length !== schema.fields.length) issues.push(`row ${r + 2}: ${row.length} cells for ${schema.fields.length} fields`);
    schema.fields.forEach((field, f) => {
      const cell = row[f] ?? '';
      const where = `row ${r + 2}, ${field.name} "${cell}"`;
      const c = field.constraints ?? {};
      if (missing.has(cell)) {
        if (c.required) issues.push(`${where}: required`);
        return;
      }
      const valid =
        field.type === 'string'
          ? true
          : field.type === 'number'
            ? /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell)
            : field.type === 'integer'
              ? /^-?\d+$/.test(cell)
              : field.type === 'date'
                ? /^\d{4}-\d{2}-\d{2}$/.test(cell) && !Number.isNaN(Date.parse(cell))
                : false;
      if (!valid) issues.push(`${where}: not a ${field.type}`);
      if (c.enum && !c.enum.includes(cell)) issues.push(`${where}: not in ${c.enum}`);
      if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(cell)) issues.push(`${where}: not ${c.pattern}`);
      if (c.minimum !== undefined && Number(cell) < c.minimum) issues.push(`${where}: below ${c.minimum}`);
      if (c.maximum !== undefined && Number(cell) > c.maximum) issues.push(`${where}: above ${c.maximum}`);
      if (c.unique && seen[f].has(cell)) issues.push(`${where}: not unique`);
      seen[f].add(cell);
    });
  });
  return issues;
}
