import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, post, signature, startApp, type Running } from './helpers.js';
import { as, loggedIn } from './accounts-support.js';
import { validActionProposal } from '../../test/contract/cases.js';

let server: Running;
/** Occitanie (76) and Provence-Alpes-Côte d'Azur (93) moderators. */
let occitanie: { token: string; email: string };
let paca: { token: string; email: string };
before(async () => {
  server = await startApp();
  occitanie = await loggedIn(server, { regions: ['76'] });
  paca = await loggedIn(server, { regions: ['93'] });
});
after(() => server.close());

const url = (path: string) => `${server.url}${path}`;
const postAs = (token: string, path: string, body?: unknown) =>
  as(token, url(path), { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const references = async (token: string, path: string, key: string) =>
  ((await (await as(token, url(path))).json())[key] as { reference: string }[]).map((item) => item.reference);
const auditOf = async (type: string, id: string) =>
  (await (await as(ADMIN, url(`/api/admin/audit?subjectType=${type}&subjectId=${id}`))).json()).entries as {
    action: string;
    actor: { kind: string; label: string };
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  }[];

/** A signature renewing Bou'Sol (Marseille, 13: Provence-Alpes-Côte d'Azur). */
const bouSol = (tag: string) =>
  signature({
    pole: { id: 'bou-sol', name: "Bou'Sol", street: '1 rue du Four', postcode: '13001', city: 'Marseille', department: '13' },
    representative: { lastName: tag, firstName: 'Camille', email: `${tag}@example.org`, phone: '06 12 34 56 78' },
  });
/** A new pole in Toulouse (31: Occitanie), named by its address only. */
const toulouse = (tag: string) =>
  signature({ pole: { name: `Pôle ${tag}`, street: '2 allée Jean Jaurès', postcode: '31000', city: 'Toulouse', department: '31' } });
const send = async (path: string, body: unknown) => {
  const response = await post(url(path), body);
  assert.equal(response.status, 201);
  return (await response.json()).reference as string;
};

describe('territories: signatures', () => {
  it("a moderator of Occitanie neither sees nor decides a Provence-Alpes-Côte d'Azur signature (403); PACA's moderator does, audited", async () => {
    const marseille = await send('/api/signatures', bouSol('marseille'));
    const toulousain = await send('/api/signatures', toulouse('toulousain'));

    const occitanieSees = await references(occitanie.token, '/api/admin/signatures', 'signatures');
    assert.ok(!occitanieSees.includes(marseille));
    assert.ok(occitanieSees.includes(toulousain));
    const pacaSees = await references(paca.token, '/api/admin/signatures', 'signatures');
    assert.ok(pacaSees.includes(marseille));
    assert.ok(!pacaSees.includes(toulousain));
    const adminSees = await references(ADMIN, '/api/admin/signatures', 'signatures');
    assert.ok(adminSees.includes(marseille) && adminSees.includes(toulousain));
    const csv = await (await as(occitanie.token, url('/api/admin/signatures.csv'))).text();
    assert.ok(csv.includes(toulousain) && !csv.includes(marseille), 'the CSV export is filtered too');

    for (const verb of ['approve', 'reject', 'erase']) {
      const refused = await postAs(occitanie.token, `/api/admin/signatures/${marseille}/${verb}`);
      assert.equal(refused.status, 403, verb);
      assert.deepEqual(await refused.json(), { error: 'outside your territory' });
    }
    assert.equal((await postAs(occitanie.token, '/api/admin/signatures/SIG-NONE-XXXX/approve')).status, 404);

    const approved = await postAs(paca.token, `/api/admin/signatures/${marseille}/approve`);
    assert.equal(approved.status, 200);
    assert.equal((await approved.json()).status, 'approved');
    const [entry] = await auditOf('signature', marseille);
    assert.deepEqual(
      { action: entry.action, actor: entry.actor.label, before: entry.before, after: entry.after },
      { action: 'signature.approve', actor: paca.email, before: { status: 'pending' }, after: { status: 'approved', poleId: null } },
    );
    const rejected = await postAs(occitanie.token, `/api/admin/signatures/${toulousain}/reject`);
    assert.equal(rejected.status, 200);
    assert.equal((await auditOf('signature', toulousain))[0].action, 'signature.reject');
  });

  it('the admin token decides everywhere, logged as the token', async () => {
    const reference = await send('/api/signatures', toulouse('jeton'));
    assert.equal((await postAs(ADMIN, `/api/admin/signatures/${reference}/approve`)).status, 200);
    const [entry] = await auditOf('signature', reference);
    assert.deepEqual({ kind: entry.actor.kind, label: entry.actor.label }, { kind: 'token', label: 'PTCE_ADMIN_TOKEN' });
  });
});

describe('territories: fiches action', () => {
  const fiche = (tag: string, pole: { id?: string; name: string } = validActionProposal.pole) => ({
    ...validActionProposal,
    pole,
    action: { ...validActionProposal.action, title: `Fiche ${tag}` },
  });

  it("Bou'Sol's fiche: 403 for Occitanie, decided by PACA, audited; a fiche of no listed pole is for admins only", async () => {
    const reference = await send('/api/actions', fiche('bousol'));
    const typed = await send('/api/actions', fiche('typed', { name: 'Un pôle pas encore listé' }));
    assert.ok(!(await references(occitanie.token, '/api/admin/actions', 'actions')).includes(reference));
    const pacaSees = await references(paca.token, '/api/admin/actions', 'actions');
    assert.ok(pacaSees.includes(reference) && !pacaSees.includes(typed));
    assert.ok((await references(ADMIN, '/api/admin/actions', 'actions')).includes(typed));
    for (const verb of ['approve', 'reject', 'erase']) {
      assert.equal((await postAs(occitanie.token, `/api/admin/actions/${reference}/${verb}`)).status, 403, verb);
    }
    assert.equal((await postAs(paca.token, `/api/admin/actions/${typed}/approve`)).status, 403);
    // Joining a pole outside the territory is refused too (Pôle Tarnais: 81, Occitanie).
    assert.equal(
      (await postAs(paca.token, `/api/admin/actions/${reference}/approve`, { poleId: 'pole-tarnais-de-cooperation-economique' })).status,
      403,
    );
    const approved = await postAs(paca.token, `/api/admin/actions/${reference}/approve`);
    assert.equal(approved.status, 200);
    const [entry] = await auditOf('action', reference);
    assert.equal(entry.action, 'action.approve');
    assert.equal(entry.actor.label, paca.email);
    assert.deepEqual(entry.after, { status: 'approved', poleId: 'bou-sol' });
    assert.equal((await postAs(ADMIN, `/api/admin/actions/${typed}/reject`)).status, 200);
    assert.equal((await auditOf('action', typed))[0].action, 'action.reject');
  });
});

describe('territories: campaigns', () => {
  it("Bou'Sol's campaign: Occitanie cannot open, see, close or unpublish it; PACA can; each decision audited", async () => {
    const request = { poleId: 'bou-sol', title: 'Regards croisés 2026' };
    assert.equal((await postAs(occitanie.token, '/api/admin/campaigns', request)).status, 403);
    const opened = await postAs(paca.token, '/api/admin/campaigns', request);
    assert.equal(opened.status, 201);
    const { id } = await opened.json();
    const ids = async (token: string) =>
      ((await (await as(token, url('/api/admin/campaigns'))).json()).campaigns as { id: string }[]).map((c) => c.id);
    assert.ok(!(await ids(occitanie.token)).includes(id));
    assert.ok((await ids(paca.token)).includes(id));
    assert.equal((await postAs(occitanie.token, `/api/admin/campaigns/${id}/close`)).status, 403);
    assert.equal((await postAs(occitanie.token, `/api/admin/campaigns/${id}/unpublish`)).status, 403);
    assert.equal((await postAs(paca.token, '/api/admin/campaigns/camp-none/close')).status, 404);
    assert.equal((await postAs(paca.token, `/api/admin/campaigns/${id}/close`)).status, 200);
    assert.equal((await postAs(paca.token, `/api/admin/campaigns/${id}/unpublish`)).status, 200);
    const entries = await auditOf('campaign', id);
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['campaign.unpublish', 'campaign.close', 'campaign.create'],
    );
    assert.ok(entries.every((entry) => entry.actor.label === paca.email));
  });
});

describe('territories: outbox', () => {
  it('a moderator reads only the messages sent to them; the admin reads all', async () => {
    const { db } = server.store;
    const at = new Date().toISOString();
    await db
      .insertInto('outbox')
      .values([
        { created_at: at, recipient: paca.email, subject: 'Pour PACA', body: '…', kind: 'notification' },
        { created_at: at, recipient: 'quelqu.un@example.org', subject: 'Pour un autre', body: '…', kind: 'contact' },
      ])
      .execute();
    const messages = async (token: string) =>
      (await (await as(token, url('/api/admin/outbox'))).json()).messages as { to: string; subject: string }[];
    // PACA's own: this one, and the notifications of the PACA items above.
    const theirs = await messages(paca.token);
    assert.ok(theirs.some((message) => message.subject === 'Pour PACA'));
    assert.ok(theirs.every((message) => message.to === paca.email));
    assert.ok((await messages(ADMIN)).some((message) => message.subject === 'Pour un autre'));
  });
});
