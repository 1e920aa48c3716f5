import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, post, repo, signature, startApp, type Running } from './helpers.js';
import { as, loggedIn } from './accounts-support.js';
import { purgeRejected } from '../src/accounts/erasure.js';
import { validActionProposal } from '../../test/contract/cases.js';

const run = promisify(execFile);

let server: Running;
before(async () => {
  server = await startApp();
});
after(() => server.close());

const url = (path: string) => `${server.url}${path}`;
const postAs = (token: string, path: string, body?: unknown) =>
  as(token, url(path), { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

/** A signature whose personal fields all hold `tag`, so that any trace of them can be searched for. */
const tagged = (tag: string, department = '31', postcode = '31000') =>
  signature({
    pole: { name: `Pôle ${tag}`, street: '2 allée Jean Jaurès', postcode, city: 'Toulouse', department },
    representative: { lastName: `Nom${tag}`, firstName: `Prenom${tag}`, email: `${tag}@example.org`, phone: '06 98 76 54 32' },
    signatories: [{ name: `Signataire${tag}`, role: `Fonction${tag}` }],
  });
const traces = (tag: string) => [`Nom${tag}`, `Prenom${tag}`, `${tag}@example.org`, `Signataire${tag}`, `Fonction${tag}`];
const assertNoTrace = (text: string, tag: string, where: string) => {
  for (const trace of traces(tag)) assert.ok(!text.includes(trace), `${trace} in ${where}`);
};
const send = async (path: string, body: unknown) => {
  const response = await post(url(path), body);
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).reference as string;
};
const exportText = async () => {
  const folder = join(mkdtempSync(join(tmpdir(), 'ptce-erasure-')), 'site');
  const env = {
    ...process.env,
    ...(server.database.startsWith('postgres')
      ? { PTCE_DATABASE_URL: server.database }
      : { PTCE_DB: server.database, PTCE_DATABASE_URL: '' }),
  };
  await run(process.execPath, ['--import', 'tsx', join(repo, 'server/src/export.ts'), folder], { cwd: repo, env });
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => readFileSync(join(folder, file), 'utf8'))
    .join('\n');
};
const publicText = async () =>
  (
    await Promise.all(
      ['/ptce.json', '/poles.json', '/referentiel.json', '/charter.json'].map(async (path) => (await fetch(url(path))).text()),
    )
  ).join('\n');

describe('erasure: signatures', () => {
  it("erases the representative's and signatories' fields from the database, the CSV, the export and the public documents; the row stays, counted", async () => {
    const reference = await send('/api/signatures', tagged('Effacable'));
    assert.equal((await postAs(ADMIN, `/api/admin/signatures/${reference}/approve`)).status, 200);
    const csvBefore = await (await as(ADMIN, url('/api/admin/signatures.csv'))).text();
    assert.ok(csvBefore.includes('Effacable@example.org'), 'the CSV had them');

    const erased = await postAs(ADMIN, `/api/admin/signatures/${reference}/erase`);
    assert.equal(erased.status, 200);
    const view = await erased.json();
    assert.equal(view.erased, true);
    assert.equal(view.status, 'approved', 'the decision stays');
    assert.deepEqual(view.signature.representative, { lastName: 'effacé', firstName: 'effacé', email: '', phone: '' });
    assert.deepEqual(view.signature.signatories, []);

    const row = await server.store.db.selectFrom('signatures').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    assertNoTrace(JSON.stringify(row), 'Effacable', 'the database row');
    assert.ok(row.erased_at);
    assert.ok(!row.body.includes('06 98 76 54 32'));
    const csv = await (await as(ADMIN, url('/api/admin/signatures.csv'))).text();
    assertNoTrace(csv, 'Effacable', 'the CSV');
    assert.ok(csv.includes(reference) && csv.includes('effacé'), 'the row is still in the CSV, marked');
    const published = await publicText();
    assertNoTrace(published, 'Effacable', 'the public documents');
    assert.ok(published.includes('Pôle Effacable'), "the pole's own facts stay public");
    assertNoTrace(await exportText(), 'Effacable', 'npm run export');
    // Nothing in the audit either.
    const audit = await (await as(ADMIN, url(`/api/admin/audit?subjectType=signature&subjectId=${reference}`))).json();
    assert.deepEqual(
      audit.entries.map((entry: { action: string }) => entry.action),
      ['signature.erase', 'signature.approve'],
    );
    assertNoTrace(JSON.stringify(audit), 'Effacable', 'the audit log');
    // Again: nothing more to do, same answer; unknown: 404.
    assert.equal((await postAs(ADMIN, `/api/admin/signatures/${reference}/erase`)).status, 200);
    assert.equal((await postAs(ADMIN, '/api/admin/signatures/SIG-NONE-NONE/erase')).status, 404);
  });

  it('refuses a moderator outside the territory (403) and without a session (401)', async () => {
    const reference = await send('/api/signatures', tagged('Hors', '13', '13001'));
    const occitanie = await loggedIn(server, { regions: ['76'] });
    assert.equal((await postAs(occitanie.token, `/api/admin/signatures/${reference}/erase`)).status, 403);
    assert.equal((await fetch(url(`/api/admin/signatures/${reference}/erase`), { method: 'POST' })).status, 401);
    const paca = await loggedIn(server, { regions: ['93'] });
    assert.equal((await postAs(paca.token, `/api/admin/signatures/${reference}/erase`)).status, 200);
  });
});

