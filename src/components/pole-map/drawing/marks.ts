import { html, nothing, svg } from 'lit';
import { DEPARTMENTS } from '../../../data/geography.js';
import { regionIn, type RegionGeneration } from '../../../data/regions-2015.js';
import type { Translate } from '../../../i18n/index.js';
import { markRadius, type Cluster } from './clustering.js';
import type { PlacedPole } from './model.js';
import { territoryOf } from '../internal/list.js';

/**
 * A stable key per mark: the pole's id, or for a bubble its first pole's (members are disjoint and
 * in the list's order) and its size: not all its ids, which a bubble of thousands would sort and
 * join at every render.
 */
export function clusterKey(cluster: Cluster): string {
  const first = cluster.members[0].pole.id;
  return cluster.members.length === 1 ? first : `bubble:${first}:${cluster.members.length}`;
}

/** What a mark's place says, after the pole's name and territory: nothing for an address. */
const PLACE_NOTE = { address: '', commune: 'map.approximate-commune', department: 'map.approximate', source: '' } as const;

/** A marker's name: the pole, where it is, and whether the mark only stands for its commune or department. */
function markerLabel(item: PlacedPole, t: Translate): string {
  const note = PLACE_NOTE[item.precision];
  return [item.pole.name, territoryOf(item), note && t(note)].filter(Boolean).join(', ');
}

/** A single mark's class: hollow at a département's centre; `commune` and `source` look like an address's. */
const markClass = (item: PlacedPole) =>
  item.precision === 'department' ? 'approximate' : item.precision === 'address' ? '' : item.precision;

/** The first names of a bubble's poles, "and N more" (members come in the list's order already). */
export function namesOf(cluster: Cluster, t: Translate): string {
  const { members } = cluster;
  const names = members
    .slice(0, 5)
    .map((m) => m.pole.name)
    .join(', ');
  return members.length > 5 ? `${names}, ${t('map.cluster-more', { count: members.length - 5 })}` : names;
}

function bubbleLabel(cluster: Cluster, t: Translate): string {
  return t('map.cluster', { count: cluster.members.length, names: namesOf(cluster, t) });
}

/**
 * One mark: a pole (exact or approximate place) or a bubble of several, a button in the roving tab
 * order. A single node (a bubble's count is a text after it): a group around each mark cost more
 * to lay out than the rest of the map.
 */
export function renderMark(cluster: Cluster, radius: number, state: { selectedId?: string; tabbableKey?: string }, t: Translate) {
  const key = clusterKey(cluster);
  const single = cluster.members.length === 1 ? cluster.members[0] : undefined;
  const label = single ? markerLabel(single, t) : bubbleLabel(cluster, t);
  const selected = !!single && single.pole.id === state.selectedId;
  const r = markRadius(cluster.members.length, radius);
  return svg`<circle
      class="marker ${single ? markClass(single) : 'bubble'} ${selected ? 'selected' : ''}"
      role="button"
      aria-current=${selected ? 'true' : nothing}
      tabindex=${key === state.tabbableKey ? 0 : -1}
      aria-label=${label}
      data-key=${key}
      cx=${cluster.x}
      cy=${cluster.y}
      r=${r}
    ></circle>${single ? nothing : svg`<text x=${cluster.x} y=${cluster.y} font-size=${r} aria-hidden="true">${cluster.members.length}</text>`}`;
}

export interface Density {
  /** `density-N` class of each department. */
  byDepartment: Map<string, string>;
  thresholds: number[];
  max: number;
}

/** Counts per region, or per department inside a focus: how many poles, not how good. */
export function densityClasses(visible: readonly PlacedPole[], generation: RegionGeneration, focus?: Set<string>): Density {
  const byDepartmentLevel = !!focus;
  const counts = new Map<string, number>();
  for (const item of visible) {
    const keys = byDepartmentLevel ? (item.pole.departments ?? []) : item.regions[generation];
    for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const max = Math.max(1, ...counts.values());
  const thresholds = [1, Math.ceil(max / 4), Math.ceil(max / 2), Math.ceil((3 * max) / 4)].filter((v, i, a) => a.indexOf(v) === i);
  const level = (count: number) => (count === 0 ? 0 : thresholds.filter((t) => count >= t).length);
  const byDepartment = new Map<string, string>();
  for (const d of DEPARTMENTS.values()) {
    const key = byDepartmentLevel ? d.code : (regionIn(generation, d.code) ?? '');
    byDepartment.set(d.code, `density-${level(counts.get(key) ?? 0)}`);
  }
  return { byDepartment, thresholds, max };
}

/** What each kind of mark on the map means: only the kinds shown now, or the density scale. */
export function renderLegend(clusters: readonly Cluster[], density: Density | undefined, focused: boolean, t: Translate) {
  const swatch = (kind: string) =>
    html`<svg viewBox="-6 -6 12 12" aria-hidden="true">
      <g class="swatch ${kind}">
        <circle r=${kind === 'bubble' ? 5.5 : 3.8}></circle>
        ${kind === 'bubble' ? svg`<text font-size="7">2</text>` : nothing}
      </g>
    </svg>`;
  const item = (mark: unknown, label: string) => html`<li>${mark} ${label}</li>`;
  if (density) {
    const th = density.thresholds;
    const bounds = th.map((v, i) => (i + 1 < th.length ? (v === th[i + 1] - 1 ? `${v}` : `${v}–${th[i + 1] - 1}`) : `${v}+`));
    const square = (level: number) =>
      html`<svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" class="density-${level}"></rect></svg>`;
    const title = t(focused ? 'map.legend-departments' : 'map.legend-regions');
    return html`<ul class="legend" part="legend" aria-label=${title}>
      <li class="legend-title" aria-hidden="true">${title}</li>
      ${item(square(0), '0')} ${bounds.map((label, i) => item(square(i + 1), label))}
    </ul>`;
  }
  const singles = clusters.filter((c) => c.members.length === 1).map((c) => c.members[0]);
  return html`<ul class="legend" part="legend" aria-label=${t('map.legend')}>
    ${singles.some((p) => p.precision === 'address') ? item(swatch('exact'), t('map.key-exact')) : nothing}
    ${singles.some((p) => p.precision === 'commune') ? item(swatch('commune'), t('map.key-commune')) : nothing}
    ${singles.some((p) => p.precision === 'source') ? item(swatch('source'), t('map.key-source')) : nothing}
    ${singles.some((p) => p.precision === 'department') ? item(swatch('approximate'), t('map.key-approximate')) : nothing}
    ${clusters.some((c) => c.members.length > 1) ? item(swatch('bubble'), t('map.key-bubble')) : nothing}
    ${item(html`<svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" class="dept swatch-tint"></rect></svg>`, t('map.key-tint'))}
  </ul>`;
}
