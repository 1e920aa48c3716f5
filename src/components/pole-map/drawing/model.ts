// Where marks go: each pole placed on the basemap, poles on one spot spread apart, the neighbour
// for arrow keys (marks merged into bubbles: clustering.ts). Loaded with the map's drawing
// (drawing/map-view.ts); the element's own file needs only the types.
import type { Pole } from '../../../data/schemas/pole.js';
import { regionBefore2016, regionsIn, type RegionGeneration } from '../../../data/regions-2015.js';
import type { Basemap } from '../basemap.js';
import { INSETS, insetCenter, project, type Point } from '../projection.js';

/** A pole with where it goes on the map and what filters and search read. */
export interface PlacedPole {
  pole: Pole;
  /** Undefined when the pole has neither usable coordinates nor a known department. */
  point?: Point;
  /** Placed by its own coordinates (true) or at its department's centre (false). */
  exact: boolean;
  /** How precise its place is, as the legend and its marker say: never "at its address" unless known. */
  precision: MarkPrecision;
  regions: Record<RegionGeneration, string[]>;
  /** Name, carrier, commune, territory, departments and the titles of its fiches action, lower case without accents: made on the first search. */
  haystack?: string;
}

function departmentPoint(code: string, basemap: Basemap): Point | undefined {
  const inset = INSETS.find((candidate) => candidate.code === code);
  return inset ? insetCenter(inset) : basemap.departments.get(code)?.center;
}

/**
 * `address`, `commune`, `department` (a département's centre, given or for want of coordinates),
 * or `source` (coordinates whose precision the source does not say).
 */
export type MarkPrecision = 'address' | 'commune' | 'department' | 'source';

function precisionOf(pole: Pole, placedByItself: boolean): MarkPrecision {
  if (!placedByItself) return 'department';
  return pole.geo?.precision ?? (pole.address ? 'address' : 'source');
}

/** Its regions: from its départements, or the region it names when it has none. */
function regionsOf(pole: Pole, generation: RegionGeneration): string[] {
  const departments = pole.departments ?? [];
  if (departments.length || !pole.region) return regionsIn(generation, departments);
  return generation === 'current' ? [pole.region] : regionBefore2016(pole.region);
}

/** One pole's place and regions (its search text is made on the first search: selection.ts). */
export function placePole(pole: Pole, basemap: Basemap): PlacedPole {
  const departments = pole.departments ?? [];
  const exactPoint = pole.geo ? project(pole.geo.lat, pole.geo.lon) : undefined;
  const fallback = departments.length ? departmentPoint(departments[0], basemap) : undefined;
  return {
    pole,
    point: exactPoint ?? fallback,
    exact: !!exactPoint,
    precision: precisionOf(pole, !!exactPoint),
    regions: {
      current: regionsOf(pole, 'current'),
      '2015': regionsOf(pole, '2015'),
    },
  };
}

/** Poles on the very same spot are spread on a small ring around it. */
export function spreadSameSpot(placed: PlacedPole[]): PlacedPole[] {
  // Numeric keys (the point to a hundredth of a unit): building strings cost more than the rest.
  const bySpot = new Map<number, PlacedPole[]>();
  for (const item of placed) {
    if (!item.point) continue;
    const key = Math.round(item.point.x * 100) * 1e6 + Math.round(item.point.y * 100);
    const group = bySpot.get(key);
    if (group) group.push(item);
    else bySpot.set(key, [item]);
  }
  for (const group of bySpot.values()) {
    if (group.length < 2) continue;
    // Capped: hundreds of poles in one department stay a bubble there, not a ring across the country.
    const radius = Math.min(1.2 + group.length * 0.25, 6);
    group.forEach((item, i) => {
      const angle = (2 * Math.PI * i) / group.length;
      item.point = { x: item.point!.x + radius * Math.cos(angle), y: item.point!.y + radius * Math.sin(angle) };
    });
  }
  return placed;
}

export type Direction = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

/** The nearest marker in a direction (within a 90° cone), for arrow-key navigation on the map. */
export function nearestInDirection(from: Point, candidates: readonly Point[], direction: Direction): number {
  const [ux, uy] = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[direction];
  let best = -1;
  let bestScore = Infinity;
  candidates.forEach((p, index) => {
    const dx = p.x - from.x;
    const dy = p.y - from.y;
    const along = dx * ux + dy * uy;
    const across = Math.abs(dx * uy - dy * ux);
    if (along <= 0 || across > along) return;
    const score = along + 2 * across;
    if (score < bestScore) {
      bestScore = score;
      best = index;
    }
  });
  return best;
}
