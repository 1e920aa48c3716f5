// Load and durability benchmark of the reference server (not a test): `npm run bench:server`.
// Starts the real server (server/src/main.ts) on temporary SQLite files, on 127.0.0.1 only, and
// drives it with autocannon for a bounded time per scenario (BENCH_SECONDS, default 10):
//   1. GETs alone  2. POSTs alone  3. GETs during POSTs (as fast as they are answered, then
//   BENCH_POST_RATE per second, default 2000)  4. two processes on one file, 8 + 8
//   writers  5. SIGKILL in the middle of a POST burst, then the acknowledged writes are counted
//   after a restart. Prints req/s, p99 and "acknowledged N, lost N" for each, and the server
//   process's CPU time per request (from /proc: steadier than req/s when the machine is shared,
//   since autocannon and the server take turns on the same cores).
// BENCH_REPO=<another checkout> runs that checkout's server under this same bench (a base to compare).
import { resolve } from 'node:path';
import {
  fivexx,
  getting as get,
  line,
  load,
  measured,
  posting as post,
  removeTempFolders,
  start as startServer,
  stop,
  tempDb,
  token,
  warmUp,
} from './server-harness.mjs';

const repo = resolve(process.env.BENCH_REPO || resolve(import.meta.dirname, '..'));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const start = (db) => startServer(db, repo);
const posting = (url, acknowledged, connections = 10, duration = seconds) => post(url, acknowledged, connections, duration);
const getting = (url, path, duration = seconds) => get(url, path, duration);

async function lostOf(url, acknowledged) {
  const response = await fetch(`${url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${token}` } });
  const stored = new Set((await response.json()).signatures.map((s) => s.reference));
  return acknowledged.filter((reference) => !stored.has(reference)).length;
}

try {
  console.log(
    `ptce server benchmark: ${seconds} s per scenario, 10 connections unless said, SQLite file, 127.0.0.1; load average ${load()}`,
  );
  const server = await start(tempDb());
  await warmUp(server);
  for (const path of ['/poles.json', '/ptce.json']) {
    const { results, cpu, mainCpu } = await measured([server], getting(server.url, path));
    line(`GET ${path} alone`, results[0], cpu, mainCpu);
  }
  const alone = [];
  const posts = await measured([server], posting(server.url, alone));
  line('POST /api/signatures alone', posts.results[0], posts.cpu, posts.mainCpu);
  console.log(`${''.padEnd(44)} acknowledged ${alone.length}, lost ${await lostOf(server.url, alone)}`);
  const during = [];
  const mixed = await measured([server], getting(server.url, '/ptce.json'), posting(server.url, during));
  const [reads, writes] = mixed.results;
  line('GET /ptce.json during POSTs', reads);
  line('POST /api/signatures during GETs', writes);
  console.log(`${''.padEnd(44)} server CPU ${mixed.cpu} µs per request of either kind (main thread ${mixed.mainCpu})`);
  console.log(`${''.padEnd(44)} acknowledged ${during.length}, lost ${await lostOf(server.url, during)}`);
  // The same at a fixed POST rate (people post as they come, however fast the server answers).
  const rate = Number(process.env.BENCH_POST_RATE ?? 2000);
  const paced = await measured([server], getting(server.url, '/ptce.json'), post(server.url, [], 10, seconds, rate));
  line(`GET /ptce.json during ${rate} POSTs/s`, paced.results[0]);
  line(`POST /api/signatures, ${rate} per second`, paced.results[1]);
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
  console.log(`${''.padEnd(44)} server CPU ${both.cpu} µs per request (both processes; main threads ${both.mainCpu})`);
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
  removeTempFolders();
}
