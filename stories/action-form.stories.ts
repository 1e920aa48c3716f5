import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent, waitFor } from 'storybook/test';
import '../src/components/action-form/define.js';

/**
 * `<ptce-action-form>`: a pole proposes a fiche action (its project, and the concrete action it
 * offers the other poles). Storybook is a static site: no server stores fiches here, so the
 * states after sending answer the form's POST in the page as the contract says a server does
 * (docs/endpoint.md): a receipt, or a 400 naming the faulty fields. Without an answer the send
 * fails, which is the "send failed" state. The browser tests run them against the real server.
 */
const ENDPOINT = '/story-data/ptce-actions.json';

const realFetch = window.fetch.bind(window);
const answers = new Map<string, { status: number; body: unknown }>();
window.fetch = (input, init) => {
  const answer = answers.get(new URLSearchParams(location.search).get('id') ?? '');
  if (answer && init?.method === 'POST' && String(input instanceof Request ? input.url : input).includes('/actions')) {
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } }),
    );
  }
  return realFetch(input, init);
};
const answering =
  (status: number, body: unknown): Decorator =>
  (story, context) => {
    answers.set(context.id, { status, body });
    return story();
  };

/** A complete form, as the draft the reader's browser keeps: the story only has to send it. */
const withFilledDraft: Decorator = (story) => {
  const endpoint = new URL(ENDPOINT, document.baseURI).href;
  localStorage.setItem(
    `ptce-action-draft:${endpoint}`,
    JSON.stringify({
      key: `story-${Math.random().toString(36).slice(2)}`,
      poleId: 'bou-sol',
      poleName: '',
      title: 'Fournil partagé',
      description: 'Un fournil ouvert aux boulangers du territoire.',
      stage: 'En activité depuis 2024.',
      perspectives: '',
      offer: 'Une visite apprenante du fournil',
      website: '',
      themes: ['alimentation'],
      contactName: 'Camille Martin',
      contactEmail: 'camille@example.org',
    }),
  );
  return story();
};

const shadowOf = (canvas: HTMLElement) => canvas.querySelector('ptce-action-form')!.shadowRoot!;
const shows = (canvas: HTMLElement, selector: string) =>
  waitFor(
    () => {
      const found = shadowOf(canvas).querySelector<HTMLElement>(selector);
      if (!found) throw new Error(`no ${selector} yet`);
      return found;
    },
    { timeout: 20_000 },
  );
const send = async (canvas: HTMLElement) => userEvent.click(await shows(canvas, '[part="submit"]'));

const meta: Meta = {
  title: 'Widgets/Fiche action (ptce-action-form)',
  id: 'action-form',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px">
      <ptce-action-form endpoint=${ENDPOINT} no-draft theme=${globals.theme}></ptce-action-form>
    </div>`,
};
export default meta;
type Story = StoryObj;

export const Empty: Story = { name: 'Formulaire vide' };
export const ForAPole: Story = {
  name: 'Sur le site d’un pôle (pôle choisi d’avance)',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px">
      <ptce-action-form endpoint=${ENDPOINT} pole-id="domb-innov" no-draft theme=${globals.theme}></ptce-action-form>
    </div>`,
};
export const English: Story = {
  name: 'En anglais',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px" lang="en">
      <ptce-action-form endpoint=${ENDPOINT} no-draft theme=${globals.theme}></ptce-action-form>
    </div>`,
};
export const FieldErrors: Story = {
  name: 'Erreurs de saisie (formulaire vide envoyé)',
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[part="error-summary"]');
  },
};
export const SendFailed: Story = {
  name: 'Envoi impossible (rien n’est perdu)',
  decorators: [withFilledDraft],
  render: (_args, { globals }) =>
    html`<div style="max-width:720px">
      <ptce-action-form endpoint=${ENDPOINT} theme=${globals.theme}></ptce-action-form>
    </div>`,
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '.error[role="alert"]');
  },
};
export const ServerRefusal: Story = {
  name: 'Refus du serveur (champ invalide)',
  decorators: [withFilledDraft, answering(400, { errors: [{ path: 'contact.email', message: 'invalid email' }] })],
  render: SendFailed.render,
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[part="error-summary"]');
  },
};
export const Receipt: Story = {
  name: 'Accusé de réception',
  decorators: [
    withFilledDraft,
    answering(201, { reference: 'FICHE-7K2M-QX9D', status: 'pending', receivedAt: '2026-11-24T10:00:00Z', poleName: "Bou'Sol" }),
  ],
  render: SendFailed.render,
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[part="receipt"]');
  },
};
export const ReadOnly: Story = {
  name: 'Sans adresse d’envoi (où envoyer sa fiche)',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px">
      <ptce-action-form endpoint="/demo-data/ptce.json" theme=${globals.theme}></ptce-action-form>
    </div>`,
};
