import { nothing } from 'lit';
import { html, unsafeStatic } from 'lit/static-html.js';

/**
 * A real heading (h1–h6) at `base + depth`, so a widget's headings fit the outline of the page it
 * is pasted in (`heading-level` attribute). Levels past 6 stay at 6.
 */
export function heading(base: number, depth: number, content: unknown, id?: string) {
  const level = Math.min(6, Math.max(1, Math.round(base || 2) + depth));
  const tag = unsafeStatic(`h${level}`);
  return html`<${tag} id=${id ?? nothing}>${content}</${tag}>`;
}
