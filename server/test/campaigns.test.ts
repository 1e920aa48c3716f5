import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { admin, post, repo, startApp, type Running } from './helpers.js';
import { legacyDatabase, run } from './legacy-schema.js';
import { openStore } from '../src/store/index.js';
import { seedDemoCampaign } from '../src/demo-campaign.js';
import { SCHEMA_VERSION } from '../src/store/migrations/index.js';
import { validate } from '../../src/data/validate.js';
import { Campaign, CampaignAnswers, CampaignCreated } from '../../src/data/schemas/campaigns.js';
import { PolesDocumentStrict } from '../../src/data/schemas/pole.js';

let server: Running;
before(async () => {
  // Many wrong keys on purpose here; the throttle has its own test below.
  server = await startApp({ secretAttempts: 1000 });
});
after(() => server.close());

const POLE = 'ecoop-arc';
const OTHER_POLE = 'le-damier';

async function openCampaign(body: Record<string, unknown> = {}): Promise<CampaignCreated> {
  const response = await admin(`${server.url}/api/admin/campaigns`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ poleId: POLE, title: 'Diagnostic 2026', ...body }),
  });
  assert.equal(response.status, 201);
  const created = await response.json();
  assert.ok(validate(CampaignCreated, created).ok, JSON.stringify(created));
  return created;
}

const answers = (level: number) => ({ '1.1.1': { value: level }, '1.1.2': { value: level }, '2.1.1': { value: 'na' } });
const answer = (code: string | undefined, role: string, level: number, extra: Record<string, unknown> = {}) =>
  post(`${server.url}/api/assessments`, {
    referentielId: 'referentiel-ptce-illustratif',
    referentielVersion: '0.1',
    respondent: { role, name: `${role} (test)` },
    answers: answers(level),
    ...(code ? { campaign: code } : {}),
    ...extra,
  });
const asCoordinator = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, ...(init.headers ?? {}) } });
const publicPole = async (id: string) =>
  (
    (await (await fetch(`${server.url}/poles.json`)).json()) as {
      poles: { id: string; referentielSummary?: { respondents: number; objectives: { id: string; mean: number | null }[] } }[];
    }
  ).poles.find((p) => p.id === id)!;

