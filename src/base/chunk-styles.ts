import { adoptStyles, type CSSResult, type LitElement } from 'lit';

/**
 * Adds the styles of a part loaded on demand (a mode, the map's drawing) to an element's own: they
 * travel in the part's chunk, not in the element's file.
 */
export function addChunkStyles(element: LitElement, styles: CSSResult): void {
  const own = (element.constructor as typeof LitElement).elementStyles;
  adoptStyles(element.renderRoot as ShadowRoot, [...own, styles]);
}
