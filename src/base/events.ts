import type { DroppedField, SkippedRecord } from '../data/validate.js';

/**
 * The events our elements fire, by name, with their `detail`. Components add theirs by declaration
 * merging, so `emit()` is typed everywhere.
 */
export interface PtceEventMap {
  /**
   * Some records of a list were invalid and left out (`records`), or kept without some unusable
   * optional fields (`fields`: record, field, reason); everything valid is shown.
   */
  'ptce-data-warning': { url: string; skipped: number; records: SkippedRecord[]; fields: DroppedField[] };
}

/** Each of our events as `addEventListener` sees it: a CustomEvent with the detail above. */
export type PtceEvents = { [K in keyof PtceEventMap]: CustomEvent<PtceEventMap[K]> };

declare global {
  // Typed listeners on any element (events bubble and cross shadow roots): `el.addEventListener(
  // 'ptce-pole-select', (e) => e.detail.id)`.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends PtceEvents {}
}
