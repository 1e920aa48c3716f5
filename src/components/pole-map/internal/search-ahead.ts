import type { ReactiveController } from 'lit';
import type { PlacedPole } from '../drawing/model.js';
import { whenIdle, type IdleWork } from '../idle.js';
import { prepareSearch } from '../selection.js';

/** From this many poles, their search texts are made ahead (a millisecond or two per thousand). */
export const SEARCH_AHEAD_FROM = 2000;
/** At most this long at a time, whatever the idle period (WebKit's stand-in for one says 50 ms). */
const SLICE_MS = 8;

/**
 * The search texts of a large directory, made while the page is idle once its poles are shown:
 * the first search then only compares (at 50,000 poles, tens of milliseconds less on the first
 * keystroke). Made for poles since replaced by others, the work stops.
 */
export class SearchAhead implements ReactiveController {
  private poles?: readonly PlacedPole[];
  private cancel?: () => void;

  /** `placed`: the poles shown, once loaded. */
  constructor(private readonly placed: () => readonly PlacedPole[] | undefined) {}

  hostUpdated(): void {
    const poles = this.placed();
    if (poles === this.poles) return;
    this.hostDisconnected();
    this.poles = poles;
    if (!poles || poles.length < SEARCH_AHEAD_FROM) return;
    const slice: IdleWork = (deadline) => {
      const start = performance.now();
      const done = prepareSearch(poles, () => deadline.timeRemaining() < 1 || performance.now() - start > SLICE_MS);
      this.cancel = done ? undefined : whenIdle(slice);
    };
    this.cancel = whenIdle(slice);
  }

  hostDisconnected(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.poles = undefined;
  }
}