describe('campaigns', () => {
  it('opens a campaign (admin), stores answers into it, and gives them to its coordinator only', async () => {
    const campaign = await openCampaign();
    assert.equal(campaign.poleId, POLE);
    assert.equal(campaign.referentielVersion, '0.1');
    assert.ok(campaign.roles?.length, "the référentiel's roles by default");
    assert.match(campaign.respondentCode, /^R-\w{4}-\w{4}-\w{4}$/);
    // Secrets are stored hashed.
    const row = await server.store.campaign(campaign.id);
    assert.ok(row && !JSON.stringify(row).includes(campaign.respondentCode) && !JSON.stringify(row).includes(campaign.coordinatorKey));

    const first = await answer(campaign.respondentCode, 'coordination', 4);
    assert.equal(first.status, 201);
    const viaHeader = await post(
      `${server.url}/api/assessments`,
      {
        referentielId: 'referentiel-ptce-illustratif',
        referentielVersion: '0.1',
        respondent: { role: 'collectivite' },
        answers: answers(2),
      },
      { 'Campaign-Code': campaign.respondentCode },
    );
    assert.equal(viaHeader.status, 201);

    const read = await asCoordinator(`/api/campaigns/${campaign.id}/assessments`, campaign.coordinatorKey);
    assert.equal(read.status, 200);
    assert.equal(read.headers.get('cache-control'), 'no-store');
    const body = await read.json();
    assert.ok(validate(CampaignAnswers, body).ok, JSON.stringify(body));
    assert.equal(body.assessments.length, 2);
    assert.ok(body.assessments.every((a: { poleId: string; campaign?: string }) => a.poleId === POLE && a.campaign === undefined));
    assert.ok(!JSON.stringify(body).includes(campaign.respondentCode), 'the code is never stored with the answers');
    assert.equal(body.summary.respondents, 2);
    assert.equal(body.summary.objectives.find((o: { id: string }) => o.id === '1.1').mean, 3);
    assert.equal(body.summary.objectives.find((o: { id: string }) => o.id === '2.1').mean, null);

    // The respondent view: title, pole, roles; no answers, no secrets.
    const seen = await fetch(`${server.url}/api/campaigns/respondent`, { headers: { 'Campaign-Code': campaign.respondentCode } });
    assert.equal(seen.status, 200);
    const view = await seen.json();
    assert.ok(validate(Campaign, view).ok);
    assert.equal(view.title, 'Diagnostic 2026');
    assert.equal(view.poleName, 'EcOOp arc');
    assert.equal(JSON.stringify(view).includes('coordinatorKey'), false);
  });

  it('is idempotent as the other submissions: the same key stores one answer set', async () => {
    const campaign = await openCampaign();
    const body = {
      referentielId: 'referentiel-ptce-illustratif',
      referentielVersion: '0.1',
      respondent: { role: 'habitant' },
      answers: answers(3),
      campaign: campaign.respondentCode,
    };
    const key = `campaign-retry-${Date.now()}`;
    const first = await post(`${server.url}/api/assessments`, body, { 'Idempotency-Key': key });
    const again = await post(`${server.url}/api/assessments`, body, { 'Idempotency-Key': key });
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), await first.json());
    assert.equal((await server.store.campaignAssessments(campaign.id)).length, 1);
  });

  it('refuses a wrong code, a closed campaign, a campaign not open yet, another pole, a wrong référentiel', async () => {
    const campaign = await openCampaign();
    const wrong = await answer('R-AAAA-BBBB-CCCC', 'coordination', 3);
    assert.equal(wrong.status, 403);
    assert.equal((await wrong.json()).reason, 'campaign-code');
    const wrongInfo = await fetch(`${server.url}/api/campaigns/respondent`, { headers: { 'Campaign-Code': 'R-AAAA-BBBB-CCCC' } });
    assert.equal(wrongInfo.status, 403);

    const otherPole = await answer(campaign.respondentCode, 'coordination', 3, { poleId: OTHER_POLE });
    assert.equal(otherPole.status, 400);
    assert.equal((await otherPole.json()).reason, 'wrong-pole');

    const otherVersion = await answer(campaign.respondentCode, 'coordination', 3, { referentielVersion: '9.9' });
    assert.equal(otherVersion.status, 400);

    const later = await openCampaign({ opensOn: '2999-01-01' });
    const early = await answer(later.respondentCode, 'coordination', 3);
    assert.equal(early.status, 409);
    assert.equal((await early.json()).reason, 'campaign-not-open');

    const past = await openCampaign({ opensOn: '2020-01-01', closesOn: '2020-02-01' });
    const late = await answer(past.respondentCode, 'coordination', 3);
    assert.equal(late.status, 409);
    assert.equal((await late.json()).reason, 'campaign-closed');

    const closed = await admin(`${server.url}/api/admin/campaigns/${campaign.id}/close`, { method: 'POST' });
    assert.equal(closed.status, 200);
    assert.equal((await closed.json()).closed, true);
    const refused = await answer(campaign.respondentCode, 'coordination', 3);
    assert.equal(refused.status, 409);
    assert.equal((await refused.json()).reason, 'campaign-closed');
    assert.equal((await server.store.campaignAssessments(campaign.id)).length, 0);
  });

  it("refuses a missing or wrong coordinator key on every coordinator route, and another campaign's key", async () => {
    const campaign = await openCampaign();
    const other = await openCampaign({ poleId: OTHER_POLE });
    const routes: [string, string][] = [
      ['GET', `/api/campaigns/${campaign.id}/assessments`],
      ['GET', `/api/campaigns/${campaign.id}/assessments.csv`],
      ['DELETE', `/api/campaigns/${campaign.id}/assessments/EVAL-AAAA-BBBB`],
      ['POST', `/api/campaigns/${campaign.id}/publish`],
      ['POST', `/api/campaigns/${campaign.id}/unpublish`],
    ];
    for (const [method, path] of routes) {
      for (const headers of [
        {} as Record<string, string>,
        { Authorization: 'Bearer wrong-key' },
        { Authorization: `Bearer ${other.coordinatorKey}` },
        { Authorization: `Bearer ${ADMIN_LIKE}` },
      ]) {
        const response = await fetch(`${server.url}${path}`, { method, headers });
        assert.equal(response.status, 401, `${method} ${path} ${JSON.stringify(headers)}`);
        assert.equal((await response.json()).reason, 'coordinator-key');
        assert.equal(response.headers.get('cache-control'), 'no-store');
      }
    }
    // An unknown campaign gets the same answer as a wrong key.
    const unknown = await asCoordinator('/api/campaigns/camp-nothing/assessments', campaign.coordinatorKey);
    assert.equal(unknown.status, 401);
  });

  it('throttles wrong keys and codes: 429 after ten from one address', async () => {
    const local = await startApp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        statuses.push((await fetch(`${local.url}/api/campaigns/camp-x/assessments`, { headers: { Authorization: 'Bearer nope' } })).status);
      }
      assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
      // The codes are another secret, counted apart.
      const code = await fetch(`${local.url}/api/campaigns/respondent`, { headers: { 'Campaign-Code': 'R-AAAA-AAAA-AAAA' } });
      assert.equal(code.status, 403);
    } finally {
      await local.close();
    }
  });

  it('exports as CSV and JSON, deletes one answer set', async () => {
    const campaign = await openCampaign();
    await answer(campaign.respondentCode, 'coordination', 4);
    await answer(campaign.respondentCode, 'entreprise', '=HYPERLINK("x")' as unknown as number).then((r) => assert.equal(r.status, 400));
    await answer(campaign.respondentCode, 'entreprise', 1);
    const csv = await asCoordinator(`/api/campaigns/${campaign.id}/assessments.csv`, campaign.coordinatorKey);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment/);
    const lines = (await csv.text()).trim().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^\ufeff?reference;receivedAt;role;name;1\.1\.1;/);
    const json = await asCoordinator(`/api/campaigns/${campaign.id}/assessments?download`, campaign.coordinatorKey);
    assert.match(json.headers.get('content-disposition') ?? '', /attachment/);
    const { assessments } = await json.json();
    const gone = await asCoordinator(`/api/campaigns/${campaign.id}/assessments/${assessments[0].reference}`, campaign.coordinatorKey, {
      method: 'DELETE',
    });
    assert.equal(gone.status, 204);
    const again = await asCoordinator(`/api/campaigns/${campaign.id}/assessments/${assessments[0].reference}`, campaign.coordinatorKey, {
      method: 'DELETE',
    });
    assert.equal(again.status, 404);
    assert.equal((await server.store.campaignAssessments(campaign.id)).length, 1);
  });

  it("publishes the summary into the pole's public record, and unpublishes it; answers never public", async () => {
    const campaign = await openCampaign({ poleId: 'ptce-sud-aquitain' });
    const empty = await asCoordinator(`/api/campaigns/${campaign.id}/publish`, campaign.coordinatorKey, { method: 'POST' });
    assert.equal(empty.status, 409);
    assert.equal((await empty.json()).reason, 'no-answers');
    await answer(campaign.respondentCode, 'coordination', 4);
    await answer(campaign.respondentCode, 'collectivite', 2);
    const published = await asCoordinator(`/api/campaigns/${campaign.id}/publish`, campaign.coordinatorKey, { method: 'POST' });
    assert.equal(published.status, 200);
    const pole = await publicPole('ptce-sud-aquitain');
    assert.equal(pole.referentielSummary?.respondents, 2);
    assert.equal(pole.referentielSummary?.objectives.find((o) => o.id === '1.1')?.mean, 3);
    const poles = await (await fetch(`${server.url}/poles.json`)).json();
    assert.ok(validate(PolesDocumentStrict, poles).ok);
    assert.ok(!JSON.stringify(poles).includes('collectivite (test)'), 'no respondent name is public');
    // Another pole's record is untouched.
    assert.equal((await publicPole(OTHER_POLE)).referentielSummary, undefined);

    const unpublished = await asCoordinator(`/api/campaigns/${campaign.id}/unpublish`, campaign.coordinatorKey, { method: 'POST' });
    assert.equal(unpublished.status, 200);
    assert.equal((await unpublished.json()).campaign.publishedAt, undefined);
    assert.equal((await publicPole('ptce-sud-aquitain')).referentielSummary, undefined);
  });

  it('lists campaigns for the admin with their counts only, never answers', async () => {
    const campaign = await openCampaign({ title: 'Compte seulement' });
    await answer(campaign.respondentCode, 'coordination', 3);
    const unauthorized = await fetch(`${server.url}/api/admin/campaigns`);
    assert.equal(unauthorized.status, 401);
    const list = await (await admin(`${server.url}/api/admin/campaigns`)).json();
    const listed = list.campaigns.find((c: { id: string }) => c.id === campaign.id);
    assert.equal(listed.answers, 1);
    assert.equal(listed.title, 'Compte seulement');
    const text = JSON.stringify(list);
    assert.ok(
      !text.includes('"answers":{') &&
        !text.includes('coordination (test)') &&
        !text.includes('respondentCode') &&
        !text.includes('coordinatorKey'),
    );
  });

  it('refuses a campaign for an unknown pole, another référentiel version, bad dates, an oversized body', async () => {
    const create = (body: unknown) =>
      admin(`${server.url}/api/admin/campaigns`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const unknown = await create({ poleId: 'no-such-pole', title: 'X' });
    assert.equal(unknown.status, 400);
    assert.equal((await unknown.json()).reason, 'unknown-pole');
    assert.equal((await create({ poleId: POLE, title: 'X', referentielVersion: '9' })).status, 400);
    assert.equal((await create({ poleId: POLE, title: 'X', opensOn: '2026-05-01', closesOn: '2026-04-01' })).status, 400);
    assert.equal((await create({ poleId: POLE })).status, 400);
    const big = await create({ poleId: POLE, title: 'x'.repeat(70_000) });
    assert.equal(big.status, 413);
    const bigAnswer = await post(`${server.url}/api/assessments`, {
      referentielId: 'x',
      referentielVersion: '1',
      respondent: { role: 'x'.repeat(70_000) },
      answers: {},
      campaign: 'R',
    });
    assert.equal(bigAnswer.status, 413);
  });

  it('refuses to open a campaign without the admin token (secrets.test.ts for more)', async () => {
    const refused = await post(`${server.url}/api/campaigns`, { poleId: POLE, title: 'Ouverte' });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).reason, 'campaigns-not-open');
  });

  it("never returns two poles' answers together, on any route", async () => {
    const mine = await openCampaign();
    const theirs = await openCampaign({ poleId: OTHER_POLE });
    await answer(mine.respondentCode, 'coordination', 4, { respondent: { role: 'coordination', name: 'Mine' } });
    await answer(theirs.respondentCode, 'coordination', 1, { respondent: { role: 'coordination', name: 'Theirs' } });
    // A plain answer set outside any campaign, too.
    await answer(undefined, 'coordination', 2, { poleId: OTHER_POLE, respondent: { role: 'coordination', name: 'Loose' } });
    const reads: Response[] = [
      await asCoordinator(`/api/campaigns/${mine.id}/assessments`, mine.coordinatorKey),
      await asCoordinator(`/api/campaigns/${mine.id}/assessments.csv`, mine.coordinatorKey),
      await asCoordinator(`/api/campaigns/${mine.id}/assessments?download`, mine.coordinatorKey),
      await asCoordinator(`/api/campaigns/${theirs.id}/assessments`, mine.coordinatorKey),
      await admin(`${server.url}/api/admin/campaigns`),
      await fetch(`${server.url}/poles.json`),
      await fetch(`${server.url}/api/campaigns/respondent`, { headers: { 'Campaign-Code': mine.respondentCode } }),
    ];
    for (const response of reads) {
      const text = await response.text();
      assert.ok(!(text.includes('Mine') && text.includes('Theirs')), `${response.url} holds both poles' answers`);
      assert.ok(!text.includes('Loose'), `${response.url} holds answers outside its campaign`);
    }
    const body = await (await asCoordinator(`/api/campaigns/${mine.id}/assessments`, mine.coordinatorKey)).json();
    assert.deepEqual([...new Set(body.assessments.map((a: { poleId: string }) => a.poleId))], [POLE]);
  });
});