describe('erasure: fiches action', () => {
  it('erases the contact; the approved fiche stays on its pole', async () => {
    const reference = await send('/api/actions', {
      ...validActionProposal,
      action: { ...validActionProposal.action, title: 'Fiche effaçable' },
      contact: { name: 'ContactEffacable', email: 'contact.effacable@example.org' },
    });
    assert.equal((await postAs(ADMIN, `/api/admin/actions/${reference}/approve`)).status, 200);
    const erased = await postAs(ADMIN, `/api/admin/actions/${reference}/erase`);
    assert.equal(erased.status, 200);
    const view = await erased.json();
    assert.equal(view.erased, true);
    assert.deepEqual(view.proposal.contact, { name: 'effacé', email: '' });
    const row = await server.store.db.selectFrom('actions').select('body').where('reference', '=', reference).executeTakeFirstOrThrow();
    assert.ok(!row.body.includes('ContactEffacable') && !row.body.includes('contact.effacable@example.org'));
    const list = await (await as(ADMIN, url('/api/admin/actions'))).text();
    assert.ok(!list.includes('contact.effacable@example.org'));
    const published = await publicText();
    assert.ok(published.includes('Fiche effaçable'));
    assert.ok(!published.includes('ContactEffacable'));
    assert.equal((await postAs(ADMIN, '/api/admin/actions/FICHE-NONE-NONE/erase')).status, 404);
  });
});

