// Side-by-side benchmark of two checkouts' servers (not a test):
//   npm run bench:server:ab -- <base checkout>     e.g. a `git worktree add ../base <commit>`
// Starts both servers at once (each on its own SQLite file) and runs each scenario in rounds,
// base and this checkout in turn, the order swapped every round, so that whatever else the machine
// does weighs on both alike. Prints, per scenario, the median req/s and server CPU µs per request
// of each (the whole process, and its main thread), and the change. BENCH_ROUNDS (default 8)
// rounds of BENCH_ROUND_SECONDS (default 2); the fixed POST rate of the last scenario,
// BENCH_POST_RATE (default 2000 per second).
import { resolve } from 'node:path';
import { getting, load, measured, posting, removeTempFolders, start, stop, tempDb, warmUp } from './server-harness.mjs';

const base = process.argv[2];
if (!base) {
  console.error('usage: npm run bench:server:ab -- <base checkout>');
  process.exit(2);
}
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);
const seconds = Number(process.env.BENCH_ROUND_SECONDS ?? 2);
const postRate = Number(process.env.BENCH_POST_RATE ?? 2000);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const change = (before, after) => `${after >= before ? '+' : ''}${Math.round((after / before - 1) * 100)} %`;

const scenarios = [
  ['GET /poles.json', (server) => [getting(server.url, '/poles.json', seconds)]],
  ['GET /ptce.json', (server) => [getting(server.url, '/ptce.json', seconds)]],
  ['POST /api/signatures', (server) => [posting(server.url, [], 10, seconds)]],
  ['GET /ptce.json during POSTs', (server) => [getting(server.url, '/ptce.json', seconds), posting(server.url, [], 10, seconds)]],
  // The same POSTs at a fixed rate for both: above, a server that answers POSTs sooner is sent more
  // of them in the same seconds, and has less time left for the GETs.
  [
    `GET during ${postRate} POSTs/s`,
    (server) => [getting(server.url, '/ptce.json', seconds), posting(server.url, [], 10, seconds, postRate)],
  ],
];

try {
  console.log(`ptce server, side by side: ${rounds} rounds of ${seconds} s per scenario; load average ${load()}`);
  const servers = [
    { name: 'base', server: await start(tempDb(), resolve(base)) },
    { name: 'this', server: await start(tempDb(), resolve(import.meta.dirname, '..')) },
  ];
  for (const { server } of servers) await warmUp(server);
  for (const [what, loads] of scenarios) {
    const figures = servers.map(() => ({ rate: [], cpu: [], main: [], second: [] }));
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 ? [1, 0] : [0, 1];
      for (const index of order) {
        const { server } = servers[index];
        const { results, cpu, mainCpu } = await measured([server], ...loads(server));
        // The first load's rate (the GETs, in the mixed scenario); CPU per request of all of them.
        figures[index].rate.push(results[0].requests.average);
        figures[index].cpu.push(cpu);
        figures[index].main.push(mainCpu);
        // The mixed scenario's POSTs: how much of the server they took shows in the GETs' rate.
        if (results[1]) figures[index].second.push(results[1].requests.average);
      }
    }
    const [before, after] = figures.map(({ rate, cpu, main, second }) => ({
      rate: median(rate),
      cpu: median(cpu),
      main: median(main),
      second: second.length ? median(second) : undefined,
    }));
    const side = ({ rate, cpu, main, second }) =>
      `${String(Math.round(rate)).padStart(6)} req/s ${String(cpu).padStart(4)} µs (main ${String(main).padStart(3)})${second === undefined ? '' : ` + POSTs ${Math.round(second)} req/s`}`;
    console.log(
      `${what.padEnd(30)} base ${side(before)}   this ${side(after)}   req/s ${change(before.rate, after.rate)}, CPU ${change(before.cpu, after.cpu)}, main thread ${change(before.main, after.main)}`,
    );
  }
  for (const { server } of servers) await stop(server);
  console.log(`load average at the end: ${load()}`);
} finally {
  removeTempFolders();
}
