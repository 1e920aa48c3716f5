/**
 * French departments (INSEE codes) and the regions they belong to, in both generations: the 13 + 5
 * regions since 2016 (what CRESS are organised by) and the 22 + 5 before (what the 2014 sources
 * use). A pole belongs to departments; its regions are derived from them.
 */

export type RegionGeneration = 'current' | '2015';

export interface Department {
  code: string;
  name: string;
  /** Region since 1 January 2016 (INSEE code). */
  region: string;
  /** Region before 2016 (INSEE code). */
  region2015: string;
}

// code|name|current region|pre-2016 region — one line each keeps the table easy to check.
const DEPARTMENT_ROWS = `01|Ain|84|82
02|Aisne|32|22
03|Allier|84|83
04|Alpes-de-Haute-Provence|93|93
05|Hautes-Alpes|93|93
06|Alpes-Maritimes|93|93
07|Ardèche|84|82
08|Ardennes|44|21
09|Ariège|76|73
10|Aube|44|21
11|Aude|76|91
12|Aveyron|76|73
13|Bouches-du-Rhône|93|93
14|Calvados|28|25
15|Cantal|84|83
16|Charente|75|54
17|Charente-Maritime|75|54
18|Cher|24|24
19|Corrèze|75|74
2A|Corse-du-Sud|94|94
2B|Haute-Corse|94|94
21|Côte-d'Or|27|26
22|Côtes-d'Armor|53|53
23|Creuse|75|74
24|Dordogne|75|72
25|Doubs|27|43
26|Drôme|84|82
27|Eure|28|23
28|Eure-et-Loir|24|24
29|Finistère|53|53
30|Gard|76|91
31|Haute-Garonne|76|73
32|Gers|76|73
33|Gironde|75|72
34|Hérault|76|91
35|Ille-et-Vilaine|53|53
36|Indre|24|24
37|Indre-et-Loire|24|24
38|Isère|84|82
39|Jura|27|43
40|Landes|75|72
41|Loir-et-Cher|24|24
42|Loire|84|82
43|Haute-Loire|84|83
44|Loire-Atlantique|52|52
45|Loiret|24|24
46|Lot|76|73
47|Lot-et-Garonne|75|72
48|Lozère|76|91
49|Maine-et-Loire|52|52
50|Manche|28|25
51|Marne|44|21
52|Haute-Marne|44|21
53|Mayenne|52|52
54|Meurthe-et-Moselle|44|41
55|Meuse|44|41
56|Morbihan|53|53
57|Moselle|44|41
58|Nièvre|27|26
59|Nord|32|31
60|Oise|32|22
61|Orne|28|25
62|Pas-de-Calais|32|31
63|Puy-de-Dôme|84|83
64|Pyrénées-Atlantiques|75|72
65|Hautes-Pyrénées|76|73
66|Pyrénées-Orientales|76|91
67|Bas-Rhin|44|42
68|Haut-Rhin|44|42
69|Rhône|84|82
70|Haute-Saône|27|43
71|Saône-et-Loire|27|26
72|Sarthe|52|52
73|Savoie|84|82
74|Haute-Savoie|84|82
75|Paris|11|11
76|Seine-Maritime|28|23
77|Seine-et-Marne|11|11
78|Yvelines|11|11
79|Deux-Sèvres|75|54
80|Somme|32|22
81|Tarn|76|73
82|Tarn-et-Garonne|76|73
83|Var|93|93
84|Vaucluse|93|93
85|Vendée|52|52
86|Vienne|75|54
87|Haute-Vienne|75|74
88|Vosges|44|41
89|Yonne|27|26
90|Territoire de Belfort|27|43
91|Essonne|11|11
92|Hauts-de-Seine|11|11
93|Seine-Saint-Denis|11|11
94|Val-de-Marne|11|11
95|Val-d'Oise|11|11
971|Guadeloupe|01|01
972|Martinique|02|02
973|Guyane|03|03
974|La Réunion|04|04
976|Mayotte|06|06`;

export const DEPARTMENTS: ReadonlyMap<string, Department> = new Map(
  DEPARTMENT_ROWS.split('\n').map((line) => {
    const [code, name, region, region2015] = line.split('|');
    return [code, { code, name, region, region2015 }];
  }),
);

