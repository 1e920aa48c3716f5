import { html } from 'lit';
import '../../src/components/provider/define.js';
import '../../src/components/pole-card/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

const meta = apiMeta('ptce-provider', { endpoint: '/demo-data/ptce.json', lang: 'fr' });
export default {
  title: 'API/ptce-provider',
  component: 'ptce-provider',
  tags: ['autodocs'],
  ...meta,
  // The provider shows nothing itself: the card below takes its endpoint and language
  // (a theme is set on each widget).
  render: (args: Record<string, string>) =>
    html`<ptce-provider endpoint=${args.endpoint} lang=${args.lang || 'fr'}>
      <ptce-pole-card pole-id="ecoop-arc" variant="compact"></ptce-pole-card>
    </ptce-provider>`,
};
export const Example: ApiStory = { name: 'Exemple' };
