// The words of the server's pages around the widgets (titles, descriptions, links), in French and
// English; the widgets' own words are in src/i18n/.
export type PageLang = 'fr' | 'en';

const fr = {
  siteName: 'Pôles territoriaux de coopération économique',
  nav: 'Navigation du site',
  map: 'Carte des pôles',
  charter: 'Charte des PTCE',
  referentiel: 'Référentiel des PTCE',
  mapTitle: 'Carte des pôles territoriaux de coopération économique',
  mapOf: (region: string) => `Les PTCE en ${region}`,
  mapDescription: 'La carte et la liste des pôles territoriaux de coopération économique (PTCE), avec la fiche de chaque pôle.',
  mapDescriptionOf: (region: string) => `La carte et la liste des pôles territoriaux de coopération économique (PTCE) en ${region}.`,
  allPoles: 'Tous les pôles sur la carte',
  poleSuffix: 'PTCE',
  poleFallback: (name: string) => `${name}, pôle territorial de coopération économique : sa fiche.`,
  poleNotFound: 'Pôle introuvable',
  regionNotFound: 'Région inconnue',
  charterMissing: 'Charte introuvable',
  charterDescription: 'Le texte de la charte des pôles territoriaux de coopération économique, et sa signature.',
  referentielDescription: 'Le référentiel des pôles territoriaux de coopération économique.',
};

const en: typeof fr = {
  siteName: 'Territorial economic cooperation hubs',
  nav: 'Site navigation',
  map: 'Map of the hubs',
  charter: 'PTCE charter',
  referentiel: 'PTCE référentiel',
  mapTitle: 'Map of the territorial economic cooperation hubs (PTCE)',
  mapOf: (region: string) => `PTCE in ${region}`,
  mapDescription: 'The map and list of the territorial economic cooperation hubs (PTCE), with each hub’s profile.',
  mapDescriptionOf: (region: string) => `The map and list of the territorial economic cooperation hubs (PTCE) in ${region}.`,
  allPoles: 'All the hubs on the map',
  poleSuffix: 'PTCE',
  poleFallback: (name: string) => `${name}, a territorial economic cooperation hub: its profile.`,
  poleNotFound: 'Hub not found',
  regionNotFound: 'Unknown region',
  charterMissing: 'Charter not found',
  charterDescription: 'The text of the territorial economic cooperation hubs’ charter, and how to sign it.',
  referentielDescription: 'The référentiel of the territorial economic cooperation hubs.',
};

export function pageText(lang: PageLang) {
  return lang === 'en' ? en : fr;
}

/** `lang` from a query: `en`, else French. */
export const pageLang = (value: unknown): PageLang => (value === 'en' ? 'en' : 'fr');
