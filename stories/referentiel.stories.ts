import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/referentiel/define.js';
import type { PtceReferentiel } from '../src/components/referentiel/ptce-referentiel.js';

/**
 * `<ptce-referentiel>`: the référentiel d'action as a grid to read, to answer (autosaved, exports
 * JSON and CSV), to summarise and to compare the views of one pole's actors. The demo content is
 * **illustrative**: the official questions are not public, and the widget says so.
 */
type Args = { mode: PtceReferentiel['mode']; width: number; headingLevel: number };
const meta: Meta<Args> = {
  title: 'Widgets/Référentiel (ptce-referentiel)',
  id: 'referentiel',
  args: { mode: 'read', width: 900, headingLevel: 2 },
  argTypes: {
    mode: { control: 'inline-radio', options: ['read', 'answer', 'compare'] },
    width: { control: { type: 'range', min: 320, max: 1200, step: 20 } },
  },
  render: ({ mode, width, headingLevel }, { globals }) =>
    html`<div style="max-width:${width}px">
      <ptce-referentiel
        endpoint="/demo-data/ptce.json"
        mode=${mode}
        heading-level=${headingLevel}
        pole-id="pole-de-demonstration"
        pole-name="Pôle de démonstration (fictif)"
        assessments-src=${mode === 'compare' ? '/demo-data/regards-croises-demo.json' : ''}
        theme=${globals.theme}
        no-draft
      ></ptce-referentiel>
    </div>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Lecture: Story = { name: 'Lecture' };
export const Reponse: Story = { name: 'Répondre', args: { mode: 'answer' } };
export const ReponseTelephone: Story = { name: 'Répondre sur téléphone (320 px)', args: { mode: 'answer', width: 320 } };
export const RegardsCroises: Story = { name: 'Regards croisés (4 répondants fictifs)', args: { mode: 'compare' } };
export const Synthese: Story = {
  name: 'Synthèse d’une évaluation',
  render: (_args, { globals }) =>
    html`<div style="max-width:900px">
      <ptce-referentiel
        endpoint="/demo-data/ptce.json"
        mode="summary"
        theme=${globals.theme}
        .assessment=${{
          referentielId: 'referentiel-ptce-illustratif',
          referentielVersion: '0.1',
          respondent: { role: 'coordination' },
          answers: Object.fromEntries(
            ['1.1.1', '1.1.2', '1.2.1', '1.3.1', '2.1.1', '2.2.3', '2.3.1', '3.1.1', '3.2.2', '3.3.1'].map((id, i) => [
              id,
              { value: (i % 4) + 1 },
            ]),
          ),
        }}
      ></ptce-referentiel>
    </div>`,
};
