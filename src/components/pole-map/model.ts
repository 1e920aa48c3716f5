import type { Pole } from '../../data/schemas/pole.js';
import { offersAction } from '../../data/actions.js';
import { departmentName } from '../../data/geography.js';
import { regionsIn, type RegionGeneration } from '../../data/regions-2015.js';
import type { Basemap } from './basemap.js';
import { INSETS, insetCenter, project, type Point } from './projection.js';

/** A pole with where it goes on the map and what filters and search read. */
export interface PlacedPole {
  pole: Pole;
  /** Undefined when the pole has neither usable coordinates nor a known department. */
  point?: Point;
  /** Placed by its own coordinates (true) or at its department's centre (false). */
  exact: boolean;
  regions: Record<RegionGeneration, string[]>;
  /** Name, carrier, commune, territory, departments and the titles of its fiches action, lower case without accents: made on the first search. */
  haystack?: string;
}

const folded = new Map<string, string>();
/** A character without its accents (decomposing whole texts costs: 2,000 poles' search texts). */
const fold = (char: string) => {
  let plain = folded.get(char);
  if (plain === undefined) folded.set(char, (plain = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '')));
  return plain;
};

/** "Écosolies" and "ecosolies" are the same to a search box. */
export function normalize(text: string): string {
  return text.replace(/[^\0-\x7f]/g, fold).toLowerCase().replace(/\s+/g, ' ').trim();
}

function departmentPoint(code: string, basemap: Basemap): Point | undefined {
  const inset = INSETS.find((candidate) => candidate.code === code);
  return inset ? insetCenter(inset) : basemap.departments.get(code)?.center;
}

/**
 * Where each pole goes. Poles on the very same spot (several without coordinates in one
 * department) are spread on a small ring, so that zooming in always tells them apart.
 */
export function placePoles(poles: readonly Pole[], basemap: Basemap): PlacedPole[] {
  return spreadSameSpot(poles.map((pole) => placePole(pole, basemap)));
}

/** One pole's place, regions and search text. */
export function placePole(pole: Pole, basemap: Basemap): PlacedPole {
  const departments = pole.departments ?? [];
  const exactPoint = pole.geo ? project(pole.geo.lat, pole.geo.lon) : undefined;
  const fallback = departments.length ? departmentPoint(departments[0], basemap) : undefined;
  return {
    pole,
    point: exactPoint ?? fallback,
    exact: !!exactPoint,
    regions: {
      current: regionsIn('current', departments),
      '2015': regionsIn('2015', departments),
    },
  };
}

/** What the search box looks in (folding accents costs: done once per pole, when first searched). */
function haystackOf(item: PlacedPole): string {
  const { pole } = item;
  const words = [pole.name, pole.carrier, pole.commune, pole.territory, ...(pole.departments ?? []).map((d) => departmentName(d)), ...(pole.actions ?? []).map((a) => a.title)];
  return (item.haystack = normalize(words.filter(Boolean).join(' ')));
}

