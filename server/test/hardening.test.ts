import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, admin, post, signature, startApp, startProcess, stopProcess, tempDatabase, type Running } from './helpers.js';
import { buildApp } from '../src/app.js';
import { csvCell } from '../src/csv.js';

/** A GET sent exactly as written (fetch would normalise `/../`), like `curl --path-as-is`. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ host: hostname, port, path }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('client errors', () => {
  it('answers path traversal attempts and malformed URLs with 4xx, leaks no file, logs no error', async () => {
    const server = await startProcess(await tempDatabase(), { PTCE_LOG: 'on' });
    try {
      const attempts = [
        '/../package.json',
        '/%2e%2e/package.json',
        '/..%2fpackage.json',
        '/%2e%2e%2fpackage.json',
        '/%2E%2E/package.json',
        '/demo-data/../../package.json',
        '/demo-data/..%2f..%2fpackage.json',
        '/cdn/%2e%2e/%2e%2e/package.json',
        '/%252e%252e/package.json',
        '/..%5cpackage.json',
        '/%2e%2e%5c%2e%2e%5cpackage.json',
        '/%c0%ae%c0%ae/package.json',
        '/./../package.json',
        '/..;/package.json',
        '/demo-data/%2e%2e/%2e%2e/server/package.json',
        '/%00',
        '/index.html%00.json',
        '/%',
        '/%E0%A4%A',
      ];
      for (const path of attempts) {
        const { status, body } = await rawGet(server.url, path);
        assert.ok(status >= 400 && status < 500, `${path}: ${status}`);
        assert.ok(!body.includes('"devDependencies"') && !body.includes('"workspaces"'), `${path} leaked a file`);
        assert.doesNotThrow(() => JSON.parse(body), `${path}: a JSON error`);
      }
    } finally {
      await stopProcess(server);
    }
    const log = server.output();
    assert.doesNotMatch(log, /"level":(50|60)/, 'no error in the log');
    assert.doesNotMatch(log, /"statusCode":5\d\d/);
    assert.match(log, /"level":40/, 'warnings for the refused requests');
  });
});

describe('CSV export', () => {
  it('neutralises a formula behind any leading blank, a tab or a carriage return', () => {
    for (const value of ['=1+1', ' =1+1', '\u00a0=1+1', '\u2007+1', '\u3000-1', '\ufeff@SUM(A1)', '\t=1', '\r=1', '  \u00a0 @x']) {
      const cell = csvCell(value).replace(/^"|"$/g, '');
      assert.ok(cell.startsWith("'"), `${JSON.stringify(value)} → ${JSON.stringify(cell)}`);
    }
    assert.equal(csvCell('Pôle Écotest'), 'Pôle Écotest');
  });

  it('exports phones and postcodes as text, without a visible mark', async () => {
    const server = await startApp();
    try {
      const international = signature({ representative: { ...signature().representative, phone: '+33 6 12 34 56 78' } });
      await post(`${server.url}/api/signatures`, international);
      await post(`${server.url}/api/signatures`, signature({ pole: { ...signature().pole, postcode: '01000' } }));
      const text = await (await admin(`${server.url}/api/admin/signatures.csv`)).text();
      const [header, ...rows] = text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      const phone = header.split(';').indexOf('phone');
      const postcode = header.split(';').indexOf('postcode');
      const phones = rows.map((row) => row.split(';')[phone]);
      assert.ok(phones.includes('\u2060+33 6 12 34 56 78'), phones.join(' | '));
      assert.ok(
        phones.every((cell) => !cell.includes("'")),
        'no apostrophe',
      );
      assert.ok(rows.map((row) => row.split(';')[postcode]).includes('\u206001000'));
    } finally {
      await server.close();
    }
  });
});

describe('administration login', () => {
  let server: Running;
  before(async () => {
    server = await startApp({ trustProxy: true });
  });
  after(() => server.close());
  const as = (address: string, authorization: string) =>
    fetch(`${server.url}/api/admin/signatures`, { headers: { Authorization: authorization, 'X-Forwarded-For': address } });

  it('requires "Bearer"', async () => {
    assert.equal((await as('198.51.100.1', ADMIN)).status, 401);
    assert.equal((await as('198.51.100.1', `Basic ${ADMIN}`)).status, 401);
    assert.equal((await as('198.51.100.1', `Bearer ${ADMIN}`)).status, 200);
  });

  it('throttles failed attempts per address', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await as('203.0.113.7', `Bearer wrong-${i}`)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 429, 429]);
    const blocked = await as('203.0.113.7', 'Bearer wrong-again');
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 60);
    assert.equal((await as('203.0.113.7', `Bearer ${ADMIN}`)).status, 200, 'never the right token');
    assert.equal((await as('203.0.113.8', `Bearer ${ADMIN}`)).status, 200, 'another address is not blocked');
  });

  it('refuses a token under 32 characters, and generates a long one', async () => {
    await assert.rejects(buildApp({ store: server.store, adminToken: 'x'.repeat(31) }), /32 characters/);
    await assert.rejects(startProcess(await tempDatabase(), { PTCE_ADMIN_TOKEN: 'short-token' }), /32 characters/);
    // Generated into a file, never printed (process.test.ts checks the file and the output).
    const file = join(mkdtempSync(join(tmpdir(), 'ptce-token-')), 'admin-token');
    const generated = await startProcess(await tempDatabase(), { PTCE_ADMIN_TOKEN: '', PTCE_ADMIN_TOKEN_FILE: file });
    try {
      const token = readFileSync(file, 'utf8').trim();
      assert.ok(token.length >= 32, token);
      assert.equal((await fetch(`${generated.url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
    } finally {
      await stopProcess(generated);
    }
  });
});

describe('same-origin check behind a TLS proxy', () => {
  const approve = (server: Running, reference: string, headers: Record<string, string>) =>
    admin(`${server.url}/api/admin/signatures/${reference}/approve`, { method: 'POST', headers });
  const newSignature = async (server: Running) => (await (await post(`${server.url}/api/signatures`, signature())).json()).reference;

  it('accepts the admin page from PTCE_PUBLIC_URL, and no other origin', async () => {
    const server = await startApp({ publicUrl: 'https://ptce.example.org/' });
    try {
      const reference = await newSignature(server);
      assert.equal((await approve(server, reference, { Origin: 'http://ptce.example.org' })).status, 403);
      assert.equal((await approve(server, reference, { Origin: 'https://evil.example.net' })).status, 403);
      assert.equal((await approve(server, reference, { Origin: 'https://ptce.example.org' })).status, 200);
    } finally {
      await server.close();
    }
  });

  it('believes X-Forwarded-Proto and -Host only when told to trust the proxy', async () => {
    const forwarded = { Origin: 'https://ptce.example.org', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'ptce.example.org' };
    const trusting = await startApp({ trustProxy: true });
    const wary = await startApp();
    try {
      assert.equal((await approve(trusting, await newSignature(trusting), forwarded)).status, 200);
      assert.equal((await approve(wary, await newSignature(wary), forwarded)).status, 403);
    } finally {
      await trusting.close();
      await wary.close();
    }
  });
});
