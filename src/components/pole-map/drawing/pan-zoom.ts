import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { zoomed, type Box } from './view-box.js';

/** What the pan and zoom gestures need from the map: its view box and its SVG. */
export interface PanZoomHost extends ReactiveControllerHost {
  viewBox: Box;
  readonly mapSvg: SVGSVGElement | null;
}

/** Wheel zoom, drag to pan and two-finger pinch on the map's SVG. */
export class PanZoom implements ReactiveController {
  private pointers = new Map<number, { x: number; y: number }>();
  /** True from the moment a press has moved far enough to be a drag, until just after its click. */
  dragged = false;

  /** `settled` is called when a drag or pinch ends (the basemap may be drawn again then). */
  constructor(
    private host: PanZoomHost,
    private settled: () => void = () => {},
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.pointers.clear();
  }

  zoom(factor: number, center?: { x: number; y: number }): void {
    this.host.viewBox = zoomed(this.host.viewBox, factor, center);
  }

  private toMap(event: { clientX: number; clientY: number }) {
    const box = this.host.viewBox;
    const rect = this.host.mapSvg!.getBoundingClientRect();
    return { x: box.x + ((event.clientX - rect.left) / rect.width) * box.w, y: box.y + ((event.clientY - rect.top) / rect.height) * box.h };
  }

  onWheel = (event: WheelEvent) => {
    event.preventDefault();
    this.zoom(event.deltaY < 0 ? 1.25 : 1 / 1.25, this.toMap(event));
  };

  onPointerDown = (event: PointerEvent) => {
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    this.dragged = false;
  };

  /**
   * The map captures the pointer only once a drag has really started: captured from pointerdown,
   * Chromium and Firefox send the click to the map instead of the marker under the pointer.
   */
  private capture(event: PointerEvent) {
    const map = event.currentTarget as Element;
    if (map.hasPointerCapture?.(event.pointerId)) return;
    try {
      map.setPointerCapture(event.pointerId);
    } catch {
      // A pointer the browser no longer tracks: dragging still works while it stays over the map.
    }
  }

  onPointerMove = (event: PointerEvent) => {
    const previous = this.pointers.get(event.pointerId);
    if (!previous) return;
    const rect = (event.currentTarget as Element).getBoundingClientRect();
    const box = this.host.viewBox;
    const scale = box.w / rect.width;
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      const before = Math.hypot(a.x - b.x, a.y - b.y);
      this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      const [c, d] = [...this.pointers.values()];
      const after = Math.hypot(c.x - d.x, c.y - d.y);
      if (before > 0) this.zoom(after / before, this.toMap({ clientX: (c.x + d.x) / 2, clientY: (c.y + d.y) / 2 }));
      this.dragged = true;
      this.capture(event);
      return;
    }
    const dx = event.clientX - previous.x;
    const dy = event.clientY - previous.y;
    if (!this.dragged && Math.hypot(dx, dy) < 4) return;
    this.dragged = true;
    this.capture(event);
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    this.host.viewBox = { ...box, x: box.x - dx * scale, y: box.y - dy * scale };
    this.host.mapSvg?.classList.add('dragging');
  };

  onPointerUp = (event: PointerEvent) => {
    this.pointers.delete(event.pointerId);
    this.host.mapSvg?.classList.remove('dragging');
    // A click that ends a drag must not select the marker under the pointer.
    if (this.dragged) setTimeout(() => (this.dragged = false));
    if (this.dragged && !this.pointers.size) this.settled();
  };
}
