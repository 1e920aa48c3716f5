import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/provider/define.js';
import '../test/support/ptce-test-probe.js';

/**
 * `<ptce-provider>` gives the widgets inside it one endpoint, one language and one data cache:
 * the three lists below cost one request for the discovery document and one for the poles (see
 * the browser's network panel). A widget with its own `endpoint` uses that one instead.
 */
const meta: Meta<{ endpoint: string; lang: string }> = {
  title: 'Fondations/Fournisseur (ptce-provider)',
  id: 'fondations-provider',
  args: { endpoint: '/demo-data/ptce.json', lang: 'fr' },
  argTypes: { lang: { control: 'inline-radio', options: ['fr', 'en'] } },
  render: ({ endpoint, lang }, { globals }) =>
    html`<ptce-provider endpoint=${endpoint} lang=${lang}>
      <div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem">
        <ptce-test-probe theme=${globals.theme}></ptce-test-probe>
        <ptce-test-probe theme=${globals.theme}></ptce-test-probe>
        <ptce-test-probe theme=${globals.theme}></ptce-test-probe>
      </div>
    </ptce-provider>`,
};
export default meta;

export const TroisWidgetsUneRequete: StoryObj = { name: 'Trois widgets, une requête' };
export const EnAnglais: StoryObj = { name: 'En anglais', args: { lang: 'en' } };
export const SourceInjoignable: StoryObj = {
  name: 'Source introuvable',
  args: { endpoint: '/demo-data/absent.json' },
};
