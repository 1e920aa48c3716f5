/**
 * French departments (INSEE codes) and the regions they belong to since 1 January 2016 (13 + 5,
 * what CRESS are organised by). A pole belongs to departments; its regions are derived from them.
 * The regions before 2016, which only the map offers, are in `regions-2015.ts`.
 */

export interface Department {
  code: string;
  name: string;
  /** Region since 1 January 2016 (INSEE code). */
  region: string;
}

// code|name|region — one line each keeps the table easy to check.
const DEPARTMENT_ROWS = `01|Ain|84
02|Aisne|32
03|Allier|84
04|Alpes-de-Haute-Provence|93
05|Hautes-Alpes|93
06|Alpes-Maritimes|93
07|Ardèche|84
08|Ardennes|44
09|Ariège|76
10|Aube|44
11|Aude|76
12|Aveyron|76
13|Bouches-du-Rhône|93
14|Calvados|28
15|Cantal|84
16|Charente|75
17|Charente-Maritime|75
18|Cher|24
19|Corrèze|75
2A|Corse-du-Sud|94
2B|Haute-Corse|94
21|Côte-d'Or|27
22|Côtes-d'Armor|53
23|Creuse|75
24|Dordogne|75
25|Doubs|27
26|Drôme|84
27|Eure|28
28|Eure-et-Loir|24
29|Finistère|53
30|Gard|76
31|Haute-Garonne|76
32|Gers|76
33|Gironde|75
34|Hérault|76
35|Ille-et-Vilaine|53
36|Indre|24
37|Indre-et-Loire|24
38|Isère|84
39|Jura|27
40|Landes|75
41|Loir-et-Cher|24
42|Loire|84
43|Haute-Loire|84
44|Loire-Atlantique|52
45|Loiret|24
46|Lot|76
47|Lot-et-Garonne|75
48|Lozère|76
49|Maine-et-Loire|52
50|Manche|28
51|Marne|44
52|Haute-Marne|44
53|Mayenne|52
54|Meurthe-et-Moselle|44
55|Meuse|44
56|Morbihan|53
57|Moselle|44
58|Nièvre|27
59|Nord|32
60|Oise|32
61|Orne|28
62|Pas-de-Calais|32
63|Puy-de-Dôme|84
64|Pyrénées-Atlantiques|75
65|Hautes-Pyrénées|76
66|Pyrénées-Orientales|76
67|Bas-Rhin|44
68|Haut-Rhin|44
69|Rhône|84
70|Haute-Saône|27
71|Saône-et-Loire|27
72|Sarthe|52
73|Savoie|84
74|Haute-Savoie|84
75|Paris|11
76|Seine-Maritime|28
77|Seine-et-Marne|11
78|Yvelines|11
79|Deux-Sèvres|75
80|Somme|32
81|Tarn|76
82|Tarn-et-Garonne|76
83|Var|93
84|Vaucluse|93
85|Vendée|52
86|Vienne|75
87|Haute-Vienne|75
88|Vosges|44
89|Yonne|27
90|Territoire de Belfort|27
91|Essonne|11
92|Hauts-de-Seine|11
93|Seine-Saint-Denis|11
94|Val-de-Marne|11
95|Val-d'Oise|11
971|Guadeloupe|01
972|Martinique|02
973|Guyane|03
974|La Réunion|04
976|Mayotte|06`;

export const DEPARTMENTS: ReadonlyMap<string, Department> = new Map(
  DEPARTMENT_ROWS.split('\n').map((line) => {
    const [code, name, region] = line.split('|');
    return [code, { code, name, region }];
  }),
);

/** Names of the current regions, by INSEE code. */
export const REGIONS: Readonly<Record<string, string>> = {
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
};

export function departmentName(code: string): string | undefined {
  return DEPARTMENTS.get(code)?.name;
}

/** The current region of a department. */
export function regionOf(departmentCode: string): string | undefined {
  return DEPARTMENTS.get(departmentCode)?.region;
}

export function regionName(code: string): string | undefined {
  return REGIONS[code];
}

/** The distinct current regions of a list of departments, in order of first appearance. */
export function regionsOf(departments: readonly string[]): string[] {
  return [...new Set(departments.map(regionOf).filter((r): r is string => r !== undefined))];
}

/**
 * The department of a French postcode. Corsica's postcodes all start with 20: 200xx–201xx are
 * Corse-du-Sud (2A), the others Haute-Corse (2B) — La Poste's list (391 Corsican postcode–commune
 * pairs) has no exception and no postcode shared by both, so the commune is never needed. Overseas postcodes start with the department's
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
  place: { commune?: string; departments?: string[]; territory?: string; region?: string },
  withRegions = false,
): string[] {
  const departments = (place.departments ?? []).map((code) => departmentName(code) ?? code);
  // A pole may name its region without a département (the 2014 list's "Nord-Est Francilien").
  const regionCodes = departments.length || !place.region ? regionsOf(place.departments ?? []) : [place.region];
  const regions = withRegions ? regionCodes.map((code) => regionName(code)) : [];
  return [place.commune, departments.length ? departments.join(', ') : place.territory, ...regions].filter(
    (part): part is string => !!part,
  );
}
