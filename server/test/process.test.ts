// The server process as an operator runs it (server/src/main.ts, and its build): timeouts, logs,
// the admin token, production mode.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ADMIN, POSTGRES, post, repo, signature, startProcess, stopProcess, tempDatabase, type ServerProcess } from './helpers.js';

const run = promisify(execFile);

/** Resolves once `check` holds, or rejects after `ms` with what the server printed. */
async function until(check: () => boolean, ms: number, server: ServerProcess, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} not seen within ${ms} ms; server output:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens a raw connection, writes `text`, and reports when the server closes it. */
function stalledClient(url: string, text: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const state = { closed: false, received: '' };
  socket.on('connect', () => socket.write(text));
  socket.on('data', (chunk) => (state.received += chunk));
  socket.on('error', () => {});
  socket.on('close', () => (state.closed = true));
  return { state, socket };
}

describe('the server process (main.ts)', () => {
  it('cuts off a client that stalls in its headers or its body, and goes on serving the others', async () => {
    const server = await startProcess(await tempDatabase(), { PTCE_REQUEST_TIMEOUT_MS: '1000' });
    const { host } = new URL(server.url);
    const headers = stalledClient(server.url, `GET /ptce.json HTTP/1.1\r\nHost: ${host}\r\nX-Slow: `);
    const body = stalledClient(
      server.url,
      `POST /api/signatures HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nIdempotency-Key: stalled-body-1\r\nContent-Length: 500\r\n\r\n{"pole":`,
    );
    try {
      // Others are served while the two clients hang on.
      assert.equal((await fetch(`${server.url}/ptce.json`)).status, 200);
      await until(() => headers.state.closed && body.state.closed, 6000, server, 'the stalled connections closed');
      assert.equal((await fetch(`${server.url}/ptce.json`)).status, 200);
      // Nothing was stored from the unfinished body.
      const list = await fetch(`${server.url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${ADMIN}` } });
      assert.deepEqual((await list.json()).signatures, []);
    } finally {
      headers.socket.destroy();
      body.socket.destroy();
      await stopProcess(server);
    }
  });

  it('keeps error logs when PTCE_LOG=off, without the request logs', async () => {
    const database = await tempDatabase();
    const server = await startProcess(database, { PTCE_LOG: 'off' });
    try {
      // A real fault the server cannot help: the database refuses every new signature.
      await breakSignatures(database);
      const response = await post(`${server.url}/api/signatures`, signature());
      assert.equal(response.status, 500);
      assert.deepEqual(await response.json(), { error: 'internal error' });
      await until(() => /"level":50.*"msg":"request failed"/.test(server.output()), 5000, server, 'the error log line');
      const errorLine = server
        .output()
        .split('\n')
        .find((line) => line.includes('"request failed"'))!;
      assert.equal(JSON.parse(errorLine).level, 50);
      assert.doesNotMatch(server.output(), /incoming request|request completed/);
    } finally {
      await stopProcess(server);
    }
  });

  it('writes a generated admin token to a file only its user reads, never to the logs', async () => {
    const database = await tempDatabase();
    // Beside the SQLite file by default; PostgreSQL has no file to sit beside.
    const file = POSTGRES ? join(mkdtempSync(join(tmpdir(), 'ptce-token-')), 'admin-token') : join(dirname(database), 'admin-token');
    const server = await startProcess(database, { PTCE_ADMIN_TOKEN: '', ...(POSTGRES ? { PTCE_ADMIN_TOKEN_FILE: file } : {}) });
    try {
      const token = readFileSync(file, 'utf8').trim();
      assert.ok(token.length >= 32);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const admin = await fetch(`${server.url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(admin.status, 200);
      assert.ok(server.output().includes(file), 'the file is named');
      assert.ok(!server.output().includes(token), 'the token is not in the output');
    } finally {
      await stopProcess(server);
    }
    // The next start reads the same file: the token stays.
    const again = await startProcess(database, { PTCE_ADMIN_TOKEN: '', ...(POSTGRES ? { PTCE_ADMIN_TOKEN_FILE: file } : {}) });
    try {
      const token = readFileSync(file, 'utf8').trim();
      assert.equal((await fetch(`${again.url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
      assert.ok(!again.output().includes(token));
    } finally {
      await stopProcess(again);
    }
  });

  const demo = JSON.parse(readFileSync(join(repo, 'demo/data/campagne-demo.json'), 'utf8'));
  const status = async (url: string, init?: RequestInit) => (await fetch(url, init)).status;

  it('serves the demo pages and data outside production', async () => {
    const server = await startProcess(await tempDatabase(), { NODE_ENV: 'development', PTCE_DEMO_CAMPAIGN: '1' });
    try {
      for (const path of ['/', '/cress.html', '/admin.html', '/demo-data/campagne-demo.json'])
        assert.equal(await status(`${server.url}${path}`), 200, path);
      const respondent = { headers: { 'Campaign-Code': demo.campaign.respondentCode } };
      assert.equal(await status(`${server.url}/api/campaigns/respondent`, respondent), 200);
    } finally {
      await stopProcess(server);
    }
  });

  it('serves neither the demo pages nor the demo data in production, but the admin page', async () => {
    // The admin page's application is built beside the embed bundles (dist/admin beside dist/cdn).
    const built = mkdtempSync(join(tmpdir(), 'ptce-built-'));
    mkdirSync(join(built, 'cdn'));
    mkdirSync(join(built, 'admin'));
    writeFileSync(join(built, 'admin', 'ptce-admin.js'), 'export {};\n');
    const server = await startProcess(await tempDatabase(), { NODE_ENV: 'production', PTCE_CDN_DIR: join(built, 'cdn') });
    try {
      for (const path of ['/', '/index.html', '/cress.html', '/demo-data/campagne-demo.json', '/demo-data/ptce.json']) {
        assert.equal(await status(`${server.url}${path}`), 404, path);
      }
      for (const path of ['/admin.html', '/admin/ptce-admin.js', '/demo.css'])
        assert.equal(await status(`${server.url}${path}`), 200, path);
      // The former plain scripts are gone: the application replaced them.
      for (const path of ['/admin.js', '/admin-actions.js']) assert.equal(await status(`${server.url}${path}`), 404, path);
      const respondent = { headers: { 'Campaign-Code': demo.campaign.respondentCode } };
      assert.notEqual(await status(`${server.url}/api/campaigns/respondent`, respondent), 200);
      assert.equal(await status(`${server.url}/ptce.json`), 200);
    } finally {
      await stopProcess(server);
    }
    // The demo campaign, whose codes are public, is refused at start.
    await assert.rejects(
      startProcess(await tempDatabase(), { NODE_ENV: 'production', PTCE_DEMO_CAMPAIGN: '1' }),
      /PTCE_DEMO_CAMPAIGN=1.*never with NODE_ENV=production/,
    );
  });
});

