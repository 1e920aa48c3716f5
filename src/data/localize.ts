import type { LocalizedText } from './schemas/common.js';

/** Picks the text for `lang`, else French, else the first one given. */
export function localize(text: LocalizedText | undefined, lang: string): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.fr ?? Object.values(text)[0] ?? '';
}
