// Campaigns and secrets under abuse (issue 30): nobody but the administrator opens a campaign, a
// summary never replaces another campaign's, wrong secrets are throttled per address and per
// secret without ever refusing the right one, the proxy is trusted by hops or address, a code
// admits a bounded number of answers and can be replaced.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, admin, post, startApp, startProcess, stopProcess, tempDatabase, type Running } from './helpers.js';
import { parseTrustProxy } from '../src/http/origins.js';
import { addressKey } from '../src/http/rate-limits.js';
import { secretHash } from '../src/store/types.js';
import type { CampaignCreated } from '../../src/data/schemas/campaigns.js';

const POLE = 'ecoop-arc';

async function openCampaign(server: Running, poleId = POLE): Promise<CampaignCreated> {
  const response = await admin(`${server.url}/api/admin/campaigns`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ poleId, title: 'Diagnostic' }),
  });
  assert.equal(response.status, 201);
  return response.json();
}

const answer = (server: Running, code: string, level = 3, headers: Record<string, string> = {}) =>
  post(
    `${server.url}/api/assessments`,
    {
      referentielId: 'referentiel-ptce-illustratif',
      referentielVersion: '0.1',
      respondent: { role: 'coordination' },
      answers: { '1.1.1': { value: level }, '1.1.2': { value: level } },
      campaign: code,
    },
    headers,
  );
