// The map itself: the basemap, the marks and what people do with them (select, open a bubble, move
// between marks with the arrow keys, pan and zoom). Loaded on demand with the basemap's geometry, in
// one chunk fetched beside the poles: the element's own file holds the filters, the list and the
// panel, which work without it.
import { html, nothing } from 'lit';
import type { RegionGeneration } from '../../../data/regions-2015.js';
import type { Translate } from '../../../i18n/index.js';
import type { Basemap } from '../basemap.js';
import type { Filters } from '../selection.js';
import { clusterPoles, nearestInDirection, type Cluster, type Direction, type PlacedPole } from '../model.js';
import { INSETS } from '../projection.js';
import { renderBasemap } from './basemap-layer.js';
import { clusterKey, densityClasses, namesOf, renderLegend, renderMark } from './marks.js';
import { PanZoom, type PanZoomHost } from './pan-zoom.js';
import { FULL, fit, zoomedOn, type Box } from './view-box.js';

export { createBasemap } from '../geometry.js';
export { mapViewStyles } from './map-view.styles.js';
export { placePole, spreadSameSpot } from '../model.js';

const MARKER_RADIUS_PX = 8;
/** At most this many marks in view (model.ts, `Crowding`); a map of a few dozen poles never has them. */
const MOST_MARKS = 100;

/** What the map reads from, and changes on, its element. */
export interface MapViewHost extends PanZoomHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly mode: 'markers' | 'density';
  readonly regions: RegionGeneration;
  readonly filters: Filters;
  readonly mapWidth: number;
  readonly selectedId?: string;
  activeKey?: string;
  /** Said politely (a live region). */
  notice: string;
  readonly t: Translate;
  select(item: PlacedPole, source: 'map'): void;
  /** The departments in focus (of the chosen region or department), or undefined for all. */
  focusDepartments(): Set<string> | undefined;
}

export class MapView {
  readonly panZoom: PanZoom;
  /** The marks in the DOM, by key: the event of one listener says which was used. */
  private shown = new Map<string, Cluster>();
  private tabbableKey?: string;
  private lastClusters?: { visible: PlacedPole[]; radius: number; result: Cluster[] };

  constructor(
    private readonly host: MapViewHost,
    private readonly basemap: Basemap,
  ) {
    this.panZoom = new PanZoom(host);
  }

  /**
   * Clusters are recomputed only when the poles shown or the zoom change (not on every render, nor
   * while panning, so marks stay put), with at most MOST_MARKS in view at that time.
   */
  private clustersOf(visible: PlacedPole[], radius: number, inView: (c: Cluster) => boolean): Cluster[] {
    const last = this.lastClusters;
    if (last?.visible === visible && last.radius === radius) return last.result;
    const result = clusterPoles(visible, radius, { most: MOST_MARKS, inView });
    this.lastClusters = { visible, radius, result };
    return result;
  }

  /** The view box that frames the focused departments, or all of France. */
  focusBox(): Box {
    const focus = this.host.focusDepartments();
    if (!focus) return FULL;
    const boxes = [...focus].map((code) => {
      const dept = this.basemap.departments.get(code);
      if (dept) return dept.bbox;
      const inset = INSETS.find((i) => i.code === code);
      return inset && { minX: inset.box.x, minY: inset.box.y, maxX: inset.box.x + inset.box.width, maxY: inset.box.y + inset.box.height };
    });
    const known = boxes.filter((b): b is NonNullable<typeof b> => !!b);
    if (!known.length) return FULL;
    return fit(
      Math.min(...known.map((b) => b.minX)),
      Math.min(...known.map((b) => b.minY)),
      Math.max(...known.map((b) => b.maxX)),
      Math.max(...known.map((b) => b.maxY)),
    );
  }

