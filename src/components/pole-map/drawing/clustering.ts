// Marks merged into bubbles so that none overlap (clusterPoles). The grouping works on typed
// arrays reused from one grouping to the next, and makes the marks' objects only for its result:
// at 50,000 poles, an object, an array and a Map entry per cluster cost more than the grouping.
import type { PlacedPole } from './model.js';

/** A marker on screen: one pole, or a bubble of poles too close to tell apart at this zoom. */
export interface Cluster {
  x: number;
  y: number;
  members: PlacedPole[];
}

/** At most `most` marks where `inView` says (the rest of the map may hold more). */
export interface Crowding {
  most: number;
  inView: (cluster: Cluster) => boolean;
}

/** A mark's radius for `count` poles, `radius` being a pole's nominal one: bubbles grow with their count. */
export function markRadius(count: number, radius: number): number {
  return count === 1 ? radius * 0.75 : radius * (1 + Math.min(0.8, Math.log10(count) * 0.5));
}
/** The largest mark: `markRadius` never exceeds this many nominal radii. */
const LARGEST = 1.8;

/** How far apart marks may be and still merge, in nominal radii: the first, then wider for a crowded view. */
const SPACINGS = [2.4, 3.6, 5.4, 8, 12];

// The state of the grouping under way, in typed arrays kept from one grouping to the next (a
// grouping runs at once, start to end: it is never shared).

// Made by the first grouping, larger when one has more poles:
/** Each pole's point (read once: the grouping may pass over them several times); -1: not placed, else its cluster. */
let pointX: Float64Array, pointY: Float64Array, clusterOf: Int32Array;
/** Each cluster, by number: its centre, how many poles it holds, the next in its cell, what it merged into (-1: none). */
let centreX: Float64Array, centreY: Float64Array, count: Int32Array, next: Int32Array, mergedInto: Int32Array;
/** The clusters kept, in order. */
let kept: Int32Array;

function readPoints(placed: readonly PlacedPole[]): void {
  if (!clusterOf || clusterOf.length < placed.length) {
    const size = Math.max(placed.length, (clusterOf?.length ?? 0) * 2);
    [pointX, pointY, centreX, centreY] = [0, 0, 0, 0].map(() => new Float64Array(size));
    [clusterOf, count, next, mergedInto, kept] = [0, 0, 0, 0, 0].map(() => new Int32Array(size));
  }
  placed.forEach(({ point }, i) => {
    clusterOf[i] = point ? 0 : -1;
    if (point) {
      pointX[i] = point.x;
      pointY[i] = point.y;
    }
  });
}

// Grid cells, each with the list of the clusters that started in it (in their order, linked by
// `next`), in an open-addressing hash table: only the cells that hold a cluster take room.
let cellX: Int32Array, cellY: Int32Array;
/** A cell's first and last cluster; -1: the slot is free. */
let head: Int32Array, tail: Int32Array;
let mask = 0;

/** Empties the table, with room for `cells` cells at most. */
function resetCells(cells: number): void {
  let size = 64;
  while (size < cells * 2) size *= 2;
  if (!head || head.length < size) [cellX, cellY, head, tail] = [0, 0, 0, 0].map(() => new Int32Array(size));
  mask = size - 1;
  head.fill(-1, 0, size);
}

function slotOf(x: number, y: number): number {
  let s = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77)) & mask;
  while (head[s] !== -1 && (cellX[s] !== x || cellY[s] !== y)) s = (s + 1) & mask;
  return s;
}

/** The first cluster of the cell, or -1. */
const firstIn = (x: number, y: number) => head[slotOf(x, y)];

/** Puts cluster `c` last in its cell's list. */
function addTo(x: number, y: number, c: number): void {
  const s = slotOf(x, y);
  next[c] = -1;
  if (head[s] === -1) {
    cellX[s] = x;
    cellY[s] = y;
    head[s] = c;
  } else next[tail[s]] = c;
  tail[s] = c;
}

/**
 * Merges markers closer than 2.4 nominal radii (viewBox units) into bubbles, then merges every two
 * marks whose circles would overlap (with `gap` between them) until none do, so no two marks ever
 * cover each other at this zoom. With `crowding`, marks merge from further apart (the next
 * spacings) until at most `most` are in view: a crowded map reads no better, and every mark costs
 * layout and paint. Linear in the number of poles (50,000 included). A bubble's members are in the
 * order of `placed` (its label names the first ones).
 */
