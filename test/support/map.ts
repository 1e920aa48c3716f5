import { fixture, type html } from '@open-wc/testing';
import type { PtcePoleMap } from '../../src/components/pole-map/ptce-pole-map.js';
import { until } from './wait.js';

/** A map mounted and loaded (its count shown). */
export async function mapOf(template: ReturnType<typeof html>): Promise<PtcePoleMap> {
  const el = await fixture<PtcePoleMap>(template);
  await until(() => el.data.state.status === 'ready' && el.shadowRoot!.querySelector('.count'), 'map ready');
  await el.updateComplete;
  return el;
}

/** The map's shadow root, then its drawing's (<ptce-pole-map-view>, the map frame with its marks). */
const roots = (el: PtcePoleMap): ShadowRoot[] => {
  const drawing = el.shadowRoot!.querySelector('ptce-pole-map-view')?.shadowRoot;
  return drawing ? [el.shadowRoot!, drawing] : [el.shadowRoot!];
};

export const q = <T extends Element = HTMLElement>(el: PtcePoleMap, selector: string) =>
  roots(el)
    .map((root) => root.querySelector<T>(selector))
    .find(Boolean)!;
export const all = <T extends Element = HTMLElement>(el: PtcePoleMap, selector: string) =>
  roots(el).flatMap((root) => [...root.querySelectorAll<T>(selector)]);

/** What has the focus inside the map, through its drawing's shadow root. */
export function focusedIn(el: PtcePoleMap): Element | null {
  let focused = el.shadowRoot!.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  return focused;
}
