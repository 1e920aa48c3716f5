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

export const q = <T extends Element = HTMLElement>(el: PtcePoleMap, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
export const all = <T extends Element = HTMLElement>(el: PtcePoleMap, selector: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(selector),
];
