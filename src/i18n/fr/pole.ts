import type { Message } from '../types.js';

/** French words for a pole's data, shared by <ptce-pole-card> and <ptce-pole-map>. */
export const pole = {
  'pole.status.established': 'Pôle constitué',
  'pole.status.emerging': 'Pôle en création ou en émergence',
  'pole.stage.identified': 'Pôle identifié',
  'pole.stage.engaged': 'Engagé dans la démarche collective',
  'pole.stage.laureate': 'Lauréat d’un appel national',
  'pole.origin.entrepreneurial': 'Initiative entrepreneuriale',
  'pole.origin.citizen': 'Initiative citoyenne',
  'pole.origin.local-authority': 'Initiative impulsée par une collectivité',
  'pole.scope.sectoral': 'Pôle sectoriel',
  'pole.scope.multisectoral': 'Pôle multisectoriel',
  'pole.function.promotion': 'Sensibilisation et promotion de l’ESS',
  'pole.function.hosting': 'Hébergement (hôtel d’activités)',
  'pole.function.multi-function': 'Centre multi-fonctions',
} as const satisfies Record<string, Message>;
