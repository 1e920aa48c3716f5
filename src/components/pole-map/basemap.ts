import type { RegionGeneration } from '../../data/regions-2015.js';
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

export interface RegionOutline {
  path: string;
  polygons: Point[][];
}

export interface Basemap {
  /** The 96 metropolitan departments. */
  departments: Map<string, BasemapDepartment>;
  /** The five overseas departments, in their insets' coordinates. */
  overseas: Map<string, BasemapDepartment>;
  /** A region's outline, undefined for a code without departments on the map. */
  regionOutline(generation: RegionGeneration, code: string): RegionOutline | undefined;
}

let loading: Promise<Basemap> | undefined;

/** Loads the basemap (about 28 KB gzipped) the first time a map needs it, once per page. */
export function loadBasemap(): Promise<Basemap> {
  loading ??= import('./geometry.js').then(({ createBasemap }) => createBasemap());
  return loading;
}