const asCoordinator = (server: Running, path: string, key: string, init: RequestInit & { from?: string } = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${key}`, ...(init.from ? { 'X-Forwarded-For': init.from } : {}), ...(init.headers ?? {}) },
  });
const summaryOf = async (server: Running, poleId: string) =>
  (
    (await (await fetch(`${server.url}/poles.json`)).json()) as {
      poles: { id: string; referentielSummary?: { respondents: number; objectives: { id: string; mean: number | null }[] } }[];
    }
  ).poles.find((p) => p.id === poleId)?.referentielSummary;

describe('opening campaigns without the admin token', () => {
  it('is refused, whatever PTCE_OPEN_CAMPAIGNS says, and opens nothing', async () => {
    const database = await tempDatabase();
    const server = await startProcess(database, { PTCE_OPEN_CAMPAIGNS: '1' });
    try {
      const response = await post(`${server.url}/api/campaigns`, { poleId: POLE, title: 'Pas la mienne' });
      assert.equal(response.status, 403);
      const body = await response.json();
      assert.equal(body.reason, 'campaigns-not-open');
      assert.match(body.error, /administrator/);
      const list = await (await admin(`${server.url}/api/admin/campaigns`)).json();
      assert.deepEqual(list.campaigns, []);
    } finally {
      await stopProcess(server);
    }
  });
});

describe("a campaign's summary and another campaign's", () => {
  let server: Running;
  before(async () => (server = await startApp({ secretAttempts: 1000 })));
  after(() => server.close());

  it('never replaces it without its key: 409 until it is unpublished with its own key, or by the administrator', async () => {
    const pole = 'le-damier';
    const first = await openCampaign(server, pole);
    assert.equal((await answer(server, first.respondentCode, 4)).status, 201);
    assert.equal((await asCoordinator(server, `/api/campaigns/${first.id}/publish`, first.coordinatorKey, { method: 'POST' })).status, 200);
    assert.equal((await summaryOf(server, pole))?.objectives.find((o) => o.id === '1.1')?.mean, 4);

    const second = await openCampaign(server, pole);
    assert.equal((await answer(server, second.respondentCode, 1)).status, 201);
    const refused = await asCoordinator(server, `/api/campaigns/${second.id}/publish`, second.coordinatorKey, { method: 'POST' });
    assert.equal(refused.status, 409);
    const body = await refused.json();
    assert.equal(body.reason, 'other-campaign-published');
    assert.match(body.error, new RegExp(first.id));
    assert.equal((await summaryOf(server, pole))?.objectives.find((o) => o.id === '1.1')?.mean, 4, 'the first summary stays');
    assert.equal((await server.store.campaign(second.id))?.published_at, null);

    // The first campaign's key withdraws its summary; then the second one may publish.
    assert.equal(
      (await asCoordinator(server, `/api/campaigns/${first.id}/unpublish`, first.coordinatorKey, { method: 'POST' })).status,
      200,
    );
    assert.equal(
      (await asCoordinator(server, `/api/campaigns/${second.id}/publish`, second.coordinatorKey, { method: 'POST' })).status,
      200,
    );
    assert.equal((await summaryOf(server, pole))?.objectives.find((o) => o.id === '1.1')?.mean, 1);

    // And the administrator may withdraw one too (a coordinator who lost the key).
    assert.equal((await fetch(`${server.url}/api/admin/campaigns/${second.id}/unpublish`, { method: 'POST' })).status, 401);
    const withdrawn = await admin(`${server.url}/api/admin/campaigns/${second.id}/unpublish`, { method: 'POST' });
    assert.equal(withdrawn.status, 200);
    assert.equal((await withdrawn.json()).publishedAt, undefined);
    assert.equal(await summaryOf(server, pole), undefined);
    assert.equal((await asCoordinator(server, `/api/campaigns/${first.id}/publish`, first.coordinatorKey, { method: 'POST' })).status, 200);
    assert.equal((await admin(`${server.url}/api/admin/campaigns/camp-none/unpublish`, { method: 'POST' })).status, 404);
  });
});

describe('wrong secrets, per address and per secret', () => {
  // X-Forwarded-For believed from this test (the closest hop), so that each request names its address.
  let server: Running;
  before(async () => (server = await startApp({ trustProxy: true })));
  after(() => server.close());
  const asAdmin = (from: string, token: string) =>
    fetch(`${server.url}/api/admin/signatures`, { headers: { Authorization: `Bearer ${token}`, 'X-Forwarded-For': from } });

  it('never refuses the right admin token, even after many wrong ones from the same address', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await asAdmin('198.51.100.20', `wrong-${i}`)).status);
    assert.deepEqual(statuses, [...Array(10).fill(401), 429, 429]);
    const blocked = await asAdmin('198.51.100.20', 'wrong-again');
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers.get('retry-after')) > 60);
    const right = await asAdmin('198.51.100.20', ADMIN);
    assert.equal(right.status, 200, 'the right token passes');
    assert.ok(Array.isArray((await right.json()).signatures));
  });

  it('counts wrong admin tokens per secret too: spread over many addresses, they end in 429', async () => {
    const statuses = [];
    // Ten times the per-address limit, each from its own address: none of them over its own limit.
    for (let i = 0; i < 101; i++) statuses.push((await asAdmin(`192.0.2.${(i % 250) + 1}`, `spread-${i}`)).status);
    assert.ok(
      statuses.slice(0, 80).every((s) => s === 401),
      statuses.join(' '),
    );
    assert.equal(statuses.at(-1), 429, 'the secret is over its own limit');
    assert.equal((await asAdmin('192.0.2.251', ADMIN)).status, 200, 'and the right token still passes');
  });

  it('counts an IPv6 client by its /64, an IPv4-mapped one as IPv4', () => {
    assert.equal(addressKey('2001:db8:1:2:3:4:5:6'), addressKey('2001:db8:1:2::9'));
    assert.equal(addressKey('2001:db8:1:2::9'), '2001:db8:1:2::/64');
    assert.notEqual(addressKey('2001:db8:1:3::9'), addressKey('2001:db8:1:2::9'));
    assert.equal(addressKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(addressKey('192.0.2.7'), '192.0.2.7');
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
  });

  it("throttles each campaign's key and the codes apart, and never refuses the right ones", async () => {
    const mine = await openCampaign(server);
    const theirs = await openCampaign(server, 'le-damier');
    const from = '198.51.100.30';
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await asCoordinator(server, `/api/campaigns/${mine.id}/assessments`, `wrong-${i}`, { from })).status);
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    const right = await asCoordinator(server, `/api/campaigns/${mine.id}/assessments`, mine.coordinatorKey, { from });
    assert.equal(right.status, 200);
    assert.equal((await right.json()).campaign.id, mine.id);
    // Another campaign's key is another secret: its wrong attempts start from zero.
    const other = await asCoordinator(server, `/api/campaigns/${theirs.id}/assessments`, 'wrong', { from });
    assert.equal(other.status, 401);
    assert.equal((await other.json()).reason, 'coordinator-key');

    const codes = [];
    for (let i = 0; i < 11; i++) {
      const response = await fetch(`${server.url}/api/campaigns/respondent`, {
        headers: { 'Campaign-Code': `R-WRNG-${String(i).padStart(4, '0')}-XXXX`, 'X-Forwarded-For': from },
      });
      codes.push(response.status);
    }
    assert.deepEqual(codes, [...Array(10).fill(403), 429]);
    const seen = await fetch(`${server.url}/api/campaigns/respondent`, {
      headers: { 'Campaign-Code': mine.respondentCode, 'X-Forwarded-For': from },
    });
    assert.equal(seen.status, 200);
    assert.equal((await answer(server, mine.respondentCode, 3, { 'X-Forwarded-For': from })).status, 201);
  });
});

describe('the proxy, trusted by hops or address', () => {
  // A proxy that appends the address it sees: `X-Forwarded-For: <whatever the client sent>, <client>`.
  const forged = (i: number) => `10.9.${i}.1, 203.0.113.50`;
  const wrongTokens = async (server: Running) => {
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      const response = await fetch(`${server.url}/api/admin/signatures`, {
        headers: { Authorization: `Bearer wrong-${i}`, 'X-Forwarded-For': forged(i) },
      });
      statuses.push(response.status);
    }
    return statuses;
  };

  for (const [label, trustProxy] of [
    ['one hop (PTCE_TRUST_PROXY=1)', true],
    ['a number of hops', 1],
    ['an address', ['127.0.0.1']],
    ['a CIDR range', ['127.0.0.0/8']],
  ] as const) {
    it(`ignores a forged X-Forwarded-For prefix, trusting ${label}`, async () => {
      const server = await startApp({ trustProxy: trustProxy as boolean | number | string[] });
      try {
        // Ten different forged addresses, one real client: its eleventh wrong token is throttled.
        assert.deepEqual(await wrongTokens(server), [...Array(10).fill(401), 429]);
      } finally {
        await server.close();
      }
    });
  }

  it('reads PTCE_TRUST_PROXY as hops or addresses, and refuses anything else at start', async () => {
    assert.equal(parseTrustProxy(undefined), false);
    assert.equal(parseTrustProxy('0'), false);
    assert.equal(parseTrustProxy('1'), 1);
    assert.equal(parseTrustProxy('true'), 1);
    assert.equal(parseTrustProxy('2'), 2);
    assert.deepEqual(parseTrustProxy('10.0.0.1, 192.168.0.0/16,::1'), ['10.0.0.1', '192.168.0.0/16', '::1']);
    assert.throws(() => parseTrustProxy('yes please'), /PTCE_TRUST_PROXY/);
    const database = await tempDatabase();
    await assert.rejects(startProcess(database, { PTCE_TRUST_PROXY: 'every hop' }), /PTCE_TRUST_PROXY/);
    // Two hops: a client behind two proxies is the second address from the right.
    const server = await startProcess(database, { PTCE_TRUST_PROXY: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 11; i++) {
        const response = await fetch(`${server.url}/api/admin/signatures`, {
          headers: { Authorization: `Bearer wrong-${i}`, 'X-Forwarded-For': `10.9.${i}.1, 203.0.113.60, 10.0.0.${i + 1}` },
        });
        statuses.push(response.status);
      }
      assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
    } finally {
      await stopProcess(server);
    }
  });
});

describe('respondent codes', () => {
  it('admit at most PTCE_CAMPAIGN_MAX_ANSWERS answer sets per campaign, then a clear refusal', async () => {
    const server = await startApp({ campaignMaxAnswers: 2 });
    try {
      const campaign = await openCampaign(server);
      assert.equal((await answer(server, campaign.respondentCode)).status, 201);
      assert.equal((await answer(server, campaign.respondentCode)).status, 201);
      const full = await answer(server, campaign.respondentCode);
      assert.equal(full.status, 409);
      const body = await full.json();
      assert.equal(body.reason, 'campaign-full');
      assert.match(body.error, /2 answer sets/);
      assert.equal(await server.store.campaignAnswerCount(campaign.id), 2);
      // Another campaign has its own count.
      const other = await openCampaign(server);
      assert.equal((await answer(server, other.respondentCode)).status, 201);
    } finally {
      await server.close();
    }
  });

  it('are replaced with the coordinator key: the new one given once and stored hashed, the old one refused', async () => {
    const server = await startApp();
    try {
      const campaign = await openCampaign(server);
      assert.equal((await answer(server, campaign.respondentCode)).status, 201);
      const path = `/api/campaigns/${campaign.id}/respondent-code`;
      assert.equal((await asCoordinator(server, path, 'wrong-key', { method: 'POST' })).status, 401);
      const rotated = await asCoordinator(server, path, campaign.coordinatorKey, { method: 'POST' });
      assert.equal(rotated.status, 200);
      assert.equal(rotated.headers.get('cache-control'), 'no-store');
      const { respondentCode } = await rotated.json();
      assert.match(respondentCode, /^R-\w{4}-\w{4}-\w{4}$/);
      assert.notEqual(respondentCode, campaign.respondentCode);
      const row = await server.store.campaign(campaign.id);
      assert.equal(row?.respondent_code_hash, secretHash(respondentCode));
      assert.ok(!JSON.stringify(row).includes(respondentCode), 'stored hashed');

      const old = await answer(server, campaign.respondentCode);
      assert.equal(old.status, 403);
      assert.equal((await old.json()).reason, 'campaign-code');
      assert.equal((await answer(server, respondentCode)).status, 201);
      const read = await asCoordinator(server, `/api/campaigns/${campaign.id}/assessments`, campaign.coordinatorKey);
      assert.equal((await read.json()).assessments.length, 2, 'the answers given with the old code stay');
    } finally {
      await server.close();
    }
  });
});

describe("the coordinator's page", () => {
  it('is served by the server, with a password field for the key and no key in it, never framed nor cached', async () => {
    const server = await startApp();
    try {
      const response = await fetch(`${server.url}/coordination`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      const page = await response.text();
      assert.match(page, /<input id="campaign-key" name="key" type="password"/);
      assert.match(page, /src="cdn\/ptce-widgets\.js"/);
      assert.doesNotMatch(page, /\skey="/);
      const script = await fetch(`${server.url}/coordination.js`);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      const code = await script.text();
      assert.doesNotMatch(code, /sessionStorage|localStorage|setAttribute\('key'/, 'the key stays in memory');
    } finally {
      await server.close();
    }
  });
});
