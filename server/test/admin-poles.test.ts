import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pole } from '../../src/data/schemas/pole.js';
import { adminPoleRoutes } from '../src/routes/admin-poles.js';
import { ADMIN, startApp, type Running } from './helpers.js';
import { startAsModerators } from './moderators.js';

let server: Running;
let moderators: Awaited<ReturnType<typeof startAsModerators>>;
before(async () => {
  server = await startApp();
  moderators = await startAsModerators(server.store, async (app, options) => {
    await app.register(adminPoleRoutes, options);
  });
});
after(async () => {
  await moderators.close();
  await server.close();
});

/** A request with the admin token (a JSON body if given). */
const call = (path: string, method = 'GET', body?: unknown, token = ADMIN) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const publicPole = async (id: string) =>
  ((await (await fetch(`${server.url}/poles.json`)).json()) as { poles: Pole[] }).poles.find((pole) => pole.id === id);
const auditOf = (id: string) =>
  server.store.db.selectFrom('audit_log').select(['action', 'actor_label']).where('subject_id', '=', id).orderBy('id').execute();

describe('admin routes of the poles', () => {
  it('refuses without a token', async () => {
    assert.equal((await fetch(`${server.url}/api/admin/poles`)).status, 401);
    assert.equal((await call('/api/admin/poles/le-damier', 'GET', undefined, 'wrong-token-wrong-token-wrong-token')).status, 401);
  });

  it('lists the records, filtered by words, region, département and archived state', async () => {
    const all = (await (await call('/api/admin/poles')).json()).poles;
    assert.ok(all.length >= 40);
    assert.deepEqual(Object.keys(all[0]).sort(), ['archivedAt', 'id', 'pole', 'updatedAt', 'version']);
    const found = (await (await call('/api/admin/poles?q=bou%20SOL')).json()).poles;
    assert.deepEqual(
      found.map((r: { id: string }) => r.id),
      ['bou-sol'],
    );
    const paca = (await (await call('/api/admin/poles?region=93')).json()).poles;
    assert.ok(
      paca.length > 0 &&
        paca.every((r: { pole: Pole }) => r.pole.departments!.some((d) => ['04', '05', '06', '13', '83', '84'].includes(d))),
    );
    const isere = (await (await call('/api/admin/poles?departement=38')).json()).poles;
    assert.ok(isere.some((r: { id: string }) => r.id === 'ptce-ulisse-soleni'));
    assert.equal((await (await call('/api/admin/poles?archived=true')).json()).poles.length, 0);
    assert.equal((await call('/api/admin/poles?departement=999')).status, 400);
  });

  it('creates a pole (201), refuses one the contract refuses (422)', async () => {
    const created = await call('/api/admin/poles', 'POST', { name: 'Pôle des Calanques', commune: 'Marseille', departments: ['13'] });
    assert.equal(created.status, 201);
    const record = await created.json();
    assert.equal(record.id, 'pole-des-calanques');
    assert.equal(record.version, 1);
    assert.equal((await publicPole('pole-des-calanques'))?.name, 'Pôle des Calanques');
    const invalid = await call('/api/admin/poles', 'POST', { name: 'Pôle sans code', postcode: 'abc' });
    assert.equal(invalid.status, 422);
    assert.deepEqual(
      (await invalid.json()).errors.map((e: { path: string }) => e.path),
      ['postcode'],
    );
    assert.equal((await call('/api/admin/poles', 'POST', { commune: 'Sans nom' })).status, 422);
    assert.deepEqual(await auditOf('pole-des-calanques'), [{ action: 'pole.create', actor_label: 'PTCE_ADMIN_TOKEN' }]);
  });

  it('reads and edits one pole, 409 on a stale version, 404 on an unknown one', async () => {
    assert.equal((await call('/api/admin/poles/nowhere')).status, 404);
    const record = await (await call('/api/admin/poles/le-damier')).json();
    assert.equal(record.version, 1);
    const edited = await call('/api/admin/poles/le-damier', 'PATCH', { changes: { description: 'Au Damier, on coopère.' }, version: 1 });
    assert.equal(edited.status, 200);
    assert.equal((await edited.json()).version, 2);
    assert.equal((await publicPole('le-damier'))?.description, 'Au Damier, on coopère.');
    const stale = await call('/api/admin/poles/le-damier', 'PATCH', { changes: { description: 'Trop tard' }, version: 1 });
    assert.equal(stale.status, 409);
    const body = await stale.json();
    assert.equal(body.reason, 'stale-version');
    assert.equal(body.current.version, 2);
    const invalid = await call('/api/admin/poles/le-damier', 'PATCH', { changes: { website: 'pas une adresse' }, version: 2 });
    assert.equal(invalid.status, 422);
    assert.equal((await call('/api/admin/poles/le-damier', 'PATCH', { changes: {} })).status, 400);
    assert.equal((await call('/api/admin/poles/nowhere', 'PATCH', { changes: {}, version: 1 })).status, 404);
    // The id never changes, even when asked.
    const renamed = await (
      await call('/api/admin/poles/le-damier', 'PATCH', { changes: { id: 'autre', name: 'Le Damier (63)' }, version: 2 })
    ).json();
    assert.equal(renamed.id, 'le-damier');
    assert.equal((await publicPole('le-damier'))?.name, 'Le Damier (63)');
  });

  it('lets one of two simultaneous edits of the same version through, the other gets 409', async () => {
    const { version } = await (await call('/api/admin/poles/ptce-sud-aquitain')).json();
    const statuses = await Promise.all(
      ['Première', 'Seconde'].map(
        async (description) => (await call('/api/admin/poles/ptce-sud-aquitain', 'PATCH', { changes: { description }, version })).status,
      ),
    );
    assert.deepEqual(statuses.sort(), [200, 409]);
    const { revisions } = await (await call('/api/admin/poles/ptce-sud-aquitain/revisions')).json();
    assert.equal(revisions.length, version + 1);
  });

  it('archives and restores (409 when already so), lists revisions and restores one', async () => {
    const archived = await call('/api/admin/poles/ecoop-arc/archive', 'POST');
    assert.equal(archived.status, 200);
    assert.ok((await archived.json()).archivedAt);
    assert.equal(await publicPole('ecoop-arc'), undefined);
    assert.equal((await call('/api/admin/poles/ecoop-arc/archive', 'POST')).status, 409);
    assert.deepEqual(
      (await (await call('/api/admin/poles?archived=true')).json()).poles.map((r: { id: string }) => r.id),
      ['ecoop-arc'],
    );
    assert.equal((await call('/api/admin/poles/ecoop-arc/restore', 'POST', { version: 1 })).status, 409);
    assert.equal((await call('/api/admin/poles/ecoop-arc/restore', 'POST')).status, 200);
    assert.equal((await call('/api/admin/poles/ecoop-arc/restore', 'POST')).status, 409);
    assert.equal((await publicPole('ecoop-arc'))?.name, 'EcOOp arc');
    assert.equal((await call('/api/admin/poles/nowhere/archive', 'POST')).status, 404);

    const original = await publicPole('ecoop-arc');
    await call('/api/admin/poles/ecoop-arc', 'PATCH', { changes: { description: 'Changée' }, version: 3 });
    const { revisions } = await (await call('/api/admin/poles/ecoop-arc/revisions')).json();
    assert.deepEqual(
      revisions.map((r: { n: number; action: string; author: { kind: string; label: string }; changed: string[] }) => [
        r.n,
        r.action,
        r.author,
        r.changed,
      ]),
      [
        [1, 'import', { kind: 'system', label: 'système' }, revisions[0].changed],
        [2, 'archive', { kind: 'token', label: 'PTCE_ADMIN_TOKEN' }, []],
        [3, 'restore', { kind: 'token', label: 'PTCE_ADMIN_TOKEN' }, []],
        [4, 'update', { kind: 'token', label: 'PTCE_ADMIN_TOKEN' }, ['description', 'provenance']],
      ],
    );
    assert.ok(revisions[0].changed.includes('name') && revisions[0].before === null);
    assert.equal(revisions[3].before.description, original!.description);
    assert.equal(revisions[3].after.description, 'Changée');
    assert.deepEqual([revisions[3].after.provenance.by, revisions[3].after.provenance.editedAt], ['publisher', revisions[3].at]);
    const reverted = await call('/api/admin/poles/ecoop-arc/revisions/1/restore', 'POST');
    assert.equal(reverted.status, 200);
    assert.equal((await reverted.json()).version, 5);
    assert.equal((await publicPole('ecoop-arc'))?.description, original!.description);
    assert.equal((await call('/api/admin/poles/ecoop-arc/revisions/99/restore', 'POST')).status, 404);
    assert.equal((await call('/api/admin/poles/ecoop-arc/revisions/1/restore', 'POST', { version: 1 })).status, 409);
    assert.equal((await call('/api/admin/poles/nowhere/revisions')).status, 404);
    assert.deepEqual(
      (await auditOf('ecoop-arc')).map((entry) => entry.action),
      ['pole.archive', 'pole.restore', 'pole.update', 'pole.revert'],
    );
  });
});

