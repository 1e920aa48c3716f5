import { nothing, svg } from 'lit';
import { REGION_NAMES, regionIn, type RegionGeneration } from '../../../data/regions-2015.js';
import type { Basemap } from '../basemap.js';
import { INSETS } from '../projection.js';
import type { Density } from './marks.js';

export interface BasemapView {
  generation: RegionGeneration;
  /** The chosen region's code: its border drawn last, the others dimmed. */
  region?: string;
  /** The departments in focus; the others are dimmed. */
  focus?: Set<string>;
  /** Density mode: each department's class. */
  density?: Density;
}

/** Departments, region borders and the overseas insets: decoration, hidden from assistive technology. */
export function renderBasemap(basemap: Basemap, { generation, region, focus, density }: BasemapView) {
  const deptClass = (code: string) => `dept${focus && !focus.has(code) ? ' out' : ''} ${density?.byDepartment.get(code) ?? ''}`;
  // Region borders on top of the departments, the chosen region's last so that it is never covered.
  const outlines = Object.keys(REGION_NAMES[generation])
    .sort((a, b) => Number(a === region) - Number(b === region))
    .map((code) => [code, basemap.regionOutline(generation, code)?.path] as const)
    .filter(([, path]) => path);
  return svg`<g aria-hidden="true">
    ${[...basemap.departments.values()].map((d) => svg`<path d=${d.path} data-code=${d.id} class=${deptClass(d.id)}></path>`)}
    ${outlines.map(([code, path]) => svg`<path d=${path!} data-region=${code} class="region-edge ${code === region ? 'selected' : region ? 'out' : ''}"></path>`)}
    ${INSETS.map(
      (
        inset,
      ) => svg`<g class="inset ${focus && !focus.has(inset.code) ? 'out' : ''} ${regionIn(generation, inset.code) === region ? 'selected' : ''}">
        <rect x=${inset.box.x} y=${inset.box.y} width=${inset.box.width} height=${inset.box.height} rx="2"></rect>
        <text x=${inset.box.x + 4} y=${inset.box.y + 9}>${inset.name}</text>
        <path d=${basemap.overseas.get(inset.code)?.path ?? ''} data-code=${inset.code} class=${deptClass(inset.code)}></path>
      </g>`,
    )}
  </g>`;
}

/**
 * Markers mode: the departments with poles shown, tinted, in a layer of their own over the basemap.
 * A filter changes only this layer: the browser rasterizes these fills again, not the whole basemap.
 */
export function renderTints(basemap: Basemap, withPoles: ReadonlySet<string>, focus?: ReadonlySet<string>) {
  return [...withPoles].sort().map((code) => {
    const dept = basemap.departments.get(code) ?? basemap.overseas.get(code);
    return dept ? svg`<path d=${dept.path} data-code=${code} class="tint${focus && !focus.has(code) ? ' out' : ''}"></path>` : nothing;
  });
}
