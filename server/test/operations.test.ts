import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { SqliteStore } from '../src/store/sqlite.js';
import { admin, backEnd, POSTGRES, post, signature, startApp } from './helpers.js';

const waitFor = async (condition: () => Promise<boolean>, ms: number, what: string) => {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setImmediate(r));
  }
  return Date.now();
};

describe(`operations (${backEnd})`, () => {
  it('answers /healthz and /readyz while the database is usable', async () => {
    const server = await startApp();
    try {
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const ready = await fetch(`${server.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(ready.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await ready.json(), { status: 'ready' });
    } finally {
      await server.close();
    }
  });

  it(
    'restarts a SQLite writer thread that died: /readyz 503 within a second, then writes stored again',
    { skip: backEnd !== 'sqlite' },
    async () => {
      const server = await startApp();
      try {
        const store = server.store as SqliteStore;
        const killed = Date.now();
        await store.crashWriterForTest();
        // A write while it is down: refused as retryable, never a 500 nor a false receipt.
        const during = await post(`${server.url}/api/signatures`, signature({ place: 'Pendant' }));
        assert.equal(during.status, 503);
        assert.equal(during.headers.get('retry-after'), '1');
        const notReady = await fetch(`${server.url}/readyz`);
        assert.equal(notReady.status, 503);
        assert.ok(Date.now() - killed < 1000, 'seen within a second');
        await waitFor(async () => (await fetch(`${server.url}/readyz`)).status === 200, 15_000, 'ready again');
        const after = await post(`${server.url}/api/signatures`, signature({ place: 'Après' }));
        assert.equal(after.status, 201);
        const { reference } = await after.json();
        const { signatures } = await (await admin(`${server.url}/api/admin/signatures`)).json();
        assert.ok(
          signatures.some((s: { reference: string }) => s.reference === reference),
          'the write after the restart is stored',
        );
        assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      } finally {
        await server.close();
      }
    },
  );

  it('says not ready when PostgreSQL loses its database', { skip: backEnd !== 'postgres' }, async () => {
    const server = await startApp();
    const client = new pg.Client({ connectionString: POSTGRES });
    try {
      assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
      await client.connect();
      await client.query(`DROP DATABASE ${new URL(server.database).pathname.slice(1)} WITH (FORCE)`);
      const started = Date.now();
      const notReady = await fetch(`${server.url}/readyz`);
      assert.equal(notReady.status, 503);
      assert.ok(Date.now() - started < 1500, 'answered without hanging');
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      const write = await post(`${server.url}/api/signatures`, signature());
      assert.notEqual(write.status, 201, 'no receipt for a write with no database');
    } finally {
      await client.end();
      await server.close();
    }
  });

  it('answers 503 when a PostgreSQL lock is not granted in time, rather than hanging', { skip: backEnd !== 'postgres' }, async () => {
    const server = await startApp({ timeouts: { lockTimeoutMs: 300 } });
    const holder = new pg.Client({ connectionString: server.database });
    await holder.connect();
    // Released after 3 s whatever happens: without a lock timeout the POST waits until then.
    let release: NodeJS.Timeout | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE signatures IN ACCESS EXCLUSIVE MODE');
      release = setTimeout(() => holder.query('ROLLBACK').catch(() => {}), 3000);
      const started = Date.now();
      const response = await post(`${server.url}/api/signatures`, signature());
      assert.equal(response.status, 503, 'refused as busy, not stored later');
      assert.equal(response.headers.get('retry-after'), '1');
      assert.ok(Date.now() - started < 2500, `answered in ${Date.now() - started} ms`);
    } finally {
      clearTimeout(release);
      await holder.query('ROLLBACK').catch(() => {});
      await holder.end();
      await server.close();
    }
  });
});
