import '../../src/components/charter/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

export default {
  title: 'API/ptce-charter',
  component: 'ptce-charter',
  tags: ['autodocs'],
  ...apiMeta('ptce-charter', { endpoint: '/story-data/ptce-signable.json', 'no-draft': true }),
};
export const Example: ApiStory = { name: 'Exemple' };
