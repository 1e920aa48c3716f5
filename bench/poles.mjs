// The poles the benchmarks draw and group (bench/run.mjs, bench/grouping.ts).

import { OVERSEAS } from './departments-geojson.mjs';

/**
 * N poles: 4 in 5 with coordinates (1 in 25 of those overseas), the others by department only.
 * Peers without a department layer (Leaflet) draw only the ones with coordinates.
 */
export function poles(n) {
  let seed = 42;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const departments = ['01', '13', '2A', '29', '31', '33', '35', '44', '59', '67', '69', '75', '93', '974'];
  const overseas = Object.entries(OVERSEAS);
  return {
    themes: [
      { id: 'culture', label: 'Culture' },
      { id: 'emploi', label: 'Emploi' },
    ],
    poles: Array.from({ length: n }, (_, i) => {
      const pole = {
        id: `p${i}`,
        name: `Pôle ${['Écologie', 'Coopération', 'Solidarité', 'Territoire'][i % 4]} ${i}`,
        departments: [departments[i % departments.length]],
        status: i % 3 ? 'established' : 'emerging',
        themes: [i % 2 ? 'culture' : 'emploi'],
      };
      if (i % 5 === 0) return pole;
      if (i % 25 === 1) {
        const [code, [w, s, e, north]] = overseas[i % overseas.length];
        return { ...pole, departments: [code], geo: { lat: s + random() * (north - s), lon: w + random() * (e - w) } };
      }
      return { ...pole, geo: { lat: 43 + random() * 7.5, lon: -4 + random() * 11.5 } };
    }),
  };
}
