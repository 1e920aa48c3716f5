/**
 * The configurator's choices and what they become: the element's attributes (the preview and the
 * script snippet), the /embed/… URL (the iframe snippet) and the WordPress shortcode. One source,
 * so the three snippets and the preview always describe the same widget.
 */

export type WidgetKind = 'carte' | 'fiche' | 'charte' | 'referentiel';
export type SnippetFormat = 'script' | 'iframe' | 'shortcode';

/** The CSS custom properties the configurator offers (README "Theming", custom-elements.json). */
export const COLOR_PROPERTIES = ['--ptce-color-accent', '--ptce-color-text', '--ptce-color-surface', '--ptce-color-border'] as const;
export type ColorProperty = (typeof COLOR_PROPERTIES)[number];

export interface Config {
  widget: WidgetKind;
  regions: 'current' | '2015';
  region: string;
  department: string;
  view: 'both' | 'map' | 'list';
  mode: 'markers' | 'density';
  pole: string;
  variant: 'full' | 'compact';
  theme: 'auto' | 'system' | 'light' | 'dark';
  lang: 'fr' | 'en';
  headingLevel: number;
  colors: Partial<Record<ColorProperty, string>>;
}

export const DEFAULT_CONFIG: Config = {
  widget: 'carte',
  regions: 'current',
  region: '',
  department: '',
  view: 'both',
  mode: 'markers',
  pole: '',
  variant: 'full',
  theme: 'auto',
  lang: 'fr',
  headingLevel: 2,
  colors: {},
};

export const ELEMENTS: Record<WidgetKind, string> = {
  carte: 'ptce-pole-map',
  fiche: 'ptce-pole-card',
  charte: 'ptce-charter',
  referentiel: 'ptce-referentiel',
};

/** `#rrggbb` or `#rgb`, as the embed pages (server/src/ssr/embed-options.ts) and the WordPress plugin take them. */
export const isColor = (value: string) => /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value);

/** The element's attributes, in a stable order, defaults left out (endpoint first). */
export function elementAttributes(config: Config, endpoint: string): [string, string][] {
  const attributes: [string, string][] = [['endpoint', endpoint]];
  const add = (name: string, value: string, fallback = '') => {
    if (value !== fallback) attributes.push([name, value]);
  };
  if (config.widget === 'carte') {
    add('regions', config.regions, 'current');
    add('region', config.region);
    add('department', config.department);
    add('view', config.view, 'both');
    add('mode', config.mode, 'markers');
  }
  if (config.widget === 'fiche') {
    add('pole-id', config.pole);
    add('variant', config.variant, 'full');
  }
  add('theme', config.theme, 'auto');
  attributes.push(['lang', config.lang]);
  add('heading-level', String(config.headingLevel), '2');
  return attributes;
}

/** `--ptce-color-accent: #8a2be2; …` for the chosen, valid colours. */
export function styleOf(config: Config): string {
  return COLOR_PROPERTIES.filter((name) => isColor(config.colors[name] ?? ''))
    .map((name) => `${name}: ${config.colors[name]}`)
    .join('; ');
}

const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function elementMarkup(config: Config, endpoint: string): string {
  const tag = ELEMENTS[config.widget];
  const style = styleOf(config);
  const attributes = [...elementAttributes(config, endpoint), ...(style ? [['style', style] as [string, string]] : [])];
  return `<${tag} ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ')}></${tag}>`;
}

export interface Sources {
  /** The discovery document's absolute URL. */
  endpoint: string;
  /** The versioned bundle's absolute URL, and its SRI hash when known. */
  bundleUrl: string;
  integrity?: string;
  /** The server's `/embed/` folder, absolute, ending with a slash. */
  embedBase: string;
}

export function scriptSnippet(config: Config, sources: Sources): string {
  const integrity = sources.integrity ? ` integrity="${sources.integrity}" crossorigin="anonymous"` : '';
  return `<script type="module" src="${escapeAttribute(sources.bundleUrl)}"${integrity}></script>\n${elementMarkup(config, sources.endpoint)}`;
}

/** The /embed/… page: the element's options as query parameters named as its attributes. */
export function embedUrl(config: Config, sources: Sources): string {
  const path = config.widget === 'fiche' ? `poles/${encodeURIComponent(config.pole)}` : config.widget;
  const url = new URL(path, sources.embedBase);
  for (const [name, value] of elementAttributes(config, sources.endpoint)) {
    if (name !== 'endpoint' && name !== 'pole-id') url.searchParams.set(name, value);
  }
  for (const name of COLOR_PROPERTIES) {
    const value = config.colors[name] ?? '';
    if (isColor(value)) url.searchParams.set(name.slice(2), value);
  }
  return url.href;
}

export function iframeSnippet(config: Config, sources: Sources, title: string): string {
  const src = embedUrl(config, sources);
  const origin = new URL(src).origin;
  return [
    `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" style="width: 100%; height: 600px; border: 0" loading="lazy"></iframe>`,
    '<script>',
    '  // The frame tells its height (message {type: "ptce:height", height}); the page follows it.',
    "  addEventListener('message', (event) => {",
    `    if (event.origin !== '${origin}' || event.data?.type !== 'ptce:height') return;`,
    "    for (const frame of document.querySelectorAll('iframe'))",
    '      if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(event.data.height)}px`;',
    '  });',
    '</script>',
  ].join('\n');
}

/** The plugin's French names and values (integrations/wordpress/ptce-widgets/includes/widgets.php). */
const SHORTCODE_VALUES: Record<string, [string, Record<string, string>?]> = {
  regions: ['regions', { current: 'actuelles', 2015: '2015' }],
  region: ['region'],
  department: ['departement'],
  view: ['vue', { both: 'les-deux', map: 'carte', list: 'liste' }],
  mode: ['mode', { markers: 'marqueurs', density: 'densite' }],
  'pole-id': ['pole'],
  variant: ['variante', { full: 'complete', compact: 'compacte' }],
  theme: ['theme', { auto: 'auto', system: 'systeme', light: 'clair', dark: 'sombre' }],
  lang: ['langue'],
  'heading-level': ['niveau_titre'],
  endpoint: ['endpoint'],
};
const SHORTCODE_COLORS: Record<ColorProperty, string> = {
  '--ptce-color-accent': 'couleur_accent',
  '--ptce-color-text': 'couleur_texte',
  '--ptce-color-surface': 'couleur_fond',
  '--ptce-color-border': 'couleur_bordure',
};

export function shortcodeSnippet(config: Config, sources: Sources): string {
  const parts = elementAttributes(config, sources.endpoint).map(([name, value]) => {
    const [french, values] = SHORTCODE_VALUES[name];
    return `${french}="${(values?.[value] ?? value).replace(/["\][]/g, '')}"`;
  });
  for (const name of COLOR_PROPERTIES) {
    const value = config.colors[name] ?? '';
    if (isColor(value)) parts.push(`${SHORTCODE_COLORS[name]}="${value}"`);
  }
  return `[ptce_${config.widget} ${parts.join(' ')}]`;
}
