// The query parameters each embed page takes: named exactly as the element's attributes, each with
// the values it accepts (anything else is ignored, never written into the page). README "Embed
// without a script" lists them; and the colours, applied as the element's inline custom properties.
import { COLOR_PROPERTIES } from '../../../src/configurator/config.js';

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

/**
 * The colours an embed page takes, as the configurator writes them: the CSS custom property's name
 * without its leading `--` (`ptce-color-accent=%23aa3300`), the same four the configurator offers.
 */
export const EMBED_COLORS = COLOR_PROPERTIES.map((property) => property.slice(2));

/** `#rrggbb` or `#rgb` only: the value goes into a style attribute, so nothing else gets through. */
const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** The element's inline custom properties (`--ptce-color-accent: #aa3300; …`) from the query's valid colours, or undefined. */
export function embedStyle(query: Record<string, unknown>): string | undefined {
  const declarations = EMBED_COLORS.flatMap((name) => {
    const value = query[name];
    return typeof value === 'string' && HEX_COLOR.test(value) ? [`--${name}: ${value}`] : [];
  });
  return declarations.length ? declarations.join('; ') : undefined;
}
