import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DEFAULT_HEADING_LEVEL } from '../../base/heading.js';
import { DataController } from '../../base/data-controller.js';
import type { Result } from '../../data/failure.js';
import { DEPARTMENTS } from '../../data/geography.js';
import { regionIn, type RegionGeneration } from '../../data/regions-2015.js';
import { clusterPoles, filterPoles, nearestInDirection, type Cluster, type Direction, type Filters, type PlacedPole } from './model.js';
import { INSETS } from './projection.js';
import { renderBasemap } from './internal/basemap-layer.js';
import { renderFilters } from './internal/filters.js';
import { clusterKey, densityClasses, namesOf, renderLegend, renderMark } from './internal/marks.js';
import { PanZoom } from './internal/pan-zoom.js';
import { readHash, writeHash } from './internal/url-hash.js';
import { FULL, fit, zoomedOn, type Box } from './internal/view-box.js';
import { LIST_FIRST, LIST_PAGE, afterPaint, renderList } from './internal/list.js';
import { loadMapData, type MapData } from './internal/map-data.js';
import { renderPanel } from './internal/panel.js';
import { renderTabs } from './internal/tabs.js';
import { mapStyles } from './ptce-pole-map.styles.js';
import { registerMessages, type MessageKey, type Params } from '../../i18n/index.js';
import { map } from '../../i18n/fr/map.js';
import { pole as poleMessages } from '../../i18n/fr/pole.js';

registerMessages('fr', { ...poleMessages, ...map });

const MARKER_RADIUS_PX = 8;
/**
 * The map's width in steps of 8 px: the estimate made before the map exists and the width measured
 * once it does then agree, and the first paint is not preceded by a second clustering and render.
 */
const widthStep = (px: number) => Math.max(8, Math.round(px / 8) * 8);

/**
 * @tag ptce-pole-map
 * @summary The map and list of poles: light, private (no tiles, no third-party request) and usable
 * with a keyboard or a screen reader. A CRESS page needs only `<ptce-pole-map endpoint region>`.
 *
 * @csspart filters - The filter bar.
 * @csspart count - The live count of poles shown.
 * @csspart skipped - The note saying how many records of the source were invalid and left out.
 * @csspart map - The map frame.
 * @csspart list - The list of poles (a complete alternative to the map).
 * @csspart panel - The panel with the selected pole's card.
 * @csspart legend - The legend: each kind of marker shown, or the density scale.
 * @csspart credit - The basemap's credit line.
 *
 * @cssprop --ptce-map-land - Fill of the departments.
 * @cssprop --ptce-map-border - Department borders.
 * @cssprop --ptce-map-region-border - Region borders.
 * @cssprop --ptce-map-region-selected - Border of the chosen region (default: the accent colour).
 * @cssprop --ptce-map-land-poles - Fill of the departments that have poles (markers mode).
 *
 * @fires ptce-pole-select - A pole was selected on the map or in the list; `detail` is `{id, name}`.
 */
export class PtcePoleMap extends PtceElement {
  static override styles = [...(PtceElement.styles as []), mapStyles];

  /** Region to focus (its code in the `regions` generation): fitted to the view, the rest dimmed. */
  @property({ reflect: true }) region?: string;
  /** Department to focus (INSEE code). */
  @property({ reflect: true }) department?: string;
  /** Which regions: `current` (since 2016, default) or `2015` (the 22 before). */
  @property() regions: RegionGeneration = 'current';
  /** `both` (map and list; tabs when narrow), `map` or `list`. */
  @property() view: 'both' | 'map' | 'list' = 'both';
  /** `markers` (default) or `density`: regions (or departments when focused) coloured by number of poles. */
  @property() mode: 'markers' | 'density' = 'markers';
  /** Keep filters, focus and selection in the URL hash, so a link reopens the same view. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;
  /** Level of the panel card's heading (default 2, like every element's top heading). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel: number = DEFAULT_HEADING_LEVEL;

  @state() private filters: Filters = {};
  /** The part of the map shown (the SVG's viewBox). @internal */
  @state() viewBox: Box = FULL;
  @state() private selectedId?: string;
  @state() private activeKey?: string;
  @state() private tab: 'map' | 'list' = 'map';
  @state() private width = 0;
  @state() private listLimit = LIST_PAGE;
  /** The list's first screenful is drawn with the map's first paint, the rest right after it. */
  @state() private listDrawn = false;
  private listDrawing?: Promise<void>;
  /** Said politely when the panel closes by itself (its pole no longer matches the filters). */
  @state() private notice = '';
  /** The panel's card was opened in full (its name activated). */
  @state() private panelFull = false;