describe('the built server (npm run -w server build)', () => {
  it('starts from JavaScript, without tsx, answers the public documents and stores a POST', async () => {
    await run('npm', ['run', '--silent', '-w', 'server', 'build'], { cwd: repo });
    const server = await startProcess(await tempDatabase(), { NODE_ENV: 'production' }, [join(repo, 'server/dist/server/src/main.js')]);
    try {
      const discovery = await fetch(`${server.url}/ptce.json`);
      assert.equal(discovery.status, 200);
      assert.equal((await discovery.json()).poles, 'poles.json');
      const response = await post(`${server.url}/api/signatures`, signature());
      assert.equal(response.status, 201);
      const { reference } = await response.json();
      const list = await fetch(`${server.url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${ADMIN}` } });
      assert.ok((await list.json()).signatures.some((s: { reference: string }) => s.reference === reference));
      assert.doesNotMatch(server.output(), /tsx/);
    } finally {
      await stopProcess(server);
    }
  });
});

/** Makes the database refuse every new signature, as a full disk or a broken table would. */
async function breakSignatures(database: string): Promise<void> {
  if (database.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      await client.query(
        `CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`,
      );
      await client.query('CREATE TRIGGER refuse BEFORE INSERT ON signatures FOR EACH ROW EXECUTE FUNCTION refuse()');
    } finally {
      await client.end();
    }
    return;
  }
  const db = new Database(database);
  db.exec("CREATE TRIGGER refuse BEFORE INSERT ON signatures BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
  db.close();
}
