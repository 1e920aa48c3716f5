import { svg } from 'lit';
import type { ObjectiveSummary } from './model.js';

/**
 * A radar of the principal objectives' means (numbered axes; the table beside it is the accessible
 * and exact version). Unanswered objectives sit at the centre, drawn hollow.
 */
export function renderRadar(summary: ObjectiveSummary[], bounds: { min: number; max: number }, label: string) {
  const size = 220;
  const c = size / 2;
  const r = c - 26;
  const n = summary.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const at = (i: number, share: number) => [c + Math.cos(angle(i)) * r * share, c + Math.sin(angle(i)) * r * share];
  const share = (mean: number | null) => (mean === null ? 0 : (mean - bounds.min) / (bounds.max - bounds.min || 1));
  const rings = [0.25, 0.5, 0.75, 1];
  const points = summary
    .map((s, i) =>
      at(i, share(s.mean))
        .map((v) => v.toFixed(1))
        .join(','),
    )
    .join(' ');
  return svg`<svg class="radar" viewBox="0 0 ${size} ${size}" role="img" aria-label=${label}>
    ${rings.map((ring) => svg`<polygon class="ring" points=${summary.map((_, i) => at(i, ring).join(',')).join(' ')}></polygon>`)}
    ${summary.map((_, i) => {
      const [x, y] = at(i, 1);
      const [lx, ly] = at(i, 1.15);
      return svg`<line class="axis" x1=${c} y1=${c} x2=${x} y2=${y}></line>
        <text class="axis-label" x=${lx} y=${ly}>${summary[i].principal.id}</text>`;
    })}
    <polygon class="area" points=${points}></polygon>
    ${summary.map((s, i) => {
      const [x, y] = at(i, share(s.mean));
      return svg`<circle class=${s.mean === null ? 'point empty' : 'point'} cx=${x} cy=${y} r="3"></circle>`;
    })}
  </svg>`;
}
