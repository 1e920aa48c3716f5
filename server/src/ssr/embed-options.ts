// The query parameters each embed page takes: named exactly as the element's attributes, each with
// the values it accepts (anything else is ignored, never written into the page). README "Embed
// without a script" lists them.
export type EmbedWidget = 'carte' | 'poles' | 'charte' | 'referentiel';

const common = {
  lang: ['fr', 'en'],
  theme: ['auto', 'system', 'light', 'dark'],
  'heading-level': /^[1-6]$/,
};

export const EMBED_OPTIONS: Record<EmbedWidget, Record<string, readonly string[] | RegExp>> = {
  carte: {
    ...common,
    region: /^\d{2}$/,
    department: /^(\d{2}|2[AB]|97\d)$/,
    regions: ['current', '2015'],
    view: ['both', 'map', 'list'],
    mode: ['markers', 'density'],
  },
  poles: { ...common },
  charte: { ...common },
  referentiel: { ...common, mode: ['read', 'summary'], 'pole-id': /^[\w.-]{1,120}$/ },
};