describe('erasure: answer sets', () => {
  const answerSet = (name: string, extra: Record<string, unknown> = {}) => ({
    referentielId: 'referentiel-ptce-illustratif',
    referentielVersion: '0.1',
    poleId: 'bou-sol',
    respondent: { role: 'coordination', name },
    answers: { '1.1.1': { value: 3, comment: `Commentaire de ${name}` }, '1.1.2': { value: 2 } },
    ...extra,
  });

  it('lists the answer sets sent outside a campaign, and erases the name and comments, keeping the values', async () => {
    const outside = await send('/api/assessments', answerSet('RepondantHors'));
    const listed = await (await as(ADMIN, url('/api/admin/assessments?campaign=none'))).json();
    const mine = listed.assessments.find((item: { reference: string }) => item.reference === outside);
    assert.ok(mine, 'listed');
    assert.deepEqual(
      { campaignId: mine.campaignId, poleId: mine.poleId, name: mine.assessment.respondent.name },
      {
        campaignId: null,
        poleId: 'bou-sol',
        name: 'RepondantHors',
      },
    );
    // Bou'Sol is in PACA: Occitanie neither sees nor erases it.
    const occitanie = await loggedIn(server, { regions: ['76'] });
    const theirs = await (await as(occitanie.token, url('/api/admin/assessments'))).json();
    assert.ok(!theirs.assessments.some((item: { reference: string }) => item.reference === outside));
    assert.equal((await postAs(occitanie.token, `/api/admin/assessments/${outside}/erase`)).status, 403);

    const erased = await postAs(ADMIN, `/api/admin/assessments/${outside}/erase`);
    assert.equal(erased.status, 200);
    const view = await erased.json();
    assert.equal(view.erased, true);
    assert.deepEqual(view.assessment.respondent, { role: 'coordination' });
    assert.deepEqual(view.assessment.answers, { '1.1.1': { value: 3 }, '1.1.2': { value: 2 } });
    const row = await server.store.db.selectFrom('assessments').select('body').where('reference', '=', outside).executeTakeFirstOrThrow();
    assert.ok(!row.body.includes('RepondantHors'));
    assert.equal((await postAs(ADMIN, '/api/admin/assessments/EVAL-NONE-NONE/erase')).status, 404);
  });

  it("a campaign's answer set erased is gone from the coordinator's CSV, still counted", async () => {
    const created = await (await postAs(ADMIN, '/api/admin/campaigns', { poleId: 'bou-sol', title: 'Campagne à effacer' })).json();
    const reference = await send('/api/assessments', answerSet('RepondantCampagne', { campaign: created.respondentCode }));
    const csv = () =>
      fetch(url(`/api/campaigns/${created.id}/assessments.csv`), { headers: { Authorization: `Bearer ${created.coordinatorKey}` } }).then(
        (r) => r.text(),
      );
    assert.ok((await csv()).includes('RepondantCampagne'));
    assert.equal((await postAs(ADMIN, `/api/admin/assessments/${reference}/erase`)).status, 200);
    const after = await csv();
    assert.ok(!after.includes('RepondantCampagne'), 'no name, no comment');
    assert.ok(after.includes(reference), 'still one of the answers');
    const listed = await (await as(ADMIN, url(`/api/admin/assessments?campaign=${created.id}`))).json();
    assert.deepEqual(
      listed.assessments.map((item: { reference: string; erased: boolean }) => [item.reference, item.erased]),
      [[reference, true]],
    );
  });
});

describe('erasure: accounts', () => {
  it("erases an account's address and name everywhere (accounts, audit, outbox); its session stops", async () => {
    const chief = await loggedIn(server, { role: 'admin' });
    const created = await postAs(chief.token, '/api/admin/accounts', {
      email: 'a.effacer@example.org',
      name: 'Nom À Effacer',
      role: 'moderator',
      regions: ['76'],
    });
    assert.equal(created.status, 201);
    const { id } = await created.json();
    const moderator = await loggedIn(server, { regions: ['76'], email: 'moderateur.effacable@example.org' });
    // The moderator decides something, so the audit names them.
    const reference = await send('/api/signatures', tagged('AuditEfface'));
    assert.equal((await postAs(moderator.token, `/api/admin/signatures/${reference}/reject`)).status, 200);

    assert.equal((await postAs(chief.token, `/api/admin/accounts/${chief.id}/erase`)).status, 409, 'not oneself');
    for (const target of [id, moderator.id]) {
      const erased = await postAs(chief.token, `/api/admin/accounts/${target}/erase`);
      assert.equal(erased.status, 200);
      const view = await erased.json();
      assert.deepEqual(
        { email: view.email, name: view.name, erased: view.erased, disabled: view.disabled },
        { email: null, name: null, erased: true, disabled: true },
      );
    }
    assert.equal((await as(moderator.token, url('/api/me'))).status, 401);
    const db = server.store.db;
    const everything = JSON.stringify([
      await db.selectFrom('accounts').selectAll().execute(),
      await db.selectFrom('audit_log').selectAll().execute(),
      await db.selectFrom('outbox').selectAll().execute(),
    ]);
    for (const trace of ['a.effacer@example.org', 'Nom À Effacer', 'moderateur.effacable@example.org'])
      assert.ok(!everything.includes(trace), trace);
    const audit = await (await as(ADMIN, url(`/api/admin/audit?subjectType=signature&subjectId=${reference}`))).json();
    assert.equal(audit.entries[0].actor.label, `compte effacé n° ${moderator.id}`);
    assert.equal((await postAs(chief.token, '/api/admin/accounts/999999/erase')).status, 404);
    // An erased account cannot be changed, nor given a new link.
    assert.equal(
      (await as(chief.token, url(`/api/admin/accounts/${id}`), { method: 'PATCH', body: JSON.stringify({ disabled: false }) })).status,
      404,
    );
    assert.equal((await postAs(chief.token, `/api/admin/accounts/${id}/password-link`)).status, 404);
  });
});