/** Poles on the very same spot are spread on a small ring around it. */
export function spreadSameSpot(placed: PlacedPole[]): PlacedPole[] {
  const bySpot = new Map<string, PlacedPole[]>();
  for (const item of placed) {
    if (!item.point) continue;
    const key = `${item.point.x.toFixed(2)},${item.point.y.toFixed(2)}`;
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

/** At most this many themes in the filter: the ones poles use, in the vocabulary's order. */
export const MAX_FILTER_THEMES = 300;

/** The themes worth a filter option: used by at least one pole, and not 20,000 of them. */
export function filterableThemes<T extends { id: string; parent?: string }>(themes: readonly T[], poles: readonly Pole[]): (T & { depth: number })[] {
  const used = new Set<string>();
  for (const pole of poles) for (const id of pole.themes ?? []) used.add(id);
  const kept = themes.filter((theme) => used.has(theme.id)).slice(0, MAX_FILTER_THEMES);
  // Sub-themes right under their theme (a GoGoCarto sub-category under its category).
  const ids = new Set(kept.map((theme) => theme.id));
  const children = new Map<string, T[]>();
  for (const theme of kept) {
    if (theme.parent && ids.has(theme.parent) && theme.parent !== theme.id) {
      if (!children.has(theme.parent)) children.set(theme.parent, []);
      children.get(theme.parent)!.push(theme);
    }
  }
  const ordered: (T & { depth: number })[] = [];
  const seen = new Set<string>();
  const add = (theme: T, depth: number) => {
    if (seen.has(theme.id)) return;
    seen.add(theme.id);
    ordered.push({ ...theme, depth });
    for (const child of children.get(theme.id) ?? []) add(child, depth + 1);
  };
  for (const theme of kept) if (!theme.parent || !ids.has(theme.parent)) add(theme, 0);
  for (const theme of kept) add(theme, 0);
  return ordered;
}

/** The themes of the actions poles offer (fiches with an offer), in the vocabulary's order. */
export function actionThemes<T extends { id: string }>(themes: readonly T[], poles: readonly Pole[]): T[] {
  const used = new Set<string>();
  for (const pole of poles) for (const action of pole.actions ?? []) if (action.offer?.trim()) for (const id of action.themes ?? []) used.add(id);
  return used.size ? themes.filter((theme) => used.has(theme.id)).slice(0, MAX_FILTER_THEMES) : [];
}

/** `*`: the pole offers the other poles an action; a theme id: an action on that theme. */
const offersOn = (pole: Pole, action: string) =>
  action === '*' ? offersAction(pole.actions) : !!pole.actions?.some((a) => a.offer?.trim() && a.themes?.includes(action));

export interface Filters {
  region?: string;
  department?: string;
  theme?: string;
  status?: string;
  /** Poles that offer an action to the other poles (`*`), or one on this theme. */
  action?: string;
  q?: string;
}

export function filterPoles(placed: readonly PlacedPole[], filters: Filters, generation: RegionGeneration): PlacedPole[] {
  const words = filters.q ? normalize(filters.q).split(' ').filter(Boolean) : [];
  return placed.filter(
    (item) =>
      (!filters.region || item.regions[generation].includes(filters.region)) &&
      (!filters.department || (item.pole.departments ?? []).includes(filters.department)) &&
      (!filters.theme || (item.pole.themes ?? []).includes(filters.theme)) &&
      (!filters.status || item.pole.status === filters.status) &&
      (!filters.action || offersOn(item.pole, filters.action)) &&
      (!words.length || words.every((word) => (item.haystack ?? haystackOf(item)).includes(word))),
  );
}

const collators = new Map<string, Intl.Collator>();
/**
 * Sorted by name with the language's collation: "Écosolies" sits with the E's. Long lists sort on
 * a precomputed key instead (accents and case folded, numbers padded): the collator costs too much
 * at 50,000 names.
 */
export function sortByName(placed: readonly PlacedPole[], lang: string): PlacedPole[] {
  if (placed.length > 5000) {
    const keyed = placed.map((item) => ({ item, key: normalize(item.pole.name).replace(/\d+/g, (n) => n.padStart(12, '0')) }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return keyed.map(({ item }) => item);
  }
  let collator = collators.get(lang);
  if (!collator) collators.set(lang, (collator = new Intl.Collator(lang, { sensitivity: 'base', numeric: true })));
  return [...placed].sort((a, b) => collator!.compare(a.pole.name, b.pole.name));
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

/**
 * Merges markers closer than 2.4 nominal radii (viewBox units) into bubbles, then merges every two
 * marks whose circles would overlap (with `gap` between them) until none do, so no two marks ever
 * cover each other at this zoom. Points go into a grid, so each one is compared only with the
 * clusters of its 9 neighbouring cells: linear in the number of poles (50,000 included).
 */
export function clusterPoles(placed: readonly PlacedPole[], radius: number, gap = radius / 4): Cluster[] {
  const distance = radius * 2.4;
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
  return separate(clusters, placed, radius, gap);
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