describe('migration 3 (campaigns)', () => {
  it('brings a version-2 database with answers up to date, keeping them outside any campaign', async () => {
    // A database as version 2 left it (before campaigns), with an answer set.
    const database = await legacyDatabase(2);
    await run(
      database,
      `INSERT INTO assessments (reference, idempotency_key, request_hash, received_at, referentiel_id, referentiel_version, pole_id, body)
         VALUES ('EVAL-AAAA-BBBB', 'before-campaigns', 'hash', '2026-05-05T00:00:00.000Z', 'referentiel-ptce-illustratif', '0.1', NULL, '{}');`,
    );
    const store = await openStore(database);
    try {
      assert.equal(await store.schemaVersion(), SCHEMA_VERSION);
      const [row] = await store.listAssessments();
      assert.equal(row.idempotency_key, 'before-campaigns');
      assert.equal(row.campaign_id, null);
      assert.deepEqual(await store.listCampaigns(), []);
    } finally {
      await store.close();
    }
  });
});

describe('campaigns from another site (CORS)', () => {
  it('lets a widget send the secrets in headers: GET with Authorization or Campaign-Code, DELETE from an allowed origin', async () => {
    const preflight = (method: string, path: string, origin: string) =>
      fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'authorization' },
      });
    const read = await preflight('GET', '/api/campaigns/camp-x/assessments', 'https://pole.example.org');
    assert.equal(read.status, 204);
    assert.match(read.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    assert.match(read.headers.get('access-control-allow-headers') ?? '', /Campaign-Code/);
    const remove = await preflight('DELETE', '/api/campaigns/camp-x/assessments/EVAL-X', 'https://cress.example.org');
    assert.equal(remove.status, 204);
    assert.match(remove.headers.get('access-control-allow-methods') ?? '', /DELETE/);
    assert.equal((await preflight('DELETE', '/api/campaigns/camp-x/assessments/EVAL-X', 'https://evil.example.net')).status, 403);
    const refused = await fetch(`${server.url}/api/campaigns/camp-x/assessments/EVAL-X`, {
      method: 'DELETE',
      headers: { Origin: 'https://evil.example.net' },
    });
    assert.equal(refused.status, 403);
  });
});

