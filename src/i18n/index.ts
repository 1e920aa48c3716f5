import type { fr } from './fr.js';
import { common } from './fr/common.js';
import { errors } from './fr/errors.js';
import type { Message } from './types.js';

export type { Message } from './types.js';
export type MessageKey = keyof typeof fr;
/** A language's messages: all the keys of the French catalog, no more, no fewer. */
export type Catalog = { readonly [K in MessageKey]: Message };
export type Params = Record<string, string | number>;
/** An element's `t`, as render helpers take it. */
export type Translate = (key: MessageKey, params?: Params) => string;

export const DEFAULT_LANG = 'fr';

/**
 * Loaded messages by language. French holds the shared states, the failures' sentences (with every
 * element: offline, exactly when "vérifiez votre connexion" is needed, no chunk could bring them)
 * and the parts the widgets on the page registered (see registerMessages); the other languages
 * come whole when a page uses them.
 */
const catalogs = new Map<string, Partial<Catalog>>([['fr', { ...common, ...errors }]]);

/** Adds a widget's French messages (each widget brings its own part of the catalog). */
export function registerMessages(lang: string, messages: Partial<Catalog>): void {
  catalogs.set(lang, { ...catalogs.get(lang), ...messages });
}

/**
 * The other languages shipped with the library, loaded on first use so a French page never
 * downloads them. A new language is one file in src/i18n/ plus its line here.
 */
const lazyCatalogs: Record<string, () => Promise<Catalog>> = {
  en: () => import('./en.js').then((module) => module.en),
};
const loading = new Map<string, Promise<void>>();

/** Adds a language at run time: a partner can ship its own catalog without rebuilding the library. */
export function registerLocale(code: string, catalog: Catalog): void {
  catalogs.set(code.toLowerCase(), catalog);
}

const known = (code: string) => catalogs.has(code) || code in lazyCatalogs;

/** "fr-FR" → "fr", "EN" → "en"; undefined when no catalog matches. */
export function supportedLang(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().toLowerCase();
  if (known(lower)) return lower;
  const base = lower.split('-')[0];
  return known(base) ? base : undefined;
}

export function isLangLoaded(code: string): boolean {
  return catalogs.has(code);
}

/** Loads a shipped language's catalog once; resolves when `translate` can use it. */
export function loadLang(code: string): Promise<void> {
  if (catalogs.has(code) || !lazyCatalogs[code]) return Promise.resolve();
  let pending = loading.get(code);
  if (!pending) {
    pending = lazyCatalogs[code]().then(
      (catalog) => void catalogs.set(code, catalog),
      (error: unknown) => {
        // Offline: a later change of language may try again.
        loading.delete(code);
        throw error;
      },
    );
    loading.set(code, pending);
  }
  return pending;
}

/** Intl objects are costly to build (a map renders hundreds of labels): one per language and options. */
const formatters = new Map<string, Intl.NumberFormat | Intl.PluralRules | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.PluralRules | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

export function translate(lang: string, key: MessageKey, params: Params = {}): string {
  const message: Message = catalogs.get(lang)?.[key] ?? catalogs.get(DEFAULT_LANG)?.[key] ?? key;
  let text: string;
  if (typeof message === 'string') {
    text = message;
  } else {
    const count = Number(params.count ?? 0);
    const form = count === 0 && message.zero ? 'zero' : cached(`plural:${lang}`, () => new Intl.PluralRules(lang)).select(count);
    text = form === 'zero' ? message.zero! : form === 'one' ? message.one : message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

export function formatNumber(lang: string, value: number, options?: Intl.NumberFormatOptions): string {
  return cached(`number:${lang}:${JSON.stringify(options ?? {})}`, () => new Intl.NumberFormat(lang, options)).format(value);
}

/** Compact euros for figures such as turnover: "9 M€" in French, "€9M" in English. */
export function formatEuros(lang: string, value: number): string {
  return cached(
    `euros:${lang}`,
    () =>
      new Intl.NumberFormat(lang, {
        style: 'currency',
        currency: 'EUR',
        notation: 'compact',
        minimumFractionDigits: 0,
        maximumFractionDigits: 1,
      }),
  ).format(value);
}

/** A calendar date ("2014-09-19") in words: "19 septembre 2014", "19 September 2014". */
export function formatDate(lang: string, isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  // Noon UTC keeps the calendar day whatever the reader's time zone.
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], 12));
  return cached(`date:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })).format(date);
}

export function formatBytes(lang: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(lang, { style: 'unit', unit: units[unit], minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(
    value,
  );
}
