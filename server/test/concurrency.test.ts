import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { admin, backEnd, newKey, post, signature, startApp, startProcess, stopProcess, tempDatabase } from './helpers.js';
import Database from 'better-sqlite3';
import { SqliteStore } from '../src/store/sqlite.js';
import { signatureSubmission } from '../src/signatures.js';
import { Signature } from '../../src/data/schemas/submissions.js';

describe(`several server processes on one ${backEnd} database`, () => {
  it('8 + 8 concurrent writers on two processes: no 5xx, every acknowledged signature stored', async () => {
    const database = await tempDatabase();
    const first = await startProcess(database, { PTCE_LOG: 'off' });
    const second = await startProcess(database, { PTCE_LOG: 'off' });
    try {
      const statuses = new Map<number, number>();
      const acknowledged: string[] = [];
      const writer = async (url: string, worker: number) => {
        for (let i = 0; i < 12; i++) {
          const response = await post(`${url}/api/signatures`, signature({ place: `Concurrence ${worker}-${i}` }));
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 201) acknowledged.push((await response.json()).reference);
        }
      };
      await Promise.all(Array.from({ length: 16 }, (_, worker) => writer(worker % 2 ? second.url : first.url, worker)));
      assert.deepEqual([...statuses], [[201, 16 * 12]], 'every POST answered 201');
      const { signatures } = await (await admin(`${first.url}/api/admin/signatures`)).json();
      const stored = new Set(signatures.map((s: { reference: string }) => s.reference));
      assert.deepEqual(
        acknowledged.filter((reference) => !stored.has(reference)),
        [],
        'no acknowledged signature lost',
      );
    } finally {
      await stopProcess(first);
      await stopProcess(second);
    }
  });

  it('two instances take concurrent POSTs with the same Idempotency-Key and store one row', async () => {
    const one = await startApp();
    const two = await startApp({ database: one.database });
    try {
      const key = newKey();
      const body = signature({ place: 'Même clé' });
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => post(`${(i % 2 ? two : one).url}/api/signatures`, body, { 'Idempotency-Key': key })),
      );
      const statuses = responses.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const references = new Set(await Promise.all(responses.map(async (r) => (await r.json()).reference)));
      assert.equal(references.size, 1, 'everyone got the same receipt');
      const rows = (await one.store.listSignatures()).filter((row) => row.idempotency_key === key);
      assert.equal(rows.length, 1);
    } finally {
      await two.close();
      await one.close();
    }
  });

  it("shows a decision made through one instance on the other's public list", async () => {
    const one = await startApp({ revisionPollMs: 50 });
    const two = await startApp({ database: one.database, revisionPollMs: 50 });
    try {
      const name = 'Pôle Vu Ailleurs';
      const receipt = await (await post(`${one.url}/api/signatures`, signature({ pole: { ...signature().pole, name } }))).json();
      assert.ok(!(await (await fetch(`${two.url}/poles.json`)).text()).includes(name));
      await admin(`${one.url}/api/admin/signatures/${receipt.reference}/approve`, { method: 'POST' });
      const deadline = Date.now() + 5000;
      while (!(await (await fetch(`${two.url}/poles.json`)).text()).includes(name)) {
        assert.ok(Date.now() < deadline, 'the other instance rebuilt its copy');
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await two.close();
      await one.close();
    }
  });
});

describe('SQLite: group commit, reads never wait for a write', { skip: backEnd !== 'sqlite' }, () => {
  it('writes submissions that arrive together in one transaction, each durable when acknowledged', async () => {
    const file = await tempDatabase();
    const store = new SqliteStore(file);
    try {
      const value = Signature.parse(signature());
      const before = store.submissionCommits;
      const results = await Promise.all(
        Array.from({ length: 25 }, (_, i) => store.storeOnce(signatureSubmission(value, `group-${i}-key`))),
      );
      assert.deepEqual(new Set(results.map((r) => r.kind)), new Set(['created']));
      assert.equal(store.submissionCommits - before, 1, 'one commit for the 25');
      // Committed: a second connection to the file sees them all.
      const other = new SqliteStore(file);
      assert.equal((await other.listSignatures()).length, 25);
      await other.close();
      // A replay in the same batch as its first write is recognised.
      const [a, b] = await Promise.all([
        store.storeOnce(signatureSubmission(value, 'same-key-x')),
        store.storeOnce(signatureSubmission(value, 'same-key-x')),
      ]);
      assert.deepEqual([a.kind, b.kind], ['created', 'replayed']);
    } finally {
      await store.close();
    }
  });

  it('serves reads while another process holds the write lock, and the write waits for its turn', async () => {
    const server = await startApp();
    const other = new Database(server.database);
    other.pragma('busy_timeout = 5000');
    other.exec('BEGIN IMMEDIATE');
    try {
      let settled = false;
      const posting = post(`${server.url}/api/signatures`, signature({ place: 'Attente' })).finally(() => (settled = true));
      for (const path of ['/poles.json', '/ptce.json', '/charter.json']) assert.equal((await fetch(`${server.url}${path}`)).status, 200);
      assert.equal(settled, false, 'the POST waits for the lock');
      other.exec('COMMIT');
      assert.equal((await posting).status, 201);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await server.close();
    }
  });
});
