// Where marks go: each pole placed on the basemap, poles on one spot spread apart, marks merged
// into bubbles so none overlap, the neighbour for arrow keys. Loaded with the map's drawing
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

/** A marker on screen: one pole, or a bubble of poles too close to tell apart at this zoom. */
export interface Cluster {
  x: number;
  y: number;
  members: PlacedPole[];
}

/** A mark's radius for `count` poles, `radius` being a pole's nominal one: bubbles grow with their count. */
export function markRadius(count: number, radius: number): number {
  return count === 1 ? radius * 0.75 : radius * (1 + Math.min(0.8, Math.log10(count) * 0.5));
}
/** The largest mark: `markRadius` never exceeds this many nominal radii. */
const LARGEST = 1.8;

/** How far apart marks may be and still merge, in nominal radii: the first, then wider for a crowded view. */
const SPACINGS = [2.4, 3.6, 5.4, 8, 12];

/** At most `most` marks where `inView` says (the rest of the map may hold more). */
export interface Crowding {
  most: number;
  inView: (cluster: Cluster) => boolean;
}

/**
 * Merges markers closer than 2.4 nominal radii (viewBox units) into bubbles, then merges every two
 * marks whose circles would overlap (with `gap` between them) until none do, so no two marks ever
 * cover each other at this zoom. With `crowding`, marks merge from further apart (the next
 * spacings) until at most `most` are in view: a crowded map reads no better, and every mark costs
 * layout and paint. Linear in the number of poles (50,000 included).
 */
export function clusterPoles(placed: readonly PlacedPole[], radius: number, crowding?: Crowding, gap = radius / 4): Cluster[] {
  let spacing = SPACINGS[0];
  let clusters = gather(placed, radius * spacing);
  while (crowding && spacing < SPACINGS[SPACINGS.length - 1]) {
    // Before the overlaps are merged: `separate` only lowers the count.
    let count = 0;
    for (const c of clusters) if (crowding.inView(c)) count++;
    if (count <= crowding.most) break;
    // Marks in a crowded area thin out about as the square of the spacing: one step or more at once.
    const wanted = spacing * Math.sqrt(count / crowding.most);
    spacing = SPACINGS.find((s) => s >= wanted) ?? SPACINGS[SPACINGS.length - 1];
    clusters = gather(placed, radius * spacing);
  }
  return separate(clusters, placed, radius, gap);
}

/**
 * Each point joins the first cluster closer than `distance`, else starts one. Points go into a grid,
 * so each one is compared only with the clusters of its 9 neighbouring cells.
 */
function gather(placed: readonly PlacedPole[], distance: number): Cluster[] {
  // Numeric cell keys: string keys cost more than the clustering itself at 50,000 poles.
  const grid = new Map<number, Cluster[]>();
  const clusters: Cluster[] = [];
  const cell = (v: number) => Math.floor(v / distance);
  const key = (cx: number, cy: number) => cx * 1_000_003 + cy;
  const limit = distance * distance;
  for (const item of placed) {
    const point = item.point;
    if (!point) continue;
    const cx = cell(point.x);
    const cy = cell(point.y);
    let target: Cluster | undefined;
    for (let dx = -1; dx <= 1 && !target; dx++) {
      for (let dy = -1; dy <= 1 && !target; dy++) {
        const near = grid.get(key(cx + dx, cy + dy));
        if (!near) continue;
        for (const c of near) {
          const ex = c.x - point.x;
          const ey = c.y - point.y;
          if (ex * ex + ey * ey < limit) {
            target = c;
            break;
          }
        }
      }
    }
    if (target) {
      const n = target.members.push(item);
      target.x += (point.x - target.x) / n;
      target.y += (point.y - target.y) / n;
    } else {
      target = { x: point.x, y: point.y, members: [item] };
      clusters.push(target);
      const own = grid.get(key(cx, cy));
      if (own) own.push(target);
      else grid.set(key(cx, cy), [target]);
    }
  }
  return clusters;
}

/**
 * Bubbles grow and drift to their members' centre, so two marks may end up overlapping: each pass
 * merges every mark into an earlier one it touches; a pass without a merge proves that no two touch
 * (the grid's cells are as wide as the largest possible contact distance).
 */
function separate(clusters: Cluster[], placed: readonly PlacedPole[], radius: number, gap: number): Cluster[] {
  const reach = 2 * LARGEST * radius + gap;
  const key = (cx: number, cy: number) => cx * 1_000_003 + cy;
  let mergedAny = false;
  for (;;) {
    const grid = new Map<number, Cluster[]>();
    const kept: Cluster[] = [];
    let merged = false;
    for (const c of clusters) {
      const cx = Math.floor(c.x / reach);
      const cy = Math.floor(c.y / reach);
      const rc = markRadius(c.members.length, radius);
      let into: Cluster | undefined;
      for (let dx = -1; dx <= 1 && !into; dx++) {
        for (let dy = -1; dy <= 1 && !into; dy++) {
          for (const d of grid.get(key(cx + dx, cy + dy)) ?? []) {
            const touch = rc + markRadius(d.members.length, radius) + gap;
            if ((d.x - c.x) ** 2 + (d.y - c.y) ** 2 < touch * touch) {
              into = d;
              break;
            }
          }
        }
      }
      if (into) {
        const a = into.members.length;
        const b = c.members.length;
        into.x = (into.x * a + c.x * b) / (a + b);
        into.y = (into.y * a + c.y * b) / (a + b);
        for (const m of c.members) into.members.push(m);
        merged = mergedAny = true;
      } else {
        kept.push(c);
        const k = key(cx, cy);
        const own = grid.get(k);
        if (own) own.push(c);
        else grid.set(k, [c]);
      }
    }
    clusters = kept;
    if (!merged) break;
  }
  if (mergedAny) {
    // Members in the list's order again (the bubble's label names the first ones).
    const order = new Map<PlacedPole, number>();
    placed.forEach((item, index) => order.set(item, index));
    for (const c of clusters) if (c.members.length > 1) c.members.sort((a, b) => order.get(a)! - order.get(b)!);
  }
  return clusters;
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
