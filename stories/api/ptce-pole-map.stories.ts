import '../../src/components/pole-map/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

export default {
  title: 'API/ptce-pole-map',
  component: 'ptce-pole-map',
  tags: ['autodocs'],
  ...apiMeta('ptce-pole-map', { endpoint: '/demo-data/ptce.json' }),
};
export const Example: ApiStory = { name: 'Exemple' };
export const Density: ApiStory = { name: 'Vue densité', args: { mode: 'density', view: 'map' } };
