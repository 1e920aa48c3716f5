// Which poles are shown, and in what order: search, filters, the themes offered as filters. Needed
// by the list as much as by the map, so it loads with the element (the map's drawing does not).
import type { Pole } from '../../data/schemas/pole.js';
import { offersAction } from '../../data/actions.js';
import { departmentName } from '../../data/geography.js';
import type { RegionGeneration } from '../../data/regions-2015.js';
import type { PlacedPole } from './drawing/model.js';

const folded = new Map<string, string>();
/** A character without its accents (decomposing whole texts costs: 2,000 poles' search texts). */
const fold = (char: string) => {
  let plain = folded.get(char);
  if (plain === undefined) folded.set(char, (plain = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '')));
  return plain;
};

/** "Écosolies" and "ecosolies" are the same to a search box. */
export function normalize(text: string): string {
  return text
    .replace(/[^\0-\x7f]/g, fold)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the search box looks in (folding accents costs: done once per pole, when first searched). */
function haystackOf(item: PlacedPole): string {
  const { pole } = item;
  const words = [
    pole.name,
    pole.carrier,
    pole.commune,
    pole.territory,
    ...(pole.departments ?? []).map((d) => departmentName(d)),
    ...(pole.actions ?? []).map((a) => a.title),
  ];
  return (item.haystack = normalize(words.filter(Boolean).join(' ')));
}

/**
 * Makes the search texts not made yet, until `enough()` (asked every few hundred poles) says to
 * stop: whether all are made.
 */
export function prepareSearch(placed: readonly PlacedPole[], enough: () => boolean): boolean {
  for (let i = 0; i < placed.length; i++) {
    if (placed[i].haystack === undefined) haystackOf(placed[i]);
    if (i % 256 === 255 && i < placed.length - 1 && enough()) return false;
  }
  return true;
}

/** At most this many themes in the filter: the ones poles use, in the vocabulary's order. */
export const MAX_FILTER_THEMES = 300;

/** The themes worth a filter option: used by at least one pole, and not 20,000 of them. */
export function filterableThemes<T extends { id: string; parent?: string }>(
  themes: readonly T[],
  poles: readonly Pole[],
): (T & { depth: number })[] {
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
  for (const pole of poles)
    for (const action of pole.actions ?? []) if (action.offer?.trim()) for (const id of action.themes ?? []) used.add(id);
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
  /** The typology's facets and the stage (see FACETS). */
  stage?: string;
  origin?: string;
  scope?: string;
  function?: string;
  legalForm?: string;
}

/** The typology's facets and the stage, filtered on when the poles shown have them. */
export const FACETS = ['stage', 'origin', 'scope', 'function', 'legalForm'] as const;
export type Facet = (typeof FACETS)[number];

/** A pole's values for a facet. */
export function facetValues(pole: Pole, facet: Facet): readonly string[] {
  if (facet === 'function') return pole.functions ?? [];
  const value = pole[facet];
  return value ? [value] : [];
}

/** The values of each facet that the poles have, in first-seen order (legal forms sorted). */
export function facetsInUse(poles: readonly Pole[]): Record<Facet, string[]> {
  const used = Object.fromEntries(FACETS.map((facet) => [facet, new Set<string>()])) as Record<Facet, Set<string>>;
  for (const pole of poles) for (const facet of FACETS) for (const value of facetValues(pole, facet)) used[facet].add(value);
  return Object.fromEntries(FACETS.map((facet) => [facet, [...used[facet]]])) as Record<Facet, string[]>;
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
      FACETS.every((facet) => !filters[facet] || facetValues(item.pole, facet).includes(filters[facet])) &&
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
