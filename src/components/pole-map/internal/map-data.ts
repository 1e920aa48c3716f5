import { offersAction } from '../../../data/actions.js';
import type { LoadedList, PtceClient } from '../../../data/client.js';
import { ok, type Result } from '../../../data/failure.js';
import { loadPoles, yieldToPage } from '../../../data/poles.js';
import type { PoleCollection, Theme } from '../../../data/schemas/pole.js';
import { loadMapKit, type MapKit } from '../basemap.js';
import type { PlacedPole } from '../drawing/model.js';
import { actionThemes, filterableThemes, sortByName } from '../selection.js';

export interface MapData {
  placed: PlacedPole[];
  themes: Theme[];
  /** The themes offered as filters (those in use, at most MAX_FILTER_THEMES), sub-themes indented under theirs. */
  filterThemes: (Theme & { depth: number })[];
  /** Themes of the actions poles offer, and whether any pole offers one (the action filter). */
  actionThemes: Theme[];
  offering: boolean;
  /** Records of the source that were invalid and left out. */
  skipped: number;
}

const SLICE = 2500;

/**
 * The poles and the map's drawing with its basemap (which defines <ptce-pole-map-view>), each pole placed, sorted by name in `lang`.
 * `report` hears about the records left out. Placed in slices, between which the page stays responsive (50,000 poles).
 */
export async function loadMapData(
  client: PtceClient,
  signal: AbortSignal,
  lang: string,
  report: (list: LoadedList<unknown>) => void,
): Promise<Result<MapData>> {
  const loading = Promise.all([loadPoles(client, signal), loadMapKit()]);
  // The collator is slow to build the first time (locale data: 20 to 100 ms here): built while the
  // requests just started travel, not between the data's arrival and the painted map.
  setTimeout(sortByName, 0, [], lang);
  const [poles, loaded] = await loading;
  if (!poles.ok) return poles;
  if (!loaded.ok) return loaded;
  const kit = loaded.value;
  report(poles.value);
  const list = poles.value.value.poles;
  const placed: PlacedPole[] = [];
  for (let start = 0; start < list.length; start += SLICE) {
    if (start) await yieldToPage();
    for (const pole of list.slice(start, start + SLICE)) placed.push(kit.placePole(pole, kit.basemap));
  }
  if (placed.length > SLICE) await yieldToPage();
  kit.spreadSameSpot(placed);
  if (placed.length > SLICE) await yieldToPage();
  return ok(assemble(placed, poles.value, lang));
}

/** The same at once, from poles loaded and a drawing loaded: a server rendering the map. */
export function mapDataOf(kit: MapKit, poles: LoadedList<PoleCollection>, lang: string): MapData {
  const placed = poles.value.poles.map((pole) => kit.placePole(pole, kit.basemap));
  kit.spreadSameSpot(placed);
  return assemble(placed, poles, lang);
}

function assemble(placed: PlacedPole[], poles: LoadedList<PoleCollection>, lang: string): MapData {
  const { themes, poles: list } = poles.value;
  return {
    // Sorted once here: filtering keeps the order, so the list never needs sorting again.
    placed: sortByName(placed, lang),
    themes,
    filterThemes: filterableThemes(themes, list),
    actionThemes: actionThemes(themes, list),
    offering: list.some((pole) => offersAction(pole.actions)),
    skipped: poles.skipped.length,
  };
}
