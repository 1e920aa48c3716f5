import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pole } from '../../src/data/schemas/pole.js';
import { runSource } from '../src/imports/sources.js';
import { adminImportRoutes } from '../src/routes/admin-imports.js';
import { openStore } from '../src/store/index.js';
import { ADMIN, POSTGRES, post, repo, signature, startApp, type Running } from './helpers.js';
import { startAsModerators } from './moderators.js';

let server: Running;
let moderators: Awaited<ReturnType<typeof startAsModerators>>;
/** A real HTTP server for the sources' files: `files[path]` is what it serves (404 if absent). */
const files: Record<string, string> = {};
let fileServer: Server;
let filesUrl = '';
before(async () => {
  server = await startApp();
  moderators = await startAsModerators(server.store, async (app, options) => {
    await app.register(adminImportRoutes, options);
  });
  fileServer = createServer((request, response) => {
    const body = files[request.url ?? ''];
    if (body === undefined) return response.writeHead(404).end('not found');
    response.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
  const address = fileServer.address();
  filesUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
after(async () => {
  await new Promise((resolve) => fileServer.close(resolve));
  await moderators.close();
  await server.close();
});

const call = (path: string, method = 'GET', body?: unknown, token = ADMIN) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const publicPoles = async () => ((await (await fetch(`${server.url}/poles.json`)).json()) as { poles: Pole[] }).poles;
const revisionCount = async () =>
  Number(
    (
      await server.store.db
        .selectFrom('pole_revisions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const fixture = (path: string) => readFileSync(join(repo, path), 'utf8');

/** Previews a file (201), answers the import. */
async function preview(body: Record<string, unknown>, token = ADMIN) {
  const response = await call('/api/admin/imports', 'POST', body, token);
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

describe('imports into the directory', () => {
  it('refuses without a token (401), a bad format (400), nothing to read or an unreadable file (422), an unknown import (404)', async () => {
    assert.equal((await fetch(`${server.url}/api/admin/imports`, { method: 'POST' })).status, 401);
    assert.equal((await call('/api/admin/imports', 'POST', { format: 'xlsx', content: 'x' })).status, 400);
    const neither = await call('/api/admin/imports', 'POST', { format: 'csv' });
    assert.equal(neither.status, 422);
    assert.equal((await neither.json()).reason, 'content-or-url');
    const noName = await call('/api/admin/imports', 'POST', { format: 'csv', content: 'commune;code postal\nNantes;44000\n' });
    assert.equal(noName.status, 422);
    assert.deepEqual(await noName.json(), { error: 'no "nom" / "name" column', reason: 'unreadable' });
    const notJson = await call('/api/admin/imports', 'POST', { format: 'ptce', content: '{ not json' });
    assert.equal((await notJson.json()).reason, 'unreadable');
    const unreachable = await call('/api/admin/imports', 'POST', { format: 'csv', url: `${filesUrl}/absent.csv` });
    assert.equal(unreachable.status, 422);
    assert.match((await unreachable.json()).error, /answered 404/);
    assert.equal((await call('/api/admin/imports/nowhere')).status, 404);
    assert.equal((await call('/api/admin/imports/nowhere/apply', 'POST')).status, 404);
  });

  it("imports GoGoCarto's sample: preview, apply, and a second import of the same file changes nothing", async () => {
    const content = fixture('test/fixtures/gogocarto-sample.json');
    const first = await preview({ format: 'gogocarto', content, source: 'carteco-exemple' });
    assert.equal(first.status, 'preview');
    const { preview: p } = first;
    assert.deepEqual(
      p.new.map((row: { row: number; name: string; externalId: string }) => [row.row, row.name, row.externalId]),
      [
        [1, 'Les Écosolies', 'a1B2'],
        [2, "Pôle corse d'exemple", '42'],
        [3, "Pôle réunionnais d'exemple", 're-1'],
      ],
    );
    assert.deepEqual([p.changed, p.unchanged, p.duplicates], [[], [], []]);
    assert.deepEqual(p.rejected, [{ row: 4, reason: 'invalid', issues: [{ path: 'name', message: 'expected string' }] }]);
    assert.deepEqual(p.dropped, [{ row: 3, field: 'website', reason: 'invalid format' }]);
    assert.deepEqual(first.progress, { read: 4, matched: 0, written: 0 });
    // A preview writes nothing.
    assert.ok(!(await publicPoles()).some((pole) => pole.name === 'Les Écosolies'));

    const revisions = await revisionCount();
    const applied = await call(`/api/admin/imports/${first.id}/apply`, 'POST');
    assert.equal(applied.status, 200);
    const done = await applied.json();
    assert.equal(done.status, 'applied');
    assert.equal(done.progress.written, 3);
    assert.equal(await revisionCount(), revisions + 3);
    const listed = (await publicPoles()).find((pole) => pole.name === 'Les Écosolies')!;
    assert.equal(listed.commune, 'Nantes');
    assert.deepEqual(listed.departments, ['44']);
    assert.equal(listed.website, 'https://www.ecosolies.fr/');
    assert.equal(listed.source, undefined, 'a file without an address links to no page');
    assert.ok((await publicPoles()).some((pole) => pole.name === "Pôle corse d'exemple" && pole.departments?.[0] === '2A'));
    const history = await (await call(`/api/admin/poles/${listed.id}/revisions`)).json();
    assert.deepEqual(
      history.revisions.map((r: { action: string; author: { label: string } }) => [r.action, r.author.label]),
      [['import', 'PTCE_ADMIN_TOKEN']],
    );
    assert.equal((await call(`/api/admin/imports/${first.id}/apply`, 'POST')).status, 409);
    assert.equal((await call(`/api/admin/imports/${first.id}/discard`, 'POST')).status, 409);

    // The same file again: every row found by the source's own id, nothing to write.
    const again = await preview({ format: 'gogocarto', content, source: 'carteco-exemple' });
    assert.deepEqual(again.preview.counts, { read: 4, new: 0, changed: 0, unchanged: 3, duplicates: 0, rejected: 1, archived: 0 });
    assert.deepEqual(
      again.preview.unchanged.map((row: { matchedBy: string }) => row.matchedBy),
      ['source-id', 'source-id', 'source-id'],
    );
    const before = await (await fetch(`${server.url}/poles.json`)).text();
    const second = await (await call(`/api/admin/imports/${again.id}/apply`, 'POST')).json();
    assert.equal(second.progress.written, 0);
    assert.equal(await revisionCount(), revisions + 3);
    assert.equal(await (await fetch(`${server.url}/poles.json`)).text(), before);

    // From another Carteco (another source key), the same names in the same départements match by name.
    const elsewhere = await preview({ format: 'gogocarto', content });
    assert.deepEqual(
      elsewhere.preview.unchanged.map((row: { matchedBy: string }) => row.matchedBy),
      ['name', 'name', 'name'],
    );
  });

  it("imports GoGoCarto's own published sample from its URL, with its taxonomy, over HTTP", async () => {
    files['/gogo/elements.json'] = fixture('test/fixtures/gogocarto-js/elements.json');
    files['/gogo/taxonomy.json'] = fixture('test/fixtures/gogocarto-js/taxonomy-full.json');
    const elements = JSON.parse(files['/gogo/elements.json']).data as { id: string; name: string }[];
    const request = { format: 'gogocarto', url: `${filesUrl}/gogo/elements.json`, taxonomy: `${filesUrl}/gogo/taxonomy.json` };
    const first = await preview(request);
    assert.deepEqual(
      first.preview.new.map((row: { externalId: string; name: string }) => [row.externalId, row.name]),
      elements.map((element) => [element.id, element.name]),
    );
    assert.deepEqual([first.preview.changed, first.preview.duplicates, first.preview.rejected], [[], [], []]);
    // Categories given by id are named through the taxonomy, and become the directory's themes.
    const ruche = first.preview.new.find((row: { name: string }) => row.name === 'La Ruche de Chenay');
    assert.ok(ruche.pole.themes.length > 0);
    // Rich text becomes plain text on the server too (no DOM there), never markup.
    assert.equal(ruche.pole.description, 'Tous produits alimentaires locaux');
    const rich = await preview({
      format: 'gogocarto',
      content: {
        data: [{ id: 'x1', name: 'Pôle riche', description: '<p>Bonjour &amp; bienvenue</p><script>alert(1)</script><style>p{}</style>' }],
      },
    });
    assert.equal(rich.preview.new[0].pole.description, 'Bonjour & bienvenue');
    assert.ok(ruche.pole.themes.every((id: string) => first.preview.themes.some((theme: { id: string }) => theme.id === id)));
    const applied = await (await call(`/api/admin/imports/${first.id}/apply`, 'POST')).json();
    assert.equal(applied.progress.written, elements.length);
    const listed = await publicPoles();
    assert.ok(elements.every((element) => listed.some((pole) => pole.name === element.name)));
    const themes = ((await (await fetch(`${server.url}/poles.json`)).json()) as { themes: { id: string }[] }).themes;
    assert.ok(ruche.pole.themes.every((id: string) => themes.some((theme) => theme.id === id)));
    const again = await preview(request);
    assert.deepEqual(again.preview.counts, {
      read: elements.length,
      new: 0,
      changed: 0,
      unchanged: elements.length,
      duplicates: 0,
      rejected: 0,
      archived: 0,
    });
  });

  it('imports the CSV template, then its spreadsheet variants: exactly the new, changed and duplicate rows, signatures, campaigns and fiches kept', async () => {
    const template = await preview({ format: 'csv', content: fixture('docs/poles-modele.csv') });
    assert.deepEqual(
      template.preview.new.map((row: { name: string; keepId: string }) => [row.name, row.keepId]),
      [['PTCE Exemple (à remplacer)', 'pole-exemple']],
    );
    // Its theme named by label is the directory's theme of that label.
    assert.deepEqual(template.preview.new[0].pole.themes, ['emploi-insertion', 'alimentation']);
    await call(`/api/admin/imports/${template.id}/apply`, 'POST');
    assert.equal((await publicPoles()).find((pole) => pole.id === 'pole-exemple')?.commune, 'Crest');
    const twice = await preview({ format: 'csv', content: fixture('docs/poles-modele.csv') });
    assert.deepEqual(twice.preview.counts, { read: 1, new: 0, changed: 0, unchanged: 1, duplicates: 0, rejected: 0, archived: 0 });

    // What names poles: a signature approved into a pole, a campaign, the demo's fiches.
    const signed = await post(`${server.url}/api/signatures`, signature());
    assert.equal(signed.status, 201, await signed.clone().text());
    const { reference } = await signed.json();
    assert.equal((await call(`/api/admin/signatures/${reference}/approve`, 'POST')).status, 200);
    const ecotest = (await publicPoles()).find((pole) => pole.name === 'Pôle Écotest')!;
    const tarnais = 'pole-tarnais-de-cooperation-economique';
    const campaign = await call('/api/admin/campaigns', 'POST', { poleId: tarnais, title: 'Diagnostic 2026' });
    assert.equal(campaign.status, 201);
    const fiches = (await publicPoles()).find((pole) => pole.id === tarnais)!.actions!;
    assert.equal(fiches.length, 2);

    // The Excel-FR sheet, with the Tarn pole's description edited, the test pole given a website,
    // one new pole, and one that shares a pole's website.
    const sheet = fixture('test/fixtures/csv/poles-excel-fr.csv').split(/\r?\n/).filter(Boolean);
    const header = sheet[0].split(';');
    const row = (cells: Record<string, string>) => header.map((name) => cells[name] ?? '').join(';');
    const tarnLine = sheet.findIndex((line) => line.startsWith(`${tarnais};`));
    const cells = sheet[tarnLine].split(';');
    cells[header.indexOf('description')] = 'Coopérer dans le Tarn, autrement.';
    sheet[tarnLine] = cells.join(';');
    sheet.push(row({ nom: 'Pôle Écotest', départements: '2A', commune: 'Ajaccio', 'site web': 'https://ecotest.example.org/' }));
    sheet.push(row({ nom: 'Pôle du Vercors', départements: '26', commune: 'Die' }));
    sheet.push(row({ nom: 'Sol Commun', départements: '63', 'site web': (await publicPoles()).find((p) => p.id === 'bou-sol')!.website! }));
    const body = `${sheet.join('\r\n')}\r\n`;
    const sheetPreview = (await preview({ format: 'csv', content: body })).preview;
    assert.deepEqual(
      sheetPreview.changed.map((r: { id: string; matchedBy: string; fields: { field: string; after: unknown }[] }) => [
        r.id,
        r.matchedBy,
        r.fields,
      ]),
      [
        [
          tarnais,
          'id',
          [
            {
              field: 'description',
              before: (await publicPoles()).find((p) => p.id === tarnais)!.description,
              after: 'Coopérer dans le Tarn, autrement.',
            },
          ],
        ],
        [ecotest.id, 'name', [{ field: 'website', before: null, after: 'https://ecotest.example.org/' }]],
      ].map(([id, rule, fields]) => [id, rule, fields]),
    );
    assert.deepEqual(
      sheetPreview.new.map((r: { name: string }) => r.name),
      ['Pôle du Vercors'],
    );
    assert.deepEqual(
      sheetPreview.duplicates.map((r: { name: string; poles: unknown[] }) => [r.name, r.poles]),
      [['Sol Commun', [{ id: 'bou-sol', name: "Bou'Sol", reason: 'same-website' }]]],
    );
    assert.equal(sheetPreview.counts.unchanged, 39);
    assert.deepEqual(sheetPreview.rejected, []);

    // The Google Sheets and LibreOffice variants of the same directory read the same: nothing to change.
    for (const variant of ['poles-google-sheets-fr.csv', 'poles-libreoffice.csv']) {
      const same = (await preview({ format: 'csv', content: fixture(`test/fixtures/csv/${variant}`) })).preview;
      assert.deepEqual([same.counts.new, same.counts.changed, same.counts.rejected, same.counts.unchanged], [0, 0, 0, 40], variant);
    }

    const sheetImport = (await preview({ format: 'csv', content: body })).id;
    const done = await (await call(`/api/admin/imports/${sheetImport}/apply`, 'POST', {})).json();
    assert.equal(done.progress.written, 3, 'two changes and one new pole; the possible duplicate waits');
    const after = await publicPoles();
    assert.equal(after.find((p) => p.id === tarnais)!.description, 'Coopérer dans le Tarn, autrement.');
    assert.deepEqual(after.find((p) => p.id === tarnais)!.actions, fiches);
    assert.equal(after.find((p) => p.id === ecotest.id)!.website, 'https://ecotest.example.org/');
    assert.ok(after.some((p) => p.name === 'Pôle du Vercors'));
    assert.ok(!after.some((p) => p.name === 'Sol Commun'));
    const signatureRow = await server.store.db
      .selectFrom('signatures')
      .select('pole_id')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    assert.equal(signatureRow.pole_id, ecotest.id);
    const campaigns = (await (await call('/api/admin/campaigns')).json()).campaigns as { poleId: string }[];
    assert.ok(campaigns.some((c) => c.poleId === tarnais));

    // The same sheet again: nothing; the duplicate, confirmed, is created.
    const again = await preview({ format: 'csv', content: body });
    assert.deepEqual(again.preview.counts, { read: 43, new: 0, changed: 0, unchanged: 42, duplicates: 1, rejected: 0, archived: 0 });
    const confirmed = await (
      await call(`/api/admin/imports/${again.id}/apply`, 'POST', { create: [again.preview.duplicates[0].row] })
    ).json();
    assert.equal(confirmed.progress.written, 1);
    assert.ok((await publicPoles()).some((p) => p.name === 'Sol Commun'));
  });

  it("finds nothing to change in the server's own public poles.json but the charter an approved signature gives", async () => {
    const own = await (await fetch(`${server.url}/poles.json`)).text();
    const { preview: p } = await preview({ format: 'ptce', content: own });
    assert.deepEqual([p.counts.new, p.counts.duplicates, p.counts.rejected], [0, 0, 0]);
    // Fiches and published summaries are the server's own (never imported); a charter date is a fact a file may carry.
    assert.deepEqual(
      p.changed.map((row: { id: string; fields: { field: string }[] }) => [row.id, row.fields.map((f) => f.field)]),
      [['pole-ecotest', ['charter']]],
    );
    assert.equal(p.counts.unchanged, JSON.parse(own).poles.length - 1);
  });

  it('keeps a record’s detailed figures when a sheet’s dated figures agree with them, takes them when they differ', async () => {
    const sheet = (jobs: number) =>
      `identifiant;nom;départements;structures;emplois;périmètre économique;année des chiffres\ndomb-innov;Domb'Innov;01;14;${jobs};9 000 000;2014\n`;
    const same = await preview({ format: 'csv', content: sheet(300) });
    assert.deepEqual(
      same.preview.changed.map((row: { fields: { field: string }[] }) => row.fields.map((f) => f.field)),
      [],
      'members by kind and their source stay',
    );
    const other = await preview({ format: 'csv', content: sheet(310) });
    const fields = other.preview.changed[0].fields;
    assert.deepEqual(
      fields.map((f: { field: string }) => f.field),
      ['keyFigures'],
    );
    assert.deepEqual(
      fields[0].after.find((f: { kind: string }) => f.kind === 'jobs'),
      { kind: 'jobs', value: 310, year: 2014 },
    );
    for (const id of [same.id, other.id]) await call(`/api/admin/imports/${id}/discard`, 'POST');
  });

  it('refuses to apply a preview made before the pole changed (409), and applies nothing of it', async () => {
    const content =
      'identifiant;nom;départements;description\nle-damier;Le Damier;63;Une autre description\nnouveau-pole-z;Nouveau pôle Z;63;\n';
    const stale = await preview({ format: 'csv', content });
    const record = await (await call('/api/admin/poles/le-damier')).json();
    await call('/api/admin/poles/le-damier', 'PATCH', { changes: { territory: 'Clermont' }, version: record.version });
    const refused = await call(`/api/admin/imports/${stale.id}/apply`, 'POST');
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).reason, 'stale-preview');
    assert.ok(!(await publicPoles()).some((p) => p.id === 'nouveau-pole-z'));
    assert.equal((await (await call(`/api/admin/imports/${stale.id}`)).json()).status, 'preview');
    assert.equal((await (await call(`/api/admin/imports/${stale.id}/discard`, 'POST')).json()).status, 'discarded');
  });

  it('lets a moderator import only into their territory, and see only their imports (403)', async () => {
    const content = 'nom;départements;commune\nPôle des Alpilles test;13;Arles\nPôle occitan test;34;Montpellier\nPôle sans lieu;;\n';
    const response = await moderators.as('paca', '/api/admin/imports', 'POST', { format: 'csv', content });
    assert.equal(response.status, 201);
    const mine = await response.json();
    assert.deepEqual(
      mine.preview.new.map((r: { name: string }) => r.name),
      ['Pôle des Alpilles test'],
    );
    assert.deepEqual(
      mine.preview.rejected.map((r: { row: number; reason: string }) => [r.row, r.reason]),
      [
        [2, 'outside-territory'],
        [3, 'outside-territory'],
      ],
    );
    assert.equal((await moderators.as('occitanie', `/api/admin/imports/${mine.id}`)).status, 403);
    assert.equal((await moderators.as('occitanie', `/api/admin/imports/${mine.id}/apply`, 'POST')).status, 403);
    const theirs = (await (await moderators.as('occitanie', '/api/admin/imports')).json()).imports;
    assert.ok(!theirs.some((i: { id: string }) => i.id === mine.id));
    const applied = await moderators.as('paca', `/api/admin/imports/${mine.id}/apply`, 'POST');
    assert.equal(applied.status, 200);
    assert.equal((await applied.json()).progress.written, 1);
    assert.equal((await moderators.as('paca', '/api/admin/sources')).status, 403);
  });
});

const runInProcess = async (id: number, owner: string) => {
  const script = join(repo, 'server/test/run-source.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, server.database, String(id), owner], {
    cwd: join(repo, 'server'),
  });
  return JSON.parse(stdout) as { ran: boolean; status?: string; reason?: string };
};

/** Waits (up to 5 s) for a condition. */
async function until(condition: () => Promise<boolean>) {
  for (const deadline = Date.now() + 5000; !(await condition());) {
    if (Date.now() > deadline) assert.fail(`condition not met within 5 s: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A sheet of n poles of a source, ids src-1…src-n. */
const sourceSheet = (n: number, first = 1) =>
  `identifiant;nom;départements;commune\n${Array.from({ length: n }, (_, i) => `src-${first + i};Pôle de la source ${first + i};35;Rennes`).join('\n')}\n`;

describe('sources kept in step', () => {
  it('refuses a bad source (400), an unknown one (404)', async () => {
    assert.equal((await call('/api/admin/sources', 'POST', { name: 'x', url: 'ftp://x', format: 'csv', periodMinutes: 60 })).status, 400);
    assert.equal(
      (await call('/api/admin/sources', 'POST', { name: 'x', url: 'https://x.example/', format: 'csv', periodMinutes: 1 })).status,
      400,
    );
    assert.equal((await call('/api/admin/sources/999')).status, 404);
    assert.equal((await call('/api/admin/sources/999', 'PATCH', { name: 'y' })).status, 404);
    assert.equal((await call('/api/admin/sources/999', 'DELETE')).status, 404);
    assert.equal((await call('/api/admin/sources/999/run', 'POST')).status, 404);
  });

  it('re-imports a source; a file that lost 60 % of its rows is held, and poles.json still lists every pole', async () => {
    files['/rennes.csv'] = sourceSheet(10);
    const created = await call('/api/admin/sources', 'POST', {
      name: 'CRESS test',
      url: `${filesUrl}/rennes.csv`,
      format: 'csv',
      periodMinutes: 60,
    });
    assert.equal(created.status, 201);
    const source = await created.json();
    assert.equal(source.maxArchiveShare, 0.2);
    const first = await (await call(`/api/admin/sources/${source.id}/run`, 'POST')).json();
    assert.equal(first.status, 'applied');
    assert.equal(first.import.preview.counts.new, 10);
    assert.ok(first.source.lastSuccessAt);
    const ofSource = async () => (await publicPoles()).filter((p) => p.name.startsWith('Pôle de la source')).length;
    assert.equal(await ofSource(), 10);
    // Each pole says where it comes from and when: the source's name, an import (its address is a
    // machine of this test's, which the contract's public URLs leave out).
    const imported = (await publicPoles()).find((p) => p.name === 'Pôle de la source 1')!;
    const { importedAt, ...provenance } = imported.provenance!;
    assert.deepEqual(provenance, { source: 'CRESS test', by: 'import' });
    assert.ok(importedAt! >= first.import.createdAt && importedAt! <= new Date().toISOString());

    files['/rennes.csv'] = sourceSheet(4);
    const shrunk = await (await call(`/api/admin/sources/${source.id}/run`, 'POST')).json();
    assert.equal(shrunk.status, 'held');
    assert.equal(shrunk.import.status, 'held');
    assert.equal(shrunk.import.preview.archived.length, 6);
    assert.deepEqual(shrunk.import.preview.archiveShare, { share: 0.6, max: 0.2 });
    assert.match(shrunk.source.lastFailure, /held for review: would archive 6 poles \(60 %/);
    assert.equal(await ofSource(), 10, 'nothing archived');
    assert.equal((await (await call(`/api/admin/imports/${shrunk.import.id}/discard`, 'POST')).json()).status, 'discarded');

    // A broken source (404) fails and changes nothing.
    delete files['/rennes.csv'];
    const broken = await (await call(`/api/admin/sources/${source.id}/run`, 'POST')).json();
    assert.equal(broken.status, 'failed');
    assert.match(broken.source.lastFailure, /answered 404/);
    assert.equal(await ofSource(), 10);

    // One pole gone of ten (10 %): applied, that pole archived.
    files['/rennes.csv'] = sourceSheet(9);
    const small = await (await call(`/api/admin/sources/${source.id}/run`, 'POST')).json();
    assert.equal(small.status, 'applied');
    assert.deepEqual(
      small.import.preview.archived.map((p: { name: string }) => p.name),
      ['Pôle de la source 10'],
    );
    assert.equal(await ofSource(), 9);

    // Held again, twice (the next period's run): the newer one replaces the older, then an admin
    // applies it after review.
    files['/rennes.csv'] = sourceSheet(2);
    const older = await (await call(`/api/admin/sources/${source.id}/run`, 'POST')).json();
    assert.equal(older.status, 'held');
    files['/rennes.csv'] = sourceSheet(3);
    const held = await (await call(`/api/admin/sources/${source.id}/run`, 'POST')).json();
    assert.equal(held.status, 'held');
    assert.equal((await (await call(`/api/admin/imports/${older.import.id}`)).json()).status, 'discarded');
    const waiting = (await (await call('/api/admin/imports')).json()).imports.filter(
      (i: { sourceId: number; status: string }) => i.sourceId === source.id && i.status === 'held',
    );
    assert.deepEqual(
      waiting.map((i: { id: string }) => i.id),
      [held.import.id],
    );
    const applied = await (await call(`/api/admin/imports/${held.import.id}/apply`, 'POST')).json();
    assert.equal(applied.status, 'applied');
    assert.equal(await ofSource(), 3);

    const listed = (await (await call('/api/admin/sources')).json()).sources;
    assert.ok(listed.some((s: { id: number; lastImportId: string }) => s.id === source.id && s.lastImportId === held.import.id));
    const edited = await (await call(`/api/admin/sources/${source.id}`, 'PATCH', { periodMinutes: 1440, maxArchiveShare: 0.5 })).json();
    assert.deepEqual([edited.periodMinutes, edited.maxArchiveShare], [1440, 0.5]);
    assert.equal((await call(`/api/admin/sources/${source.id}`, 'DELETE')).status, 204);
    assert.equal((await call(`/api/admin/sources/${source.id}`)).status, 404);
    assert.equal(await ofSource(), 3, 'deleting a source keeps its poles');
  });

  it('runs a source once per period, never twice at once, with two stores on the same database', async () => {
    files['/lock.csv'] = sourceSheet(2, 100);
    const source = await (
      await call('/api/admin/sources', 'POST', { name: 'Verrou', url: `${filesUrl}/lock.csv`, format: 'csv', periodMinutes: 60 })
    ).json();
    const other = await openStore(server.database);
    try {
      // Two processes, each with its own store, at the same time: one runs it, the other finds it taken.
      const outcomes = await Promise.all(['a', 'b'].map((owner) => runInProcess(source.id, owner)));
      assert.deepEqual(outcomes.map((o) => o.ran).sort(), [false, true], JSON.stringify(outcomes));
      assert.deepEqual(
        outcomes.find((o) => !o.ran),
        { ran: false, reason: 'not-due-or-running' },
      );
      // This server sees the change made by another process (the public revision).
      await until(async () => (await publicPoles()).filter((p) => p.name.startsWith('Pôle de la source 10')).length === 2);
      // Within its period: not again, from either store.
      assert.deepEqual((await runSource(other.db, source.id, { owner: 'b' })).ran, false);
      assert.deepEqual((await runSource(server.store.db, source.id, { owner: 'a' })).ran, false);
      // While another process holds its lock, even a run asked by hand waits its turn (409).
      await other.db
        .updateTable('import_sources')
        .set({ lock_owner: 'b', lock_expires_at: new Date(Date.now() + 60_000).toISOString() })
        .where('id', '=', source.id)
        .execute();
      const busy = await call(`/api/admin/sources/${source.id}/run`, 'POST');
      assert.equal(busy.status, 409);
      assert.equal((await busy.json()).reason, 'running');
      // An expired lock (its process died) is taken over.
      await other.db
        .updateTable('import_sources')
        .set({ lock_expires_at: new Date(Date.now() - 1000).toISOString(), next_run_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', source.id)
        .execute();
      assert.equal((await runSource(other.db, source.id, { owner: 'b' })).ran, true);
    } finally {
      await other.close();
    }
  });
});

describe('the schedule', () => {
  it('re-imports a due source by itself, in a server started with a check period', async () => {
    files['/scheduled.csv'] = 'identifiant;nom;départements;commune\nsched-1;Pôle planifié;56;Vannes\n';
    const scheduled = await startApp({ database: server.database, sourceCheckMs: 100 });
    try {
      const source = await (
        await call('/api/admin/sources', 'POST', { name: 'Planifiée', url: `${filesUrl}/scheduled.csv`, format: 'csv', periodMinutes: 60 })
      ).json();
      await until(async () => !!(await (await call(`/api/admin/sources/${source.id}`)).json()).lastSuccessAt);
      await until(async () => (await publicPoles()).some((p) => p.name === 'Pôle planifié'));
      const after = await (await call(`/api/admin/sources/${source.id}`)).json();
      assert.ok(after.nextRunAt > new Date(Date.now() + 59 * 60_000).toISOString(), 'next run a period on');
    } finally {
      await scheduled.close();
    }
  });
});

describe('npm run import', () => {
  it('prints the preview, applies with --apply against the database a running server uses, progress on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptce-import-'));
    const file = join(dir, 'poles.csv');
    writeFileSync(file, 'identifiant;nom;départements;commune\ncli-1;Pôle de la ligne de commande;29;Brest\n');
    const env = {
      ...process.env,
      ...(POSTGRES ? { PTCE_DATABASE_URL: server.database } : { PTCE_DB: server.database, PTCE_DATABASE_URL: '' }),
    };
    const run = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', join(repo, 'server/src/import.ts'), file, ...args], { cwd: repo, env });
    const previewed = await run();
    assert.match(previewed.stdout, /new {8}row 1: Pôle de la ligne de commande/);
    assert.match(previewed.stdout, /preview only/);
    assert.match(previewed.stderr, /rows read 1, matched 0, written 0/);
    assert.ok(!(await publicPoles()).some((p) => p.id === 'cli-1'));

    const applied = await run('--apply');
    assert.match(applied.stdout, /applied: 1 poles written/);
    assert.match(applied.stderr, /written 1/);
    // The running server sees it through the public revision.
    await until(async () => (await publicPoles()).some((p) => p.id === 'cli-1' && p.commune === 'Brest'));
    const again = await run('--apply', '--json');
    assert.equal(JSON.parse(again.stdout).progress.written, 0);

    await assert.rejects(
      promisify(execFile)(process.execPath, ['--import', 'tsx', join(repo, 'server/src/import.ts')], { cwd: repo, env }),
      (error: { code: number; stderr: string }) => error.code === 2 && /usage: npm run import/.test(error.stderr),
    );
  });
});
