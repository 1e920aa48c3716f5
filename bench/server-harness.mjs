// What the server benchmarks share (bench/server.mjs, bench/server-ab.mjs): the real server of a
// checkout on a temporary SQLite file, autocannon loads, and the server process's CPU time per
// request read from /proc.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { validSignature } from '../test/contract/cases.ts';

export const token = 'bench-admin-token-0123456789-abcdefghijklmn';
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

export function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'ptce-bench-'));
  folders.push(dir);
  return join(dir, 'ptce.sqlite');
}

/** The server of the checkout at `repo` (server/src/main.ts), on a free port of 127.0.0.1. */
export async function start(db, repo) {
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

export const stop = (server, signal = 'SIGTERM') =>
  new Promise((done) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return done();
    server.child.once('exit', done);
    server.child.kill(signal);
  });

let keys = 0;
/**
 * POSTs of signatures, each with its own Idempotency-Key; the references of 201s are kept. Each
 * connection sends its next POST when answered, or, given `rate`, the connections together send
 * that many per second (as people do, however fast the server answers).
 */
export function posting(url, acknowledged, connections, duration, rate) {
  return autocannon({
    url,
    connections,
    duration,
    ...(rate ? { overallRate: rate } : {}),
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

export const getting = (url, path, duration) =>
  autocannon({ url: `${url}${path}`, connections: 10, duration, headers: { 'accept-encoding': 'br, gzip' } });

/**
 * CPU time so far (user + system), in ms: /proc/<pid>/stat fields 14 and 15, in ticks of 10 ms —
 * of the whole process, or with `mainThread` of its main thread only (the one that answers HTTP;
 * the others are the SQLite writer, V8's garbage collection helpers and libuv's pool).
 */
export function cpuMs(server, mainThread = false) {
  const { pid } = server.child;
  try {
    const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN; // no /proc (not Linux)
  }
}

/**
 * Runs the loads at once; returns their results and the servers' CPU µs per request of all of
 * them: `cpu` of the whole processes, `mainCpu` of their main threads.
 */
export async function measured(servers, ...loads) {
  const before = servers.map((server) => [cpuMs(server), cpuMs(server, true)]);
  const results = await Promise.all(loads);
  const used = (thread) => servers.reduce((sum, server, i) => sum + cpuMs(server, thread) - before[i][thread ? 1 : 0], 0);
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  const perRequest = (ms) => (Number.isFinite(ms) ? Math.round((ms * 1000) / requests) : undefined);
  return { results, cpu: perRequest(used(false)), mainCpu: perRequest(used(true)) };
}

export const fivexx = (result) => result['5xx'] ?? 0;
export const line = (what, result, cpu, mainCpu) =>
  console.log(
    `${what.padEnd(44)} ${String(Math.round(result.requests.average)).padStart(7)} req/s   p99 ${String(result.latency.p99).padStart(4)} ms   5xx ${fivexx(result)}   errors ${result.errors + result.timeouts}${cpu === undefined ? '' : `   server CPU ${String(cpu).padStart(4)} µs/req`}${mainCpu === undefined ? '' : ` (main thread ${mainCpu})`}`,
  );

/** The machine's load average, said with the figures: they depend on what else runs. */
export const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

export const removeTempFolders = () => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
};

/**
 * Warm-up (not reported), for the server and for autocannon itself: the first tens of thousands
 * of requests run before the JIT has compiled the code they go through.
 */
export async function warmUp(server) {
  for (const path of ['/poles.json', '/ptce.json']) {
    await autocannon({ url: `${server.url}${path}`, connections: 10, amount: 20000, headers: { 'accept-encoding': 'br, gzip' } });
  }
  await posting(server.url, [], 10, 2);
}
