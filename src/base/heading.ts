import { html, nothing, type TemplateResult } from 'lit';

// One template per level: cheaper than lit/static-html for six fixed tags.
const LEVELS: ((id: string | typeof nothing, content: unknown) => TemplateResult)[] = [
  (id, content) => html`<h1 id=${id}>${content}</h1>`,
  (id, content) => html`<h2 id=${id}>${content}</h2>`,
  (id, content) => html`<h3 id=${id}>${content}</h3>`,
  (id, content) => html`<h4 id=${id}>${content}</h4>`,
  (id, content) => html`<h5 id=${id}>${content}</h5>`,
  (id, content) => html`<h6 id=${id}>${content}</h6>`,
];

/**
 * A real heading (h1–h6) at `base + depth`, so a widget's headings fit the outline of the page it
 * is pasted in (`heading-level` attribute). Levels past 6 stay at 6.
 */
export function heading(base: number, depth: number, content: unknown, id?: string): TemplateResult {
  const level = Math.min(6, Math.max(1, Math.round(base || 2) + depth));
  return LEVELS[level - 1](id ?? nothing, content);
}
