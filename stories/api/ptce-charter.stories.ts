import '../../src/components/charter/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

export default apiMeta('ptce-charter', 'API/ptce-charter', { endpoint: '/story-data/ptce-signable.json', 'no-draft': true });
export const Example: ApiStory = { name: 'Exemple' };
