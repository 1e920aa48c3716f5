import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import '../pole-card/define.js';
import type { PtceReferentiel } from './ptce-referentiel.js';
import type { PtcePoleCard } from '../pole-card/ptce-pole-card.js';
import type { Referentiel } from '../../data/schemas/referentiel.js';
import { mockRoute, realServer, realServerAdmin, uniquePrefix } from '../../../test/support/mock.js';
import { until } from '../../../test/support/wait.js';
import { choose, click } from '../../../test/support/input.js';

// A campaign answered on an earlier version of the référentiel: the widget reads the campaign's
// version (the real server's `referentiels/{id}/{version}.json`), not the endpoint's current one.
// The endpoint's discovery document is served by the test server, so that its current référentiel
// is a version 2 without touching the real server's, which the other test files share; the
// campaign, its version and the answers are the real server's.

const $ = <T extends Element = HTMLElement>(el: Element, s: string) => el.shadowRoot!.querySelector<T>(s)!;
const text = (el: Element) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function mount(template: ReturnType<typeof html>) {
  const el = await fixture<PtceReferentiel>(template);
  await until(() => ['ready', 'error'].includes(el.data.state.status), 'référentiel loaded');
  await el.updateComplete;
  return el;
}

/** Role and answers given with real input, then sent; resolves once the receipt shows. */
async function answerWith(el: PtceReferentiel, role: string, levels: Record<string, string>) {
  await choose($<HTMLSelectElement>(el, '#role'), role);
  for (const [id, value] of Object.entries(levels)) {
    const input = $<HTMLInputElement>(el, `input[name="q-${id}"][value="${value}"]`);
    await click(input.closest('label') ?? input);
    await until(() => input.checked, `answer ${value} to ${id} chosen`);
  }
  await click($<HTMLButtonElement>(el, '[part="send"]'));
  await until(() => text(el).includes('vos réponses ont été reçues'), 'answers received');
}

/** The real server's référentiel (version 0.1) as a version 0.2: one objective gone, one new. */
function version2(v1: Referentiel): Referentiel {
  const v2 = structuredClone(v1);
  v2.version = '0.2';
  v2.title = 'Référentiel, version 2 (test)';
  const g3 = v2.objectives[2];
  g3.principalObjectives = [
    ...g3.principalObjectives.slice(0, -1),
    { id: '3.4', label: 'Objectif nouveau', indicators: [{ id: '3.4.1', label: 'Nouvelle', question: 'Question de la version 2 ?' }] },
  ];
  return v2;
}

