import { chunk } from '../../data/chunk.js';
import type { Result } from '../../data/failure.js';
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

/**
 * The map's drawing (`drawing/`: the <ptce-pole-map-view> element, defined as its chunk runs) with
 * the basemap and the placing of poles on it, loaded together when a map is first drawn.
 */
export type MapKit = typeof import('./drawing/map-view.js');

/**
 * Loads the basemap's geometry and the code that draws on it (about 33 KB gzipped) the first time a
 * map needs them, once per page however many maps it holds; a failed download is a failure, and
 * the next call tries again.
 */
export const loadMapKit: () => Promise<Result<MapKit>> = chunk((retry) =>
  retry ? import(`./drawing/map-view.js${retry}`) : import('./drawing/map-view.js'),
);

export async function loadBasemap(): Promise<Basemap> {
  const kit = await loadMapKit();
  if (!kit.ok) throw new Error(`the map's drawing did not load (${kit.failure.kind})`);
  return kit.value.basemap;
}
