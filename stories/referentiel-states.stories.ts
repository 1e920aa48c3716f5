import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent, waitFor } from 'storybook/test';
import '../src/components/referentiel/define.js';

/**
 * The référentiel's states after sending, and its campaigns. Storybook is a static site: no server
 * stores answers here, so these stories answer the widget's requests in the page with what the
 * contract says a server answers (docs/endpoint.md, sections 6 and 7): a receipt, a refusal, a
 * network failure; a campaign for its respondents, its answers for its coordinator. The browser
 * tests run the same states against the real reference server.
 */
const ENDPOINT = '/story-data/ptce-campaigns.json';
const REFERENTIEL = { id: 'referentiel-ptce-illustratif', version: '0.1' };
const POLE = { id: 'pole-de-demonstration', name: 'Pôle de démonstration (fictif)' };

type Answer = { status: number; body: unknown } | 'network';
type Route = (url: string, init?: RequestInit) => Answer | Promise<Answer> | undefined;
const realFetch = window.fetch.bind(window);
const routes = new Map<string, Route>();
// Only the story being shown (its id is in the iframe's URL) gets simulated answers.
window.fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const answer = await routes.get(new URLSearchParams(location.search).get('id') ?? '')?.(url, init);
  if (answer === 'network') throw new TypeError('Failed to fetch');
  if (answer) return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  return realFetch(input, init);
};
const answering =
  (route: Route): Decorator =>
  (story, context) => {
    routes.set(context.id, route);
    return story();
  };

const now = new Date().toISOString();
const receipt = { status: 201, body: { reference: 'EVAL-7K2M-QX9D', receivedAt: now } };

/** A draft as a reader's browser keeps it: a role and a few answers; the story only sends it. */
const withDraft: Decorator = (story) => {
  const endpoint = new URL(ENDPOINT, document.baseURI).href;
  localStorage.setItem(
    `ptce-referentiel-draft:${endpoint}:${REFERENTIEL.id}:${REFERENTIEL.version}:${POLE.id}`,
    JSON.stringify({
      key: `story-${Math.random().toString(36).slice(2)}`,
      role: 'coordination',
      roleOther: '',
      name: '',
      answers: { '1.1.1': { value: 3 }, '1.2.1': { value: 2 } },
    }),
  );
  return story();
};

const campaign = (overrides: Record<string, unknown> = {}) => ({
  id: 'camp-demonstration',
  poleId: POLE.id,
  poleName: POLE.name,
  title: 'Diagnostic de démonstration (fictif)',
  referentielId: REFERENTIEL.id,
  referentielVersion: REFERENTIEL.version,
  opensOn: '2026-01-15',
  closesOn: '2026-12-31',
  closed: false,
  ...overrides,
});

/** The demo's fictitious campaign answers, in the shape the coordinator's route gives them. */
async function campaignAnswers(id: string, title: string, shift = 0) {
  const demo = await (await realFetch('/demo-data/campagne-demo.json')).json();
  const assessments = demo.assessments.map((a: { answers: Record<string, { value: number | 'na' }> }, i: number) => ({
    ...a,
    poleId: POLE.id,
    poleName: POLE.name,
    reference: `EVAL-DEMO-${String(i + 1).padStart(4, '0')}`,
    receivedAt: now,
    answers: Object.fromEntries(
      Object.entries(a.answers).map(([q, answer]) => [
        q,
        typeof answer.value === 'number' && q.startsWith('2.2') ? { value: Math.min(4, answer.value + shift) } : answer,
      ]),
    ),
  }));
  return { status: 200, body: { campaign: campaign({ id, title }), assessments } };
}

const shadowOf = (canvas: HTMLElement) => canvas.querySelector('ptce-referentiel')!.shadowRoot!;
const shows = (canvas: HTMLElement, selector: string, text = '') =>
  waitFor(
    () => {
      const found = shadowOf(canvas).querySelector(selector);
      if (!found || !found.textContent!.includes(text)) throw new Error(`no ${selector} "${text}" yet`);
      return found as HTMLElement;
    },
    { timeout: 20_000 },
  );
async function send(canvas: HTMLElement) {
  await userEvent.click(await shows(canvas, '[part="send"]'));
}

const meta: Meta = {
  title: 'Widgets/Référentiel : envoi et campagnes',
  id: 'referentiel-states',
  render: (_args, { globals }) =>
    html`<div style="max-width:900px">
      <ptce-referentiel
        endpoint=${ENDPOINT}
        mode="answer"
        pole-id=${POLE.id}
        pole-name=${POLE.name}
        theme=${globals.theme}
      ></ptce-referentiel>
    </div>`,
};
export default meta;
type Story = StoryObj;

export const Receipt: Story = {
  name: 'Accusé de réception (réponses envoyées)',
  decorators: [withDraft, answering((url, init) => (init?.method === 'POST' && url.includes('/api/assessments') ? receipt : undefined))],
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[role="status"]', 'EVAL-7K2M-QX9D');
  },
};

