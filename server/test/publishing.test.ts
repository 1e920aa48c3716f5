import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { admin, backEnd, post, startApp, startProcess, stopProcess, type Running } from './helpers.js';

let server: Running;
before(async () => {
  server = await startApp({ secretAttempts: 100_000 });
});
after(() => server.close());

const POLE = 'ecoop-arc';

async function campaignWithAnswers(count: number) {
  const opened = await admin(`${server.url}/api/admin/campaigns`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ poleId: POLE, title: 'Publication concurrente' }),
  });
  assert.equal(opened.status, 201);
  const { id, respondentCode, coordinatorKey } = await opened.json();
  const references: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await post(`${server.url}/api/assessments`, {
      referentielId: 'referentiel-ptce-illustratif',
      referentielVersion: '0.1',
      respondent: { role: 'coordination', name: `Répondant ${i}` },
      answers: { '1.1.1': { value: 1 + (i % 4) } },
      campaign: respondentCode,
    });
    assert.equal(response.status, 201);
    references.push((await response.json()).reference);
  }
  const call = (method: string, path: string, base = server.url) =>
    fetch(`${base}/api/campaigns/${id}${path}`, { method, headers: { Authorization: `Bearer ${coordinatorKey}` } });
  return { id, references, call };
}

const stored = async (id: string) => (await server.store.campaign(id))!;

describe(`publishing a campaign's summary, under concurrent changes (${backEnd})`, () => {
  it('never leaves a summary published after an unpublish that raced a deletion', async () => {
    for (let round = 0; round < 15; round++) {
      const { id, references, call } = await campaignWithAnswers(3);
      assert.equal((await call('POST', '/publish')).status, 200);
      // Whichever comes first, the campaign ends unpublished: deleting an answer of an
      // unpublished campaign publishes nothing.
      const [deleted, unpublished] = await Promise.all([call('DELETE', `/assessments/${references[0]}`), call('POST', '/unpublish')]);
      assert.equal(deleted.status, 204);
      assert.equal(unpublished.status, 200);
      const row = await stored(id);
      assert.equal(row.summary, null, `round ${round}: unpublished, yet a summary is published`);
      assert.equal(row.published_at, null);
    }
  });

  it('never publishes a summary counting an answer set deleted meanwhile', async () => {
    for (let round = 0; round < 15; round++) {
      const { id, references, call } = await campaignWithAnswers(3);
      assert.equal((await call('POST', '/publish')).status, 200);
      const [published, deleted] = await Promise.all([call('POST', '/publish'), call('DELETE', `/assessments/${references[0]}`)]);
      assert.equal(published.status, 200);
      assert.equal(deleted.status, 204);
      const summary = JSON.parse((await stored(id)).summary!);
      assert.equal(summary.respondents, 2, `round ${round}: the summary counts the deleted answer set`);
      // One published summary per pole: withdrawn, so that the next round's campaign may publish.
      assert.equal((await call('POST', '/unpublish')).status, 200);
    }
  });

  it('the same with two server processes on one database', async () => {
    const one = await startProcess(server.database, { PTCE_LOG: 'off' });
    const two = await startProcess(server.database, { PTCE_LOG: 'off' });
    try {
      for (let round = 0; round < 15; round++) {
        const { id, references, call } = await campaignWithAnswers(3);
        assert.equal((await call('POST', '/publish')).status, 200);
        const [deleted, unpublished] = await Promise.all([
          call('DELETE', `/assessments/${references[0]}`, one.url),
          call('POST', '/unpublish', two.url),
        ]);
        assert.equal(deleted.status, 204);
        assert.equal(unpublished.status, 200);
        assert.equal((await stored(id)).summary, null, `round ${round}: unpublished, yet a summary is published`);
      }
    } finally {
      await stopProcess(one);
      await stopProcess(two);
    }
  });
});
