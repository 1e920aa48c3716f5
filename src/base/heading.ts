import { html, nothing, type TemplateResult } from 'lit';

/** The level of an element's top heading when the page says nothing. */
export const DEFAULT_HEADING_LEVEL = 2;

type Attr = string | typeof nothing;
// One template per level: cheaper than lit/static-html for six fixed tags.
const LEVELS: ((id: Attr, content: unknown, part: Attr) => TemplateResult)[] = [
  (id, content, part) => html`<h1 id=${id} part=${part}>${content}</h1>`,
  (id, content, part) => html`<h2 id=${id} part=${part}>${content}</h2>`,
  (id, content, part) => html`<h3 id=${id} part=${part}>${content}</h3>`,
  (id, content, part) => html`<h4 id=${id} part=${part}>${content}</h4>`,
  (id, content, part) => html`<h5 id=${id} part=${part}>${content}</h5>`,
  (id, content, part) => html`<h6 id=${id} part=${part}>${content}</h6>`,
];

/**
 * A real heading (h1–h6) at `base + depth`, so a widget's headings fit the outline of the page it
 * is pasted in. One rule for every element: its `heading-level` attribute (default 2, a section
 * under the page's h1) is the level of its top heading, and its inner headings come below it.
 * Levels past 6 stay at 6.
 */
export function heading(base: number, depth: number, content: unknown, id?: string, part?: string): TemplateResult {
  const level = Math.min(6, Math.max(1, Math.round(base || DEFAULT_HEADING_LEVEL) + depth));
  return LEVELS[level - 1](id ?? nothing, content, part ?? nothing);
}