export const ServerRefusal: Story = {
  name: 'Refus du serveur (réponse hors échelle)',
  decorators: [
    withDraft,
    answering((url, init) =>
      init?.method === 'POST' && url.includes('/api/assessments')
        ? { status: 400, body: { error: 'invalid assessment', errors: [{ path: 'answers.1.1.1.value', message: 'not on the scale' }] } }
        : undefined,
    ),
  ],
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[role="alert"]', 'restent enregistrées');
  },
};

export const NetworkFailure: Story = {
  name: 'Échec du réseau (les réponses restent dans le navigateur)',
  decorators: [withDraft, answering((url, init) => (init?.method === 'POST' && url.includes('/api/assessments') ? 'network' : undefined))],
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[role="alert"]', 'restent enregistrées');
  },
};

export const CampaignAnswer: Story = {
  name: 'Campagne : répondre avec le code de réponse',
  decorators: [answering((url) => (url.endsWith('/api/campaigns/respondent') ? { status: 200, body: campaign() } : undefined))],
  render: (_args, { globals }) =>
    html`<div style="max-width:900px">
      <ptce-referentiel endpoint=${ENDPOINT} mode="answer" campaign="R-DEMO-FICT-IVE1" no-draft theme=${globals.theme}></ptce-referentiel>
    </div>`,
  play: async ({ canvasElement }) => {
    await shows(canvasElement, '[part="campaign"]', 'Diagnostic de démonstration');
  },
};

export const CampaignClosed: Story = {
  name: 'Campagne close : l’envoi est refusé',
  decorators: [
    answering((url) =>
      url.endsWith('/api/campaigns/respondent') ? { status: 200, body: campaign({ closed: true, closesOn: '2026-03-31' }) } : undefined,
    ),
  ],
  render: CampaignAnswer.render,
  play: async ({ canvasElement }) => {
    await shows(canvasElement, '[part="campaign"]', 'close');
  },
};

export const CampaignWrongCode: Story = {
  name: 'Campagne : code de réponse inconnu',
  decorators: [
    answering((url) =>
      url.endsWith('/api/campaigns/respondent')
        ? { status: 403, body: { error: 'unknown campaign code', reason: 'campaign-code' } }
        : undefined,
    ),
  ],
  render: CampaignAnswer.render,
  play: async ({ canvasElement }) => {
    await shows(canvasElement, '[part~="state-error"]', 'pas reconnu');
  },
};

const coordinatorRender: Story['render'] = (_args, { globals }) =>
  html`<div style="max-width:900px">
    <ptce-referentiel
      endpoint=${ENDPOINT}
      mode="compare"
      campaign="camp-demonstration"
      key="cle-de-coordination-de-demonstration-fictive"
      theme=${globals.theme}
    ></ptce-referentiel>
  </div>`;

export const CampaignCompare: Story = {
  name: 'Coordination : regards croisés de la campagne (12 réponses fictives)',
  decorators: [
    answering((url) =>
      url.includes('/api/campaigns/camp-demonstration/assessments')
        ? campaignAnswers('camp-demonstration', 'Diagnostic de démonstration (fictif)')
        : undefined,
    ),
  ],
  render: coordinatorRender,
  play: async ({ canvasElement }) => {
    await shows(canvasElement, '[part="coordinator"]', '12 réponses');
  },
};

export const CampaignWrongKey: Story = {
  name: 'Coordination : clé refusée',
  decorators: [
    answering((url) =>
      url.includes('/assessments') ? { status: 401, body: { error: 'wrong coordinator key', reason: 'coordinator-key' } } : undefined,
    ),
  ],
  render: coordinatorRender,
  play: async ({ canvasElement }) => {
    await shows(canvasElement, '[part~="state-error"]', 'Clé de coordination');
  },
};

export const OverTime: Story = {
  name: 'Coordination : deux campagnes du pôle dans le temps',
  decorators: [
    answering((url) =>
      url.includes('/api/campaigns/camp-2025/assessments')
        ? campaignAnswers('camp-2025', 'Diagnostic 2025 (fictif)')
        : url.includes('/api/campaigns/camp-2026/assessments')
          ? campaignAnswers('camp-2026', 'Diagnostic 2026 (fictif)', 1)
          : undefined,
    ),
  ],
  render: (_args, { globals }) =>
    html`<div style="max-width:900px">
      <ptce-referentiel
        endpoint=${ENDPOINT}
        mode="compare"
        compare-campaigns="camp-2025 camp-2026"
        key="cle-2025 cle-2026"
        theme=${globals.theme}
      ></ptce-referentiel>
    </div>`,
  play: async ({ canvasElement }) => {
    await shows(canvasElement, '[part="over-time"]', 'Évolution');
  },
};
