import '../../src/components/pole-form/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

export default {
  title: 'API/ptce-pole-form',
  component: 'ptce-pole-form',
  tags: ['autodocs'],
  ...apiMeta('ptce-pole-form', { endpoint: '/story-data/ptce-directory.json', 'no-draft': true }),
};
export const Example: ApiStory = { name: 'Exemple' };
