import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import './support/state-preview.js';
import type { Failure } from '../src/data/failure.js';

/**
 * The loading, empty and error blocks every data widget shares. Errors are always a readable
 * sentence in the page language and a "Réessayer" button; the widget stays usable.
 */
const meta: Meta = {
  title: 'Fondations/États partagés',
  id: 'fondations-etats',
  render: (args, { globals }) =>
    html`<ptce-state-preview theme=${globals.theme} state=${args.state} .failure=${args.failure}></ptce-state-preview>`,
};
export default meta;
type Story = StoryObj<{ state: string; failure?: Failure }>;

export const Chargement: Story = { args: { state: 'loading' } };
export const Vide: Story = { args: { state: 'empty' } };
export const ErreurReseau: Story = { name: 'Erreur : réseau', args: { state: 'error', failure: { kind: 'network', url: '' } } };
export const ErreurDelai: Story = {
  name: 'Erreur : délai dépassé',
  args: { state: 'error', failure: { kind: 'timeout', url: '', timeoutMs: 10_000 } },
};
export const ErreurHttp: Story = { name: 'Erreur : HTTP 503', args: { state: 'error', failure: { kind: 'http', url: '', status: 503 } } };
export const ErreurPasJson: Story = { name: 'Erreur : pas du JSON', args: { state: 'error', failure: { kind: 'not-json', url: '' } } };
export const ErreurPasUneSource: Story = {
  name: 'Erreur : ni une source, ni une liste',
  args: { state: 'error', failure: { kind: 'not-endpoint', url: '' } },
};
export const ErreurTropGros: Story = {
  name: 'Erreur : trop volumineux',
  args: { state: 'error', failure: { kind: 'too-large', url: '', maxBytes: 5 * 1024 * 1024 } },
};
export const ErreurDonneesInvalides: Story = {
  name: 'Erreur : données invalides',
  args: {
    state: 'error',
    failure: {
      kind: 'invalid',
      url: '',
      issues: [
        { path: 'poles', message: 'expected array' },
        { path: 'themes[2].label', message: 'expected string' },
      ],
    },
  },
};
export const ErreurSansEndpoint: Story = {
  name: 'Erreur : pas de source configurée',
  args: { state: 'error', failure: { kind: 'no-endpoint' } },
};
