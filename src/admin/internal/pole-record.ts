import type { Pole } from '../../data/schemas/pole.js';

/** A pole as the admin routes give it: the contract's record, its version and whether archived. */
export interface PoleRecord {
  id: string;
  pole: Pole;
  version: number;
  archivedAt: string | null;
  updatedAt: string;
}

declare global {
  interface HTMLElementEventMap {
    /** A pole was saved, archived or restored: its new record (the revisions and list reload). */
    'ptce-admin-pole-changed': CustomEvent<PoleRecord>;
  }
}

/** Tells the poles section that `record` is the pole's new state. */
export function poleChanged(from: HTMLElement, record: PoleRecord): void {
  from.dispatchEvent(new CustomEvent('ptce-admin-pole-changed', { detail: record, bubbles: true, composed: true }));
}
