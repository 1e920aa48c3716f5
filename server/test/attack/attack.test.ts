// The attack suite (npm run test:attack): several hundred generated requests against real server
// processes sharing one database (the back end under test: SQLite, or PostgreSQL under
// scripts/with-postgres.sh). Whatever the request, the server must never answer 5xx, never put a
// secret or a person's data in an answer that should not carry it, and store every write it
// acknowledged. Cases are generated from a seed (PTCE_ATTACK_SEED, default 30): a failure names
// the exact request, and the same seed sends it again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { ADMIN, backEnd, startProcess, stopProcess, tempDatabase, type ServerProcess } from '../helpers.js';
import { openStore } from '../../src/store/index.js';
import { HOSTILE_TEXT } from '../../../test/contract/cases.js';
import { sendRaw, seeded, type RawRequest, type RawResponse } from './raw-http.js';

const SEED = Number(process.env.PTCE_ATTACK_SEED ?? 30);
const rng = seeded(SEED);
const today = new Date().toISOString().slice(0, 10);
const REFERENTIEL = { referentielId: 'referentiel-ptce-illustratif', referentielVersion: '0.1' };
const POLES = ['bou-sol', 'ecoop-arc', 'le-damier', 'ptce-sud-aquitain'];

/** a: the plain process; b: same database, behind a trusted proxy, campaigns open; c: same database, 5 POSTs a minute. */
type Target = 'a' | 'b' | 'c';

interface Case {
  group: string;
  name: string;
  target: Target;
  request: RawRequest;
  /** Sent with the right admin token: people's data may be in the answer. */
  admin?: boolean;
  /** Not HTTP a server must parse: a closed connection is an answer. */
  malformed?: boolean;
}

interface Campaign {
  id: string;
  code: string;
  key: string;
}

// What no answer may carry: the campaigns' secrets (once created) and, outside the admin routes, people's data.
const secrets = new Set<string>();
const personal = new Set<string>();
const campaigns: Campaign[] = [];
// Acknowledged writes, to find in the database at the end.
const acknowledged = {
  signatures: new Set<string>(),
  assessments: new Set<string>(),
  actions: new Set<string>(),
  campaigns: new Set<string>(),
};
const deleted = new Set<string>();
const decisions = new Map<string, string>();
const failures: { fivexx: string[]; leaks: string[]; unanswered: string[] } = { fivexx: [], leaks: [], unanswered: [] };
const counts = new Map<string, number>();
let cases = 0;