  /**
   * The map frame. `withPoles`: the departments of the poles shown (tinted in markers mode);
   * `tabbed`: the map is a tab panel.
   */
  render(visible: PlacedPole[], withPoles: Set<string>, tabbed: boolean) {
    const { host } = this;
    const { t } = host;
    const focus = host.focusDepartments();
    const density = host.mode === 'density' ? densityClasses(visible, host.regions, focus) : undefined;
    const b = host.viewBox;
    const unit = b.w / (host.mapWidth || 600);
    const radius = MARKER_RADIUS_PX * unit;
    // Clustered over all the poles shown (marks stay put while panning), but only the marks in view
    // (and a margin) go into the DOM: a zoomed-in map of 50,000 poles holds a few hundred nodes.
    const margin = 2 * radius;
    const inView = (c: Cluster) => c.x > b.x - margin && c.x < b.x + b.w + margin && c.y > b.y - margin && c.y < b.y + b.h + margin;
    const clusters = density ? [] : this.clustersOf(visible, radius, inView).filter(inView);
    this.shown = new Map(clusters.map((c) => [clusterKey(c), c]));
    // One marker is in the tab order (roving tabindex): the last one focused if still shown.
    const keys = [...this.shown.keys()];
    this.tabbableKey = host.activeKey && this.shown.has(host.activeKey) ? host.activeKey : keys[0];
    // A tab panel only when tabs are shown. Focus is followed on this HTML frame: Chromium makes an
    // SVG group with a focus listener a Tab stop of its own, with no name.
    return html`<div
      class="map"
      part="map"
      role=${tabbed ? 'tabpanel' : nothing}
      aria-labelledby=${tabbed ? 'tab-map' : nothing}
      @focusin=${this.onMarkersEvent}
    >
      <svg
        viewBox="${b.x} ${b.y} ${b.w} ${b.h}"
        role="group"
        aria-label=${t('map.map-label')}
        @wheel=${this.panZoom.onWheel}
        @pointerdown=${this.panZoom.onPointerDown}
        @pointermove=${this.panZoom.onPointerMove}
        @pointerup=${this.panZoom.onPointerUp}
        @pointercancel=${this.panZoom.onPointerUp}
      >
        ${renderBasemap(this.basemap, {
          generation: host.regions,
          region: host.filters.region,
          focus,
          density,
          // Markers mode: departments with poles are tinted (not outlined: a line reads as a border).
          withPoles: density ? undefined : withPoles,
        })}
        <!-- Marks not keyed: a filter or zoom rewrites them in place rather than replacing them all. -->
        <g @click=${this.onMarkersEvent} @keydown=${this.onMarkersEvent}>
          ${clusters.map((c) => renderMark(c, radius, { selectedId: host.selectedId, tabbableKey: this.tabbableKey }, t))}
        </g>
      </svg>
      <div class="controls">
        <!-- Named by their title (also the tooltip), said once: no description repeating the name. -->
        <button type="button" title=${t('map.zoom-in')} @click=${() => this.panZoom.zoom(1.6)}><span aria-hidden="true">+</span></button>
        <button type="button" title=${t('map.zoom-out')} @click=${() => this.panZoom.zoom(1 / 1.6)}>
          <span aria-hidden="true">−</span>
        </button>
        <button type="button" title=${t('map.reset')} @click=${() => (host.viewBox = this.focusBox())}>
          <span aria-hidden="true">⟲</span>
        </button>
      </div>
      ${renderLegend(clusters, density, !!focus, t)}
      <p class="credit" part="credit">${t('map.credit')}</p>
    </div>`;
  }

  private marks(): SVGElement[] {
    return [...this.host.renderRoot.querySelectorAll<SVGElement>('.marker')];
  }

  /** The mark that holds one of these poles now: the pole's own, or a bubble if the map changed. */
  markOf(ids: Set<string>): SVGElement | undefined {
    return this.marks().find((mark) => this.shown.get(mark.dataset.key ?? '')?.members.some((m) => ids.has(m.pole.id)));
  }

  /** One listener for all markers (there can be hundreds): the event says which one. */
  private onMarkersEvent = (event: Event) => {
    const marker = (event.target as Element).closest?.('.marker') as SVGElement | null;
    const cluster = marker && this.shown.get(marker.dataset.key ?? '');
    if (!marker || !cluster) return;
    if (event.type === 'click') this.activate(cluster);
    else if (event.type === 'keydown') this.onMarkerKey(event as KeyboardEvent, cluster);
    else this.host.activeKey = marker.dataset.key;
  };

  private activate(cluster: Cluster): void {
    if (this.panZoom.dragged) return;
    if (cluster.members.length === 1) {
      this.host.select(cluster.members[0], 'map');
      return;
    }
    this.host.viewBox = zoomedOn(
      cluster.members.map((m) => m.point!),
      this.host.viewBox,
    );
    this.host.activeKey = undefined;
    void this.focusPolesOf(cluster);
  }

  /** After a bubble splits, focus goes to the first of its poles' marks, and the zoom is said. */
  private async focusPolesOf(cluster: Cluster): Promise<void> {
    const { host } = this;
    await host.updateComplete;
    const marker = this.markOf(new Set(cluster.members.map((m) => m.pole.id)));
    host.notice = host.t('map.cluster-opened', { count: cluster.members.length, names: namesOf(cluster, host.t) });
    if (!marker) return;
    host.activeKey = marker.dataset.key;
    await host.updateComplete;
    marker.focus();
  }

  private onMarkerKey(event: KeyboardEvent, cluster: Cluster): void {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.activate(cluster);
      return;
    }
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
    event.preventDefault();
    const markers = this.marks();
    const points = markers.map((m) => ({ x: Number(m.getAttribute('cx')), y: Number(m.getAttribute('cy')) }));
    const next = nearestInDirection({ x: cluster.x, y: cluster.y }, points, event.key as Direction);
    if (next >= 0) {
      this.host.activeKey = markers[next].dataset.key;
      markers[next].focus();
    }
  }
}
