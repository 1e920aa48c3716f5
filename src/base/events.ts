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
