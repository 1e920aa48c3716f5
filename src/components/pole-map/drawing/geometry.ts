import type { RegionGeneration } from '../../../data/regions-2015.js';
import { DEPARTMENT_PATHS, OVERSEAS_PATHS, REGION_OUTLINES } from './basemap-data.js';
import type { Basemap, BasemapDepartment, RegionOutline } from '../basemap.js';
import type { Point } from '../projection.js';

// Loaded on demand with the basemap's data (see loadBasemap): none of this is in a map's first load.

/**
 * Rings of absolute points from the generated paths: each ring starts with an absolute `M`, then
 * relative (`l`) or absolute (`L`) lines, and ends with `z`.
 */
export function parsePolygons(d: string): Point[][] {
  const tokens = d.match(/[MLZmlz]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  const polygons: Point[][] = [];
  let current: Point[] = [];
  let command = 'M';
  let x = 0;
  let y = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (/[a-z]/i.test(token)) {
      command = token;
      if (command === 'z' || command === 'Z') [x, y] = current[0] ? [current[0].x, current[0].y] : [x, y];
      else if (command === 'M' || command === 'm') polygons.push((current = []));
      continue;
    }
    const relative = command === 'l' || command === 'm';
    x = (relative ? x : 0) + Number(token);
    y = (relative ? y : 0) + Number(tokens[++i]);
    current.push({ x, y });
  }
  return polygons.filter((p) => p.length > 2);
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

/** Even-odd: a point in a hole (a ring inside another) is outside. */
export function insidePolygons(point: Point, polygons: Point[][]): boolean {
  let inside = false;
  for (const polygon of polygons) {
    for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
      const a = polygon[i];
      const b = polygon[j];
      if (a.y > point.y !== b.y > point.y && point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
    }
  }
  return inside;
}

export function boxOf(polygons: Point[][]) {
  const all = polygons.flat();
  return {
    minX: Math.min(...all.map((p) => p.x)),
    minY: Math.min(...all.map((p) => p.y)),
    maxX: Math.max(...all.map((p) => p.x)),
    maxY: Math.max(...all.map((p) => p.y)),
  };
}

function department(id: string, name: string, path: string): BasemapDepartment {
  const polygons = parsePolygons(path);
  const largest = polygons.map(areaAndCentroid).sort((p, q) => q.area - p.area)[0];
  return { id, name, path, center: largest.center, polygons, bbox: boxOf(polygons) };
}

const round = (v: number) => Math.round(v * 100) / 100;

export function createBasemap(): Basemap {
  const departments = new Map(Object.entries(DEPARTMENT_PATHS).map(([id, [name, path]]) => [id, department(id, name, path)]));
  const overseas = new Map(Object.entries(OVERSEAS_PATHS).map(([id, path]) => [id, department(id, id, path)]));
  const outlines = new Map<string, RegionOutline | undefined>();
  // The outlines were dissolved at build time as runs along the departments' rings: following
  // them here draws exactly the departments' own borders.
  const regionOutline = (generation: RegionGeneration, code: string) => {
    const key = `${generation}:${code}`;
    if (!outlines.has(key)) {
      const polygons = REGION_OUTLINES[generation][code]?.map((ring) =>
        ring.flatMap(([id, r, first, count]) => {
          const points = departments.get(id)!.polygons[r];
          return Array.from({ length: count }, (_, k) => points[(first + k) % points.length]);
        }),
      );
      outlines.set(
        key,
        polygons && { polygons, path: polygons.map((ring) => `M${ring.map((p) => `${round(p.x)} ${round(p.y)}`).join('L')}Z`).join('') },
      );
    }
    return outlines.get(key);
  };
  return { departments, overseas, regionOutline };
}
