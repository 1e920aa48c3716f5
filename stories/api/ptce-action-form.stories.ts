import '../../src/components/action-form/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

export default {
  title: 'API/ptce-action-form',
  component: 'ptce-action-form',
  tags: ['autodocs'],
  ...apiMeta('ptce-action-form', { endpoint: '/story-data/ptce-signable.json', 'no-draft': true }),
};
export const Example: ApiStory = { name: 'Exemple' };
