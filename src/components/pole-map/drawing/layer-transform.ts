import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Box } from './view-box.js';

/** What the basemap's layers need from the map: the part of the map shown, and its shadow root. */
export interface LayersHost extends ReactiveControllerHost {
  viewBox: Box;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** From this zoom relative to the box the basemap was drawn at (or its inverse), it is drawn again (crisp). */
const MOST_SCALE = 2;

/**
 * The CSS transform that puts a layer drawn at `base` (its viewBox) where the view `view` shows
 * it, from its top left corner: a scale and a translation in % of the layer's own box, so that it
 * needs no measured width and is the same for every size. Empty when the two boxes are the same.
 */
export function transformBetween(base: Box, view: Box): string {
  const sx = base.w / view.w;
  const sy = base.h / view.h;
  const tx = ((base.x - view.x) / view.w) * 100;
  const ty = ((base.y - view.y) / view.h) * 100;
  if (sx === 1 && sy === 1 && tx === 0 && ty === 0) return '';
  return `translate(${tx}%, ${ty}%) scale(${sx}, ${sy})`;
}

/**
 * The basemap and tint layers follow zoom and pan with a CSS transform of layers the browser has
 * already rasterized, instead of a new viewBox it would rasterize again at each step (20–70 ms in
 * Chromium for the departments); the marks keep the real viewBox (cheap, and clicked). The layers
 * are drawn again at the view ("re-based") only when that is worth it: the zoom has reached ×2
 * or ×½ of their box, what they show changes, the view is reset, or a gesture has ended
 * (`settle`: the end of a drag or pinch, the mouse leaving the map, focus leaving its buttons).
 * Until then their lines are scaled with the rest, up to twice as thick or thin as drawn:
 * `non-scaling-stroke` counts the SVG's own viewBox, not a CSS transform on the SVG (seen in
 * Chromium and Firefox: a 1-unit stroke under scale(4) is 4 px wide), and undoing that would mean
 * painting again. Accepted: bounded to ×2, it lasts until the zoom ends, and costs no raster.
 */
export class BasemapLayers implements ReactiveController {
  /** The box the layers were last drawn at: their viewBox. */
  private base?: Box;
  private drawnFor: readonly unknown[] = [];
  private rebaseNext = false;
  private applied = '';

  constructor(private host: LayersHost) {
    host.addController(this);
  }

  /**
   * The layers' viewBox for this render: the same as before while the view stays between ×½ and ×2
   * of it, else the view's. `shown` is what the layers show: when it changes they are written
   * again anyway, at the view.
   */
  boxFor(view: Box, shown: readonly unknown[]): Box {
    const base = this.base;
    const scale = base ? base.w / view.w : 1;
    const changed = shown.length !== this.drawnFor.length || shown.some((value, i) => value !== this.drawnFor[i]);
    // (×2 itself included: a bubble activated zooms by exactly 2.)
    if (!base || changed || this.rebaseNext || scale >= MOST_SCALE || scale <= 1 / MOST_SCALE) this.base = view;
    this.drawnFor = shown;
    this.rebaseNext = false;
    return this.base!;
  }

  /**
   * A gesture ended: the layers are drawn again at the view if it is zoomed relative to them (a
   * pan alone keeps them: translated, they are as sharp as drawn again, and cost no raster).
   */
  settle = (event?: Event): void => {
    // A finger "leaves" the map each time it is lifted, a tap on + included: not the end of a zoom.
    if (event?.type === 'pointerleave' && (event as PointerEvent).pointerType !== 'mouse') return;
    if (!this.base || this.base.w === this.host.viewBox.w) return;
    this.rebase();
  };

  /** The next render draws the layers at the view. */
  rebase(): void {
    this.rebaseNext = true;
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const transform = this.base ? transformBetween(this.base, this.host.viewBox) : '';
    if (transform === this.applied) return;
    this.applied = transform;
    for (const layer of this.host.renderRoot.querySelectorAll<SVGSVGElement>('svg.basemap')) layer.style.transform = transform;
  }
}
