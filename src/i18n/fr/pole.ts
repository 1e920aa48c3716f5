import type { Message } from '../types.js';

/** French words for a pole's data, shared by <ptce-pole-card> and <ptce-pole-map>. */
export const pole = {
  'pole.status.established': 'Pôle constitué',
  'pole.status.emerging': 'Pôle en création ou en émergence',
} as const satisfies Record<string, Message>;