describe('purge of rejected submissions', () => {
  it(`erases the personal fields of signatures and fiches rejected more than PTCE_PURGE_DAYS ago, at start and on the daily run`, async () => {
    const old = await send('/api/signatures', tagged('Ancien'));
    const recent = await send('/api/signatures', tagged('Recent'));
    const pending = await send('/api/signatures', tagged('Attente'));
    const oldFiche = await send('/api/actions', {
      ...validActionProposal,
      contact: { name: 'FicheAncienne', email: 'fiche.ancienne@example.org' },
    });
    for (const reference of [old, recent]) await postAs(ADMIN, `/api/admin/signatures/${reference}/reject`);
    await postAs(ADMIN, `/api/admin/actions/${oldFiche}/reject`);
    const longAgo = new Date(Date.now() - 91 * 24 * 3600_000).toISOString();
    await server.store.db.updateTable('signatures').set({ decided_at: longAgo }).where('reference', '=', old).execute();
    await server.store.db.updateTable('actions').set({ decided_at: longAgo }).where('reference', '=', oldFiche).execute();
    // Also older than 90 days in received date, but pending: kept.
    await server.store.db.updateTable('signatures').set({ received_at: longAgo }).where('reference', '=', pending).execute();

    // A server starting on this database purges at once (here with the default, 90 days).
    const second = await startApp({ database: server.database });
    await second.close();
    const erasedAt = async (table: 'signatures' | 'actions', reference: string) =>
      (await server.store.db.selectFrom(table).select('erased_at').where('reference', '=', reference).executeTakeFirstOrThrow()).erased_at;
    assert.ok(await erasedAt('signatures', old));
    assert.ok(await erasedAt('actions', oldFiche));
    assert.equal(await erasedAt('signatures', recent), null);
    assert.equal(await erasedAt('signatures', pending), null);
    const audit = await (await as(ADMIN, url(`/api/admin/audit?subjectType=signature&subjectId=${old}`))).json();
    assert.deepEqual([audit.entries[0].action, audit.entries[0].actor.kind], ['signature.purge', 'system']);
    // A shorter delay reaches the recent one; nothing is erased twice.
    // (Other tests' rejections here too, hence "some".)
    assert.ok((await purgeRejected(server.store.db, 1, Date.now() + 2 * 24 * 3600_000)) >= 1);
    assert.ok(await erasedAt('signatures', recent));
    assert.equal(await purgeRejected(server.store.db, 1, Date.now() + 2 * 24 * 3600_000), 0);
  });
});

describe('privacy page', () => {
  it('says what is kept, how long (the server’s delay), and how to ask for erasure', async () => {
    const custom = await startApp({ purgeDays: 30 });
    after(() => custom.close());
    const response = await fetch(`${custom.url}/confidentialite`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await response.text();
    assert.ok(html.includes('effacées 30 jours après la'));
    assert.ok(html.includes('Demander l’effacement'));
    assert.ok(!html.includes('{{'));
  });
});
