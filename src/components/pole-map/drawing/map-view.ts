// The map itself, <ptce-pole-map-view>: the basemap, the marks and what people do with them (select,
// open a bubble, move between marks with the arrow keys, pan and zoom). This folder is loaded on
// demand with the basemap's geometry, in one chunk fetched beside the poles; the element's own
// file holds the filters, the list and the panel, which work without it. The map talks to
// <ptce-pole-map> through properties and events only.
import { LitElement, html, isServer, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import type { RegionGeneration } from '../../../data/regions-2015.js';
import { DEFAULT_LANG, translate, type MessageKey, type Params } from '../../../i18n/index.js';
import { tokens } from '../../../styles/tokens.js';
import { INSETS } from '../projection.js';
import { renderBasemap, renderTints } from './basemap-layer.js';
import { createBasemap } from './geometry.js';
import { AHEAD_FROM, ClustersAhead, type NextView } from './clusters-ahead.js';
import { BasemapLayers } from './layer-transform.js';
import { mapViewStyles } from './map-view.styles.js';
import { clusterKey, densityClasses, namesOf, renderLegend, renderMark, type Density } from './marks.js';
import { clusterPoles, type Cluster } from './clustering.js';
import { nearestInDirection, type Direction, type PlacedPole } from './model.js';
import { PanZoom } from './pan-zoom.js';
import { FULL, fit, zoomed, zoomedOn, type Box } from './view-box.js';

export { placePole, spreadSameSpot } from './model.js';

/** The basemap's geometry, built once per page however many maps it holds. */
export const basemap = createBasemap();

const MARKER_RADIUS_PX = 8;
/** The width a map is drawn for before it is measured (on a server, never). */
const SERVER_WIDTH = 600;
/** At most this many marks in view (model.ts, `Crowding`); a map of a few dozen poles never has them. */
const MOST_MARKS = 100;
/** The zoom buttons' step. */
const ZOOM_STEP = 1.6;

/** Whether a mark is in the view `b` or its margin (two radii): only those go into the DOM. */
const inViewOf = (b: Box, radius: number) => {
  const margin = 2 * radius;
  return (c: Cluster) => c.x > b.x - margin && c.x < b.x + b.w + margin && c.y > b.y - margin && c.y < b.y + b.h + margin;
};

/**
 * The map's width in steps of 8 px: the estimate made at the first render and the width measured
 * once laid out then agree, and the first paint is not preceded by a second clustering and render.
 */
const widthStep = (px: number) => Math.max(8, Math.round(px / 8) * 8);

/** The event the map fires when a pole is activated on it (`detail`: the pole). Not composed. */
export const SELECT_EVENT = 'pole-map-select';

export class PtcePoleMapView extends LitElement {
  static override styles = [tokens, mapViewStyles];

  /** The poles shown (placed and filtered by the element). */
  @property({ attribute: false }) poles: readonly PlacedPole[] = [];
  /** The departments of the poles shown: tinted in markers mode. */
  @property({ attribute: false }) withPoles: ReadonlySet<string> = new Set();
  /** The departments in focus (of the chosen region or department), undefined for all; the others are dimmed. */
  @property({ attribute: false }) focusArea?: ReadonlySet<string>;
  /** Changed by the element to frame the focus again (a filter, the URL); the view is framed at first anyway. */
  @property({ attribute: false }) frame = 0;
  @property({ attribute: false }) mode: 'markers' | 'density' = 'markers';
  @property({ attribute: false }) regions: RegionGeneration = 'current';
  /** The chosen region's code: its border drawn on top. */
  @property({ attribute: false }) region?: string;
  @property({ attribute: false }) selectedId?: string;
  /** The language of the map's sentences (its catalog is loaded by the element). */
  @property({ attribute: 'lang' }) language = DEFAULT_LANG;

  /** The part of the map shown (the SVG's viewBox). */
  @state() viewBox!: Box;
  /** The mark last focused, which keeps the map's one Tab stop. */
  @state() private activeKey?: string;
  /** Said politely (a live region): a bubble opened. */
  @state() private notice = '';
  @state() private width = 0;

  /** The basemap's layers: moved by a CSS transform while zooming and panning, drawn again when worth it. */
  private readonly layers = new BasemapLayers(this);
  readonly panZoom = new PanZoom(this, this.layers.settle);
  /** The marks in the DOM, by key: the event of one listener says which was used. */
  private shown = new Map<string, Cluster>();
  private tabbableKey?: string;
  private lastClusters?: { visible: readonly PlacedPole[]; radius: number; result: Cluster[] };
  /** The marks of the next zoom in and out, grouped while the page is idle. */
  private readonly ahead = new ClustersAhead((visible, { box, radius }) =>
    clusterPoles(visible, radius, { most: MOST_MARKS, inView: inViewOf(box, this.radiusAt(box)) }),
  );
  /** The pole selected last: focus() goes back to its mark once its panel is closed. */
  private lastSelected?: string;
  private resize = isServer ? undefined : new ResizeObserver(([entry]) => (this.width = widthStep(entry.contentRect.width - 2)));
  /** Rendered by a server (declarative shadow DOM): the first render is the server's, without a measured width. */
  private readonly serverRendered = !isServer && this.shadowRoot !== null;
  /**
   * The server's view, while the person has not moved it: its marks stay grouped as the server
   * grouped them (which a server, not knowing the width, did for a map 600 px wide), so that the
   * legend, which names the kinds of marks shown, does not change under the reader's eyes.
   */
  private serverView?: Box;

  private t = (key: MessageKey, params?: Params) => translate(this.language, key, params);

  get mapSvg(): SVGSVGElement | null {
    return this.renderRoot.querySelector('svg');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize?.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.ahead.stop();
  }

  /**
   * Focus goes to the mark that holds the pole selected last (a bubble if the map changed), else to
   * the map's Tab stop: where a person returns when the panel closes.
   */
  override focus(options?: FocusOptions): void {
    const mark =
      (this.lastSelected && this.markOf(new Set([this.lastSelected]))) ||
      this.renderRoot.querySelector<SVGElement>('.marker[tabindex="0"]');
    mark?.focus(options);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Measured once here, before the first clustering (the observer keeps it afterwards, without
    // reading sizes after each render).
    // (The map's border: 2 px.)
    if (!isServer && !(this.serverRendered && !this.hasUpdated)) this.width ||= widthStep(this.getBoundingClientRect().width - 2);
    if (!this.viewBox || changed.has('frame')) this.viewBox = this.focusBox();
    if ((isServer || this.serverRendered) && !this.hasUpdated) this.serverView = this.viewBox;
    if (this.selectedId) this.lastSelected = this.selectedId;
  }

  /**
   * Clusters are recomputed only when the poles shown or the zoom change (not on every render, nor
   * while panning, so marks stay put), with at most MOST_MARKS in view at that time.
   */
  private clustersOf(visible: readonly PlacedPole[], view: NextView): Cluster[] {
    const { radius } = view;
    const last = this.lastClusters;
    if (last?.visible === visible && last.radius === radius) return last.result;
    const result = this.ahead.clusters(visible, view);
    this.lastClusters = { visible, radius, result };
    return result;
  }

  private lastDensity?: { visible: readonly PlacedPole[]; regions: RegionGeneration; focus?: Set<string>; result: Density };
  /** Counted again only when the poles shown or the areas change (not while panning or zooming). */
  private densityOf(visible: readonly PlacedPole[], focus: Set<string> | undefined): Density {
    const last = this.lastDensity;
    if (last?.visible === visible && last.regions === this.regions && last.focus === focus) return last.result;
    const result = densityClasses(visible, this.regions, focus);
    this.lastDensity = { visible, regions: this.regions, focus, result };
    return result;
  }

  /** The view box that frames the focused departments, or all of France. */
  private focusBox(): Box {
    if (!this.focusArea) return FULL;
    const boxes = [...this.focusArea].map((code) => {
      const dept = basemap.departments.get(code);
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

  /** A pole's mark radius in view box units, for the view `b`. */
  private radiusAt(b: Box): number {
    return MARKER_RADIUS_PX * (b.w / (this.width || SERVER_WIDTH));
  }

  protected override render() {
    const { t, focusArea: focus } = this;
    const visible = this.poles;
    const density = this.mode === 'density' ? this.densityOf(visible, focus as Set<string> | undefined) : undefined;
    const b = this.viewBox;
    const base = this.layers.boxFor(b, [this.regions, this.region, focus, density, this.frame]);
    const radius = this.radiusAt(b);
    // Clustered over all the poles shown (marks stay put while panning), but only the marks in view
    // (and a margin) go into the DOM: a zoomed-in map of 50,000 poles holds a few hundred nodes.
    const inView = inViewOf(b, radius);
    const groupedAs = this.viewBox === this.serverView ? (MARKER_RADIUS_PX * b.w) / SERVER_WIDTH : radius;
    const clusters = density ? [] : this.clustersOf(visible, { box: b, radius: groupedAs }).filter(inView);
    this.shown = new Map(clusters.map((c) => [clusterKey(c), c]));
    // One marker is in the tab order (roving tabindex): the last one focused if still shown.
    const keys = [...this.shown.keys()];
    this.tabbableKey = this.activeKey && this.shown.has(this.activeKey) ? this.activeKey : keys[0];
    // Focus is followed on this HTML frame: Chromium makes an SVG group with a focus listener a Tab
    // stop of its own, with no name. (The element is the tab panel when the map has tabs.)
    return html`<div class="map" part="map" @focusin=${this.onMarkersEvent} @pointerleave=${this.layers.settle}>
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
          <!-- Marks not keyed: a filter or zoom rewrites them in place rather than replacing them all. -->
          <g @click=${this.onMarkersEvent} @keydown=${this.onMarkersEvent}>
            ${clusters.map((c) => renderMark(c, radius, { selectedId: this.selectedId, tabbableKey: this.tabbableKey }, t))}
          </g>
        </svg>
        <!-- The basemap in SVGs of their own under the marks' (layers of their own): marks that
             change (a filter) do not make the browser paint the departments again, and zoom and
             pan move them with a transform (layer-transform.ts). Their box clips them. -->
        <div class="layers" aria-hidden="true">
          <svg class="basemap" viewBox="${base.x} ${base.y} ${base.w} ${base.h}" aria-hidden="true">
            <!-- Written again only when what it shows changes (not while panning or zooming). -->
            ${guard([this.regions, this.region, focus, density], () =>
              renderBasemap(basemap, { generation: this.regions, region: this.region, focus: focus as Set<string> | undefined, density }),
            )}
          </svg>
          <!-- Markers mode: departments with poles tinted (not outlined: a line reads as a border),
               in a layer of their own, so that a filter does not make the browser paint the basemap again. -->
          <svg class="basemap tints" viewBox="${base.x} ${base.y} ${base.w} ${base.h}" aria-hidden="true">
            ${guard([density, this.withPoles, focus], () => (density ? nothing : renderTints(basemap, this.withPoles, focus)))}
          </svg>
        </div>
        <div class="controls" @focusout=${this.onControlsFocusOut}>
          <!-- Named by their title (also the tooltip), said once: no description repeating the name. -->
          <button type="button" title=${t('map.zoom-in')} @click=${() => this.panZoom.zoom(ZOOM_STEP)}>
            <span aria-hidden="true">+</span>
          </button>
          <button type="button" title=${t('map.zoom-out')} @click=${() => this.panZoom.zoom(1 / ZOOM_STEP)}>
            <span aria-hidden="true">−</span>
          </button>
          <button type="button" title=${t('map.reset')} @click=${this.reset}>
            <span aria-hidden="true">⟲</span>
          </button>
        </div>
        ${renderLegend(clusters, density, !!focus, t)}
        <p class="credit" part="credit">${t('map.credit')}</p>
      </div>
      <p class="visually-hidden" role="status">${this.notice}</p>`;
  }

  protected override updated(): void {
    // The views the zoom buttons lead to, grouped ahead when grouping is worth it (else none, and
    // what was grouped or waiting is dropped).
    const worth = !isServer && this.mode === 'markers' && this.poles.length >= AHEAD_FROM && !!this.width;
    const next = worth ? [ZOOM_STEP, 1 / ZOOM_STEP].map((factor) => zoomed(this.viewBox, factor)) : [];
    this.ahead.prepare(
      this.poles,
      next.map((box) => ({ box, radius: this.radiusAt(box) })),
    );
  }

  /** Back to the framing of the focus, the basemap drawn again at it. */
  private reset = () => {
    this.viewBox = this.focusBox();
    this.layers.rebase();
  };

  /** Focus leaving the zoom buttons ends a zoom made with the keyboard. */
  private onControlsFocusOut = (event: FocusEvent) => {
    if (!(event.currentTarget as Element).contains(event.relatedTarget as Node | null)) this.layers.settle();
  };

  private marks(): SVGElement[] {
    return [...this.renderRoot.querySelectorAll<SVGElement>('.marker')];
  }

  /** The mark that holds one of these poles now: the pole's own, or a bubble if the map changed. */
  private markOf(ids: Set<string>): SVGElement | undefined {
    return this.marks().find((mark) => this.shown.get(mark.dataset.key ?? '')?.members.some((m) => ids.has(m.pole.id)));
  }

  /** One listener for all markers (there can be hundreds): the event says which one. */
  private onMarkersEvent = (event: Event) => {
    const marker = (event.target as Element).closest?.('.marker') as SVGElement | null;
    const cluster = marker && this.shown.get(marker.dataset.key ?? '');
    if (!marker || !cluster) return;
    if (event.type === 'click') this.activate(cluster);
    else if (event.type === 'keydown') this.onMarkerKey(event as KeyboardEvent, cluster);
    else this.activeKey = marker.dataset.key;
  };

  private activate(cluster: Cluster): void {
    if (this.panZoom.dragged) return;
    if (cluster.members.length === 1) {
      this.dispatchEvent(new CustomEvent<PlacedPole>(SELECT_EVENT, { detail: cluster.members[0] }));
      return;
    }
    this.viewBox = zoomedOn(
      cluster.members.map((m) => m.point!),
      this.viewBox,
    );
    this.activeKey = undefined;
    void this.focusPolesOf(cluster);
  }

  /** After a bubble splits, focus goes to the first of its poles' marks, and the zoom is said. */
  private async focusPolesOf(cluster: Cluster): Promise<void> {
    await this.updateComplete;
    const marker = this.markOf(new Set(cluster.members.map((m) => m.pole.id)));
    this.notice = this.t('map.cluster-opened', { count: cluster.members.length, names: namesOf(cluster, this.t) });
    if (!marker) return;
    this.activeKey = marker.dataset.key;
    await this.updateComplete;
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
      this.activeKey = markers[next].dataset.key;
      markers[next].focus();
    }
  }
}

if (!customElements.get('ptce-pole-map-view')) customElements.define('ptce-pole-map-view', PtcePoleMapView);

declare global {
  interface HTMLElementTagNameMap {
    'ptce-pole-map-view': PtcePoleMapView;
  }
}
