import '../../src/components/referentiel/define.js';
import { apiMeta, type ApiStory } from '../support/api-story.js';

export default apiMeta('ptce-referentiel', 'API/ptce-referentiel', { endpoint: '/demo-data/ptce.json', mode: 'read' });
export const Example: ApiStory = { name: 'Exemple' };
