import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ADMIN, admin, newKey, post, signature, startApp, type Running } from './helpers.js';
import { SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { validate } from '../../src/data/validate.js';
import { Discovery } from '../../src/data/schemas/discovery.js';
import { PolesDocumentStrict } from '../../src/data/schemas/pole.js';
import { Referentiel } from '../../src/data/schemas/referentiel.js';
import { Charter } from '../../src/data/schemas/charter.js';
import { AssessmentReceipt, SignatureReceipt } from '../../src/data/schemas/submissions.js';

let server: Running;
before(async () => {
  server = await startApp();
});
after(() => server.close());

const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
/** The bytes as sent (fetch would decompress them). */
function rawBody(path: string, encoding: string): Promise<{ encoding?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, { headers: { 'Accept-Encoding': encoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}
const rowCount = async (table: 'signatures' | 'assessments') =>
  (table === 'signatures' ? await server.store.listSignatures() : await server.store.listAssessments()).length;

describe('reading the contract', () => {
  it('serves a valid discovery document, poles, référentiel and charter', async () => {
    assert.ok(validate(Discovery, await (await get('/ptce.json')).json()).ok);
    const poles = await (await get('/poles.json')).json();
    assert.ok(validate(PolesDocumentStrict, poles).ok);
    assert.equal(poles.poles.length, 40);
    assert.ok(validate(Referentiel, await (await get('/referentiel.json')).json()).ok);
    assert.ok(validate(Charter, await (await get('/charter.json')).json()).ok);
  });

  it('serves each public document pre-compressed (brotli, gzip), with an ETag, a 304 and Cache-Control', async () => {
    for (const path of ['/ptce.json', '/poles.json', '/referentiel.json', '/charter.json']) {
      const plain = await get(path, { headers: { 'Accept-Encoding': 'identity' } });
      const text = await plain.text();
      assert.equal(plain.headers.get('content-encoding'), null);
      assert.match(plain.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(plain.headers.get('cache-control') ?? '', /public/);
      assert.equal(plain.headers.get('vary'), 'Accept-Encoding');
      const etag = plain.headers.get('etag') ?? '';
      assert.match(etag, /^"[\w-]+"$/);
      for (const [encoding, decompress] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
      ] as const) {
        const compressed = await rawBody(path, encoding);
        assert.equal(compressed.encoding, encoding, `${path} in ${encoding}`);
        assert.ok(compressed.body.length < Buffer.byteLength(text) || Buffer.byteLength(text) < 200, `${path} smaller in ${encoding}`);
        assert.equal(decompress(compressed.body).toString(), text);
      }
      const again = await get(path, { headers: { 'If-None-Match': etag } });
      assert.equal(again.status, 304, `${path}: 304 when unchanged`);
      assert.equal(await again.text(), '');
    }
  });

  it('changes the ETag of poles.json when a decision changes it', async () => {
    const etag = (await get('/poles.json')).headers.get('etag') ?? '';
    const receipt = await (
      await post(`${server.url}/api/signatures`, signature({ pole: { ...signature().pole, name: 'Pôle Nouveau' } }))
    ).json();
    assert.equal(
      (await get('/poles.json', { headers: { 'If-None-Match': etag } })).status,
      304,
      'a pending signature changes nothing public',
    );
    await admin(`${server.url}/api/admin/signatures/${receipt.reference}/approve`, { method: 'POST' });
    const changed = await get('/poles.json', { headers: { 'If-None-Match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.ok((await changed.text()).includes('Pôle Nouveau'));
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await get('/nothing-here.json');
    assert.equal(response.status, 404);
    assert.deepEqual(await response.json(), { error: 'not found' });
  });

  it('records its schema version (migrations)', async () => {
    assert.equal(await server.store.schemaVersion(), SCHEMA_VERSION);
  });
});

describe('POST /api/signatures', () => {
  it('stores a valid signature as pending and returns a receipt', async () => {
    const before = await rowCount('signatures');
    const response = await post(`${server.url}/api/signatures`, signature());
    assert.equal(response.status, 201);
    const receipt = await response.json();
    assert.ok(validate(SignatureReceipt, receipt).ok);
    assert.equal(receipt.status, 'pending');
    assert.equal(receipt.poleName, 'Pôle Écotest');
    assert.match(receipt.reference, /^SIG-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(await rowCount('signatures'), before + 1);
    const row = (await server.store.listSignatures()).find((r) => r.reference === receipt.reference);
    assert.deepEqual({ status: row?.status, pole_name: row?.pole_name }, { status: 'pending', pole_name: 'Pôle Écotest' });
  });

  it('names the fields at fault', async () => {
    const bad = signature({
      representative: { lastName: '', firstName: 'C', email: 'not-an-email', phone: '12' },
      pole: { name: 'P', street: 's', postcode: '123', city: 'c', department: '2A' },
    });
    const response = await post(`${server.url}/api/signatures`, bad);
    assert.equal(response.status, 400);
    const paths = (await response.json()).errors.map((e: { path: string }) => e.path);
    for (const path of ['representative.lastName', 'representative.email', 'representative.phone', 'pole.postcode']) {
      assert.ok(paths.includes(path), `${path} in ${paths}`);
    }
  });

  it('checks what only the charter knows: every commitment, a known status, no future date', async () => {
    const response = await post(
      `${server.url}/api/signatures`,
      signature({ commitments: ['build'], status: 'labellisé', date: '2999-01-01' }),
    );
    assert.equal(response.status, 400);
    const paths = (await response.json()).errors.map((e: { path: string }) => e.path).sort();
    assert.deepEqual(paths, ['commitments.contribute', 'date', 'status']);
  });

  it('is idempotent: the same key twice stores one row and returns the same receipt', async () => {
    const key = newKey();
    const before = await rowCount('signatures');
    const first = await post(`${server.url}/api/signatures`, signature(), { 'Idempotency-Key': key });
    const second = await post(`${server.url}/api/signatures`, signature(), { 'Idempotency-Key': key });
    assert.equal(first.status, 201);
    assert.equal(second.status, 200);
    assert.deepEqual(await second.json(), await first.json());
    assert.equal(await rowCount('signatures'), before + 1);
    const reused = await post(`${server.url}/api/signatures`, signature({ place: 'Bastia' }), { 'Idempotency-Key': key });
    assert.equal(reused.status, 422);
    assert.equal(await rowCount('signatures'), before + 1);
  });

  it('requires an Idempotency-Key', async () => {
    const response = await fetch(`${server.url}/api/signatures`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(signature()),
    });
    assert.equal(response.status, 400);
    assert.equal((await response.json()).errors[0].path, 'Idempotency-Key');
  });

  it('refuses bodies over 64 KB (413), other media types (415) and broken JSON (400)', async () => {
    const big = await post(`${server.url}/api/signatures`, signature({ place: 'x'.repeat(70_000) }));
    assert.equal(big.status, 413);
    const text = await post(`${server.url}/api/signatures`, 'name=x', { 'Content-Type': 'text/plain' });
    assert.equal(text.status, 415);
    const broken = await post(`${server.url}/api/signatures`, '{"pole": ');
    assert.equal(broken.status, 400);
    assert.equal((await broken.json()).errors[0].message, 'body is not valid JSON');
  });
});

describe('POST /api/assessments', () => {
  it("stores one respondent's answers, idempotently, and checks them against the référentiel", async () => {
    const body = {
      referentielId: 'referentiel-ptce-illustratif',
      referentielVersion: '0.1',
      poleId: 'pole-de-demonstration',
      respondent: { role: 'coordination' },
      answers: { '1.1.1': { value: 3 }, '1.1.2': { value: 'na', comment: 'Sans objet ici.' } },
    };
    const key = newKey();
    const first = await post(`${server.url}/api/assessments`, body, { 'Idempotency-Key': key });
    assert.equal(first.status, 201);
    const receipt = await first.json();
    assert.ok(validate(AssessmentReceipt, receipt).ok);
    const again = await post(`${server.url}/api/assessments`, body, { 'Idempotency-Key': key });
    assert.deepEqual(await again.json(), receipt);
    assert.equal((await server.store.listAssessments()).filter((r) => r.reference === receipt.reference).length, 1);

    const wrong = await post(`${server.url}/api/assessments`, { ...body, answers: { '9.9.9': { value: 3 }, '1.1.1': { value: 7 } } });
    assert.equal(wrong.status, 400);
    assert.deepEqual(
      (await wrong.json()).errors.map((e: { path: string }) => e.path),
      ['answers.9.9.9', 'answers.1.1.1.value'],
    );
  });
});

describe('administration', () => {
  it('refuses a missing or wrong token', async () => {
    assert.equal((await get('/api/admin/signatures')).status, 401);
    assert.equal((await get('/api/admin/signatures', { headers: { Authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await get('/api/admin/signatures.csv', { headers: { Authorization: `Bearer ${ADMIN}x` } })).status, 401);
    assert.equal((await fetch(`${server.url}/api/admin/signatures/SIG-AAAA-AAAA/approve`, { method: 'POST' })).status, 401);
  });

  const approve = (reference: string) => admin(`${server.url}/api/admin/signatures/${reference}/approve`, { method: 'POST' });
  const sign = async (overrides: Record<string, unknown>) => (await post(`${server.url}/api/signatures`, signature(overrides))).json();
  const publicList = async () => (await (await get('/poles.json')).json()).poles as { id: string; name: string; [key: string]: unknown }[];

  it('lists, approves and publishes a signature without any personal data, placed in its department', async () => {
    const name = 'PTCE des Hautes Collines';
    const pole = {
      ...signature().pole,
      name,
      street: '3 rue de la Coopération',
      postcode: '20250',
      city: 'Corte',
      department: '2B',
      website: 'https://hautes-collines.example.org/',
    };
    const receipt = await sign({ pole, place: 'Au col de Vizzavona, chez Camille', date: '2026-11-21' });
    const pending = await (await admin(`${server.url}/api/admin/signatures?status=pending`)).json();
    assert.ok(pending.signatures.some((s: { reference: string }) => s.reference === receipt.reference));

    const before = await (await get('/poles.json')).json();
    assert.ok(!before.poles.some((p: { name: string }) => p.name === name), 'not public while pending');

    const approved = await (await approve(receipt.reference)).json();
    assert.equal(approved.status, 'approved');
    const text = await (await get('/poles.json')).text();
    const poles = JSON.parse(text);
    assert.ok(validate(PolesDocumentStrict, poles).ok);
    const listed = poles.poles.find((p: { name: string }) => p.name === name);
    // What the map needs to place it (its department, commune and postcode), and the charter's date.
    // Its record, made at approval from what the signer gave about the pole ("constitué", website).
    assert.deepEqual(listed, {
      id: 'ptce-des-hautes-collines',
      name,
      status: 'established',
      commune: 'Corte',
      postcode: '20250',
      departments: ['2B'],
      website: 'https://hautes-collines.example.org/',
      charter: { date: '2026-11-21', place: 'Corte' },
      provenance: { editedAt: (listed.provenance as { editedAt: string }).editedAt, by: 'publisher' },
    });
    assert.equal(approved.signature.pole.name, name);
    const record = await (await admin(`${server.url}/api/admin/poles/ptce-des-hautes-collines`)).json();
    assert.equal(record.version, 1);
    const { revisions } = await (await admin(`${server.url}/api/admin/poles/ptce-des-hautes-collines/revisions`)).json();
    assert.deepEqual(
      revisions.map((r: { action: string; author: { label: string } }) => [r.action, r.author.label]),
      [['create', 'PTCE_ADMIN_TOKEN']],
    );
    for (const personal of ['Camille', 'Martin', 'camille.martin@example.org', '06 12 34 56 78', 'rue de la Coopération', 'Vizzavona']) {
      assert.ok(!text.includes(personal), `${personal} must not be public`);
    }
  });

  it('links a signature to the listed pole it names by id: the latest date shows, the 2014 one stays in its history', async () => {
    const [domb] = (await publicList()).filter((p) => p.id === 'domb-innov');
    assert.equal((domb.charter as { date: string }).date, '2014-09-19');
    const pole = {
      ...signature().pole,
      id: 'domb-innov',
      name: 'Domb’Innov (Val Horizon)',
      postcode: '01500',
      city: 'Ambérieu-en-Bugey',
      department: '01',
    };
    const receipt = await sign({ pole, place: 'Lyon', date: '2026-11-22' });
    await approve(receipt.reference);
    const poles = await publicList();
    assert.equal(poles.filter((p) => p.id === 'domb-innov').length, 1);
    assert.ok(!poles.some((p) => p.name === pole.name), 'not listed a second time under the name it signed with');
    const renewed = poles.find((p) => p.id === 'domb-innov')!;
    assert.equal(renewed.name, "Domb'Innov", 'the listed pole keeps its own record');
    assert.deepEqual(renewed.charter, { date: '2026-11-22', place: 'Ambérieu-en-Bugey' });
    assert.deepEqual(renewed.charterHistory, [domb.charter]);
    assert.deepEqual(renewed.departments, ['01']);
  });

  it('never merges two poles whose names read alike', async () => {
    // "Domb'Innov" is listed; another pole may well be called "Domb Innov".
    const receipt = await sign({
      pole: { ...signature().pole, name: 'DOMB INNOV', postcode: '69001', city: 'Lyon', department: '69' },
      date: '2026-11-23',
    });
    await approve(receipt.reference);
    const poles = await publicList();
    const original = poles.find((p) => p.id === 'domb-innov')!;
    const other = poles.find((p) => p.name === 'DOMB INNOV')!;
    assert.ok(other, 'listed on its own');
    assert.notEqual(other.id, original.id);
    assert.deepEqual(other.departments, ['69']);
    assert.notEqual((original.charter as { date: string }).date, '2026-11-23');
  });

  it('refuses a signature naming a pole id that is not listed, and commitments that are not in the charter', async () => {
    const unknownPole = await post(`${server.url}/api/signatures`, signature({ pole: { ...signature().pole, id: 'no-such-pole' } }));
    assert.equal(unknownPole.status, 400);
    assert.deepEqual(
      (await unknownPole.json()).errors.map((e: { path: string }) => e.path),
      ['pole.id'],
    );
    const extra = await post(`${server.url}/api/signatures`, signature({ commitments: [...signature().commitments, 'be-ranked-first'] }));
    assert.equal(extra.status, 400);
    const body = await extra.json();
    assert.deepEqual(
      body.errors.map((e: { path: string }) => e.path),
      ['commitments'],
    );
    assert.match(body.errors[0].message, /be-ranked-first/);
    const stored = (await server.store.listSignatures()).filter((row) => /be-ranked-first|no-such-pole/.test(row.body));
    assert.equal(stored.length, 0, 'nothing stored');
  });

  it('keeps a pole that did not consent, or was rejected, off the public list', async () => {
    const quiet = await (
      await post(`${server.url}/api/signatures`, signature({ pole: { ...signature().pole, name: 'Pôle Discret' }, consentToList: false }))
    ).json();
    const refused = await (
      await post(`${server.url}/api/signatures`, signature({ pole: { ...signature().pole, name: 'Pôle Refusé' } }))
    ).json();
    await admin(`${server.url}/api/admin/signatures/${quiet.reference}/approve`, { method: 'POST' });
    const rejected = await (await admin(`${server.url}/api/admin/signatures/${refused.reference}/reject`, { method: 'POST' })).json();
    assert.equal(rejected.status, 'rejected');
    const text = await (await get('/poles.json')).text();
    assert.ok(!text.includes('Pôle Discret'));
    assert.ok(!text.includes('Pôle Refusé'));
    assert.equal((await admin(`${server.url}/api/admin/signatures/SIG-NONE-NONE/approve`, { method: 'POST' })).status, 404);
  });

  it('exports signatures as a CSV a French spreadsheet opens: BOM, semicolons, accents, no formulas', async () => {
    await post(
      `${server.url}/api/signatures`,
      signature({ pole: { ...signature().pole, name: '=HYPERLINK("x")' }, place: 'Évry; près de Paris' }),
    );
    const response = await admin(`${server.url}/api/admin/signatures.csv`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [header, ...rows] = text.trim().split('\r\n');
    assert.equal(header.split(';')[0], 'reference');
    assert.ok(header.split(';').includes('email'));
    assert.ok(
      rows.some((row) => row.includes('Pôle Écotest')),
      'accents intact',
    );
    assert.ok(
      rows.some((row) => row.includes(`"'=HYPERLINK(""x"")"`)),
      'formula neutralised',
    );
    assert.ok(
      rows.some((row) => row.includes('"Évry; près de Paris"')),
      'separator quoted',
    );
  });
});

describe('HTTP hygiene', () => {
  it('opens GETs to every origin and POSTs only to allowed ones', async () => {
    const read = await get('/poles.json', { headers: { Origin: 'https://any.example.net' } });
    assert.equal(read.headers.get('access-control-allow-origin'), '*');

    const preflight = (origin: string) =>
      fetch(`${server.url}/api/signatures`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, idempotency-key',
        },
      });
    const allowed = await preflight('https://cress.example.org');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://cress.example.org');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);

    const refused = await preflight('https://evil.example.net');
    assert.equal(refused.status, 403);
    assert.equal(refused.headers.get('access-control-allow-origin'), null);

    const sent = await post(`${server.url}/api/signatures`, signature(), { Origin: 'https://evil.example.net' });
    assert.equal(sent.status, 403);
    const fromAllowed = await post(`${server.url}/api/signatures`, signature(), { Origin: 'https://cress.example.org' });
    assert.equal(fromAllowed.status, 201);
    assert.equal(fromAllowed.headers.get('access-control-allow-origin'), 'https://cress.example.org');
    // The answer depends on the Origin: a shared cache must not give it to another site.
    assert.match(fromAllowed.headers.get('vary') ?? '', /\bOrigin\b/);
  });

  it("lets an owner's form on an allowed site PATCH the owner's routes, and no other site", async () => {
    const preflight = (origin: string, path = '/api/owner/pole') =>
      fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PATCH',
          'Access-Control-Request-Headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight('https://cress.example.org');
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://cress.example.org');
    assert.match(allowed.headers.get('access-control-allow-methods') ?? '', /PATCH/);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.equal((await preflight('https://cress.example.org', '/api/owner/actions/FA-1')).status, 204);
    assert.equal((await preflight('https://evil.example.net')).status, 403);
    assert.equal((await preflight('https://cress.example.org', '/api/admin/poles/bou-sol')).status, 403, 'not the admin routes');

    const patch = (origin: string) =>
      fetch(`${server.url}/api/owner/pole`, {
        method: 'PATCH',
        headers: { Origin: origin, 'Content-Type': 'application/json', Authorization: 'Bearer not-a-session' },
        body: JSON.stringify({ changes: {}, version: 1 }),
      });
    const fromAllowed = await patch('https://cress.example.org');
    assert.equal(fromAllowed.status, 401, 'through the origin policy, to the session check');
    assert.equal(fromAllowed.headers.get('access-control-allow-origin'), 'https://cress.example.org');
    assert.equal((await patch('https://evil.example.net')).status, 403);
  });

  it('sends security headers, and a Content-Security-Policy on pages', async () => {
    const json = await get('/ptce.json');
    assert.equal(json.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(json.headers.get('referrer-policy'), 'no-referrer');
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  it('limits the rate of POSTs per client (429 with Retry-After)', async () => {
    const limited = await startApp({ postsPerMinute: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await post(`${limited.url}/api/signatures`, signature())).status);
      assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
      const last = await post(`${limited.url}/api/signatures`, signature());
      assert.ok(Number(last.headers.get('retry-after')) >= 1);
      assert.equal((await fetch(`${limited.url}/poles.json`)).status, 200, 'reading is not limited');
    } finally {
      await limited.close();
    }
  });
});