describe('the demo campaign (npm start)', () => {
  it('adds a fictitious pole and a dozen fictitious answers once, readable with the demo key', async () => {
    const demo = await startApp();
    try {
      const { campaign } = JSON.parse(
        await (await import('node:fs/promises')).readFile(join(repo, 'demo/data/campagne-demo.json'), 'utf8'),
      );
      assert.equal(await seedDemoCampaign(demo.store, join(repo, 'demo/data')), true);
      assert.equal(await seedDemoCampaign(demo.store, join(repo, 'demo/data')), false, 'once only');
      // The public list is rebuilt within the poll; ask until the pole is there.
      let poles: { poles: { id: string; name: string }[] } = { poles: [] };
      for (let i = 0; i < 50 && !poles.poles.some((p) => p.id === 'pole-de-demonstration'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        poles = await (await fetch(`${demo.url}/poles.json`)).json();
      }
      assert.equal(poles.poles.find((p) => p.id === 'pole-de-demonstration')?.name, 'Pôle de démonstration (fictif)');
      assert.equal(poles.poles.length, 41);
      const read = await fetch(`${demo.url}/api/campaigns/${campaign.id}/assessments`, {
        headers: { Authorization: `Bearer ${campaign.coordinatorKey}` },
      });
      const body = await read.json();
      assert.equal(body.assessments.length, 12);
      assert.ok(body.assessments.every((a: { respondent: { name: string } }) => a.respondent.name.includes('fictif')));
    } finally {
      await demo.close();
    }
  });
});

/** The admin token is not a coordinator key. */
const ADMIN_LIKE = 'test-admin-token-0123456789-abcdefghij';
