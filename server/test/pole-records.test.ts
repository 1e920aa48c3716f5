import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pole } from '../../src/data/schemas/pole.js';
import { validActionProposal } from '../../test/contract/cases.js';
import {
  archivePole,
  createPole,
  getPoleRecord,
  InvalidPole,
  listRevisions,
  restorePole,
  restoreRevision,
  StaleVersion,
  updatePole,
} from '../src/directory/poles.js';
import { SYSTEM, TOKEN_ADMIN } from '../src/http/actor.js';
import { admin, post, signature, startApp, type Running } from './helpers.js';

let server: Running;
before(async () => {
  server = await startApp({ revisionPollMs: 20 });
});
after(() => server.close());

const publicPoles = async () => ((await (await fetch(`${server.url}/poles.json`)).json()) as { poles: Pole[] }).poles;

/** Waits until the public list (rebuilt by the app within its poll) satisfies `ok`. */
async function publicListUntil(ok: (poles: Pole[]) => boolean): Promise<Pole[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const poles = await publicPoles();
    if (ok(poles)) return poles;
    if (Date.now() > deadline) throw new Error('the public list did not change');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('pole records', () => {
  it('seeding writes revision 1 of each seeded pole, by the system', async () => {
    const db = server.store.db;
    const poles = await db.selectFrom('poles').select(['id', 'version']).execute();
    const revisions = await db.selectFrom('pole_revisions').selectAll().where('n', '=', 1).execute();
    assert.ok(poles.length >= 40);
    assert.deepEqual(new Set(revisions.map((r) => r.pole_id)), new Set(poles.map((p) => p.id)));
    assert.ok(poles.every((pole) => pole.version === 1));
    assert.ok(revisions.every((r) => r.author_label === 'système' && r.author_kind === 'system' && r.action === 'import'));
  });

  it('creates a pole with an id from its name, made unique, and lists it publicly', async () => {
    const first = await createPole(server.store.db, { name: 'Pôle Écotest Records', commune: 'Arles', departments: ['13'] }, TOKEN_ADMIN);
    const second = await createPole(server.store.db, { name: 'Pôle Écotest Records', departments: ['13'] }, TOKEN_ADMIN);
    assert.equal(first.id, 'pole-ecotest-records');
    assert.equal(second.id, 'pole-ecotest-records-2');
    assert.equal(first.version, 1);
    assert.equal(first.archivedAt, null);
    await publicListUntil((poles) => poles.some((pole) => pole.id === second.id));
    const [revision] = await listRevisions(server.store.db, first.id);
    assert.equal(revision.action, 'create');
    assert.equal(revision.author.label, 'PTCE_ADMIN_TOKEN');
    assert.equal(revision.before, null);
    assert.deepEqual(revision.changed, ['commune', 'departments', 'id', 'name', 'provenance']);
    // Its public provenance: edited now, by the directory's publisher (a role, never a person).
    assert.equal(first.pole.provenance?.by, 'publisher');
    assert.equal(first.pole.provenance?.editedAt, revision.at);
    const audited = await server.store.db.selectFrom('audit_log').selectAll().where('subject_id', '=', first.id).execute();
    assert.deepEqual(
      audited.map((entry) => entry.action),
      ['pole.create'],
    );
  });

  it('refuses a pole the contract refuses, and a stale version', async () => {
    await assert.rejects(createPole(server.store.db, { name: 'Sans code', postcode: '123' }, TOKEN_ADMIN), (error: unknown) => {
      assert.ok(error instanceof InvalidPole);
      assert.equal(error.issues[0].path, 'postcode');
      return true;
    });
    await assert.rejects(updatePole(server.store.db, 'le-damier', { description: 'x' }, TOKEN_ADMIN, { expectedVersion: 7 }), StaleVersion);
    assert.equal((await getPoleRecord(server.store.db, 'le-damier'))!.version, 1);
  });

  it('keeps signatures, campaigns and fiches on their pole through edit, archive, restore and revert', async () => {
    const db = server.store.db;
    const id = 'bou-sol';
    // A fiche approved on the pole, and a campaign of it.
    const fiche = await (await post(`${server.url}/api/actions`, validActionProposal)).json();
    assert.equal((await admin(`${server.url}/api/admin/actions/${fiche.reference}/approve`, { method: 'POST' })).status, 200);
    const campaign = await admin(`${server.url}/api/admin/campaigns`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ poleId: id, title: 'Auto-évaluation 2026' }),
    });
    assert.equal(campaign.status, 201);
    const original = (await getPoleRecord(db, id))!;

    const edited = await updatePole(db, id, { description: 'Nouvelle description', carrier: null }, TOKEN_ADMIN, { expectedVersion: 1 });
    assert.equal(edited.id, id);
    assert.equal(edited.version, 2);
    assert.equal(edited.pole.description, 'Nouvelle description');
    let shown = (await publicListUntil((poles) => poles.find((p) => p.id === id)?.description === 'Nouvelle description')).find(
      (p) => p.id === id,
    )!;
    assert.ok(shown.actions?.some((action) => action.id === fiche.reference.toLowerCase()));

    await archivePole(db, id, TOKEN_ADMIN);
    await publicListUntil((poles) => !poles.some((p) => p.id === id));
    await restorePole(db, id, SYSTEM);
    const reverted = await restoreRevision(db, id, 1, TOKEN_ADMIN);
    assert.equal(reverted.version, 5);
    const { provenance, ...asBefore } = reverted.pole;
    const { provenance: originalProvenance, ...originalFields } = original.pole;
    assert.deepEqual(asBefore, originalFields);
    // The revert is an edit of its own: where the data came from stays, its date and author are the revert's.
    assert.equal(provenance?.source, originalProvenance?.source);
    assert.equal(provenance?.by, 'publisher');
    assert.ok(provenance!.editedAt! > edited.pole.provenance!.editedAt!);
    shown = (await publicListUntil((poles) => poles.find((p) => p.id === id)?.description === original.pole.description)).find(
      (p) => p.id === id,
    )!;
    assert.ok(shown.actions?.some((action) => action.id === fiche.reference.toLowerCase()));
    const campaigns = (await (await admin(`${server.url}/api/admin/campaigns`)).json()).campaigns;
    assert.ok(campaigns.some((c: { poleId: string; poleName?: string }) => c.poleId === id && c.poleName === "Bou'Sol"));

    const revisions = await listRevisions(db, id);
    assert.deepEqual(
      revisions.map((r) => [r.n, r.action, r.author.label]),
      [
        [1, 'import', 'système'],
        [2, 'update', 'PTCE_ADMIN_TOKEN'],
        [3, 'archive', 'PTCE_ADMIN_TOKEN'],
        [4, 'restore', 'système'],
        [5, 'revert', 'PTCE_ADMIN_TOKEN'],
      ],
    );
    assert.ok(revisions[1].changed.includes('description'));
    assert.deepEqual(revisions[2].changed, []);
  });

  it('a signature approved into a record keeps its charter on it through edit, archive, restore and revert, and its decision', async () => {
    const db = server.store.db;
    const pole = { ...signature().pole, name: 'Pôle Naissant', postcode: '13200', city: 'Arles', department: '13' };
    const receipt = await (
      await post(`${server.url}/api/signatures`, signature({ pole, status: 'in-creation', date: '2026-11-25' }))
    ).json();
    const decide = (verb: string) => admin(`${server.url}/api/admin/signatures/${receipt.reference}/${verb}`, { method: 'POST' });
    assert.equal((await decide('approve')).status, 200);
    const record = (await getPoleRecord(db, 'pole-naissant'))!;
    assert.deepEqual(record.pole, {
      id: 'pole-naissant',
      name: 'Pôle Naissant',
      status: 'emerging',
      commune: 'Arles',
      postcode: '13200',
      departments: ['13'],
      provenance: { editedAt: record.updatedAt, by: 'publisher' },
    });
    const charterOn = async (id: string) => (await publicPoles()).find((p) => p.id === id)?.charter?.date;
    assert.equal(await charterOn('pole-naissant'), '2026-11-25');

    await updatePole(db, 'pole-naissant', { name: 'Pôle Né' }, TOKEN_ADMIN);
    await publicListUntil((poles) => poles.some((p) => p.name === 'Pôle Né' && p.charter?.date === '2026-11-25'));
    await archivePole(db, 'pole-naissant', TOKEN_ADMIN);
    // Off the list, and not listed again under the name it signed with.
    await publicListUntil((poles) => !poles.some((p) => p.id === 'pole-naissant' || p.name === 'Pôle Naissant'));
    await restorePole(db, 'pole-naissant', TOKEN_ADMIN);
    await restoreRevision(db, 'pole-naissant', 1, TOKEN_ADMIN);
    await publicListUntil((poles) => poles.some((p) => p.name === 'Pôle Naissant' && p.charter?.date === '2026-11-25'));

    // Rejected afterwards: its record is archived; approved again: back, the same record.
    assert.equal((await decide('reject')).status, 200);
    assert.ok((await getPoleRecord(db, 'pole-naissant'))!.archivedAt);
    assert.equal(await charterOn('pole-naissant'), undefined);
    assert.equal((await (await decide('approve')).json()).status, 'approved');
    assert.equal((await getPoleRecord(db, 'pole-naissant'))!.archivedAt, null);
    assert.equal(await charterOn('pole-naissant'), '2026-11-25');
    assert.equal((await db.selectFrom('poles').select('id').where('id', 'like', 'pole-naissant%').execute()).length, 1);
    const audited = await db.selectFrom('audit_log').select('action').where('subject_id', '=', receipt.reference).orderBy('id').execute();
    assert.deepEqual(
      audited.map((a) => a.action),
      ['signature.approve', 'signature.reject', 'signature.approve'],
    );
  });
});
