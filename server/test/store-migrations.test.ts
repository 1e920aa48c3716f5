import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { signature, tempDatabase } from './helpers.js';
import { legacyDatabase, run } from './legacy-schema.js';
import { openStore } from '../src/store/index.js';
import { KyselyStore } from '../src/store/store.js';
import type { SignatureRow } from '../src/store/types.js';
import { signatureSubmission } from '../src/signatures.js';
import { SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { Signature } from '../../src/data/schemas/submissions.js';

const tables = async (store: KyselyStore) =>
  (await store.db.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name);

describe('databases made before Kysely (schema_migrations)', () => {
  it('open at version 4 with all their rows, their migrations adopted by the Migrator', async () => {
    const database = await legacyDatabase(4);
    await run(
      database,
      `INSERT INTO documents VALUES ('charter', '{"title":"Charte"}', '2026-05-01T00:00:00.000Z');
       INSERT INTO poles VALUES ('pole-a', 0, '{"id":"pole-a","name":"Pôle A"}');
       UPDATE public_revision SET revision = 7 WHERE id = 1;
       INSERT INTO signatures (reference, idempotency_key, request_hash, status, received_at, decided_at, pole_name, consent_to_list, place, signed_on, body)
         VALUES ('SIG-AAAA-BBBB', 'key-1', 'hash-1', 'approved', '2026-05-02T00:00:00.000Z', '2026-05-03T00:00:00.000Z', 'Pôle A', 1, 'Lyon', '2026-05-02', '{}');
       INSERT INTO campaigns VALUES ('camp-1', 'pole-a', 'ref', '0.1', 'Regards', NULL, NULL, NULL, 'code-hash', 'key-hash', '2026-05-04T00:00:00.000Z', NULL, NULL, NULL);
       INSERT INTO assessments (reference, idempotency_key, request_hash, received_at, referentiel_id, referentiel_version, pole_id, body, campaign_id)
         VALUES ('EVAL-AAAA-BBBB', 'key-2', 'hash-2', '2026-05-05T00:00:00.000Z', 'ref', '0.1', 'pole-a', '{}', 'camp-1');
       INSERT INTO actions (reference, idempotency_key, request_hash, status, received_at, decided_at, pole_id, pole_name, body)
         VALUES ('FICHE-AAAA-BBBB', 'key-3', 'hash-3', 'approved', '2026-05-06T00:00:00.000Z', '2026-05-07T00:00:00.000Z', 'pole-a', 'Pôle A', '{}');`,
    );
    const store = await openStore(database);
    assert.ok(store instanceof KyselyStore);
    try {
      assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
      assert.equal(await store.revision(), 7);
      assert.deepEqual(await store.listSignatures(), [
        {
          id: 1,
          reference: 'SIG-AAAA-BBBB',
          idempotency_key: 'key-1',
          request_hash: 'hash-1',
          status: 'approved',
          received_at: '2026-05-02T00:00:00.000Z',
          decided_at: '2026-05-03T00:00:00.000Z',
          pole_name: 'Pôle A',
          consent_to_list: 1,
          place: 'Lyon',
          signed_on: '2026-05-02',
          body: '{}',
          // Added by 0007: the pole record an approval created (none before).
          pole_id: null,
          erased_at: null,
        },
      ]);
      assert.deepEqual(
        (await store.listCampaigns()).map((c) => [c.id, c.answers]),
        [['camp-1', 1]],
      );
      assert.deepEqual(
        (await store.campaignAssessments('camp-1')).map((a) => a.reference),
        ['EVAL-AAAA-BBBB'],
      );
      assert.deepEqual(
        (await store.listActions('approved')).map((a) => a.reference),
        ['FICHE-AAAA-BBBB'],
      );
      const data = await store.publicData();
      assert.deepEqual(data.poles, [{ id: 'pole-a', name: 'Pôle A' }]);
      // 0007 gave the poles already stored their revision 1.
      const revisions = await store.db.selectFrom('pole_revisions').select(['pole_id', 'n', 'action', 'after']).execute();
      assert.deepEqual(revisions, [{ pole_id: 'pole-a', n: 1, action: 'import', after: '{"id":"pole-a","name":"Pôle A"}' }]);
      assert.deepEqual(data.documents.get('charter'), { title: 'Charte' });
      assert.deepEqual(
        data.listed.map((s) => s.reference),
        ['SIG-AAAA-BBBB'],
      );
      // New rows number on from the old ones.
      const stored = await store.storeOnce<SignatureRow>(signatureSubmission(Signature.parse(signature()), 'key-after'));
      assert.equal(stored.kind, 'created');
      assert.equal(stored.row.id, 2);
      // One bookkeeping left, Kysely's, with the dates the migrations ran.
      assert.ok(!(await tables(store)).includes('schema_migrations'));
      const adopted = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration ORDER BY name`.execute(
        store.db,
      );
      // The four it had, adopted with their dates; the later ones ran now.
      assert.deepEqual(adopted.rows.slice(0, 4), [
        { name: '0001-initial', timestamp: '2026-01-01T10:00:00.000Z' },
        { name: '0002-public-revision', timestamp: '2026-02-01T10:00:00.000Z' },
        { name: '0003-campaigns', timestamp: '2026-03-01T10:00:00.000Z' },
        { name: '0004-actions', timestamp: '2026-04-01T10:00:00.000Z' },
      ]);
      assert.equal(adopted.rows.length, SCHEMA_VERSION);
    } finally {
      await store.close();
    }
    // And it opens again, as any database of this release.
    const again = await openStore(database);
    try {
      assert.equal(await again.schemaVersion(), SCHEMA_VERSION);
      assert.equal((await again.listSignatures()).length, 2);
    } finally {
      await again.close();
    }
  });

  it('run the migrations a version-2 database had not had yet', async () => {
    const database = await legacyDatabase(2);
    await run(
      database,
      `INSERT INTO assessments (reference, idempotency_key, request_hash, received_at, referentiel_id, referentiel_version, pole_id, body)
         VALUES ('EVAL-CCCC-DDDD', 'key-old', 'hash', '2026-05-05T00:00:00.000Z', 'ref', '0.1', NULL, '{}');`,
    );
    const store = await openStore(database);
    try {
      assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
      const [row] = await store.listAssessments();
      assert.equal(row.reference, 'EVAL-CCCC-DDDD');
      assert.equal(row.campaign_id, null);
      assert.deepEqual(await store.listCampaigns(), []);
      assert.deepEqual(await store.listActions(), []);
    } finally {
      await store.close();
    }
  });
});

describe('upgrades (forward only)', () => {
  it('refuses a database that a newer release migrated further, and leaves it as it was', async () => {
    const database = await tempDatabase();
    const store = await openStore(database);
    await store.close();
    // What the next release's migration would leave behind: a name this code does not know.
    await run(database, `INSERT INTO kysely_migration (name, timestamp) VALUES ('0099-from-the-future', '2027-01-01T00:00:00.000Z');`);
    await assert.rejects(openStore(database), (error: Error) => {
      assert.match(error.message, /newer release of the server/);
      assert.match(error.message, /0099-from-the-future/);
      return true;
    });
    // Refused, not changed: the newer release still finds its migration recorded.
    const again = await openStore(database).catch((error: Error) => error);
    assert.ok(again instanceof Error && /0099-from-the-future/.test(again.message));
  });
});
