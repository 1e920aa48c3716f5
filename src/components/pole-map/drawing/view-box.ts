import { VIEWBOX } from '../projection.js';

/** The part of the map shown, in the basemap's coordinates (the SVG's viewBox). */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const FULL: Box = { x: VIEWBOX.x, y: VIEWBOX.y, w: VIEWBOX.width, h: VIEWBOX.height };

/** A view box around a rectangle, with a margin, in the map's proportions. */
export function fit(minX: number, minY: number, maxX: number, maxY: number): Box {
  const margin = 0.12;
  let w = Math.max(maxX - minX, 20) * (1 + 2 * margin);
  let h = Math.max(maxY - minY, 20) * (1 + 2 * margin);
  const ratio = FULL.w / FULL.h;
  if (w / h > ratio) h = w / ratio;
  else w = h * ratio;
  return { x: (minX + maxX) / 2 - w / 2, y: (minY + maxY) / 2 - h / 2, w, h };
}

/** Zoomed by `factor` (within 1/1.5× and 24× of the whole map); the point `center` stays put. */
export function zoomed(b: Box, factor: number, center?: { x: number; y: number }): Box {
  const w = Math.min(FULL.w * 1.5, Math.max(FULL.w / 24, b.w / factor));
  const h = (w * b.h) / b.w;
  const cx = center?.x ?? b.x + b.w / 2;
  const cy = center?.y ?? b.y + b.h / 2;
  return { x: cx - ((cx - b.x) * w) / b.w, y: cy - ((cy - b.y) * h) / b.h, w, h };
}

/** Zoomed in on points, at least 2× from `current`, so that a bubble of them splits. */
export function zoomedOn(points: readonly { x: number; y: number }[], current: Box): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const box = fit(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  const w = Math.min(box.w, current.w / 2);
  const h = (w * FULL.h) / FULL.w;
  return { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h };
}
