import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent, waitFor } from 'storybook/test';
import '../src/components/pole-form/define.js';

/**
 * `<ptce-pole-form>`: "Proposer un pôle", and a pole's owner editing its card. Storybook is a
 * static site: the server's answers (duplicates, receipt, the owner's session and pole) are given
 * in the page as the contract says a server gives them (docs/endpoint.md). The browser tests run
 * the same states against the real server.
 */
const ENDPOINT = '/story-data/ptce-directory.json';
const BOU_SOL = { id: 'bou-sol', name: "Bou'Sol", departments: ['13'], commune: 'Marseille', description: 'Boulangeries solidaires.' };
const RECORD = { id: 'bou-sol', pole: BOU_SOL, version: 3, archivedAt: null, updatedAt: '2026-12-01T00:00:00Z' };

/** The server's answers, by the end of the URL, for the story shown. */
const answers = new Map<string, Record<string, { status: number; body: unknown }>>();
const realFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  const routes = answers.get(new URLSearchParams(location.search).get('id') ?? '') ?? {};
  const route = Object.entries(routes).find(([end]) => url.split('?')[0].endsWith(end))?.[1];
  if (route)
    return Promise.resolve(
      new Response(JSON.stringify(route.body), { status: route.status, headers: { 'content-type': 'application/json' } }),
    );
  return realFetch(input, init);
};
const answering =
  (routes: Record<string, { status: number; body: unknown }>): Decorator =>
  (story, context) => {
    answers.set(context.id, routes);
    sessionStorage.clear();
    return story();
  };
const DUPLICATE = {
  '/api/duplicates': {
    status: 200,
    body: { poles: [{ id: 'bou-sol', name: "Bou'Sol", commune: 'Marseille', departements: ['13'], reason: 'name' }] },
  },
};

const shadowOf = (canvas: HTMLElement) => canvas.querySelector('ptce-pole-form')!.shadowRoot!;
const shows = (canvas: HTMLElement, selector: string) =>
  waitFor(
    () => {
      const found = shadowOf(canvas).querySelector<HTMLElement>(selector);
      if (!found) throw new Error(`no ${selector} yet`);
      return found;
    },
    { timeout: 20_000 },
  );

const meta: Meta = {
  title: 'Widgets/Proposer un pôle (ptce-pole-form)',
  id: 'pole-form',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px">
      <ptce-pole-form endpoint=${ENDPOINT} no-draft theme=${globals.theme}></ptce-pole-form>
    </div>`,
};
export default meta;
type Story = StoryObj;

export const Empty: Story = {
  name: 'Formulaire vide',
  decorators: [answering({ '/api/duplicates': { status: 200, body: { poles: [] } } })],
};
export const FieldErrors: Story = {
  name: 'Erreurs de saisie (formulaire vide envoyé)',
  play: async ({ canvasElement }) => {
    await userEvent.click(await shows(canvasElement, '[part="submit"]'));
    await shows(canvasElement, '[part="error-summary"]');
  },
};
export const Duplicates: Story = {
  name: 'Doublon possible signalé avant l’envoi',
  decorators: [answering(DUPLICATE)],
  play: async ({ canvasElement }) => {
    await userEvent.type(await shows(canvasElement, '#f-pole-name'), 'Bou Sol');
    await userEvent.selectOptions(await shows(canvasElement, '#f-pole-departments'), '13');
    await shows(canvasElement, '[part="duplicate-link"]');
  },
};
export const Receipt: Story = {
  name: 'Accusé de réception',
  decorators: [
    answering({
      ...DUPLICATE,
      '/api/contributions': {
        status: 202,
        body: { reference: 'CON-7K2M-QX9D', status: 'pending', receivedAt: '2026-12-07T10:00:00Z', duplicates: [] },
      },
    }),
  ],
  play: async ({ canvasElement }) => {
    await userEvent.type(await shows(canvasElement, '#f-pole-name'), 'Pôle des Calanques');
    await userEvent.selectOptions(await shows(canvasElement, '#f-pole-departments'), '13');
    await userEvent.type(await shows(canvasElement, '#f-contributor-name'), 'Camille Martin');
    await userEvent.type(await shows(canvasElement, '#f-contributor-email'), 'camille@example.org');
    await userEvent.click(await shows(canvasElement, '[part="submit"]'));
    await shows(canvasElement, '[part="receipt"]');
  },
};
export const English: Story = {
  name: 'En anglais',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px" lang="en">
      <ptce-pole-form endpoint=${ENDPOINT} no-draft theme=${globals.theme}></ptce-pole-form>
    </div>`,
};
const owner = (routes: Record<string, { status: number; body: unknown }>) =>
  answering({
    '/api/owner/session': {
      status: 200,
      body: {
        token: 'story',
        expiresAt: '2099-01-01T00:00:00Z',
        pole: RECORD,
        owner: { name: 'Lou', email: 'lou@example.org', trusted: false },
      },
    },
    '/api/owner/pole': { status: 200, body: RECORD },
    ...routes,
  });
const ownerRender: Story['render'] = (_args, { globals }) =>
  html`<div style="max-width:720px">
    <ptce-pole-form endpoint=${ENDPOINT} mode="owner" link="lien-de-demonstration" theme=${globals.theme}></ptce-pole-form>
  </div>`;
export const Owner: Story = { name: 'Propriétaire : modifier sa fiche', decorators: [owner({})], render: ownerRender };
export const OwnerLinkRefused: Story = {
  name: 'Propriétaire : lien expiré',
  decorators: [owner({ '/api/owner/session': { status: 410, body: { error: 'link expired' } } })],
  render: ownerRender,
};
export const ReadOnly: Story = {
  name: 'Sans adresse d’envoi',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px">
      <ptce-pole-form endpoint="/demo-data/ptce.json" theme=${globals.theme}></ptce-pole-form>
    </div>`,
};