describe('<ptce-referentiel> and versions of the référentiel, with the real server', () => {
  it("answers a campaign in the campaign's own version, then its coordinator reads the answers in it", async () => {
    const server = await realServer();
    const v1 = (await realServerAdmin('/referentiel.json')).body as Referentiel;
    const prefix = uniquePrefix('versions');
    await mockRoute({ path: `${prefix}/referentiel.json`, json: version2(v1) });
    await mockRoute({
      path: `${prefix}/ptce.json`,
      json: {
        ptce: 1,
        referentiel: 'referentiel.json',
        referentielVersions: `${server.url}/referentiels/{id}/{version}.json`,
        assessments: `${server.url}/api/assessments`,
        campaigns: `${server.url}/api/campaigns`,
      },
    });
    const endpoint = `${prefix}/ptce.json`;
    const opened = await realServerAdmin('/api/admin/campaigns', {
      method: 'POST',
      body: { poleId: 'ecoop-arc', title: 'Diagnostic en version 1' },
    });
    expect(opened.status).to.equal(201);
    const campaign = opened.body as { id: string; respondentCode: string; coordinatorKey: string; referentielVersion: string };
    expect(campaign.referentielVersion).to.equal(v1.version);

    // Without a campaign, the endpoint's current version.
    const current = await mount(html`<ptce-referentiel endpoint=${endpoint} mode="answer" no-draft></ptce-referentiel>`);
    expect(current.data.state.status).to.equal('ready');
    expect(text(current)).to.contain('Référentiel, version 2 (test)');
    expect($(current, 'input[name="q-3.4.1"]')).to.exist;
    current.remove();

    // With the campaign's code: its version 0.1, with its notice of illustrative content.
    const el = await mount(
      html`<ptce-referentiel endpoint=${endpoint} mode="answer" campaign=${campaign.respondentCode} no-draft></ptce-referentiel>`,
    );
    expect(el.data.state.status).to.equal('ready');
    expect(text(el)).to.not.contain('version 2 (test)');
    expect($(el, '[part="notice"]')).to.exist;
    expect($(el, 'input[name="q-3.3.1"]'), "version 1's question").to.exist;
    expect($(el, 'input[name="q-3.4.1"]'), "version 2's question").to.not.exist;
    expect($(el, '[part="campaign"]').textContent).to.contain('Diagnostic en version 1');
    await expect(el).to.be.accessible();

    await answerWith(el, 'coordination', { '1.1.1': '4', '3.3.1': '2' });
    await expect(el).to.be.accessible();
    el.remove();
    // A second actor, so that the coordinator has views to compare.
    const second = await mount(
      html`<ptce-referentiel endpoint=${endpoint} mode="answer" campaign=${campaign.respondentCode} no-draft></ptce-referentiel>`,
    );
    await answerWith(second, 'collectivite', { '1.1.1': '1', '3.3.1': '3' });
    second.remove();

    // The coordinator's view: the answer, read in version 0.1.
    const compare = await mount(
      html`<ptce-referentiel
        endpoint=${endpoint}
        mode="compare"
        campaign=${campaign.id}
        key=${campaign.coordinatorKey}
      ></ptce-referentiel>`,
    );
    expect(compare.data.state.status).to.equal('ready');
    expect($(compare, '[part="coordinator"]').textContent).to.contain('2 réponses reçues');
    expect(text(compare)).to.not.contain('version 2 (test)');
    expect(compare.shadowRoot!.querySelector('.compare-row[data-id="3.3.1"]'), "version 1's question compared").to.exist;
    await expect(compare).to.be.accessible();

    // Published in version 0.1: the pole's card names the version, and that its content is illustrative.
    await click($(compare, '[part="publish-button"]'));
    await until(() => $(compare, '[part="coordinator"] [role="status"].message')?.textContent?.includes('Synthèse publiée'), 'published');
    const card = await fixture<PtcePoleCard>(
      html`<ptce-pole-card endpoint=${`${server.url}/ptce.json`} pole-id="ecoop-arc"></ptce-pole-card>`,
    );
    await until(() => card.shadowRoot!.querySelector('[part="summary"] [data-version]'), 'the card shows the published summary');
    expect(card.shadowRoot!.querySelector('[part="summary"] [data-version]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      `Version ${v1.version} du référentiel — contenu indicatif`,
    );
    await expect(card).to.be.accessible();
  });

  it('says why when the campaign’s version is not published by the endpoint', async () => {
    const server = await realServer();
    const v1 = (await realServerAdmin('/referentiel.json')).body as Referentiel;
    const prefix = uniquePrefix('versions');
    await mockRoute({ path: `${prefix}/referentiel.json`, json: version2(v1) });
    // No `referentielVersions`: the campaign's version cannot be read.
    await mockRoute({
      path: `${prefix}/ptce.json`,
      json: {
        ptce: 1,
        referentiel: 'referentiel.json',
        assessments: `${server.url}/api/assessments`,
        campaigns: `${server.url}/api/campaigns`,
      },
    });
    const opened = await realServerAdmin('/api/admin/campaigns', { method: 'POST', body: { poleId: 'ecoop-arc', title: 'Sans versions' } });
    const el = await mount(
      html`<ptce-referentiel
        endpoint=${`${prefix}/ptce.json`}
        mode="answer"
        campaign=${opened.body.respondentCode}
        no-draft
      ></ptce-referentiel>`,
    );
    expect(el.data.state.status).to.equal('error');
    expect(text(el)).to.contain('ne publie pas');
    expect($(el, 'input[name="q-1.1.1"]'), 'no grid of another version to answer').to.not.exist;
    await expect(el).to.be.accessible();
  });
});

describe('<ptce-referentiel> over time, across versions of the référentiel', () => {
  const V1: Referentiel = {
    id: 'ref-test',
    version: '1',
    title: 'Référentiel de test',
    status: 'official',
    scale: {
      levels: [1, 2, 3, 4].map((value) => ({ value, label: `Niveau ${value}` })),
      notApplicable: { label: 'Non concerné' },
    },
    objectives: [
      {
        id: 'A',
        label: 'Objectif général A',
        principalObjectives: [
          { id: 'A.1', label: 'Coopérer', indicators: [{ id: 'A.1.1', label: 'Coopérer', question: 'Coopérez-vous ?' }] },
          { id: 'A.2', label: 'Ancien objectif', indicators: [{ id: 'A.2.1', label: 'Ancien', question: 'Question retirée ?' }] },
        ],
      },
    ],
  };
  const V2: Referentiel = {
    ...V1,
    version: '2',
    objectives: [
      {
        id: 'A',
        label: 'Objectif général A',
        principalObjectives: [
          {
            id: 'A.10',
            label: 'Coopérer (reformulé)',
            indicators: [{ id: 'A.10.1', label: 'Coopérer', question: 'Coopérez-vous encore ?' }],
          },
          { id: 'A.3', label: 'Objectif nouveau', indicators: [{ id: 'A.3.1', label: 'Nouveau', question: 'Question nouvelle ?' }] },
        ],
      },
    ],
    mappings: [{ version: '1', objectives: { 'A.10': 'A.1' } }],
  };
  const answersOf = (id: string, version: string, levels: Record<string, number>[]) => ({
    campaign: {
      id,
      poleId: 'pole-test',
      poleName: 'Pôle de test',
      title: `Campagne ${id}`,
      referentielId: 'ref-test',
      referentielVersion: version,
      closed: true,
    },
    assessments: levels.map((answers, i) => ({
      referentielId: 'ref-test',
      referentielVersion: version,
      respondent: { role: 'coordination' },
      answers: Object.fromEntries(Object.entries(answers).map(([q, value]) => [q, { value }])),
      reference: `ASM-${id}-${i}`,
      receivedAt: '2026-01-01T00:00:00Z',
    })),
  });

  /** An endpoint whose current référentiel is `current`, with two campaigns (mock answers, as a coordinator reads them). */
  async function endpointWith(current: Referentiel, versions: Referentiel[]) {
    const prefix = uniquePrefix('over-versions');
    await mockRoute({
      path: `${prefix}/ptce.json`,
      json: { ptce: 1, referentiel: 'referentiel.json', referentielVersions: 'v/{id}/{version}.json', campaigns: 'api/campaigns' },
    });
    await mockRoute({ path: `${prefix}/referentiel.json`, json: current });
    for (const v of versions) await mockRoute({ path: `${prefix}/v/${v.id}/${v.version}.json`, json: v });
    await mockRoute({
      path: `${prefix}/api/campaigns/c1/assessments`,
      json: answersOf('c1', '1', [{ 'A.1.1': 1, 'A.2.1': 2 }, { 'A.1.1': 2 }]),
    });
    await mockRoute({
      path: `${prefix}/api/campaigns/c2/assessments`,
      json: answersOf('c2', versions.at(-1)!.version, [{ 'A.10.1': 4, 'A.3.1': 3 }]),
    });
    return `${prefix}/ptce.json`;
  }

  it('compares the objectives the later version maps to the earlier one, and marks the new ones', async () => {
    const endpoint = await endpointWith(V2, [V1, V2]);
    const el = await mount(
      html`<ptce-referentiel endpoint=${endpoint} mode="compare" compare-campaigns="c1 c2" key="k1 k2"></ptce-referentiel>`,
    );
    expect(el.data.state.status).to.equal('ready');
    expect($(el, '[data-versions]').textContent).to.contain('version 1 du référentiel, la seconde à la version 2');
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="over-time"] tbody tr')].map((tr) => [
      tr.dataset.id,
      [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()),
    ]);
    // A.10 continues A.1: 1.5 then 4, up; A.3 is new, not compared; A.2 (gone) is not shown.
    expect(rows).to.deep.equal([
      ['A.10', ['A.10', 'Coopérer (reformulé)', '1,5', '4', 'en hausse (+2,5)', 'rapprochés (écart 1 → 0)']],
      ['A.3', ['A.3', 'Objectif nouveau', '—', '3', 'nouvel objectif, non comparé', '—']],
    ]);
    await expect(el).to.be.accessible();
  });

  it('says why two campaigns on versions without a mapping are not compared', async () => {
    const unmapped: Referentiel = { ...V2, version: '3', mappings: undefined };
    const endpoint = await endpointWith(unmapped, [V1, unmapped]);
    const el = await mount(
      html`<ptce-referentiel endpoint=${endpoint} mode="compare" compare-campaigns="c1 c2" key="k1 k2"></ptce-referentiel>`,
    );
    expect(el.data.state.status).to.equal('ready');
    expect($(el, '[role="alert"]').textContent).to.contain(
      'deux versions du référentiel (1 et 3), et la version 3 ne dit pas à quels objectifs de la version 1',
    );
    expect($(el, '[part="over-time"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});