describe('admin routes of the poles: moderators', () => {
  it("see their territory's poles only, and get 403 elsewhere", async () => {
    const listed = (await (await moderators.as('paca', '/api/admin/poles')).json()).poles as { id: string; pole: Pole }[];
    assert.ok(listed.some((r) => r.id === 'bou-sol'));
    assert.ok(listed.every((r) => r.pole.departments!.some((d) => ['04', '05', '06', '13', '83', '84'].includes(d))));
    assert.equal((await moderators.as('paca', '/api/admin/poles/bou-sol')).status, 200);
    for (const [method, path, body] of [
      ['GET', '/api/admin/poles/bou-sol'],
      ['PATCH', '/api/admin/poles/bou-sol', { changes: { description: 'x' }, version: 1 }],
      ['POST', '/api/admin/poles/bou-sol/archive'],
      ['POST', '/api/admin/poles/bou-sol/restore'],
      ['GET', '/api/admin/poles/bou-sol/revisions'],
      ['POST', '/api/admin/poles/bou-sol/revisions/1/restore'],
      ['POST', '/api/admin/poles', { name: 'Pôle de Marseille', departments: ['13'] }],
    ] as const) {
      assert.equal((await moderators.as('occitanie', path, method, body)).status, 403, `${method} ${path}`);
    }
    assert.equal((await moderators.as('occitanie', '/api/admin/poles/bou-sol')).status, 403);
    assert.ok(!(await (await moderators.as('occitanie', '/api/admin/poles')).json()).poles.some((r: { id: string }) => r.id === 'bou-sol'));
  });

  it('edit inside their territory, authored by them, and cannot move a pole out of it', async () => {
    const record = await (await moderators.as('paca', '/api/admin/poles/bou-sol')).json();
    const moved = await moderators.as('paca', '/api/admin/poles/bou-sol', 'PATCH', {
      changes: { departments: ['34'] },
      version: record.version,
    });
    assert.equal(moved.status, 403);
    const edited = await moderators.as('paca', '/api/admin/poles/bou-sol', 'PATCH', {
      changes: { description: 'Relu par la CRESS' },
      version: record.version,
    });
    assert.equal(edited.status, 200);
    const { revisions } = await (await moderators.as('paca', '/api/admin/poles/bou-sol/revisions')).json();
    assert.deepEqual(revisions.at(-1).author, { kind: 'account', label: 'moderatrice.paca@example.org' });
    const created = await moderators.as('paca', '/api/admin/poles', 'POST', { name: 'Pôle varois', departments: ['83'] });
    assert.equal(created.status, 201);
  });
});
