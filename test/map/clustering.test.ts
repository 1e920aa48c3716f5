import { expect } from '@open-wc/testing';
import { clusterPoles, markRadius, type Cluster } from '../../src/components/pole-map/drawing/clustering.js';
import type { PlacedPole } from '../../src/components/pole-map/drawing/model.js';

/** n poles at random points of a 600 × 600 box (every seventh without a place). */
function placed(n: number, seed = 7): PlacedPole[] {
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  return Array.from({ length: n }, (_, i) => ({
    pole: { id: `p${i}`, name: `Pôle ${i}` } as PlacedPole['pole'],
    point: i % 7 === 3 ? undefined : { x: random() * 600, y: random() * 600 },
    exact: true,
    precision: 'address' as const,
    regions: { current: [], '2015': [] },
  }));
}

const box = { x: 200, y: 200, w: 150, h: 150 };
const inView = (c: Cluster) => c.x > box.x && c.x < box.x + box.w && c.y > box.y && c.y < box.y + box.h;

describe('clusterPoles', () => {
  // Crowded or not; the third makes bubbles large enough to merge again in later passes.
  for (const [n, radius, crowded] of [
    [3000, 2, true],
    [20000, 1.5, true],
    [3000, 8, false],
  ] as const) {
    it(`puts each of ${n.toLocaleString('en')} placed poles in one mark, in their order, with no two marks touching (radius ${radius})`, () => {
      const poles = placed(n);
      const gap = radius / 4;
      const marks = clusterPoles(poles, radius, crowded ? { most: 100, inView } : undefined, gap);
      const seen = new Map<PlacedPole, number>();
      marks.forEach((mark, i) => {
        for (const member of mark.members) {
          expect(seen.has(member), `${member.pole.id} in two marks`).to.equal(false);
          seen.set(member, i);
        }
        const order = mark.members.map((member) => poles.indexOf(member));
        expect(order, 'members in the order of the poles').to.deep.equal([...order].sort((a, b) => a - b));
      });
      expect(seen.size).to.equal(poles.filter((p) => p.point).length);
      expect(
        poles.filter((p) => !p.point && seen.has(p)),
        'poles without a place',
      ).to.deep.equal([]);
      // Each mark at its members' centre.
      for (const mark of marks.filter((m) => m.members.length > 1).slice(0, 50)) {
        const mean = (axis: 'x' | 'y') => mark.members.reduce((sum, m) => sum + m.point![axis], 0) / mark.members.length;
        expect(mark.x).to.be.closeTo(mean('x'), 1e-6);
        expect(mark.y).to.be.closeTo(mean('y'), 1e-6);
      }
      const touching: string[] = [];
      for (let i = 0; i < marks.length; i++) {
        for (let j = i + 1; j < marks.length; j++) {
          const [a, b] = [marks[i], marks[j]];
          const contact = markRadius(a.members.length, radius) + markRadius(b.members.length, radius) + gap;
          if (Math.hypot(a.x - b.x, a.y - b.y) < contact - 1e-9) touching.push(`${i} and ${j}`);
        }
      }
      expect(touching).to.deep.equal([]);
      if (crowded) expect(marks.filter(inView).length, 'marks in view').to.be.at.most(100);
      expect(marks.some((m) => m.members.length > 1) && marks.some((m) => m.members.length === 1), 'bubbles and single marks').to.equal(
        true,
      );
    });
  }

  it('starts each grouping afresh: a few poles grouped after many are marks of their own', () => {
    clusterPoles(placed(20000), 0.5, { most: 100, inView });
    // Among them, a pole at the place of one that had no point in the first grouping.
    const few = placed(8).filter((p) => p.point);
    const marks = clusterPoles(few, 0.5);
    expect(marks.map((m) => [m.x, m.y, m.members])).to.deep.equal(few.map((p) => [p.point!.x, p.point!.y, [p]]));
  });
});
