// Load and durability benchmark of the reference server (not a test): `npm run bench:server`.
// Starts the real server (server/src/main.ts) on temporary SQLite files, on 127.0.0.1 only, and
// drives it with autocannon for a bounded time per scenario (BENCH_SECONDS, default 10):
//   1. GETs alone  2. POSTs alone  3. GETs during POSTs  4. two processes on one file, 8 + 8
//   writers  5. SIGKILL in the middle of a POST burst, then the acknowledged writes are counted
//   after a restart. Prints req/s, p99 and "acknowledged N, lost N" for each, and the server
//   process's CPU time per request (from /proc: steadier than req/s when the machine is shared,
//   since autocannon and the server take turns on the same cores).
// BENCH_REPO=<another checkout> runs that checkout's server under this same bench (a base to compare).
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { validSignature } from '../test/contract/cases.ts';

const repo = resolve(process.env.BENCH_REPO || resolve(import.meta.dirname, '..'));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const token = 'bench-admin-token-0123456789-abcdefghijklmn';
const folders = [];

// The contract tests' valid signature, named for the bench.
const signature = JSON.stringify({ ...validSignature, pole: { ...validSignature.pole, name: 'Pôle Banc d’essai' } });

const freePort = () =>
  new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });

function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'ptce-bench-'));
  folders.push(dir);
  return join(dir, 'ptce.sqlite');
}

async function start(db) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'server/src/main.ts')], {
    cwd: repo,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PTCE_DB: db,
      PTCE_DATABASE_URL: '',
      PTCE_ADMIN_TOKEN: token,
      PTCE_LOG: 'off',
      PTCE_POSTS_PER_MINUTE: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    try {
      if ((await fetch(`${url}/ptce.json`)).ok) return { url, child };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('server did not start');
}

const stop = (server, signal = 'SIGTERM') =>
  new Promise((done) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return done();
    server.child.once('exit', done);
    server.child.kill(signal);
  });

let keys = 0;
/** POSTs of signatures, each with its own Idempotency-Key; the references of 201s are kept. */
function posting(url, acknowledged, connections = 10, duration = seconds) {
  return autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/signatures',
        setupRequest: (request) => ({
          ...request,
          headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${process.pid}-${++keys}` },
          body: signature,
        }),
        onResponse: (status, body) => {
          if (status === 201) acknowledged.push(JSON.parse(body).reference);
        },
      },
    ],
  });
}

const getting = (url, path, duration = seconds) =>
  autocannon({ url: `${url}${path}`, connections: 10, duration, headers: { 'accept-encoding': 'br, gzip' } });

/** The process's CPU time so far (user + system), in ms: /proc/<pid>/stat fields 14 and 15, in ticks of 10 ms. */
function cpuMs(server) {
  try {
    const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN; // no /proc (not Linux)
  }
}

/** Runs the loads at once; returns their results and the servers' CPU µs per request of all of them. */
async function measured(servers, ...loads) {
  const before = servers.map(cpuMs);
  const results = await Promise.all(loads);
  const used = servers.reduce((sum, server, i) => sum + cpuMs(server) - before[i], 0);
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  return { results, cpu: Number.isFinite(used) ? Math.round((used * 1000) / requests) : undefined };
}

const fivexx = (result) => result['5xx'] ?? 0;
const line = (what, result, cpu) =>
  console.log(
    `${what.padEnd(44)} ${String(Math.round(result.requests.average)).padStart(7)} req/s   p99 ${String(result.latency.p99).padStart(4)} ms   5xx ${fivexx(result)}   errors ${result.errors + result.timeouts}${cpu === undefined ? '' : `   server CPU ${String(cpu).padStart(4)} µs/req`}`,
  );

async function lostOf(url, acknowledged) {
  const response = await fetch(`${url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${token}` } });
  const stored = new Set((await response.json()).signatures.map((s) => s.reference));
  return acknowledged.filter((reference) => !stored.has(reference)).length;
}

try {
  // The figures depend on what else runs on the machine: the load average says how busy it was.
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  console.log(
    `ptce server benchmark: ${seconds} s per scenario, 10 connections unless said, SQLite file, 127.0.0.1; load average ${load()}`,
  );
  const server = await start(tempDb());
  // Warm-up (not reported), for the server and for autocannon itself: the first tens of
  // thousands of requests run before the JIT has compiled the code they go through.
  for (const path of ['/poles.json', '/ptce.json']) {
    await autocannon({ url: `${server.url}${path}`, connections: 10, amount: 20000, headers: { 'accept-encoding': 'br, gzip' } });
  }
  await posting(server.url, [], 10, 2);
  for (const path of ['/poles.json', '/ptce.json']) {
    const { results, cpu } = await measured([server], getting(server.url, path));
    line(`GET ${path} alone`, results[0], cpu);
  }
  const alone = [];
  const posts = await measured([server], posting(server.url, alone));
  line('POST /api/signatures alone', posts.results[0], posts.cpu);
  console.log(`${''.padEnd(44)} acknowledged ${alone.length}, lost ${await lostOf(server.url, alone)}`);
  const during = [];
  const mixed = await measured([server], getting(server.url, '/ptce.json'), posting(server.url, during));
  const [reads, writes] = mixed.results;
  line('GET /ptce.json during POSTs', reads);
  line('POST /api/signatures during GETs', writes);
  console.log(`${''.padEnd(44)} server CPU ${mixed.cpu} µs per request of either kind`);
  console.log(`${''.padEnd(44)} acknowledged ${during.length}, lost ${await lostOf(server.url, during)}`);
  await stop(server);

  // Two processes on one file, as during a rolling deploy.
  const db = tempDb();
  const first = await start(db);
  const second = await start(db);
  const shared = [];
  const both = await measured([first, second], posting(first.url, shared, 8), posting(second.url, shared, 8));
  const [a, b] = both.results;
  line('POST, process 1 of 2 (8 writers)', a);
  line('POST, process 2 of 2 (8 writers)', b);
  console.log(`${''.padEnd(44)} server CPU ${both.cpu} µs per request (both processes)`);
  console.log(
    `${'two processes, one file'.padEnd(44)} 5xx ${fivexx(a) + fivexx(b)}, acknowledged ${shared.length}, lost ${await lostOf(first.url, shared)}`,
  );
  await stop(first);
  await stop(second);

  // SIGKILL in the middle of a burst: every acknowledged write must be there after a restart.
  const killedDb = tempDb();
  const victim = await start(killedDb);
  const beforeKill = [];
  const burst = posting(victim.url, beforeKill, 10, Math.max(4, seconds));
  await new Promise((r) => setTimeout(r, Math.max(2000, (seconds * 1000) / 3)));
  await stop(victim, 'SIGKILL');
  burst.stop();
  await burst;
  const restarted = await start(killedDb);
  console.log(
    `${'SIGKILL during a POST burst, then restart'.padEnd(44)} acknowledged ${beforeKill.length}, lost ${await lostOf(restarted.url, beforeKill)}`,
  );
  await stop(restarted);
  console.log(`load average at the end: ${load()}`);
} finally {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
}