export function clusterPoles(placed: readonly PlacedPole[], radius: number, crowding?: Crowding, gap = radius / 4): Cluster[] {
  readPoints(placed);
  const poles = placed.length;
  let spacing = SPACINGS[0];
  let clusters = gather(poles, radius * spacing);
  const probe: Cluster = { x: 0, y: 0, members: [] };
  while (crowding && spacing < SPACINGS[SPACINGS.length - 1]) {
    // Before the overlaps are merged: `separate` only lowers the count.
    let shown = 0;
    for (let c = 0; c < clusters; c++) {
      probe.x = centreX[c];
      probe.y = centreY[c];
      if (crowding.inView(probe)) shown++;
    }
    if (shown <= crowding.most) break;
    // Marks in a crowded area thin out about as the square of the spacing: one step or more at once.
    const wanted = spacing * Math.sqrt(shown / crowding.most);
    spacing = SPACINGS.find((s) => s >= wanted) ?? SPACINGS[SPACINGS.length - 1];
    clusters = gather(poles, radius * spacing);
  }
  return marks(placed, clusters, separate(clusters, radius, gap));
}

/**
 * Each pole's point joins the first cluster closer than `distance` (its centre moving to the mean
 * of its points), else starts one. Points go into a grid, so each one is compared only with the
 * clusters of its 9 neighbouring cells. Returns how many clusters there are.
 */
function gather(poles: number, distance: number): number {
  // Locals: read in the loop, faster than the module's variables.
  const [x, y, px, py] = [centreX, centreY, pointX, pointY];
  resetCells(poles);
  const limit = distance * distance;
  let clusters = 0;
  for (let i = 0; i < poles; i++) {
    if (clusterOf[i] === -1) continue;
    const cx = Math.floor(px[i] / distance);
    const cy = Math.floor(py[i] / distance);
    let target = -1;
    for (let dx = -1; dx <= 1 && target < 0; dx++) {
      for (let dy = -1; dy <= 1 && target < 0; dy++) {
        for (let c = firstIn(cx + dx, cy + dy); c !== -1; c = next[c]) {
          const ex = x[c] - px[i];
          const ey = y[c] - py[i];
          if (ex * ex + ey * ey < limit) {
            target = c;
            break;
          }
        }
      }
    }
    if (target >= 0) {
      const n = ++count[target];
      x[target] += (px[i] - x[target]) / n;
      y[target] += (py[i] - y[target]) / n;
    } else {
      target = clusters++;
      x[target] = px[i];
      y[target] = py[i];
      count[target] = 1;
      mergedInto[target] = -1;
      addTo(cx, cy, target);
    }
    clusterOf[i] = target;
  }
  return clusters;
}

/**
 * Bubbles grow and drift to their members' centre, so two marks may end up overlapping: each pass
 * merges every mark into an earlier one it touches; a pass without a merge proves that no two touch
 * (the grid's cells are as wide as the largest possible contact distance). Returns how many are
 * kept (the first ones of `kept`).
 */
function separate(clusters: number, radius: number, gap: number): number {
  const [x, y] = [centreX, centreY];
  const reach = 2 * LARGEST * radius + gap;
  let left = clusters;
  for (let c = 0; c < clusters; c++) kept[c] = c;
  for (;;) {
    resetCells(left);
    let stay = 0;
    let merged = false;
    for (let k = 0; k < left; k++) {
      const c = kept[k];
      const cx = Math.floor(x[c] / reach);
      const cy = Math.floor(y[c] / reach);
      const rc = markRadius(count[c], radius);
      let target = -1;
      for (let dx = -1; dx <= 1 && target < 0; dx++) {
        for (let dy = -1; dy <= 1 && target < 0; dy++) {
          for (let d = firstIn(cx + dx, cy + dy); d !== -1; d = next[d]) {
            const touch = rc + markRadius(count[d], radius) + gap;
            if ((x[d] - x[c]) ** 2 + (y[d] - y[c]) ** 2 < touch * touch) {
              target = d;
              break;
            }
          }
        }
      }
      if (target >= 0) {
        const a = count[target];
        const b = count[c];
        x[target] = (x[target] * a + x[c] * b) / (a + b);
        y[target] = (y[target] * a + y[c] * b) / (a + b);
        count[target] = a + b;
        mergedInto[c] = target;
        merged = true;
      } else {
        kept[stay++] = c;
        addTo(cx, cy, c);
      }
    }
    left = stay;
    if (!merged) return left;
  }
}

/** The marks of the first `left` clusters kept, each with its poles in the order of `placed`. */
function marks(placed: readonly PlacedPole[], clusters: number, left: number): Cluster[] {
  // Each cluster's mark: its own if kept, else the one it (or what it merged into) joined.
  const markOf = next;
  const result = new Array<Cluster>(left);
  for (let k = 0; k < left; k++) {
    const c = kept[k];
    result[k] = { x: centreX[c], y: centreY[c], members: [] };
    markOf[c] = k;
  }
  // A cluster merges only into one before it (every pass keeps them in the order they were made):
  // in that order, the one it merged into already knows its mark.
  for (let c = 0; c < clusters; c++) if (mergedInto[c] !== -1) markOf[c] = markOf[mergedInto[c]];
  placed.forEach((pole, i) => clusterOf[i] !== -1 && result[markOf[clusterOf[i]]].members.push(pole));
  return result;
}
