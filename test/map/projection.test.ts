import { expect } from '@open-wc/testing';
import { loadBasemap, type Basemap } from '../../src/components/pole-map/basemap.js';
import { insidePolygons } from '../../src/components/pole-map/drawing/geometry.js';
import { project, projectMetropolitan, type Point } from '../../src/components/pole-map/projection.js';

/** Distance in km from a point to a department (0 inside), using the map's scale at that latitude. */
function kmOutside(point: Point, polygons: Point[][], lat: number): number {
  if (insidePolygons(point, polygons)) return 0;
  const a = projectMetropolitan(lat, 2);
  const b = projectMetropolitan(lat + 0.1, 2);
  const kmPerUnit = 11.12 / Math.hypot(b.x - a.x, b.y - a.y);
  let best = Infinity;
  for (const polygon of polygons) {
    polygon.forEach((p, i) => {
      const q = polygon[(i + 1) % polygon.length];
      const dx = q.x - p.x;
      const dy = q.y - p.y;
      const t = Math.max(0, Math.min(1, ((point.x - p.x) * dx + (point.y - p.y) * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(point.x - p.x - t * dx, point.y - p.y - t * dy));
    });
  }
  return best * kmPerUnit;
}

// Towns not used for the calibration: [name, department, lat, lon].
const TOWNS: [string, string, number, number][] = [
  ['Paris', '75', 48.857, 2.352],
  ['Lyon', '69', 45.764, 4.836],
  ['Marseille', '13', 43.296, 5.37],
  ['Toulouse', '31', 43.605, 1.444],
  ['Nantes', '44', 47.218, -1.554],
  ['Strasbourg', '67', 48.573, 7.752],
  ['Lille', '59', 50.629, 3.057],
  ['Bordeaux', '33', 44.838, -0.579],
  ['Rennes', '35', 48.117, -1.678],
  ['Brest', '29', 48.39, -4.486],
  ['Clermont-Ferrand', '63', 45.778, 3.087],
  ['Dijon', '21', 47.322, 5.041],
  ['Grenoble', '38', 45.188, 5.724],
  ['Limoges', '87', 45.834, 1.261],
  ['Ajaccio', '2A', 41.919, 8.738],
  ['Bastia', '2B', 42.697, 9.451],
  ['Perpignan', '66', 42.699, 2.895],
  ['Nice', '06', 43.71, 7.262],
  ['Orléans', '45', 47.903, 1.909],
  ['Metz', '57', 49.119, 6.176],
  ['Caen', '14', 49.183, -0.37],
  ['Rouen', '76', 49.443, 1.099],
  ['Poitiers', '86', 46.58, 0.34],
  ['Montpellier', '34', 43.611, 3.877],
  ['Besançon', '25', 47.238, 6.024],
  ['Amiens', '80', 49.894, 2.296],
  ['Reims', '51', 49.258, 4.032],
  ['Le Mans', '72', 48.006, 0.199],
  ['Pau', '64', 43.295, -0.371],
  ['Aurillac', '15', 44.926, 2.44],
  ['Gap', '05', 44.559, 6.079],
  ['Figeac', '46', 44.608, 2.032],
  ['Lons-le-Saunier', '39', 46.674, 5.555],
  ['Tarnos', '40', 43.541, -1.462],
];

describe('map projection', () => {
  let basemap: Basemap;
  before(async () => {
    basemap = await loadBasemap();
  });

  it('puts 34 known towns in their department, within 2 km (error measured in km)', () => {
    const errors = TOWNS.map(
      ([name, code, lat, lon]) => [name, kmOutside(project(lat, lon)!, basemap.departments.get(code)!.polygons, lat)] as const,
    );
    const worst = Math.max(...errors.map(([, km]) => km));
    const inside = errors.filter(([, km]) => km === 0).length;
    expect(worst, JSON.stringify(errors.filter(([, km]) => km > 0))).to.be.below(2);
    expect(inside).to.be.at.least(30);
  });

  it('places overseas coordinates in their labelled inset and refuses coordinates elsewhere', () => {
    const fortDeFrance = project(14.616, -61.059)!;
    expect(fortDeFrance.x).to.be.within(4, 100);
    expect(fortDeFrance.y).to.be.within(338 + 49, 338 + 49 + 44);
    const saintDenisReunion = project(-20.882, 55.45)!;
    expect(saintDenisReunion.y).to.be.within(338 + 3 * 49, 338 + 3 * 49 + 44);
    expect(project(40.7, -74.0), 'New York').to.equal(undefined);
  });

  it('has the 96 metropolitan departments with their centres inside them', () => {
    expect(basemap.departments.size).to.equal(96);
    for (const [code, department] of basemap.departments) {
      expect(insidePolygons(department.center, department.polygons), code).to.equal(true);
    }
  });
});