  private opener?: { source: 'map' | 'list'; id: string };
  private panZoom = new PanZoom(this);
  /** `t` for the render helpers in internal/. */
  private tr = (key: MessageKey, params?: Params) => this.t(key, params);
  /** Widths of the element (for the narrow layout) and of the map (for marker sizes). */
  private resize = new ResizeObserver((entries) => {
    for (const entry of entries) {
      if (entry.target === this) this.width = entry.contentRect.width;
      else this.mapWidth = widthStep(entry.contentRect.width);
    }
  });
  @state() private mapWidth = 600;
  private observedMap?: Element;

  readonly data = new DataController<MapData>(this, (signal) => this.load(signal), () => this.loaded());

  private load(signal: AbortSignal): Promise<Result<MapData>> {
    return this.withClient((client) => loadMapData(client, signal, this.resolvedLang, (list) => this.reportSkipped(list)));
  }

  private loaded(): void {
    // The focus can only be framed once the basemap is there.
    queueMicrotask(() => {
      this.width = this.getBoundingClientRect().width;
      // The map's width before it exists (3/5 of the element beside the list): the observer refines it.
      const split = this.view === 'both' && this.width >= 720;
      // (Gap 12 px, the map's border 2 px.)
      if (this.width) this.mapWidth = widthStep(split ? (this.width - 12) * 0.6 - 2 : this.width - 2);
      this.viewBox = this.focusBox();
      this.applyHash();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
    window.addEventListener('hashchange', this.applyHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize.disconnect();
    window.removeEventListener('hashchange', this.applyHash);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.clientChanged()) void this.data.run();
    if (changed.has('region') || changed.has('department')) {
      this.filters = { ...this.filters, region: this.region || undefined, department: this.department || undefined };
      this.viewBox = this.focusBox();
    }
    // The panel closes when the filters leave its pole out: it would describe a pole no longer shown.
    const selected = this.selectedId && this.ready?.placed.find((p) => p.pole.id === this.selectedId);
    if (selected && !this.visible.includes(selected)) {
      this.selectedId = this.opener = undefined;
      this.notice = this.t('map.panel-closed', { name: selected.pole.name });
      this.writeHash();
    }
  }

  // ——— What is shown ———

  private get ready(): MapData | undefined {
    return this.data.state.status === 'ready' ? this.data.state.value : undefined;
  }

  private lastClusters?: { visible: PlacedPole[]; radius: number; result: Cluster[] };
  /** Clusters are recomputed only when the poles shown or the zoom change (not on every render). */
  private clustersOf(visible: PlacedPole[], radius: number): Cluster[] {
    const last = this.lastClusters;
    if (last?.visible === visible && last.radius === radius) return last.result;
    const result = clusterPoles(visible, radius);
    this.lastClusters = { visible, radius, result };
    return result;
  }

  private lastTally?: { visible: PlacedPole[]; unplaced: number; departments: Set<string> };
  /** Counted once per set of poles shown, not at every render (focus, hover and panning render too). */
  private tally(visible: PlacedPole[]) {
    if (this.lastTally?.visible !== visible) {
      const departments = new Set<string>();
      let unplaced = 0;
      for (const item of visible) {
        if (!item.point) unplaced++;
        for (const code of item.pole.departments ?? []) departments.add(code);
      }
      this.lastTally = { visible, unplaced, departments };
    }
    return this.lastTally;
  }

  private lastFilter?: { placed: PlacedPole[]; key: string; result: PlacedPole[] };
  private get visible(): PlacedPole[] {
    const data = this.ready;
    if (!data) return [];
    const key = JSON.stringify([this.filters, this.regions]);
    if (this.lastFilter?.placed !== data.placed || this.lastFilter.key !== key) {
      this.lastFilter = { placed: data.placed, key, result: filterPoles(data.placed, this.filters, this.regions) };
    }
    return this.lastFilter.result;
  }

  /** The departments in focus (of the chosen region or department), or undefined for all. */
  private focusDepartments(): Set<string> | undefined {
    if (this.filters.department) return new Set([this.filters.department]);
    if (this.filters.region) return new Set([...DEPARTMENTS.values()].filter((d) => regionIn(this.regions, d.code) === this.filters.region).map((d) => d.code));
    return undefined;
  }

  private focusBox(): Box {
    const data = this.ready;
    const focus = this.focusDepartments();
    if (!data || !focus) return FULL;
    const boxes = [...focus].map((code) => {
      const dept = data.basemap.departments.get(code);
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

  // ——— Rendering ———

  protected override render() {
    return this.renderData(this.data, (data) => {
      const visible = this.visible;
      const { unplaced } = this.tally(visible);
      const narrow = this.view === 'both' && this.width > 0 && this.width < 720;
      const showMap = this.view === 'map' || (this.view === 'both' && (!narrow || this.tab === 'map'));
      const showList = this.view === 'list' || (this.view === 'both' && (!narrow || this.tab === 'list'));
      const selected = this.selectedId ? data.placed.find((p) => p.pole.id === this.selectedId) : undefined;
      return html`<div class="layout" @keydown=${selected ? this.onPanelKey : nothing}>
        ${renderFilters(
          { filters: this.filters, regions: this.regions, lang: this.resolvedLang, themes: data.filterThemes, actionThemes: data.actionThemes, offering: data.offering, change: (patch, refocus) => this.setFilters(patch, refocus) },
          this.tr,
        )}
        <p class="count" part="count" role="status" aria-live="polite">
          ${this.t('map.count', { count: visible.length })}${unplaced ? html`, ${this.t('map.unplaced', { count: unplaced })}` : nothing}
        </p>
        <p class="visually-hidden" role="status">${this.notice}</p>
        ${data.skipped ? html`<p class="skipped" part="skipped">${this.t('map.skipped', { count: data.skipped })}</p>` : nothing}
        ${narrow ? renderTabs(
              this.tab,
              (tab, byKey) => {
                this.tab = tab;
                if (byKey) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
              },
              this.tr,
            ) : nothing}
        <div class="body ${showMap && showList ? 'split' : ''}">
          ${showMap ? this.renderMap(data, visible, narrow) : nothing}
          ${showList || selected
            ? html`<div class="side">
                ${selected ? renderPanel(
                      {
                        item: selected,
                        themes: data.themes,
                        full: this.panelFull,
                        headingLevel: this.headingLevel,
                        lang: this.resolvedLang,
                        theme: this.theme,
                        openFull: () => (this.panelFull = true),
                        close: this.closePanel,
                      },
                      this.tr,
                    ) : nothing} ${showList
                  ? renderList(
                      {
                        visible,
                        limit: this.listLimit,
                        drawn: this.listDrawn ? undefined : LIST_FIRST,
                        selectedId: this.selectedId,
                        role: narrow ? 'tabpanel' : undefined,
                        select: (item) => void this.select(item, 'list'),
                        more: () => (this.listLimit += LIST_PAGE),
                      },
                      this.tr,
                    )
                  : nothing}
              </div>`
            : nothing}
        </div>
      </div>`;
    });
  }

  private renderMap(data: MapData, visible: PlacedPole[], tabbed: boolean) {
    const focus = this.focusDepartments();
    const density = this.mode === 'density' ? densityClasses(visible, this.regions, focus) : undefined;
    const b = this.viewBox;
    const unit = b.w / (this.mapWidth || 600);
    const radius = MARKER_RADIUS_PX * unit;
    // Clustered over all the poles shown (marks stay put while panning), but only the marks in view
    // (and a margin) go into the DOM: a zoomed-in map of 50,000 poles holds a few hundred nodes.
    const margin = 2 * radius;
    const clusters = density
      ? []
      : this.clustersOf(visible, radius).filter((c) => c.x > b.x - margin && c.x < b.x + b.w + margin && c.y > b.y - margin && c.y < b.y + b.h + margin);
    this.shownClusters = new Map(clusters.map((c) => [clusterKey(c), c]));
    // One marker is in the tab order (roving tabindex): the last one focused if still shown.
    const keys = clusters.map((c) => clusterKey(c));
    this.tabbableKey = this.activeKey && keys.includes(this.activeKey) ? this.activeKey : keys[0];
    // Markers mode: departments with poles are tinted (not outlined: a line reads as a border).
    const withPoles = density ? undefined : this.tally(visible).departments;
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
        aria-label=${this.t('map.map-label')}
        @wheel=${this.panZoom.onWheel}
        @pointerdown=${this.panZoom.onPointerDown}
        @pointermove=${this.panZoom.onPointerMove}
        @pointerup=${this.panZoom.onPointerUp}
        @pointercancel=${this.panZoom.onPointerUp}
      >
        ${renderBasemap(data.basemap, { generation: this.regions, region: this.filters.region, focus, density, withPoles })}
        <!-- Marks not keyed: a filter or zoom rewrites them in place rather than replacing them all. -->
        <g @click=${this.onMarkersEvent} @keydown=${this.onMarkersEvent}>
          ${clusters.map((c) => renderMark(c, radius, { selectedId: this.selectedId, tabbableKey: this.tabbableKey }, this.tr))}
        </g>
      </svg>
      <div class="controls">
        <!-- Named by their title (also the tooltip), said once: no description repeating the name. -->
        <button type="button" title=${this.t('map.zoom-in')} @click=${() => this.panZoom.zoom(1.6)}><span aria-hidden="true">+</span></button>
        <button type="button" title=${this.t('map.zoom-out')} @click=${() => this.panZoom.zoom(1 / 1.6)}><span aria-hidden="true">−</span></button>
        <button type="button" title=${this.t('map.reset')} @click=${() => (this.viewBox = this.focusBox())}><span aria-hidden="true">⟲</span></button>
      </div>
      ${renderLegend(clusters, density, !!focus, this.tr)}
      <p class="credit" part="credit">${this.t('map.credit')}</p>
    </div>`;
  }

  /** @internal */
  get mapSvg(): SVGSVGElement | null {
    return this.renderRoot.querySelector('.map svg');
  }

  private shownClusters = new Map<string, Cluster>();

  /** One listener for all markers (there can be hundreds): the event says which one. */
  private onMarkersEvent = (event: Event) => {
    const marker = (event.target as Element).closest?.('.marker') as SVGElement | null;
    const cluster = marker && this.shownClusters.get(marker.dataset.key ?? '');
    if (!marker || !cluster) return;
    if (event.type === 'click') this.activate(cluster);
    else if (event.type === 'keydown') this.onMarkerKey(event as KeyboardEvent, cluster);
    else this.activeKey = marker.dataset.key;
  };

  private tabbableKey?: string;
  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Measured by the ResizeObserver, never here: reading a size after each render would force a
    // layout of the whole map every time a filter changes.
    const map = this.renderRoot.querySelector('.map');
    if (map && map !== this.observedMap) {
      if (this.observedMap) this.resize.unobserve(this.observedMap);
      this.resize.observe(map);
      this.observedMap = map;
    }
    if (!this.listDrawn && this.renderRoot.querySelector('.list')) this.listDrawing ??= afterPaint().then(() => void (this.listDrawn = true));
  }

  /** Complete once the whole list is drawn, not only its first screenful. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    return this.listDrawing && !this.listDrawn ? this.listDrawing.then(() => super.getUpdateComplete()) : done;
  }

  // ——— Behaviour ———

  private setFilters(patch: Partial<Filters>, refocus = false): void {
    this.filters = { ...this.filters, ...patch };
    this.listLimit = LIST_PAGE;
    if (refocus) this.viewBox = this.focusBox();
    this.writeHash();
  }

  private async select(item: PlacedPole, source: 'map' | 'list'): Promise<void> {
    this.opener = { source, id: item.pole.id };
    this.selectedId = item.pole.id;
    this.panelFull = false;
    this.notice = '';
    this.writeHash();
    this.emit('ptce-pole-select', { id: item.pole.id, name: item.pole.name });
    const focusedBefore = this.shadowRoot!.activeElement;
    // The card is loaded when first needed: a map that nobody clicks never downloads it.
    await import('../pole-card/define.js');
    await this.updateComplete;
    // Focus goes to the panel, unless the person moved it while the card was loading.
    const focusedNow = this.shadowRoot!.activeElement;
    if (focusedNow === focusedBefore || !focusedNow) this.renderRoot.querySelector<HTMLElement>('.panel .close')?.focus();
  }

  private closePanel = async () => {
    const opener = this.opener;
    this.selectedId = undefined;
    this.writeHash();
    await this.updateComplete;
    if (!opener) return;
    // Back to the list item, or to the marker that holds the pole now (a bubble if the map changed).
    const target =
      opener.source === 'list'
        ? this.renderRoot.querySelector<HTMLElement>(`.list button[data-id="${CSS.escape(opener.id)}"]`)
        : [...this.renderRoot.querySelectorAll<SVGElement>('.marker')].find((marker) =>
            this.shownClusters.get(marker.dataset.key ?? '')?.members.some((m) => m.pole.id === opener.id),
          );
    (target ?? this.renderRoot.querySelector<SVGElement>('.marker[tabindex="0"]'))?.focus();
  };

  /**
   * Escape closes the panel from anywhere in the widget, and focus goes back where it came from;
   * not from a form field, where Escape is the field's own (clearing a search).
   */
  private onPanelKey = (event: KeyboardEvent) => {
    const field = (event.composedPath()[0] as Element).closest?.('input, select, textarea');
    if (event.key === 'Escape' && !field) {
      event.stopPropagation();
      void this.closePanel();
    }
  };

  private activate(cluster: Cluster): void {
    if (this.panZoom.dragged) return;
    if (cluster.members.length === 1) {
      void this.select(cluster.members[0], 'map');
      return;
    }
    this.viewBox = zoomedOn(cluster.members.map((m) => m.point!), this.viewBox);
    this.activeKey = undefined;
    void this.focusPolesOf(cluster);
  }

  /** After a bubble splits, focus goes to the first of its poles' marks, and the zoom is said. */
  private async focusPolesOf(cluster: Cluster): Promise<void> {
    await this.updateComplete;
    const ids = new Set(cluster.members.map((m) => m.pole.id));
    const marker = [...this.renderRoot.querySelectorAll<SVGElement>('.marker')].find((m) =>
      this.shownClusters.get(m.dataset.key ?? '')?.members.some((member) => ids.has(member.pole.id)),
    );
    this.notice = this.t('map.cluster-opened', { count: cluster.members.length, names: namesOf(cluster, this.tr) });
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
    const markers = [...this.renderRoot.querySelectorAll<SVGElement>('.marker')];
    const points = markers.map((m) => ({ x: Number(m.getAttribute('cx')), y: Number(m.getAttribute('cy')) }));
    const next = nearestInDirection({ x: cluster.x, y: cluster.y }, points, event.key as Direction);
    if (next >= 0) {
      this.activeKey = markers[next].dataset.key;
      markers[next].focus();
    }
  }

  // ——— URL ———

  private applyHash = () => {
    if (!this.syncUrl || !this.ready) return;
    const { pole, ...filters } = readHash();
    this.filters = { ...filters, region: filters.region ?? this.region, department: filters.department ?? this.department };
    this.viewBox = this.focusBox();
    this.selectedId = pole && this.ready.placed.some((p) => p.pole.id === pole) ? pole : undefined;
    if (this.selectedId) void import('../pole-card/define.js');
  };

  private writeHash(): void {
    if (this.syncUrl) writeHash({ ...this.filters, pole: this.selectedId });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-pole-map': PtcePoleMap;
  }
}