export const REGIONS: Readonly<Record<RegionGeneration, Readonly<Record<string, string>>>> = {
  current: {
    '11': 'Île-de-France',
    '24': 'Centre-Val de Loire',
    '27': 'Bourgogne-Franche-Comté',
    '28': 'Normandie',
    '32': 'Hauts-de-France',
    '44': 'Grand Est',
    '52': 'Pays de la Loire',
    '53': 'Bretagne',
    '75': 'Nouvelle-Aquitaine',
    '76': 'Occitanie',
    '84': 'Auvergne-Rhône-Alpes',
    '93': 'Provence-Alpes-Côte d\'Azur',
    '94': 'Corse',
    '01': 'Guadeloupe',
    '02': 'Martinique',
    '03': 'Guyane',
    '04': 'La Réunion',
    '06': 'Mayotte',
  },
  '2015': {
    '42': 'Alsace',
    '72': 'Aquitaine',
    '83': 'Auvergne',
    '25': 'Basse-Normandie',
    '26': 'Bourgogne',
    '53': 'Bretagne',
    '24': 'Centre',
    '21': 'Champagne-Ardenne',
    '94': 'Corse',
    '43': 'Franche-Comté',
    '23': 'Haute-Normandie',
    '11': 'Île-de-France',
    '91': 'Languedoc-Roussillon',
    '74': 'Limousin',
    '41': 'Lorraine',
    '73': 'Midi-Pyrénées',
    '31': 'Nord-Pas-de-Calais',
    '52': 'Pays de la Loire',
    '22': 'Picardie',
    '54': 'Poitou-Charentes',
    '93': 'Provence-Alpes-Côte d\'Azur',
    '82': 'Rhône-Alpes',
    '01': 'Guadeloupe',
    '02': 'Martinique',
    '03': 'Guyane',
    '04': 'La Réunion',
    '06': 'Mayotte',
  },
};

export function departmentName(code: string): string | undefined {
  return DEPARTMENTS.get(code)?.name;
}

/** The region of a department, in the chosen generation. */
export function regionOf(departmentCode: string, generation: RegionGeneration = 'current'): string | undefined {
  const department = DEPARTMENTS.get(departmentCode);
  if (!department) return undefined;
  return generation === 'current' ? department.region : department.region2015;
}

export function regionName(code: string, generation: RegionGeneration = 'current'): string | undefined {
  return REGIONS[generation][code];
}

/** The distinct regions of a list of departments, in order of first appearance. */
export function regionsOf(departments: readonly string[], generation: RegionGeneration = 'current'): string[] {
  const codes = departments.map((d) => regionOf(d, generation)).filter((r): r is string => r !== undefined);
  return [...new Set(codes)];
}

/**
 * The department of a French postcode. Corsica's postcodes all start with 20: 200xx–201xx are
 * Corse-du-Sud (2A), the others Haute-Corse (2B). Overseas postcodes start with the department's
 * three digits (971…976). Monaco (980xx) and the overseas collectivities have no department.
 */
export function departmentFromPostcode(postcode: string): string | undefined {
  const code = postcode.replace(/\s/g, '');
  if (!/^\d{5}$/.test(code)) return undefined;
  if (code.startsWith('97')) {
    const overseas = code.slice(0, 3);
    return DEPARTMENTS.has(overseas) ? overseas : undefined;
  }
  if (code.startsWith('20')) return Number(code.slice(2, 5)) < 200 ? '2A' : '2B';
  const metropolitan = code.slice(0, 2);
  return metropolitan !== '00' && DEPARTMENTS.has(metropolitan) ? metropolitan : undefined;
}

/**
 * Where a pole is, in words: its commune, then its departments by name (or its own territory label
 * when it has no department), then, with `withRegions`, its current regions.
 */
export function placeParts(
  place: { commune?: string; departments?: string[]; territory?: string },
  withRegions = false,
): string[] {
  const departments = (place.departments ?? []).map((code) => departmentName(code) ?? code);
  const regions = withRegions ? regionsOf(place.departments ?? []).map((code) => regionName(code)) : [];
  return [place.commune, departments.length ? departments.join(', ') : place.territory, ...regions].filter(
    (part): part is string => !!part,
  );
}
