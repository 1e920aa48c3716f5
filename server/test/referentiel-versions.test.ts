// Versions of the référentiel: uploaded by the administrator, every one kept; a campaign lives in
// its own version (answered, exported, published, its answers deleted) and is compared over time
// with a campaign of a later version where that version maps its objectives to the earlier one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { admin, post, repo, startApp, type Running } from './helpers.js';
import { meansOverTime } from '../../src/data/referentiel-versions.js';
import { validate } from '../../src/data/validate.js';
import { CampaignAnswers, CampaignCreated } from '../../src/data/schemas/campaigns.js';
import { PolesDocumentStrict } from '../../src/data/schemas/pole.js';
import { Referentiel } from '../../src/data/schemas/referentiel.js';

const V1 = JSON.parse(readFileSync(join(repo, 'demo/data/referentiel.json'), 'utf8')) as Referentiel;
const ID = V1.id;
const POLE = 'ecoop-arc';

/**
 * Version 2: objective 1.3's label reworded, a question added to 1.1, a question of 2.1 reworded,
 * principal objective 3.3 replaced by a new 3.4; every other objective mapped to version 1's.
 */
function version2(): Referentiel {
  const v2 = structuredClone(V1) as Referentiel;
  v2.version = '0.2';
  const [g1, g2, g3] = v2.objectives;
  g1.principalObjectives[2].label = 'Objectif 1.3, reformulé';
  g1.principalObjectives[0].indicators.push({ id: '1.1.9', label: 'Nouvelle question', question: 'Une question ajoutée en version 2 ?' });
  g2.principalObjectives[0].indicators[0] = { ...g2.principalObjectives[0].indicators[0], question: 'La question 2.1.1, reformulée ?' };
  const removed = g3.principalObjectives.pop()!;
  g3.principalObjectives.push({
    id: '3.4',
    label: 'Un objectif nouveau',
    indicators: [{ id: '3.4.1', label: 'Question nouvelle', question: 'Une question d’un objectif nouveau ?' }],
  });
  const mapped = v2.objectives.flatMap((g) => g.principalObjectives.map((p) => p.id)).filter((id) => id !== '3.4');
  v2.mappings = [{ version: '0.1', objectives: Object.fromEntries(mapped.map((id) => [id, id])) }];
  assert.equal(removed.id, '3.3');
  return v2;
}

let server: Running;
before(async () => {
  server = await startApp();
});
after(() => server.close());

const json = { 'Content-Type': 'application/json' };
const upload = (
  referentiel: unknown,
  headers: Record<string, string> = { Authorization: 'Bearer test-admin-token-0123456789-abcdefghij' },
) => fetch(`${server.url}/api/admin/referentiels`, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(referentiel) });

async function openCampaign(title: string): Promise<CampaignCreated> {
  const response = await admin(`${server.url}/api/admin/campaigns`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ poleId: POLE, title }),
  });
  assert.equal(response.status, 201);
  return response.json();
}
const answer = (code: string, version: string, answers: Record<string, { value: number | 'na' }>, role = 'coordination') =>
  post(`${server.url}/api/assessments`, { referentielId: ID, referentielVersion: version, respondent: { role }, answers, campaign: code });
