import type { Cluster } from './clustering.js';
import type { PlacedPole } from './model.js';
import type { Box } from './view-box.js';
import { whenIdle, type IdleWork } from '../idle.js';

/** A view the map may show next, and the marks' nominal radius there. */
export interface NextView {
  box: Box;
  radius: number;
}

/** From this many poles shown, the next zooms are grouped ahead (under it, grouping takes a fraction of a millisecond). */
export const AHEAD_FROM = 500;

const keyOf = ({ box, radius }: NextView) => `${radius} ${box.x} ${box.y} ${box.w} ${box.h}`;

/**
 * Idle, once the frame being prepared is painted: asked for before it, an idle callback may run
 * between a change and its frame (Chromium's idle periods are not cut short by a frame requested
 * in them), and delay that frame by the whole grouping.
 */
const afterPaintWhenIdle = (run: IdleWork): (() => void) => {
  let cancelIdle: (() => void) | undefined;
  let cancelled = false;
  const frame = requestAnimationFrame(() => setTimeout(() => cancelled || (cancelIdle = whenIdle(run))));
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
    cancelIdle?.();
  };
};

/**
 * The marks of the views the zoom buttons lead to, grouped while the page is idle: a zoom on
 * thousands of poles then only draws (`npm run bench:grouping`: 2 to 3 ms less before its frame at
 * 10,000 poles, 7 to 19 at 50,000), as leaflet.markercluster groups every zoom level ahead. Work done for poles since filtered away is
 * dropped, never shown.
 */
export class ClustersAhead {
  private visible?: readonly PlacedPole[];
  private ready = new Map<string, Cluster[]>();
  private cancel?: () => void;
  /** How long the last grouping took: it waits for an idle period at least that long. */
  private lastMs = 0;

  constructor(private readonly group: (visible: readonly PlacedPole[], view: NextView) => Cluster[]) {}

  /** Groups now, unless it was done ahead for these poles and this view. */
  clusters(visible: readonly PlacedPole[], view: NextView): Cluster[] {
    const done = visible === this.visible ? this.ready.get(keyOf(view)) : undefined;
    if (done) return done;
    const started = performance.now();
    const result = this.group(visible, view);
    this.lastMs = performance.now() - started;
    return result;
  }

  /** After a render: the views that may come next are grouped at the next idle moments, one at a time. */
  prepare(visible: readonly PlacedPole[], next: readonly NextView[]): void {
    this.stop();
    if (visible !== this.visible) this.ready.clear();
    this.visible = visible;
    const wanted = new Set(next.map(keyOf));
    for (const key of this.ready.keys()) if (!wanted.has(key)) this.ready.delete(key);
    const todo = next.filter((view) => !this.ready.has(keyOf(view)));
    const step: IdleWork = (deadline) => {
      this.cancel = undefined;
      // Not enough idle time left in this frame: the next idle moment (one frame's work at most is delayed).
      if (deadline.timeRemaining() >= Math.min(this.lastMs, 40)) {
        const view = todo.shift()!;
        this.ready.set(keyOf(view), this.clusters(visible, view));
      }
      if (todo.length) this.cancel = whenIdle(step);
    };
    if (todo.length) this.cancel = afterPaintWhenIdle(step);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
