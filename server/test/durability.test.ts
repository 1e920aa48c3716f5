import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { admin, backEnd, post, signature, startProcess, stopProcess, tempDatabase } from './helpers.js';

describe(`durability (the real server in a child process, a real ${backEnd} database)`, () => {
  it('keeps data across a restart, and logs no personal data', async () => {
    const dbFile = await tempDatabase();
    const first = await startProcess(dbFile, { PTCE_LOG: 'on' });
    const receipt = await (await post(`${first.url}/api/signatures`, signature())).json();
    await stopProcess(first);
    const second = await startProcess(dbFile);
    try {
      const { signatures } = await (await admin(`${second.url}/api/admin/signatures`)).json();
      assert.ok(signatures.some((s: { reference: string }) => s.reference === receipt.reference));
      const log = first.output();
      assert.match(log, /"path":"\/api\/signatures"/);
      for (const personal of ['camille.martin@example.org', '06 12 34 56 78', 'Martin', '127.0.0.1"']) {
        assert.ok(!log.includes(personal), `log must not contain ${personal}`);
      }
      assert.ok(!second.output().includes('seeded'), 'the existing database is not seeded again');
    } finally {
      await stopProcess(second);
    }
  });

  it('loses no acknowledged signature when killed with SIGKILL in the middle of a burst', async () => {
    const dbFile = await tempDatabase();
    const server = await startProcess(dbFile, { PTCE_LOG: 'off' });
    const acknowledged: string[] = [];
    let killed = false;
    const sender = async (worker: number) => {
      for (let i = 0; i < 200 && !killed; i++) {
        try {
          const response = await post(`${server.url}/api/signatures`, signature({ place: `Rafale ${worker}-${i}` }));
          if (response.status === 201) acknowledged.push((await response.json()).reference);
        } catch {
          return; // the server is gone
        }
        if (acknowledged.length >= 60 && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(sender));
    await stopProcess(server, 'SIGKILL');
    assert.ok(killed && acknowledged.length >= 60, `killed during the burst (${acknowledged.length} acknowledged)`);

    const restarted = await startProcess(dbFile, { PTCE_LOG: 'off' });
    try {
      const { signatures } = await (await admin(`${restarted.url}/api/admin/signatures`)).json();
      const stored = new Set(signatures.map((s: { reference: string }) => s.reference));
      const lost = acknowledged.filter((reference) => !stored.has(reference));
      assert.deepEqual(lost, [], `${lost.length} acknowledged signatures lost of ${acknowledged.length}`);
    } finally {
      await stopProcess(restarted);
    }
  });
});
