import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { post, repo, startProcess, stopProcess, tempDatabase } from './helpers.js';
import { regionName, regionsOf } from '../../src/data/geography.js';

/** The regions of the demo's poles, by name. */
const demoRegions = () => {
  const { poles } = JSON.parse(readFileSync(join(repo, 'demo/data/poles.json'), 'utf8')) as { poles: { departments?: string[] }[] };
  return regionsOf(poles.flatMap((pole) => pole.departments ?? [])).map((code) => regionName(code)!);
};

/** Until the server's last start line (printed after the accounts'), read from its output. */
async function started(server: { output: () => string }) {
  const deadline = Date.now() + 30_000;
  while (!server.output().includes('ptce: demo on') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return server.output();
}

describe('demo accounts (npm start)', () => {
  it('seeds an admin and one moderator per region of the demo poles, prints their passwords once, and they log in', async () => {
    const database = await tempDatabase();
    const server = await startProcess(database, { NODE_ENV: 'development', PTCE_DEMO_ACCOUNTS: '1' });
    let printed: [string, string, string][];
    try {
      const output = await started(server);
      assert.match(output, /Log in at http:\/\/localhost:\d+\/admin\.html/);
      printed = [...output.matchAll(/^ {2}(\S+@demo\.example\.org) +(\S+) +(.+)$/gm)].map((m) => [m[1], m[2], m[3]]);
      const regions = demoRegions();
      assert.equal(printed.length, 1 + regions.length);
      assert.deepEqual(printed[0].slice(0, 1).concat(printed[0][2]), ['admin@demo.example.org', 'admin']);
      assert.deepEqual(new Set(printed.slice(1).map(([, , role]) => role.replace('moderator, ', ''))), new Set(regions));
      const paca = printed.find(([, , role]) => role === "moderator, Provence-Alpes-Côte d'Azur");
      assert.ok(paca, 'a moderator for PACA (Bou’Sol)');
      for (const [email, password] of [printed[0], paca]) {
        const login = await post(`${server.url}/api/login`, { email, password });
        assert.equal(login.status, 200, email);
        const { token, account } = await login.json();
        assert.equal(account.email, email);
        const signatures = await fetch(`${server.url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${token}` } });
        assert.equal(signatures.status, 200);
      }
    } finally {
      await stopProcess(server);
    }
    // Started again on the same database: no new accounts, nothing printed.
    const again = await startProcess(database, { NODE_ENV: 'development', PTCE_DEMO_ACCOUNTS: '1' });
    try {
      assert.ok(!(await started(again)).includes('demo accounts'));
      assert.equal((await post(`${again.url}/api/login`, { email: printed[0][0], password: printed[0][1] })).status, 200);
    } finally {
      await stopProcess(again);
    }
  });

  it('is refused with NODE_ENV=production', async () => {
    await assert.rejects(
      startProcess(await tempDatabase(), { NODE_ENV: 'production', PTCE_DEMO_ACCOUNTS: '1' }),
      /PTCE_DEMO_ACCOUNTS=1.*never with NODE_ENV=production/,
    );
  });
});
