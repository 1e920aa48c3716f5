import '../../src/components/pole-card/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

export default {
  title: 'API/ptce-pole-card',
  component: 'ptce-pole-card',
  tags: ['autodocs'],
  ...apiMeta('ptce-pole-card', { endpoint: '/demo-data/ptce.json', 'pole-id': 'ecoop-arc' }),
};
export const Example: ApiStory = { name: 'Exemple' };
export const Compact: ApiStory = { name: 'Compacte', args: { variant: 'compact' } };
