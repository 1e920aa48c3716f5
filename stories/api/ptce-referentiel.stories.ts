import '../../src/components/referentiel/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

export default {
  title: 'API/ptce-referentiel',
  component: 'ptce-referentiel',
  tags: ['autodocs'],
  ...apiMeta('ptce-referentiel', { endpoint: '/demo-data/ptce.json', mode: 'read' }),
};
export const Example: ApiStory = { name: 'Exemple' };