const asCoordinator = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${key}`, ...(init.headers ?? {}) } });
const all = (level: number, ids: string[]) => Object.fromEntries(ids.map((id) => [id, { value: level }]));
const questionIds = (r: Referentiel) => r.objectives.flatMap((g) => g.principalObjectives.flatMap((p) => p.indicators.map((i) => i.id)));

describe('référentiel versions', () => {
  it('A campaign opened on version 1 is answered, exported, published and compared after version 2 is uploaded', async () => {
    // Version 1 (the seeded one): a campaign opened, two answer sets.
    const first = await openCampaign('Diagnostic 2026');
    assert.equal(first.referentielVersion, '0.1');
    assert.equal((await answer(first.respondentCode, '0.1', all(2, questionIds(V1)))).status, 201);
    assert.equal((await answer(first.respondentCode, '0.1', all(4, questionIds(V1)), 'collectivite')).status, 201);

    // Version 2 uploaded: its differences in the answer, and it becomes referentiel.json.
    const v2 = version2();
    const uploaded = await upload(v2);
    assert.equal(uploaded.status, 201);
    const body = await uploaded.json();
    assert.deepEqual(body.previous, { referentielId: ID, version: '0.1' });
    assert.deepEqual(body.changes, {
      objectives: { added: ['3.4'], removed: ['3.3'], changed: ['1.3'] },
      questions: { added: ['1.1.9', '3.4.1'], removed: ['3.3.1', '3.3.2', '3.3.3', '3.3.4'], changed: ['2.1.1'] },
    });
    assert.equal((await (await fetch(`${server.url}/referentiel.json`)).json()).version, '0.2');
    const listed = await (await admin(`${server.url}/api/admin/referentiels`)).json();
    assert.deepEqual(
      listed.versions.map((v: { version: string; current: boolean; uploadedBy: string }) => [v.version, v.current, v.uploadedBy]),
      [
        ['0.1', false, 'seed'],
        ['0.2', true, 'PTCE_ADMIN_TOKEN'],
      ],
    );
    // Every version stays public, where the discovery document says.
    const discovery = await (await fetch(`${server.url}/ptce.json`)).json();
    assert.equal(discovery.referentielVersions, 'referentiels/{id}/{version}.json');
    const old = await fetch(new URL(`referentiels/${ID}/0.1.json`, `${server.url}/ptce.json`));
    assert.equal(old.status, 200);
    assert.deepEqual(await old.json(), V1);
    assert.equal(
      (await fetch(`${server.url}/referentiels/${ID}/0.1.json`, { headers: { 'If-None-Match': old.headers.get('etag')! } })).status,
      304,
    );

    // Still answered in version 1 (its questions), never in version 2's.
    assert.equal((await answer(first.respondentCode, '0.1', all(3, ['1.1.1', '3.3.1']), 'habitant')).status, 201);
    const wrongVersion = await answer(first.respondentCode, '0.2', all(3, ['1.1.9']));
    assert.equal(wrongVersion.status, 400);
    assert.match(JSON.stringify(await wrongVersion.json()), /expected referentiel-ptce-illustratif 0\.1/);

    // Exported in its own columns: version 1's questions, not version 2's.
    const csv = await (await asCoordinator(`/api/campaigns/${first.id}/assessments.csv`, first.coordinatorKey)).text();
    const header = csv
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]
      .split(';');
    assert.ok(header.includes('3.3.1') && !header.includes('1.1.9') && !header.includes('3.4.1'), header.join(';'));
    assert.equal(csv.trim().split('\r\n').length, 4, 'a header and three answer sets');

    // Its answers carry a summary in its version.
    const answers = await (await asCoordinator(`/api/campaigns/${first.id}/assessments`, first.coordinatorKey)).json();
    assert.ok(validate(CampaignAnswers, answers).ok);
    assert.equal(answers.summary.referentielVersion, '0.1');

    // Published in version 1, marked as illustrative content, on the pole's public record.
    const published = await asCoordinator(`/api/campaigns/${first.id}/publish`, first.coordinatorKey, { method: 'POST' });
    assert.equal(published.status, 200);
    const summary = (await published.json()).summary;
    assert.equal(summary.referentielVersion, '0.1');
    assert.equal(summary.referentielStatus, 'illustrative');
    assert.ok(
      summary.objectives.some((o: { id: string }) => o.id === '3.3'),
      "version 1's objectives",
    );
    const poles = await (await fetch(`${server.url}/poles.json`)).json();
    assert.ok(validate(PolesDocumentStrict, poles).ok);
    const onCard = poles.poles.find((p: { id: string }) => p.id === POLE).referentielSummary;
    assert.equal(onCard.referentielVersion, '0.1');
    assert.equal(onCard.respondents, 3);

    // Delete then publish: the summary is rewritten in the campaign's version, not the current one.
    const last = answers.assessments.at(-1).reference;
    assert.equal(
      (await asCoordinator(`/api/campaigns/${first.id}/assessments/${last}`, first.coordinatorKey, { method: 'DELETE' })).status,
      204,
    );
    const afterDelete = (await (await fetch(`${server.url}/poles.json`)).json()).poles.find(
      (p: { id: string }) => p.id === POLE,
    ).referentielSummary;
    assert.equal(afterDelete.respondents, 2);
    assert.equal(afterDelete.referentielVersion, '0.1');
    assert.deepEqual(
      afterDelete.objectives.map((o: { id: string }) => o.id),
      V1.objectives.flatMap((g) => g.principalObjectives.map((p) => p.id)),
    );

    // A second campaign, on version 2; then the two compared over time through what the server gives.
    const second = await openCampaign('Diagnostic 2027');
    assert.equal(second.referentielVersion, '0.2');
    assert.equal((await answer(second.respondentCode, '0.2', all(3, questionIds(v2)))).status, 201);
    const earlier = await (await asCoordinator(`/api/campaigns/${first.id}/assessments`, first.coordinatorKey)).json();
    const later = await (await asCoordinator(`/api/campaigns/${second.id}/assessments`, second.coordinatorKey)).json();
    const versionOf = async (answers: CampaignAnswers) =>
      (await fetch(`${server.url}/referentiels/${answers.campaign.referentielId}/${answers.campaign.referentielVersion}.json`)).json();
    const compared = meansOverTime(
      { referentiel: await versionOf(earlier), assessments: earlier.assessments },
      { referentiel: await versionOf(later), assessments: later.assessments },
    );
    assert.ok(compared.ok);
    const byId = Object.fromEntries(compared.objectives.map((o) => [o.id, o]));
    assert.deepEqual([byId['1.1'].before, byId['1.1'].after], [3, 3], 'means of 2 and 4 before, 3 after');
    assert.deepEqual([byId['3.4'].previousId, byId['3.4'].before], [null, null], 'a new objective is not compared');
    assert.equal(byId['3.3'], undefined);

    // A version 3 without a mapping to version 1: not comparable, and why.
    const v3 = { ...structuredClone(V1), version: '0.3' };
    assert.equal((await upload(v3)).status, 201);
    const third = await openCampaign('Diagnostic 2028');
    assert.equal((await answer(third.respondentCode, '0.3', all(1, questionIds(V1)))).status, 201);
    const latest = await (await asCoordinator(`/api/campaigns/${third.id}/assessments`, third.coordinatorKey)).json();
    const refused = meansOverTime(
      { referentiel: await versionOf(earlier), assessments: earlier.assessments },
      { referentiel: await versionOf(latest), assessments: latest.assessments },
    );
    assert.deepEqual(refused, { ok: false, reason: 'no-mapping', before: `${ID} 0.1`, after: `${ID} 0.3` });

    // The first campaign, on version 1, is still published and answered after two uploads.
    assert.equal((await asCoordinator(`/api/campaigns/${first.id}/unpublish`, first.coordinatorKey, { method: 'POST' })).status, 200);
    assert.equal((await asCoordinator(`/api/campaigns/${first.id}/publish`, first.coordinatorKey, { method: 'POST' })).status, 200);
  });

  it('refuses an upload without the token (401), a malformed référentiel (400), a version already served (409), a mapping to nothing (422)', async () => {
    assert.equal((await upload(version2(), {})).status, 401);
    const malformed = await upload({ ...V1, version: '9', objectives: [] });
    assert.equal(malformed.status, 400);
    const issues = await malformed.json();
    assert.equal(issues.error, 'invalid référentiel');
    assert.ok(issues.errors.some((e: { path: string }) => e.path === 'objectives'));
    const again = await upload(V1);
    assert.equal(again.status, 409);
    assert.equal((await again.json()).reason, 'version-exists');
    const unmapped = await upload({ ...V1, version: '0.9', mappings: [{ version: '0.0', objectives: { '1.1': '1.1' } }] });
    assert.equal(unmapped.status, 422);
    assert.deepEqual((await unmapped.json()).errors, [{ path: 'mappings.0.version', message: `no stored version 0.0 of ${ID}` }]);
    const badIds = await upload({ ...V1, version: '0.9', mappings: [{ version: '0.1', objectives: { '9.9': '1.1', '1.1': '8.8' } }] });
    assert.equal(badIds.status, 422);
    assert.equal((await badIds.json()).errors.length, 2);
    assert.equal((await fetch(`${server.url}/referentiels/${ID}/0.9.json`)).status, 404, 'nothing refused is stored');
    assert.equal((await fetch(`${server.url}/referentiels/${ID}/0.1`)).status, 404);
    // A campaign may still be opened on an earlier version kept by the server, not on one it never had.
    const earlier = await admin(`${server.url}/api/admin/campaigns`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ poleId: POLE, title: 'Suite en version 1', referentielVersion: '0.1' }),
    });
    assert.equal(earlier.status, 201);
    assert.equal((await earlier.json()).referentielVersion, '0.1');
    const unknown = await admin(`${server.url}/api/admin/campaigns`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ poleId: POLE, title: 'Version inconnue', referentielVersion: '7.7' }),
    });
    assert.equal(unknown.status, 400);
    assert.match((await unknown.json()).errors[0].message, /no version 7\.7/);
    // The audit log names every upload.
    const audited = await server.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'referentiel.upload').execute();
    assert.deepEqual(
      audited.map((row) => row.subject_id),
      [`${ID} 0.2`, `${ID} 0.3`],
    );
  });
});
