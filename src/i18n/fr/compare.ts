import type { Message } from '../types.js';

/** Compare mode of the référentiel (regards croisés), registered by its chunk when it loads. */
export const compare = {
  'ref.compare-title': 'Regards croisés',
  'ref.compare-intro':
    'Les réponses de {count} acteurs du même pôle, question par question. Les questions où les regards divergent le plus viennent en premier : ce sont de bons points de départ pour échanger.',
  'ref.compare-none': 'Ajoutez les réponses d’au moins deux personnes du même pôle pour les comparer.',
  'ref.divergent': 'Où les regards divergent le plus',
  'ref.spread': 'Écart : {spread}',
  'ref.objective-spread': 'Écart par objectif principal',
} as const satisfies Record<string, Message>;
