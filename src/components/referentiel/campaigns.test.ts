import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import '../pole-card/define.js';
import type { PtceReferentiel } from './ptce-referentiel.js';
import type { PtcePoleCard } from '../pole-card/ptce-pole-card.js';
import { realServer, realServerAdmin } from '../../../test/support/mock.js';
import { until } from '../../../test/support/wait.js';
import { choose, click, fill } from '../../../test/support/input.js';

// Campaigns end to end, against the real reference server: a pole's actors answer through the
// widget, its coordinator compares, publishes, and the pole's card shows the summary.

async function mount(template: ReturnType<typeof html>) {
  const el = await fixture<PtceReferentiel>(template);
  await until(() => ['ready', 'error'].includes(el.data.state.status), 'référentiel loaded');
  await el.updateComplete;
  return el;
}
const $ = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s)!;
const $$ = <T extends Element = HTMLElement>(el: Element, s: string) => [...el.shadowRoot!.querySelectorAll<T>(s)];
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

interface Created {
  id: string;
  respondentCode: string;
  coordinatorKey: string;
}

async function openCampaign(poleId: string, title: string): Promise<Created> {
  const { status, body } = await realServerAdmin('/api/admin/campaigns', { method: 'POST', body: { poleId, title } });
  expect(status).to.equal(201);
  return body;
}

async function pick(el: PtceReferentiel, id: string, value: string) {
  const input = $<HTMLInputElement>(el, `input[name="q-${id}"][value="${value}"]`);
  await click(input.closest('label') ?? input);
  await until(() => input.checked, `answer ${value} to ${id} chosen`);
}

/** One actor answers through the widget: role, name, a few questions, send; returns the receipt text. */
async function answerAs(endpoint: string, code: string, role: string, name: string, levels: Record<string, string>) {
  const el = await mount(html`<ptce-referentiel endpoint=${endpoint} mode="answer" campaign=${code} no-draft></ptce-referentiel>`);
  await choose($<HTMLSelectElement>(el, '#role'), role);
  if (name) await fill($<HTMLInputElement>(el, 'input[autocomplete="name"]'), name);
  for (const [id, value] of Object.entries(levels)) await pick(el, id, value);
  await click($<HTMLButtonElement>(el, '[part="send"]'));
  await until(() => text(el).includes('vos réponses ont été reçues'), `${name}'s answers received`);
  el.remove();
}

/** Answers posted from the Node side, as a script of the pole would (the over-time tests). */
async function seedAnswers(code: string, levels: number[][]) {
  for (const [i, [a, b, c]] of levels.entries()) {
    const { status } = await realServerAdmin('/api/assessments', {
      method: 'POST',
      body: {
        referentielId: 'referentiel-ptce-illustratif',
        referentielVersion: '0.1',
        respondent: { role: i % 2 ? 'collectivite' : 'coordination' },
        answers: { '1.1.1': { value: a }, '1.1.2': { value: a }, '1.2.1': { value: b }, '2.1.1': { value: c } },
        campaign: code,
      },
    });
    expect(status).to.equal(201);
  }
}

