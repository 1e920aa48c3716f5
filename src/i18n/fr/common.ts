import type { Message } from '../types.js';

/** French messages shared by every widget: states and the error block's title (each failure's sentence is in errors.ts). */
export const common = {
  'state.loading': 'Chargement…',
  'state.retry': 'Réessayer',
  'state.empty': 'Aucune donnée à afficher pour le moment.',
  'error.title': 'Les données n’ont pas pu être chargées.',
} as const satisfies Record<string, Message>;
