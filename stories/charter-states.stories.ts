import type { Decorator, Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { userEvent, waitFor } from 'storybook/test';
import '../src/components/charter/define.js';

/**
 * The charter's states after sending. Storybook is a static site: no server stores signatures
 * here, so these stories answer the form's POST in the page with what the contract says a server
 * answers (docs/endpoint.md, section 5): a receipt, or a 400 refusal naming the faulty fields.
 * The browser tests run the same states against the real reference server.
 */
const ENDPOINT = '/story-data/ptce-signable.json';
const CHARTER = { id: 'charte-demarche-collective-ptce', version: '2014-09-19' };

const realFetch = window.fetch.bind(window);
const answers = new Map<string, { status: number; body: unknown }>();
// Only the POST of the story being shown (its id is in the iframe's URL) gets a simulated answer.
window.fetch = (input, init) => {
  const answer = answers.get(new URLSearchParams(location.search).get('id') ?? '');
  if (answer && init?.method === 'POST' && String(input instanceof Request ? input.url : input).includes('/signatures')) {
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

const today = new Date().toISOString().slice(0, 10);
/** A complete form, as the draft a reader's browser keeps: the story then only has to send it. */
const filled = () => ({
  key: `story-${Math.random().toString(36).slice(2)}`,
  pole: { name: 'PTCE Exemple', street: '1 rue de la Coopération', postcode: '20090', city: 'Ajaccio', department: '2A', website: '' },
  representative: { lastName: 'Martin', firstName: 'Camille', email: 'camille@example.org', phone: '+33 6 12 34 56 78' },
  departmentEdited: false,
  status: 'established',
  commitments: ['build', 'contribute'],
  place: 'Ajaccio',
  date: today,
  signatories: [{ name: 'Camille Martin', role: 'Coordinatrice' }],
  consentToList: true,
});
const withFilledDraft: Decorator = (story) => {
  const endpoint = new URL(ENDPOINT, document.baseURI).href;
  localStorage.setItem(`ptce-charter-draft:${endpoint}:${CHARTER.id}:${CHARTER.version}`, JSON.stringify(filled()));
  return story();
};

const shadowOf = (canvas: HTMLElement) => canvas.querySelector('ptce-charter')!.shadowRoot!;
async function send(canvas: HTMLElement) {
  const button = await waitFor(
    () => {
      const found = shadowOf(canvas).querySelector<HTMLButtonElement>('[part="submit"]');
      if (!found) throw new Error('no submit button yet');
      return found;
    },
    { timeout: 20_000 },
  );
  await userEvent.click(button);
}
const shows = (canvas: HTMLElement, selector: string) =>
  waitFor(
    () => {
      if (!shadowOf(canvas).querySelector(selector)) throw new Error(`no ${selector} yet`);
    },
    { timeout: 20_000 },
  );

const meta: Meta = {
  title: 'Widgets/Charte : après l’envoi',
  id: 'charter-states',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px">
      <ptce-charter endpoint=${ENDPOINT} privacy-url="https://example.org/confidentialite" theme=${globals.theme}></ptce-charter>
    </div>`,
};
export default meta;
type Story = StoryObj;

export const FieldErrors: Story = {
  name: 'Erreurs de saisie (formulaire vide envoyé)',
  render: (_args, { globals }) =>
    html`<div style="max-width:720px">
      <ptce-charter endpoint=${ENDPOINT} no-draft theme=${globals.theme}></ptce-charter>
    </div>`,
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[part="error-summary"]');
  },
};

export const Receipt: Story = {
  name: 'Accusé de réception',
  decorators: [
    withFilledDraft,
    answering(201, { reference: 'SIG-2026-000042', status: 'pending', receivedAt: `${today}T10:00:00Z`, poleName: 'PTCE Exemple' }),
  ],
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[part="receipt"]');
  },
};

export const ServerRefusal: Story = {
  name: 'Refus du serveur (champ invalide)',
  decorators: [withFilledDraft, answering(400, { errors: [{ path: 'representative.phone', message: 'expected a phone number' }] })],
  play: async ({ canvasElement }) => {
    await send(canvasElement);
    await shows(canvasElement, '[part="error-summary"]');
  },
};
