import type { Message } from '../../i18n/types.js';
import { formatNumber } from '../../i18n/index.js';
import { en } from './en.js';
import { fr, type AdminKey } from './fr.js';

export type { AdminKey } from './fr.js';
export type AdminParams = Record<string, string | number>;
export type AdminTranslate = (key: AdminKey, params?: AdminParams) => string;

/** The admin page's own catalogs, both in its bundle (a page for a few people: no lazy loading). */
const catalogs: Record<string, { readonly [K in AdminKey]: Message }> = { fr, en };

/** An admin message in `lang` (French when the language has no catalog), its `{name}`s filled. */
export function adminTranslate(lang: string, key: AdminKey, params: AdminParams = {}): string {
  const message = (catalogs[lang] ?? fr)[key];
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = Number(params.count ?? 0);
    text = count === 0 && message.zero ? message.zero : new Intl.PluralRules(lang).select(count) === 'one' ? message.one : message.other;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}