let keyCounter = 0;
const newKey = () => `atk-${SEED}-${++keyCounter}`;
let people = 0;
const letters = (n: number) => [...n.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('');

/** A made-up person whose every field is unique, so an answer that shows one is caught. */
function person() {
  const n = ++people;
  const tag = letters(n + 20_000);
  const digits = String(n).padStart(8, '0');
  const values = {
    lastName: `Piinom${tag}`,
    email: `pii.${tag}@example.org`,
    phone: `07 ${digits.match(/../g)!.join(' ')}`,
  };
  for (const value of Object.values(values)) personal.add(value);
  return values;
}

function signatureBody(overrides: Record<string, unknown> = {}) {
  const p = person();
  return {
    charterId: 'charte-demarche-collective-ptce',
    charterVersion: '2014-09-19',
    pole:
      rng.next() < 0.3 ? { id: rng.pick(POLES), name: 'Pôle renouvelé', ...address() } : { name: `Pôle attaque ${people}`, ...address() },
    representative: { lastName: p.lastName, firstName: 'Camille', email: p.email, phone: p.phone },
    status: 'established',
    commitments: ['build', 'contribute'],
    place: 'Ajaccio',
    date: today,
    signatories: [{ name: `Camille ${p.lastName}`, role: 'Coordinatrice' }],
    consentToList: rng.next() < 0.8,
    ...overrides,
  };
}
const address = () => ({ street: '1 rue de la Coopération', postcode: '20090', city: 'Ajaccio', department: '2A' });

function actionBody(overrides: Record<string, unknown> = {}) {
  const p = person();
  return {
    pole: { id: 'bou-sol', name: "Bou'Sol" },
    action: { title: `Fiche ${people}`, description: 'Un fournil partagé.', offer: 'Une visite', themes: ['alimentation'] },
    contact: { name: `Camille ${p.lastName}`, email: p.email },
    ...overrides,
  };
}

function assessmentBody(code?: string, overrides: Record<string, unknown> = {}) {
  return {
    ...REFERENTIEL,
    respondent: { role: 'coordination', name: 'Répondant' },
    answers: { '1.1.1': { value: 1 + rng.int(3) }, '1.1.2': { value: 'na' } },
    ...(code ? { campaign: code } : {}),
    ...overrides,
  };
}

const campaignBody = (overrides: Record<string, unknown> = {}) => ({
  poleId: rng.pick(POLES),
  title: `Campagne ${++people}`,
  ...overrides,
});

const ADMIN_AUTH: [string, string] = ['Authorization', `Bearer ${ADMIN}`];
const JSON_TYPE: [string, string] = ['Content-Type', 'application/json'];

function postJson(path: string, body: unknown, headers: [string, string | Buffer][] = []): RawRequest {
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  return {
    method: 'POST',
    path,
    headers: [
      ...(has('content-type') ? [] : [JSON_TYPE]),
      ...(has('idempotency-key') ? [] : [['Idempotency-Key', newKey()] as [string, string]]),
      ...headers,
    ],
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  };
}

/** The four routes that take a JSON body, each with a valid body maker and what it needs. */
const writeRoutes = () => [
  { route: 'signatures', path: '/api/signatures', body: () => signatureBody(), headers: [] as [string, string][], admin: false },
  {
    route: 'assessments',
    path: '/api/assessments',
    body: () => assessmentBody(campaigns[0]!.code),
    headers: [] as [string, string][],
    admin: false,
  },
  { route: 'actions', path: '/api/actions', body: () => actionBody(), headers: [] as [string, string][], admin: false },
  { route: 'admin campaigns', path: '/api/admin/campaigns', body: () => campaignBody(), headers: [ADMIN_AUTH], admin: true },
];

let servers: Record<Target, ServerProcess>;
let database: string;

const portOf = (target: Target) => Number(new URL(servers[target].url).port);

function record(c: Case, response: RawResponse) {
  cases++;
  counts.set(c.group, (counts.get(c.group) ?? 0) + 1);
  const { method, path } = c.request;
  const label = `[${c.group}] ${c.name}: ${method} ${path.length > 120 ? `${path.slice(0, 120)}…` : path} on ${c.target}`;
  if (response.status >= 500) failures.fivexx.push(`${label} → ${response.status} ${response.body.slice(0, 200)}`);
  if (response.status === 0 && !c.malformed) failures.unanswered.push(`${label} → ${response.error ?? 'closed'}`);
  const text = `${JSON.stringify(response.headers)}\n${response.body}`;
  if (text.includes(ADMIN)) failures.leaks.push(`${label}: the admin token`);
  for (const secret of secrets) if (text.includes(secret)) failures.leaks.push(`${label}: a campaign secret`);
  if (!c.admin) for (const value of personal) if (text.includes(value)) failures.leaks.push(`${label}: personal data ${value}`);
  noteWrite(c.request, response);
}

function noteWrite(request: RawRequest, response: RawResponse) {
  const path = request.path.split('?')[0];
  let body: Record<string, string> = {};
  try {
    body = JSON.parse(response.body);
  } catch {
    // Not JSON: no write to note.
  }
  const ok = response.status === 200 || response.status === 201;
  if (request.method === 'POST' && ok) {
    if (path === '/api/signatures') acknowledged.signatures.add(body.reference);
    else if (path === '/api/assessments') acknowledged.assessments.add(body.reference);
    else if (path === '/api/actions') acknowledged.actions.add(body.reference);
    else if ((path === '/api/admin/campaigns' || path === '/api/campaigns') && response.status === 201) {
      acknowledged.campaigns.add(body.id);
      campaigns.push({ id: body.id, code: body.respondentCode, key: body.coordinatorKey });
      secrets.add(body.respondentCode);
      secrets.add(body.coordinatorKey);
    } else {
      const decided = /^\/api\/admin\/(?:signatures|actions)\/([^/]+)\/(approve|reject)$/.exec(path);
      if (decided) decisions.set(decodeURIComponent(decided[1]), decided[2] === 'approve' ? 'approved' : 'rejected');
    }
  }
  const removed = /^\/api\/campaigns\/[^/]+\/assessments\/([^/]+)$/.exec(path);
  if (request.method === 'DELETE' && response.status === 204 && removed) deleted.add(decodeURIComponent(removed[1]));
}

/** Sends the cases, `limit` at a time, and records each answer. */
async function run(list: Case[], limit = 6): Promise<RawResponse[]> {
  const responses: RawResponse[] = new Array(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const index = next++;
      const c = list[index];
      responses[index] = await sendRaw(portOf(c.target), c.request);
      record(c, responses[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
  return responses;
}

/** The group's failures so far, for its test's assertion. */
function groupFailures(group: string) {
  const mine = (list: string[]) => list.filter((line) => line.startsWith(`[${group}]`));
  return { fivexx: mine(failures.fivexx), leaks: mine(failures.leaks), unanswered: mine(failures.unanswered) };
}

async function runGroup(list: Case[], limit?: number) {
  assert.ok(list.length > 0);
  await run(list, limit);
  const found = groupFailures(list[0].group);
  assert.deepEqual(found, { fivexx: [], leaks: [], unanswered: [] });
}

describe(`attack suite (${backEnd}, seed ${SEED})`, () => {
  before(async () => {
    database = await tempDatabase();
    const a = await startProcess(database, { PTCE_LOG: 'off' });
    const b = await startProcess(database, { PTCE_LOG: 'off', PTCE_TRUST_PROXY: '1', PTCE_OPEN_CAMPAIGNS: '1' });
    const c = await startProcess(database, { PTCE_LOG: 'off', PTCE_POSTS_PER_MINUTE: '5' });
    servers = { a, b, c };
  });

  after(async () => {
    if (servers) await Promise.all(Object.values(servers).map((server) => stopProcess(server)));
  });

  it('setup: campaigns, signatures, fiches and answers through the routes', async () => {
    const setup = (name: string, request: RawRequest, admin = false): Case => ({ group: 'setup', name, target: 'a', request, admin });
    await runGroup(
      Array.from({ length: 3 }, (_, i) =>
        setup(`campaign ${i}`, postJson('/api/admin/campaigns', campaignBody({ poleId: POLES[i] }), [ADMIN_AUTH]), true),
      ),
      1,
    );
    assert.equal(campaigns.length, 3);
    await runGroup([
      ...Array.from({ length: 6 }, (_, i) => setup(`signature ${i}`, postJson('/api/signatures', signatureBody()))),
      ...Array.from({ length: 4 }, (_, i) => setup(`fiche ${i}`, postJson('/api/actions', actionBody()))),
      ...Array.from({ length: 6 }, (_, i) =>
        setup(`answers ${i}`, postJson('/api/assessments', assessmentBody(i < 2 ? undefined : campaigns[i % 3].code))),
      ),
    ]);
  });

  const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];
  const paths = () => {
    const { id } = campaigns[0];
    return [
      '/',
      '/index.html',
      '/admin.html',
      '/cdn/ptce-widgets.js',
      '/demo-data/poles.json',
      '/demo-data/campagne-demo.json',
      '/ptce.json',
      '/poles.json',
      '/referentiel.json',
      '/charter.json',
      '/healthz',
      '/readyz',
      '/api/signatures',
      '/api/assessments',
      '/api/actions',
      '/api/campaigns',
      '/api/campaigns/respondent',
      `/api/campaigns/${id}/assessments`,
      `/api/campaigns/${id}/assessments?download`,
      `/api/campaigns/${id}/assessments.csv`,
      `/api/campaigns/${id}/assessments/EVAL-NONE-XXXX`,
      `/api/campaigns/${id}/publish`,
      `/api/campaigns/${id}/unpublish`,
      '/api/admin/signatures',
      '/api/admin/signatures?status=pending',
      '/api/admin/signatures?status=%00',
      '/api/admin/signatures.csv',
      '/api/admin/signatures/SIG-NONE-0000/approve',
      '/api/admin/signatures/SIG-NONE-0000/reject',
      '/api/admin/actions',
      '/api/admin/actions?status=approved',
      '/api/admin/actions/FICHE-NONE-0000/approve',
      '/api/admin/actions/FICHE-NONE-0000/reject',
      '/api/admin/campaigns',
      '/api/admin/campaigns/camp-none/close',
      '/open-data/datapackage.json',
      '/open-data/poles.csv',
      '/open-data/poles.geojson',
      '/open-data/poles.jsonld',
      '/referentiels/referentiel-ptce-illustratif/0.1.json',
      '/referentiels/%00/0.1.json',
      '/api/admin/referentiels',
      '/api/login',
      '/api/logout',
      '/api/password',
      '/api/me',
      '/api/admin/accounts',
      '/api/admin/accounts/1',
      '/api/admin/accounts/1/password-link',
      '/api/admin/accounts/1/erase',
      '/api/admin/accounts/99999999999999999999/erase',
      '/api/admin/audit?subjectType=signature&subjectId=%00',
      '/api/admin/assessments',
      '/api/admin/assessments?campaign=none',
      '/api/admin/assessments/EVAL-NONE-0000/erase',
      '/api/admin/signatures/SIG-NONE-0000/erase',
      '/api/admin/actions/FICHE-NONE-0000/erase',
      '/confidentialite',
      '/api/admin/imports',
      '/api/admin/imports/imp-none',
      '/api/admin/imports/imp-none/apply',
      '/api/admin/imports/%00/discard',
      '/api/admin/sources',
      '/api/admin/sources/999',
      '/api/admin/sources/999/run',
      '/api/admin/sources/%00',
      // NUL in a path parameter (PostgreSQL cannot compare text holding it).
      '/api/campaigns/%00/assessments',
      `/api/campaigns/${id}/assessments/EVAL-%00`,
      '/api/admin/signatures/SIG-%00/approve',
      '/api/admin/actions/a%00b/reject',
      '/api/admin/campaigns/%00/close',
      '/api/nothing',
    ];
  };

  /** Every method on every path: with the right secrets on a (deeper in each route), with none on b. */
  it('methods: every method on every route, with and without the secrets', async () => {
    const list: Case[] = [];
    for (const target of ['a', 'b'] as const) {
      for (const path of paths()) {
        for (const method of METHODS) {
          const headers: [string, string][] = [];
          let admin = false;
          if (target === 'a') {
            if (path.startsWith('/api/admin')) (headers.push(ADMIN_AUTH), (admin = true));
            else if (path.startsWith('/api/campaigns/') && path !== '/api/campaigns/respondent')
              headers.push(['Authorization', `Bearer ${campaigns[0].key}`]);
            else if (path === '/api/campaigns/respondent') headers.push(['Campaign-Code', campaigns[0].code]);
          }
          if (method === 'OPTIONS')
            headers.push(['Origin', 'https://elsewhere.example'], ['Access-Control-Request-Method', rng.pick(['GET', 'POST', 'DELETE'])]);
          const withBody = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method);
          const request: RawRequest = withBody
            ? { method, path, headers: [JSON_TYPE, ['Idempotency-Key', newKey()], ...headers], body: '{}' }
            : { method, path, headers };
          list.push({ group: 'methods', name: `${method} ${target === 'a' ? 'with' : 'without'} secrets`, target, request, admin });
        }
      }
    }
    await runGroup(list);
  });

  it('encodings: compressed bodies, invalid UTF-8, BOM, overlong sequences, UTF-16', async () => {
    const list: Case[] = [];
    for (const { route, path, body, headers, admin } of writeRoutes()) {
      const json = () => Buffer.from(JSON.stringify(body()));
      /** A valid body whose first string field's value is replaced with these bytes. */
      const withBytes = (bytes: number[]) => {
        const text = json().toString('latin1');
        const at = text.indexOf('":"') + 3;
        return Buffer.concat([Buffer.from(text.slice(0, at), 'latin1'), Buffer.from(bytes), Buffer.from(text.slice(at), 'latin1')]);
      };
      const variants: [string, Buffer, [string, string][]][] = [
        ['gzip body', gzipSync(json()), [['Content-Encoding', 'gzip']]],
        ['deflate body', deflateSync(json()), [['Content-Encoding', 'deflate']]],
        ['br body', brotliCompressSync(json()), [['Content-Encoding', 'br']]],
        ['identity encoding', json(), [['Content-Encoding', 'identity']]],
        ['gzip announced, plain sent', json(), [['Content-Encoding', 'gzip']]],
        ['unknown encoding', json(), [['Content-Encoding', 'x-compress, zstd']]],
        ['invalid UTF-8', withBytes([0xff, 0xfe, 0xc3]), []],
        ['BOM first', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), json()]), []],
        ['overlong slash', withBytes([0xc0, 0xaf]), []],
        ['overlong NUL', withBytes([0xc0, 0x80]), []],
        ['overlong quote', withBytes([0xe0, 0x80, 0xa2]), []],
        ['surrogate bytes', withBytes([0xed, 0xa0, 0x80]), []],
        ['UTF-16LE body', Buffer.from(`\ufeff${json().toString()}`, 'utf16le'), [['Content-Type', 'application/json; charset=utf-16']]],
        ['escaped NUL', Buffer.from(JSON.stringify(body()).replace('":"', '":"\\u0000')), []],
        ['escaped lone surrogate', Buffer.from(JSON.stringify(body()).replace('":"', '":"\\ud800')), []],
        ['raw control characters', withBytes([0x01, 0x08, 0x1b]), []],
      ];
      for (const [name, bytes, extra] of variants) {
        list.push({
          group: 'encodings',
          name: `${route}: ${name}`,
          target: 'a',
          admin,
          request: postJson(path, bytes, [...headers, ...extra]),
        });
      }
    }
    await runGroup(list);
  });

  it('sizes: empty, just under and over 64 KB, chunked, huge headers and URLs', async () => {
    const list: Case[] = [];
    for (const { route, path, body, headers, admin } of writeRoutes()) {
      const padded = (size: number) => {
        const json = JSON.stringify(body());
        return json + ' '.repeat(size - Buffer.byteLength(json));
      };
      const chunked = (text: string) => {
        const parts = text.match(/[\s\S]{1,4096}/g) ?? [];
        return `${parts.map((part) => `${Buffer.byteLength(part).toString(16)}\r\n${part}\r\n`).join('')}0\r\n\r\n`;
      };
      const te: [string, string] = ['Transfer-Encoding', 'chunked'];
      const variants: [string, RawRequest][] = [
        ['empty body', postJson(path, '', headers)],
        ['no body at all', { method: 'POST', path, headers: [JSON_TYPE, ['Idempotency-Key', newKey()], ...headers] }],
        ['{}', postJson(path, '{}', headers)],
        ['just under 64 KB', postJson(path, padded(64 * 1024 - 1), headers)],
        ['exactly 64 KB', postJson(path, padded(64 * 1024), headers)],
        ['just over 64 KB', postJson(path, padded(64 * 1024 + 1), headers)],
        ['1 MB', postJson(path, padded(1024 * 1024), headers)],
        ['chunked', postJson(path, chunked(JSON.stringify(body())), [...headers, te])],
        ['chunked, over 64 KB', postJson(path, chunked(padded(70 * 1024)), [...headers, te])],
        ['Content-Length shorter than the body', postJson(path, JSON.stringify(body()), [...headers, ['Content-Length', '10']])],
        ['Content-Length and chunked', postJson(path, chunked(JSON.stringify(body())), [...headers, te, ['Content-Length', '5']])],
        ['negative Content-Length', postJson(path, '{}', [...headers, ['Content-Length', '-1']])],
      ];
      for (const [name, request] of variants) {
        const malformed = /Content-Length/.test(name);
        list.push({ group: 'sizes', name: `${route}: ${name}`, target: 'a', admin, request, malformed });
      }
    }
    const big = (n: number) => 'x'.repeat(n);
    const gets: [string, RawRequest][] = [
      ['15 KB header', { method: 'GET', path: '/poles.json', headers: [['X-Padding', big(15_000)]] }],
      ['20 KB header', { method: 'GET', path: '/poles.json', headers: [['X-Padding', big(20_000)]] }],
      ['1 MB header', { method: 'GET', path: '/ptce.json', headers: [['X-Padding', big(1_000_000)]] }],
      ['100 KB URL', { method: 'GET', path: `/poles.json?${big(100_000)}`, headers: [] }],
      ['10 KB path', { method: 'GET', path: `/${big(10_000)}`, headers: [] }],
      [
        '1,000 headers',
        { method: 'GET', path: '/poles.json', headers: Array.from({ length: 1000 }, (_, i) => [`X-H${i}`, 'v'] as [string, string]) },
      ],
      [
        '3,000 headers',
        { method: 'GET', path: '/poles.json', headers: Array.from({ length: 3000 }, (_, i) => [`X-H${i}`, 'v'] as [string, string]) },
      ],
      ['huge admin token', { method: 'GET', path: '/api/admin/signatures', headers: [['Authorization', `Bearer ${big(15_000)}`]] }],
      ['huge Idempotency-Key', postJson('/api/signatures', signatureBody(), [['Idempotency-Key', big(10_000)]])],
      [
        'huge If-None-Match',
        { method: 'GET', path: '/poles.json', headers: [['If-None-Match', Array.from({ length: 1500 }, () => '"abc"').join(', ')]] },
      ],
      [
        'huge Accept-Encoding',
        { method: 'GET', path: '/poles.json', headers: [['Accept-Encoding', Array.from({ length: 1500 }, () => 'br;q=0').join(', ')]] },
      ],
    ];
    for (const [name, request] of gets) list.push({ group: 'sizes', name, target: 'c', request, malformed: /header|URL|path/.test(name) });
    await runGroup(list, 4);
  });

  it('content types: missing, wrong, multipart, form-encoded, charset variants', async () => {
    const types: (string | null)[] = [
      null,
      'text/plain',
      'text/plain; charset=utf-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=----x',
      'application/json; charset=utf-8',
      'application/json; charset=UTF-8',
      'application/json; charset=latin1',
      'application/json; charset="utf-8"',
      'application/json;;',
      'APPLICATION/JSON',
      'application/json-patch+json',
      'application/vnd.api+json',
      'application/jsonx',
      ' application/json',
      '*/*',
      'application/json, text/plain',
      'application/xml',
    ];
    const list: Case[] = [];
    for (const { route, path, body, headers, admin } of writeRoutes()) {
      for (const type of types) {
        const json = JSON.stringify(body());
        const payload =
          type?.startsWith('multipart') === true
            ? `------x\r\nContent-Disposition: form-data; name="body"\r\n\r\n${json}\r\n------x--\r\n`
            : type === 'application/x-www-form-urlencoded'
              ? `body=${encodeURIComponent(json)}`
              : json;
        const request = postJson(path, payload, [...headers, ['Content-Type', type ?? '']]);
        if (type === null) request.headers = request.headers!.filter(([name]) => name !== 'Content-Type');
        list.push({ group: 'content types', name: `${route}: ${type ?? 'none'}`, target: 'a', admin, request });
      }
    }
    await runGroup(list);
  });

  it('malformed JSON: truncated, deep, huge numbers, duplicate keys, __proto__ and constructor', async () => {
    const list: Case[] = [];
    for (const { route, path, body, headers, admin } of writeRoutes()) {
      const json = JSON.stringify(body());
      const firstKey = /^\{"(\w+)"/.exec(json)![1];
      const variants: [string, string][] = [
        ...Array.from({ length: 6 }, (_, i): [string, string] => {
          const cut = 1 + rng.int(json.length - 2);
          return [`truncated at ${cut} (${i})`, json.slice(0, cut)];
        }),
        ['20,000 nested arrays', `{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)},${json.slice(1)}`],
        ['10,000 nested objects', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
        ['30,000 unclosed arrays', '['.repeat(30_000)],
        ['nested __proto__ deep', `{"x":${'{"__proto__":'.repeat(2000)}1${'}'.repeat(2000)},${json.slice(1)}`],
        ['huge number', json.replace(/:(\d+)|:"[^"]*"/, ':1e99999')],
        ['huge integer', `{"n":${'9'.repeat(5000)},${json.slice(1)}`],
        ['negative zero and NaN-like', `{"n":-0,"m":-1e-99999,${json.slice(1)}`],
        ['duplicate keys', `{"${firstKey}":1,${json.slice(1)}`],
        ['duplicate keys, last invalid', `${json.slice(0, -1)},"${firstKey}":{"x":1}}`],
        ['__proto__ key', `{"__proto__":{"polluted":true},${json.slice(1)}`],
        ['escaped __proto__ key', `{"\\u005f_proto__":{"polluted":true},${json.slice(1)}`],
        ['constructor.prototype', `{"constructor":{"prototype":{"polluted":true}},${json.slice(1)}`],
        ['nested __proto__', json.replace('{"', '{"__proto__":{"isAdmin":true},"')],
        ['NaN', json.replace(/:(\d+)/, ':NaN')],
        ['trailing comma', `${json.slice(0, -1)},}`],
        ['single quotes', json.replace(/"/g, "'")],
        ['comment', `/* c */${json}`],
        ['null', 'null'],
        ['array', `[${json}]`],
        ['string', JSON.stringify(json)],
        ['number', '42'],
        ['two documents', `${json}${json}`],
        ['5,000 extra keys', `{${Array.from({ length: 5000 }, (_, i) => `"k${i}":${i}`).join(',')},${json.slice(1)}`],
      ];
      for (const [name, payload] of variants)
        list.push({ group: 'json', name: `${route}: ${name}`, target: 'a', admin, request: postJson(path, payload, headers) });
    }
    await runGroup(list, 4);
  });

  it('field values: hostile text, control characters, huge strings, in every text field', async () => {
    const values = [
      ...HOSTILE_TEXT,
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\ud800',
      '\udfff\ud800',
      '\u202e\u200f',
      '🏳️‍🌈'.repeat(50),
      'Ω'.repeat(5000),
      'x'.repeat(70_000),
      "'; DROP TABLE signatures; --",
      '../../etc/passwd',
      '%s%n%x',
    ];
    const list: Case[] = [];
    values.forEach((value, i) => {
      const name = JSON.stringify(value.slice(0, 20));
      list.push(
        {
          group: 'fields',
          name: `signature pole ${name}`,
          target: 'a',
          request: postJson('/api/signatures', signatureBody({ place: value, pole: { name: value, ...address() } })),
        },
        {
          group: 'fields',
          name: `signature signatory ${name}`,
          target: 'a',
          request: postJson('/api/signatures', signatureBody({ signatories: [{ name: value, role: value }] })),
        },
        {
          group: 'fields',
          name: `fiche ${name}`,
          target: 'a',
          request: postJson(
            '/api/actions',
            actionBody({ pole: { name: value }, action: { title: value, description: value, offer: value } }),
          ),
        },
        {
          group: 'fields',
          name: `answers ${name}`,
          target: 'a',
          request: postJson(
            '/api/assessments',
            assessmentBody(campaigns[i % 3].code, {
              respondent: { role: 'coordination', name: value },
              answers: { '1.1.1': { value: 2, comment: value }, [value]: { value: 1 } },
            }),
          ),
        },
        {
          group: 'fields',
          name: `campaign title ${name}`,
          target: 'a',
          admin: true,
          request: postJson('/api/admin/campaigns', campaignBody({ title: value }), [ADMIN_AUTH]),
        },
      );
    });
    await runGroup(list, 4);
  });

  it('proxies: forged X-Forwarded-For, -Proto and -Host, trusted or not', async () => {
    const forged: [string, string][][] = [
      [['X-Forwarded-For', '203.0.113.7']],
      [['X-Forwarded-For', '203.0.113.7, 198.51.100.1, 127.0.0.1']],
      [['X-Forwarded-For', 'not an address']],
      [['X-Forwarded-For', '::1']],
      [['X-Forwarded-For', '[2001:db8::1]:443']],
      [['X-Forwarded-For', Array.from({ length: 2000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`).join(',')]],
      [['X-Forwarded-For', '']],
      [['X-Forwarded-Proto', 'javascript']],
      [['X-Forwarded-Proto', 'https, http']],
      [
        ['X-Forwarded-Host', 'evil.example'],
        ['X-Forwarded-Proto', 'https'],
        ['Origin', 'https://evil.example'],
      ],
      [['X-Forwarded-Host', 'evil.example:99999']],
      [['X-Forwarded-Host', '[::1']],
      [['X-Forwarded-Host', 'a b, c']],
      [['Forwarded', 'for=1.2.3.4;proto=https;host=evil.example']],
      [
        ['X-Real-IP', '1.2.3.4'],
        ['X-Client-IP', '5.6.7.8'],
      ],
      [
        ['Host', 'evil.example'],
        ['Origin', 'http://evil.example'],
      ],
      [['Host', '']],
    ];
    const list: Case[] = [];
    for (const target of ['a', 'b'] as const) {
      forged.forEach((headers, i) => {
        const name = `${target === 'b' ? 'trusted' : 'untrusted'} ${headers.map(([n, v]) => `${n}: ${v.slice(0, 30)}`).join('; ')}`;
        list.push(
          {
            group: 'proxies',
            name: `poles ${name}`,
            target,
            request: { method: 'GET', path: rng.pick(['/poles.json', '/ptce.json', '/admin.html']), headers },
          },
          { group: 'proxies', name: `signature ${name}`, target, request: postJson('/api/signatures', signatureBody(), headers) },
          {
            group: 'proxies',
            name: `answers ${name}`,
            target,
            request: postJson('/api/assessments', assessmentBody(campaigns[i % 3].code), headers),
          },
          {
            group: 'proxies',
            name: `admin ${name}`,
            target,
            admin: true,
            request: { method: 'GET', path: '/api/admin/campaigns', headers: [...headers, ADMIN_AUTH] },
          },
        );
      });
    }
    await runGroup(list);
  });

  it('idempotency races: one key sent at once to both processes, same and different bodies', async () => {
    const groups: { key: string; table: 'signatures' | 'assessments' | 'actions'; cases: Case[] }[] = [];
    const makers = [
      ['signatures', '/api/signatures', () => signatureBody()],
      ['assessments', '/api/assessments', () => assessmentBody(campaigns[1].code)],
      ['actions', '/api/actions', () => actionBody()],
    ] as const;
    for (const [table, path, make] of makers) {
      for (const same of [true, false]) {
        const key = newKey();
        const body = make();
        const cases = Array.from({ length: 10 }, (_, i): Case => ({
          group: 'races',
          name: `${table}: ${same ? 'same body' : 'different bodies'} ${i}`,
          target: i % 2 ? 'a' : 'b',
          request: postJson(path, same ? body : make(), [['Idempotency-Key', key]]),
        }));
        groups.push({ key, table, cases });
      }
    }
    const answers = await Promise.all(groups.map((group) => run(group.cases, 10)));
    assert.deepEqual(groupFailures('races'), { fivexx: [], leaks: [], unanswered: [] });
    const store = await openStore(database);
    try {
      for (const [i, group] of groups.entries()) {
        const references = new Set(answers[i].filter((r) => r.status < 300).map((r) => JSON.parse(r.body).reference));
        const name = group.cases[0].name;
        // At most one reference for all the acknowledgements (none if a cap or throttle refused them all), and its row alone.
        assert.ok(references.size <= 1, `${name}: ${[...references].join(', ')}`);
        const rows = await (group.table === 'signatures'
          ? store.listSignatures()
          : group.table === 'assessments'
            ? store.listAssessments()
            : store.listActions());
        const stored = rows.filter((row) => row.idempotency_key === group.key);
        assert.deepEqual(
          stored.map((row) => row.reference),
          [...references],
          `${name}: one row, the acknowledged one`,
        );
        for (const r of answers[i]) assert.ok([200, 201, 409, 422, 429].includes(r.status), `${name}: ${r.status}`);
      }
    } finally {
      await store.close();
    }
  });

  it('two processes on one database: a burst of writes to both at once', async () => {
    const list: Case[] = Array.from({ length: 60 }, (_, i): Case => {
      const target = i % 2 ? 'a' : 'b';
      if (i % 3 === 0)
        return {
          group: 'two processes',
          name: `answers ${i}`,
          target,
          request: postJson('/api/assessments', assessmentBody(campaigns[i % 3].code)),
        };
      if (i % 5 === 0) return { group: 'two processes', name: `fiche ${i}`, target, request: postJson('/api/actions', actionBody()) };
      return { group: 'two processes', name: `signature ${i}`, target, request: postJson('/api/signatures', signatureBody()) };
    });
    await runGroup(list, 16);
  });

  it('campaigns: the coordinator reads, deletes and publishes; nobody sees a code again', async () => {
    const [first, second] = campaigns;
    const coordinator = (campaign: Campaign): [string, string] => ['Authorization', `Bearer ${campaign.key}`];
    const read = await sendRaw(portOf('a'), {
      method: 'GET',
      path: `/api/campaigns/${second.id}/assessments`,
      headers: [coordinator(second)],
    });
    const victim = (JSON.parse(read.body) as { assessments: { reference: string }[] }).assessments[0].reference;
    const flow = (name: string, request: RawRequest, target: Target = 'a'): Case => ({ group: 'campaigns', name, target, request });
    await runGroup(
      [
        flow('respondent view', { method: 'GET', path: '/api/campaigns/respondent', headers: [['Campaign-Code', first.code]] }),
        flow('respondent view, lower case code', {
          method: 'GET',
          path: '/api/campaigns/respondent',
          headers: [['Campaign-Code', first.code.toLowerCase()]],
        }),
        flow('answers', { method: 'GET', path: `/api/campaigns/${second.id}/assessments`, headers: [coordinator(second)] }),
        flow('answers as a file', {
          method: 'GET',
          path: `/api/campaigns/${second.id}/assessments?download=1`,
          headers: [coordinator(second)],
        }),
        flow('answers CSV', { method: 'GET', path: `/api/campaigns/${second.id}/assessments.csv`, headers: [coordinator(second)] }),
        flow('publish', { method: 'POST', path: `/api/campaigns/${second.id}/publish`, headers: [coordinator(second)] }),
        flow('delete one answer set', {
          method: 'DELETE',
          path: `/api/campaigns/${second.id}/assessments/${victim}`,
          headers: [coordinator(second)],
        }),
        flow('delete it again', {
          method: 'DELETE',
          path: `/api/campaigns/${second.id}/assessments/${victim}`,
          headers: [coordinator(second)],
        }),
        flow('delete with another campaign key', {
          method: 'DELETE',
          path: `/api/campaigns/${second.id}/assessments/${victim}`,
          headers: [coordinator(first)],
        }),
        flow('publish again', postJson(`/api/campaigns/${second.id}/publish`, '{}', [coordinator(second)])),
        flow('unpublish the first', postJson(`/api/campaigns/${first.id}/unpublish`, '{}', [coordinator(first)])),
        flow('open one without the admin (b allows it)', postJson('/api/campaigns', campaignBody()), 'b'),
        flow('open one without the admin (a refuses it)', postJson('/api/campaigns', campaignBody())),
        flow('open one for an unknown pole', postJson('/api/campaigns', campaignBody({ poleId: 'nope' })), 'b'),
      ],
      1,
    );
    assert.ok(deleted.has(victim));
  });

  it('auth headers: missing, malformed, wrong, overlong, unicode (throttled processes)', async () => {
    const [campaign] = campaigns;
    const variants: (string | Buffer | null)[] = [
      null,
      '',
      'Bearer',
      'Bearer ',
      'Bearer  ',
      `Basic ${Buffer.from(`admin:${ADMIN}`).toString('base64')}`,
      `Bearer ${ADMIN.slice(0, -1)}`,
      `Bearer ${ADMIN}x`,
      `Bearer ${ADMIN} extra`,
      `Bearer\t${ADMIN.slice(1)}`,
      `Token ${ADMIN.slice(2)}`,
      `Bearer ${'a'.repeat(4000)}`,
      Buffer.from('Bearer tökén-ünïcödé-🔑', 'utf8'),
      Buffer.from('Bearer caf\xe9', 'latin1'),
      Buffer.from([0x42, 0x65, 0x61, 0x72, 0x65, 0x72, 0x20, 0x00, 0x7f]),
      `Bearer ${campaign.key}`,
      `Bearer ${campaign.code}`,
    ];
    const routes: [string, string][] = [
      ['GET', '/api/admin/signatures'],
      ['GET', '/api/admin/signatures.csv'],
      ['POST', '/api/admin/signatures/SIG-NONE-0000/approve'],
      ['GET', '/api/admin/actions'],
      ['GET', '/api/admin/campaigns'],
      ['POST', '/api/admin/campaigns'],
      ['GET', `/api/campaigns/${campaign.id}/assessments`],
      ['GET', `/api/campaigns/${campaign.id}/assessments.csv`],
      ['POST', `/api/campaigns/${campaign.id}/publish`],
      ['DELETE', `/api/campaigns/${campaign.id}/assessments/EVAL-NONE-0000`],
      ['GET', '/api/campaigns/camp-none/assessments'],
    ];
    const list: Case[] = [];
    for (const target of ['b', 'c'] as const) {
      for (const [method, path] of routes) {
        for (const value of variants) {
          const headers: [string, string | Buffer][] = value === null ? [] : [['Authorization', value]];
          const request: RawRequest =
            method === 'GET'
              ? { method, path, headers }
              : { method, path, headers: [JSON_TYPE, ['Idempotency-Key', newKey()], ...headers], body: JSON.stringify(campaignBody()) };
          const label =
            value === null
              ? 'none'
              : Buffer.isBuffer(value)
                ? `bytes ${value.toString('hex').slice(0, 24)}`
                : value.replace(ADMIN, '<token>').slice(0, 40);
          list.push({ group: 'auth', name: `${label}`, target, request, malformed: Buffer.isBuffer(value) && value.includes(0) });
        }
      }
      const codes: (string | Buffer)[] = [
        '',
        ' ',
        'R-',
        campaign.code.slice(0, -1),
        `${campaign.code} `,
        'x'.repeat(101),
        'x'.repeat(5000),
        Buffer.from('R-ÉÉÉÉ-🔑', 'utf8'),
        campaign.key,
        `${campaign.code},${campaign.code}`,
      ];
      for (const code of codes) {
        list.push({
          group: 'auth',
          name: `Campaign-Code ${String(code).slice(0, 30)}`,
          target,
          request: { method: 'GET', path: '/api/campaigns/respondent', headers: [['Campaign-Code', code]] },
        });
        list.push({
          group: 'auth',
          name: `answers with code ${String(code).slice(0, 30)}`,
          target,
          request: postJson('/api/assessments', assessmentBody(), [['Campaign-Code', code]]),
        });
      }
    }
    await runGroup(list, 4);
  });

  it('throttles: a burst past the POST limit, then the right secrets after many wrong ones', async () => {
    const list: Case[] = Array.from({ length: 25 }, (_, i): Case => ({
      group: 'throttles',
      name: `signature ${i} past 5 a minute`,
      target: 'c',
      request: postJson('/api/signatures', signatureBody()),
    }));
    await runGroup(list, 8);
    const sequence: Case[] = [
      ...Array.from({ length: 12 }, (_, i): Case => ({
        group: 'throttles',
        name: `wrong admin token ${i}`,
        target: 'b',
        request: { method: 'GET', path: '/api/admin/signatures', headers: [['Authorization', `Bearer wrong-${i}-${'x'.repeat(30)}`]] },
      })),
      {
        group: 'throttles',
        name: 'the right admin token after them',
        target: 'b',
        admin: true,
        request: { method: 'GET', path: '/api/admin/signatures', headers: [ADMIN_AUTH] },
      },
      ...Array.from({ length: 12 }, (_, i): Case => ({
        group: 'throttles',
        name: `wrong code ${i}`,
        target: 'b',
        request: { method: 'GET', path: '/api/campaigns/respondent', headers: [['Campaign-Code', `R-WRNG-${i}`]] },
      })),
      {
        group: 'throttles',
        name: 'the right code after them',
        target: 'b',
        request: postJson('/api/assessments', assessmentBody(campaigns[2].code)),
      },
      ...Array.from({ length: 12 }, (_, i): Case => ({
        group: 'throttles',
        name: `wrong key ${i}`,
        target: 'b',
        request: {
          method: 'GET',
          path: `/api/campaigns/${campaigns[2].id}/assessments`,
          headers: [['Authorization', `Bearer wrong-${i}`]],
        },
      })),
      {
        group: 'throttles',
        name: 'the right key after them',
        target: 'b',
        request: {
          method: 'GET',
          path: `/api/campaigns/${campaigns[2].id}/assessments`,
          headers: [['Authorization', `Bearer ${campaigns[2].key}`]],
        },
      },
    ];
    await runGroup(sequence, 1);
  });

  it('public documents after approvals: no person, no contact, no code', async () => {
    // A sample: every decision rebuilds and recompresses the public documents in all three processes.
    const approvals = [...acknowledged.signatures].slice(0, 16).map((reference, i): Case => ({
      group: 'publication',
      name: `decide signature ${i}`,
      target: 'a',
      admin: true,
      request: { method: 'POST', path: `/api/admin/signatures/${reference}/${i % 7 === 6 ? 'reject' : 'approve'}`, headers: [ADMIN_AUTH] },
    }));
    for (const [i, reference] of [...acknowledged.actions].slice(0, 8).entries()) {
      approvals.push({
        group: 'publication',
        name: `decide fiche ${i}`,
        target: 'a',
        admin: true,
        request: { method: 'POST', path: `/api/admin/actions/${reference}/approve`, headers: [ADMIN_AUTH] },
      });
    }
    await runGroup(approvals, 2);
    assert.equal(decisions.size, approvals.length, 'every decision acknowledged');
    // The leak check looks for the right strings: the admin's list holds them.
    const list = await sendRaw(portOf('a'), { method: 'GET', path: '/api/admin/signatures', headers: [ADMIN_AUTH] });
    assert.ok([...personal].filter((value) => list.body.includes(value)).length > 100, 'the stored signatures hold the people watched for');
    // The other processes see the approvals within their poll interval: wait until their poles.json is a's.
    const etag = async (target: Target) => (await sendRaw(portOf(target), { method: 'GET', path: '/poles.json' })).headers.etag;
    const wanted = await etag('a');
    const deadline = Date.now() + 10_000;
    while ((await etag('b')) !== wanted || (await etag('c')) !== wanted) {
      assert.ok(Date.now() < deadline, 'the other processes never caught up');
      await new Promise((r) => setTimeout(r, 100));
    }
    const reads: Case[] = [];
    for (const target of ['a', 'b', 'c'] as const) {
      for (const path of ['/ptce.json', '/poles.json', '/referentiel.json', '/charter.json', '/demo-data/poles.json', '/admin.html', '/']) {
        for (const encoding of ['', 'gzip', 'br', 'br;q=0, gzip;q=0, identity']) {
          reads.push({
            group: 'publication',
            name: `${path} ${encoding || 'identity'}`,
            target,
            request: { method: 'GET', path, headers: encoding ? [['Accept-Encoding', encoding]] : [] },
          });
        }
      }
    }
    await runGroup(reads);
    const poles = JSON.parse((await sendRaw(portOf('a'), { method: 'GET', path: '/poles.json' })).body) as {
      poles: { actions?: unknown[] }[];
    };
    assert.ok(
      poles.poles.some((pole) => pole.actions?.length),
      'approved fiches are public (the leak check read them)',
    );
  });

  it('every acknowledged write is stored, and nothing else', async () => {
    await Promise.all(Object.values(servers).map((server) => stopProcess(server)));
    const store = await openStore(database);
    const lost: string[] = [];
    try {
      const compare = (what: string, acked: Set<string>, rows: { reference: string }[]) => {
        const stored = new Set(rows.map((row) => row.reference));
        for (const reference of acked) if (!deleted.has(reference) && !stored.has(reference)) lost.push(`${what} ${reference}`);
        for (const reference of stored) if (!acked.has(reference)) lost.push(`${what} ${reference} stored but never acknowledged`);
        for (const reference of deleted) if (stored.has(reference)) lost.push(`${what} ${reference} deleted but still stored`);
      };
      const signatures = await store.listSignatures();
      const actions = await store.listActions();
      compare('signature', acknowledged.signatures, signatures);
      compare('answer set', acknowledged.assessments, await store.listAssessments());
      compare('fiche', acknowledged.actions, actions);
      compare(
        'campaign',
        acknowledged.campaigns,
        (await store.listCampaigns()).map((row) => ({ reference: row.id })),
      );
      for (const row of [...signatures, ...actions]) {
        const decided = decisions.get(row.reference);
        if (decided && row.status !== decided) lost.push(`${row.reference}: ${decided} acknowledged, ${row.status} stored`);
      }
    } finally {
      await store.close();
    }
    const writes = Object.values(acknowledged).reduce((sum, set) => sum + set.size, 0);
    console.log(
      [
        `attack suite on ${backEnd} (seed ${SEED}): ${cases} cases, ${failures.fivexx.length} answers 5xx, ${failures.leaks.length} leaks, ${lost.length} lost writes, ${failures.unanswered.length} unanswered`,
        `  acknowledged writes: ${writes} (${acknowledged.signatures.size} signatures, ${acknowledged.assessments.size} answer sets, ${acknowledged.actions.size} fiches, ${acknowledged.campaigns.size} campaigns; ${deleted.size} deleted, ${decisions.size} decisions)`,
        `  cases per group: ${[...counts].map(([group, n]) => `${group} ${n}`).join(', ')}`,
        ...[...failures.fivexx, ...failures.leaks, ...failures.unanswered, ...lost].map((line) => `  ${line}`),
      ].join('\n'),
    );
    assert.deepEqual(lost, []);
    assert.ok(cases >= 500, `${cases} cases`);
    assert.deepEqual(failures, { fivexx: [], leaks: [], unanswered: [] });
  });
});
