import { expect } from '@open-wc/testing';
import { loadBasemap, type Basemap } from '../../src/components/pole-map/basemap.js';
import { boxOf, insidePolygons } from '../../src/components/pole-map/drawing/geometry.js';
import { INSETS, VIEWBOX, project } from '../../src/components/pole-map/projection.js';
import { DEPARTMENTS } from '../../src/data/geography.js';
import { REGION_NAMES, regionIn, type RegionGeneration } from '../../src/data/regions-2015.js';

describe('region outlines (dissolved from the departments at build time)', () => {
  let basemap: Basemap;
  before(async () => {
    basemap = await loadBasemap();
  });

  for (const generation of ['current', '2015'] as RegionGeneration[]) {
    it(`each ${generation} region encloses exactly its own departments' centres, within the map`, () => {
      const metropolitan = Object.keys(REGION_NAMES[generation]).filter((code) =>
        [...DEPARTMENTS.values()].some((d) => basemap.departments.has(d.code) && regionIn(generation, d.code) === code),
      );
      expect(metropolitan.length).to.equal(generation === 'current' ? 13 : 22);
      for (const code of metropolitan) {
        const outline = basemap.regionOutline(generation, code)!;
        expect(outline, code).to.not.equal(undefined);
        const wrong = [...basemap.departments.values()].filter(
          (d) => insidePolygons(d.center, outline.polygons) !== (regionIn(generation, d.id) === code),
        );
        expect(
          wrong.map((d) => d.id),
          `region ${code}`,
        ).to.deep.equal([]);
        const box = boxOf(outline.polygons);
        expect(box.minX, code).to.be.at.least(VIEWBOX.x);
        expect(box.minY, code).to.be.at.least(VIEWBOX.y);
        expect(box.maxX, code).to.be.at.most(VIEWBOX.x + VIEWBOX.width);
        expect(box.maxY, code).to.be.at.most(VIEWBOX.y + VIEWBOX.height);
        // An outline is a border, not a copy of every department: far fewer rings than departments' rings.
        const members = [...basemap.departments.values()].filter((d) => regionIn(generation, d.id) === code);
        expect(outline.polygons.length, code).to.be.at.most(members.reduce((n, d) => n + d.polygons.length, 0));
      }
    });
  }

  it("an outline is as long as its region's outer borders, not as the sum of its departments' borders", () => {
    const perimeter = (polygons: { x: number; y: number }[][]) =>
      polygons.reduce(
        (sum, ring) =>
          sum + ring.reduce((s, p, i) => s + Math.hypot(p.x - ring[(i + 1) % ring.length].x, p.y - ring[(i + 1) % ring.length].y), 0),
        0,
      );
    // Auvergne-Rhône-Alpes: 12 departments whose inner borders vanish when dissolved.
    const members = [...basemap.departments.values()].filter((d) => regionIn('current', d.id) === '84');
    const sum = members.reduce((s, d) => s + perimeter(d.polygons), 0);
    const outline = perimeter(basemap.regionOutline('current', '84')!.polygons);
    expect(outline).to.be.below(sum * 0.5);
    expect(outline).to.be.above(sum * 0.2);
  });
});

describe('overseas insets (Natural Earth, projected at build time)', () => {
  let basemap: Basemap;
  before(async () => {
    basemap = await loadBasemap();
  });

  // A main town of each: [department, lat, lon].
  const TOWNS: [string, number, number][] = [
    ['971', 16.241, -61.533], // Pointe-à-Pitre
    ['972', 14.616, -61.059], // Fort-de-France
    ['973', 4.938, -52.335], // Cayenne
    ['974', -20.882, 55.45], // Saint-Denis
    ['976', -12.783, 45.142], // Combani
  ];

  it('draws each territory inside its inset, and its main town falls on land there', () => {
    for (const [code, lat, lon] of TOWNS) {
      const inset = INSETS.find((i) => i.code === code)!;
      const territory = basemap.overseas.get(code)!;
      expect(territory.polygons.length, code).to.be.at.least(1);
      const box = territory.bbox;
      expect(box.minX, code).to.be.at.least(inset.box.x);
      expect(box.maxX, code).to.be.at.most(inset.box.x + inset.box.width);
      expect(box.minY, code).to.be.at.least(inset.box.y);
      expect(box.maxY, code).to.be.at.most(inset.box.y + inset.box.height);
      // Most of the drawing area is used: a real outline, not a dot.
      expect(Math.max(box.maxX - box.minX, box.maxY - box.minY), code).to.be.above(20);
      expect(insidePolygons(project(lat, lon)!, territory.polygons), `${code} town on land`).to.equal(true);
    }
  });
});
