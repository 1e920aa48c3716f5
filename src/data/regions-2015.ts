import { DEPARTMENTS, REGIONS, regionOf } from './geography.js';

/**
 * The regions in both generations, for the map's `regions` attribute: the current ones (see
 * geography.ts) and the 22 + 5 before 2016, which the 2014 sources use. Kept apart so that only
 * the map carries the older generation.
 */
export type RegionGeneration = 'current' | '2015';

// The pre-2016 regions: name, then the departments of those the 2016 reform merged; the others
// kept their code and departments (Bretagne, Centre, Corse, Île-de-France, Pays de la Loire,
// Provence-Alpes-Côte d'Azur, overseas).
const REGIONS_2015_ROWS: Readonly<Record<string, string>> = {
  '42': 'Alsace|67 68',
  '72': 'Aquitaine|24 33 40 47 64',
  '83': 'Auvergne|03 15 43 63',
  '25': 'Basse-Normandie|14 50 61',
  '26': 'Bourgogne|21 58 71 89',
  '53': 'Bretagne',
  '24': 'Centre',
  '21': 'Champagne-Ardenne|08 10 51 52',
  '94': 'Corse',
  '43': 'Franche-Comté|25 39 70 90',
  '23': 'Haute-Normandie|27 76',
  '11': 'Île-de-France',
  '91': 'Languedoc-Roussillon|11 30 34 48 66',
  '74': 'Limousin|19 23 87',
  '41': 'Lorraine|54 55 57 88',
  '73': 'Midi-Pyrénées|09 12 31 32 46 65 81 82',
  '31': 'Nord-Pas-de-Calais|59 62',
  '52': 'Pays de la Loire',
  '22': 'Picardie|02 60 80',
  '54': 'Poitou-Charentes|16 17 79 86',
  '93': 'Provence-Alpes-Côte d\'Azur',
  '82': 'Rhône-Alpes|01 07 26 38 42 69 73 74',
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
};

const REGIONS_2015: Record<string, string> = {};
const MERGED_INTO: Map<string, string> = new Map();
for (const [code, row] of Object.entries(REGIONS_2015_ROWS)) {
  const [name, departments] = row.split('|');
  REGIONS_2015[code] = name;
  for (const department of departments?.split(' ') ?? []) MERGED_INTO.set(department, code);
}

/** Region names by INSEE code, in each generation. */
export const REGION_NAMES: Readonly<Record<RegionGeneration, Readonly<Record<string, string>>>> = {
  current: REGIONS,
  '2015': REGIONS_2015,
};

/** The region of a department, in the chosen generation. */
export function regionIn(generation: RegionGeneration, departmentCode: string): string | undefined {
  if (generation === '2015' && MERGED_INTO.has(departmentCode)) return MERGED_INTO.get(departmentCode);
  return regionOf(departmentCode);
}

/** The distinct regions of a list of departments in the chosen generation, in order of first appearance. */
export function regionsIn(generation: RegionGeneration, departments: readonly string[]): string[] {
  return [...new Set(departments.map((d) => regionIn(generation, d)).filter((r): r is string => r !== undefined))];
}

/**
 * A current region's region before 2016, when it had one (Île-de-France, Bretagne…); none for a
 * merged one (Auvergne-Rhône-Alpes was Auvergne or Rhône-Alpes: a pole naming it is in neither).
 */
export function regionBefore2016(currentRegion: string): string[] {
  const before = new Set<string>();
  for (const { code, region } of DEPARTMENTS.values()) if (region === currentRegion) before.add(regionIn('2015', code)!);
  return before.size === 1 ? [...before] : [];
}