describe('<ptce-referentiel> campaigns, with the real server', () => {
  it("three actors answer, the coordinator compares and publishes, the pole's card shows the summary", async () => {
    const server = await realServer();
    const endpoint = `${server.url}/ptce.json`;
    const campaign = await openCampaign('le-damier', 'Diagnostic 2026');

    const first = await mount(
      html`<ptce-referentiel endpoint=${endpoint} mode="answer" campaign=${campaign.respondentCode} no-draft></ptce-referentiel>`,
    );
    expect($(first, '[part="campaign"]').textContent).to.contain('Campagne « Diagnostic 2026 » — Le Damier');
    await expect(first).to.be.accessible();
    first.remove();

    await answerAs(endpoint, campaign.respondentCode, 'coordination', 'Camille', { '1.1.1': '4', '1.1.2': '4', '1.2.1': '3' });
    await answerAs(endpoint, campaign.respondentCode, 'collectivite', 'Dominique', { '1.1.1': '1', '1.1.2': '3', '1.2.1': '3' });
    await answerAs(endpoint, campaign.respondentCode, 'habitant', '', { '1.1.1': '2', '1.1.2': 'na', '1.2.1': '2' });

    const compare = await mount(
      html`<ptce-referentiel
        endpoint=${endpoint}
        mode="compare"
        campaign=${campaign.id}
        key=${campaign.coordinatorKey}
      ></ptce-referentiel>`,
    );
    expect($$(compare, 'ul.legend li').map((li) => li.textContent)).to.deep.equal([
      '1. Camille, Coordination du pôle',
      '2. Dominique, Collectivité territoriale',
      '3. Habitant·e ou bénévole',
    ]);
    // Divergences first: 1.1.1 (4, 1, 2) is where the views differ most.
    expect($(compare, '.compare-row').dataset.id).to.equal('1.1.1');
    expect($(compare, '[part="coordinator"]').textContent).to.contain('3 réponses reçues');
    expect($(compare, '[part="coordinator"]').textContent).to.contain('Synthèse non publiée');
    await expect(compare).to.be.accessible();

    await click($(compare, '[part="publish-button"]'));
    await until(() => $(compare, '[part="coordinator"] [role="status"].message')?.textContent?.includes('Synthèse publiée'), 'published');
    expect($(compare, '[part="publish-button"]').textContent).to.contain('Retirer la synthèse');
    await expect(compare).to.be.accessible();

    const card = await fixture<PtcePoleCard>(html`<ptce-pole-card endpoint=${endpoint} pole-id="le-damier"></ptce-pole-card>`);
    await until(() => card.shadowRoot!.querySelector('[part="summary"]'), 'the card shows the published summary');
    const rows = [...card.shadowRoot!.querySelectorAll('[part="summary"] li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    // 1.1: levels 4, 4, 1, 3, 2 (the "non concerné" does not count) → 2.8; 1.2: 3, 3, 2 → 2.7.
    expect(rows[0]).to.match(/2,8$/);
    expect(rows[1]).to.match(/2,7$/);
    expect(text(card)).to.not.contain('Camille');
  });

  it('"Actualiser" brings in the answers that arrived since, without leaving the view', async () => {
    const server = await realServer();
    const endpoint = `${server.url}/ptce.json`;
    const campaign = await openCampaign('le-damier', 'En cours');
    await seedAnswers(campaign.respondentCode, [
      [2, 2, 2],
      [4, 4, 4],
    ]);
    // `coordinator-key`: the same as `key`, for React, which keeps `key` for itself.
    const el = await mount(
      html`<ptce-referentiel
        endpoint=${endpoint}
        mode="compare"
        campaign=${campaign.id}
        coordinator-key=${campaign.coordinatorKey}
      ></ptce-referentiel>`,
    );
    expect($$(el, 'ul.legend li')).to.have.length(2);
    await seedAnswers(campaign.respondentCode, [[1, 1, 1]]);
    await click($(el, '[part="refresh-button"]'));
    await until(() => $$(el, 'ul.legend li').length === 3, 'the third answer shown');
    expect($(el, '[part="coordinator"] [role="status"]').textContent).to.contain('3 réponses reçues');
    expect($(el, '[part="coordinator"] .message').textContent).to.contain('Réponses actualisées');
    await expect(el).to.be.accessible();
  });

  it('refuses a wrong or missing coordinator key with a readable message', async () => {
    const server = await realServer();
    const endpoint = `${server.url}/ptce.json`;
    const campaign = await openCampaign('le-damier', 'Clés');
    for (const key of ['pas-la-bonne-cle', '']) {
      const el = await mount(
        html`<ptce-referentiel endpoint=${endpoint} mode="compare" campaign=${campaign.id} key=${key}></ptce-referentiel>`,
      );
      expect(el.data.state.status).to.equal('error');
      expect($(el, '[part~="state-error"]').textContent).to.contain('Clé de coordination absente ou refusée');
      await expect(el).to.be.accessible();
      el.remove();
    }
    const english = await mount(
      html`<ptce-referentiel lang="en" endpoint=${endpoint} mode="compare" campaign=${campaign.id} key="wrong"></ptce-referentiel>`,
    );
    await until(() => text(english).includes('Coordinator key missing or refused'), 'English refusal');
  });

  it('a closed campaign refuses answers with a readable message, and the answers stay', async () => {
    const server = await realServer();
    const endpoint = `${server.url}/ptce.json`;
    const campaign = await openCampaign('le-damier', 'Bientôt close');
    const el = await mount(
      html`<ptce-referentiel endpoint=${endpoint} mode="answer" campaign=${campaign.respondentCode} no-draft></ptce-referentiel>`,
    );
    await choose($<HTMLSelectElement>(el, '#role'), 'entreprise');
    await pick(el, '1.1.1', '3');
    const { status } = await realServerAdmin(`/api/admin/campaigns/${campaign.id}/close`, { method: 'POST' });
    expect(status).to.equal(200);
    await click($<HTMLButtonElement>(el, '[part="send"]'));
    await until(() => $(el, '[role="alert"]')?.textContent?.includes('Cette campagne est close'), 'closed campaign refusal');
    expect($<HTMLInputElement>(el, 'input[name="q-1.1.1"][value="3"]').checked, 'the answer is kept').to.equal(true);
    await expect(el).to.be.accessible();

    // Opened again later: the widget says so at once and does not offer to send.
    const later = await mount(
      html`<ptce-referentiel endpoint=${endpoint} mode="answer" campaign=${campaign.respondentCode} no-draft></ptce-referentiel>`,
    );
    expect($(later, '[part="campaign"]').textContent).to.contain('Cette campagne est close');
    expect($<HTMLButtonElement>(later, '[part="send"]').disabled).to.equal(true);
    await expect(later).to.be.accessible();

    const wrong = await mount(html`<ptce-referentiel endpoint=${endpoint} mode="answer" campaign="R-AAAA-BBBB-CCCC"></ptce-referentiel>`);
    expect($(wrong, '[part~="state-error"]').textContent).to.contain('Ce code de campagne n’est pas reconnu');
  });

  it('compares two campaigns of one pole over time: what moved, and whether the views converged', async () => {
    const server = await realServer();
    const endpoint = `${server.url}/ptce.json`;
    const before = await openCampaign('ptce-sud-aquitain', 'Diagnostic 2025');
    const after = await openCampaign('ptce-sud-aquitain', 'Diagnostic 2026');
    // 1.1 rises from 2 to 3.5 and the views come together (spread 2 → 1); 1.2 stays at 3; 2.1 falls.
    await seedAnswers(before.respondentCode, [
      [1, 3, 4],
      [3, 3, 4],
    ]);
    await seedAnswers(after.respondentCode, [
      [3, 3, 2],
      [4, 3, 2],
    ]);
    const el = await mount(
      html`<ptce-referentiel
        endpoint=${endpoint}
        mode="compare"
        compare-campaigns="${before.id} ${after.id}"
        key="${before.coordinatorKey} ${after.coordinatorKey}"
      ></ptce-referentiel>`,
    );
    expect($(el, '[part="over-time"] h3').textContent).to.contain('Évolution entre deux campagnes — PTCE Sud Aquitain');
    const rows = $$(el, '[part="over-time"] tbody tr');
    expect(rows.map((r) => r.dataset.id).slice(0, 3)).to.deep.equal(['2.1', '1.1', '1.2']);
    const row = (id: string) => rows.find((r) => r.dataset.id === id)!.textContent!.replace(/\s+/g, ' ');
    expect(row('1.1')).to.contain('en hausse (+1,5)');
    expect(row('1.1')).to.contain('rapprochés (écart 2 → 1)');
    expect(row('2.1')).to.match(/en baisse \([-−]2\)/);
    expect(row('1.2')).to.contain('stable');
    expect($$(el, 'ol.moved li')).to.have.length(2);
    await expect(el).to.be.accessible();
  });

  it('never puts two poles side by side over time', async () => {
    const server = await realServer();
    const endpoint = `${server.url}/ptce.json`;
    const mine = await openCampaign('ptce-sud-aquitain', 'Le mien');
    const theirs = await openCampaign('le-damier', 'Le leur');
    await seedAnswers(mine.respondentCode, [[2, 2, 2]]);
    await seedAnswers(theirs.respondentCode, [[4, 4, 4]]);
    const el = await mount(
      html`<ptce-referentiel
        endpoint=${endpoint}
        mode="compare"
        compare-campaigns="${mine.id} ${theirs.id}"
        key="${mine.coordinatorKey} ${theirs.coordinatorKey}"
      ></ptce-referentiel>`,
    );
    expect($(el, '[role="alert"]').textContent).to.contain('deux pôles différents');
    expect($(el, '[part="over-time"]')).to.equal(null);
    expect($(el, 'table')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
