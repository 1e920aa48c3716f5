import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/charter/define.js';

/**
 * `<ptce-charter>`: the Charte de la démarche collective PTCE (text of 2014), then its signing
 * block as a form. Without a `signatures` URL in the endpoint the charter is read-only. In
 * Storybook no server stores signatures: sending shows the error state, and nothing typed is lost.
 */
const meta: Meta<{ width: number; privacyUrl: string; headingLevel: number }> = {
  title: 'Widgets/Charte (ptce-charter)',
  id: 'charter',
  args: { width: 720, privacyUrl: 'https://example.org/confidentialite', headingLevel: 2 },
  argTypes: { width: { control: { type: 'range', min: 320, max: 960, step: 20 } } },
};
export default meta;
type Story = StoryObj<{ width: number; privacyUrl: string; headingLevel: number }>;

export const Signable: Story = {
  name: 'Formulaire de signature',
  render: ({ width, privacyUrl, headingLevel }, { globals }) =>
    html`<div style="max-width:${width}px">
      <ptce-charter
        endpoint="/story-data/ptce-signable.json"
        privacy-url=${privacyUrl}
        heading-level=${headingLevel}
        theme=${globals.theme}
        no-draft
      ></ptce-charter>
    </div>`,
};

export const SurTelephone: Story = { ...Signable, name: 'Sur téléphone (320 px)', args: { width: 320 } };

export const LectureSeule: Story = {
  name: 'Lecture seule (pas d’adresse de signature)',
  render: ({ width }, { globals }) =>
    html`<div style="max-width:${width}px">
      <ptce-charter endpoint="/demo-data/ptce.json" theme=${globals.theme}></ptce-charter>
    </div>`,
};

export const LectureSeuleAvecLien: Story = {
  name: 'Lecture seule, avec le lien où signer',
  render: ({ width }, { globals }) =>
    html`<div style="max-width:${width}px">
      <ptce-charter endpoint="/demo-data/ptce.json" sign-url="https://example.org/signer" theme=${globals.theme}></ptce-charter>
    </div>`,
};
