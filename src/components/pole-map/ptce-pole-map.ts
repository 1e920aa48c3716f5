import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DataController } from '../../base/data-controller.js';
import { ok, type Result } from '../../data/failure.js';
import { DEPARTMENTS, placeParts } from '../../data/geography.js';
import { REGION_NAMES, regionIn, type RegionGeneration } from '../../data/regions-2015.js';
import { localize } from '../../data/localize.js';
import { loadPoles } from '../../data/poles.js';
import type { Theme } from '../../data/schemas/pole.js';
import { loadBasemap, type Basemap } from './basemap.js';
import { clusterPoles, filterableThemes, filterPoles, nearestInDirection, placePole, sortByName, spreadSameSpot, type Cluster, type Direction, type Filters, type PlacedPole } from './model.js';
import { INSETS, VIEWBOX } from './projection.js';
import { mapStyles } from './ptce-pole-map.styles.js';
import { registerMessages } from '../../i18n/index.js';
import { map } from '../../i18n/fr/map.js';
import { pole as poleMessages } from '../../i18n/fr/pole.js';

registerMessages('fr', { ...poleMessages, ...map });

interface MapData {
  basemap: Basemap;
  placed: PlacedPole[];
  themes: Theme[];
  /** The themes offered as filters (those in use, at most MAX_FILTER_THEMES), sub-themes indented under theirs. */
  filterThemes: (Theme & { depth: number })[];
  /** Records of the source that were invalid and left out. */
  skipped: number;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const FULL: Box = { x: VIEWBOX.x, y: VIEWBOX.y, w: VIEWBOX.width, h: VIEWBOX.height };
const MARKER_RADIUS_PX = 8;
const LIST_PAGE = 100;
const HASH_KEYS = ['region', 'department', 'theme', 'status', 'q', 'pole'] as const;

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

  @state() private filters: Filters = {};
  @state() private box: Box = FULL;
  @state() private selectedId?: string;
  @state() private activeKey?: string;
  @state() private tab: 'map' | 'list' = 'map';
  @state() private width = 0;
  @state() private listLimit = LIST_PAGE;
  /** Said politely when the panel closes by itself (its pole no longer matches the filters). */
  @state() private notice = '';

  private opener?: { source: 'map' | 'list'; id: string };
  private pointers = new Map<number, { x: number; y: number }>();
  private dragged = false;
  /** Widths of the element (for the narrow layout) and of the map (for marker sizes). */
  private resize = new ResizeObserver((entries) => {
    for (const entry of entries) {
      if (entry.target === this) this.width = entry.contentRect.width;
      else this.mapWidth = entry.contentRect.width;
    }
  });
  @state() private mapWidth = 600;
  private observedMap?: Element;

  readonly data = new DataController<MapData>(this, (signal) => this.load(signal), () => this.loaded());

  private async load(signal: AbortSignal): Promise<Result<MapData>> {
    return this.withClient(async (client) => {
      const [poles, basemap] = await Promise.all([loadPoles(client, signal), loadBasemap()]);
      if (!poles.ok) return poles;
      this.reportSkipped(poles.value);
      // Placed in slices, between which the page stays responsive (50,000 poles).
      const list = poles.value.value.poles;
      const placed: PlacedPole[] = [];
      const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));
      for (let start = 0; start < list.length; start += 2500) {
        if (start) await breathe();
        for (const pole of list.slice(start, start + 2500)) placed.push(placePole(pole, basemap));
      }
      if (placed.length > 2500) await breathe();
      spreadSameSpot(placed);
      if (placed.length > 2500) await breathe();
      // Sorted once here: filtering keeps the order, so the list never needs sorting again.
      const sorted = sortByName(placed, this.resolvedLang);
      const { themes } = poles.value.value;
      return ok({ basemap, placed: sorted, themes, filterThemes: filterableThemes(themes, list), skipped: poles.value.skipped.length });
    });
  }

  private loaded(): void {
    // The focus can only be framed once the basemap is there.
    queueMicrotask(() => {
      this.width = this.getBoundingClientRect().width;
      // The map's width before it exists (3/5 of the element beside the list): the observer refines it.
      const split = this.view === 'both' && this.width >= 720;
      if (this.width) this.mapWidth = split ? (this.width - 12) * 0.6 : this.width;
      this.box = this.focusBox();
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
      this.box = this.focusBox();
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

  private lastClusters?: { visible: PlacedPole[]; distance: number; result: Cluster[] };
  /** Clusters are recomputed only when the poles shown or the zoom change (not on every render). */
  private clustersOf(visible: PlacedPole[], distance: number): Cluster[] {
    const last = this.lastClusters;
    if (last?.visible === visible && last.distance === distance) return last.result;
    const result = clusterPoles(visible, distance);
    this.lastClusters = { visible, distance, result };
    return result;
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
    return this.fit(
      Math.min(...known.map((b) => b.minX)),
      Math.min(...known.map((b) => b.minY)),
      Math.max(...known.map((b) => b.maxX)),
      Math.max(...known.map((b) => b.maxY)),
    );
  }

  /** A view box around a rectangle, with a margin, in the map's proportions. */
  private fit(minX: number, minY: number, maxX: number, maxY: number): Box {
    const margin = 0.12;
    let w = Math.max(maxX - minX, 20) * (1 + 2 * margin);
    let h = Math.max(maxY - minY, 20) * (1 + 2 * margin);
    const ratio = FULL.w / FULL.h;
    if (w / h > ratio) h = w / ratio;
    else w = h * ratio;
    return { x: (minX + maxX) / 2 - w / 2, y: (minY + maxY) / 2 - h / 2, w, h };
  }

  // ——— Rendering ———

  protected override render() {
    return this.renderData(this.data, (data) => {
      const visible = this.visible;
      const unplaced = visible.filter((p) => !p.point).length;
      const narrow = this.view === 'both' && this.width > 0 && this.width < 720;
      const showMap = this.view === 'map' || (this.view === 'both' && (!narrow || this.tab === 'map'));
      const showList = this.view === 'list' || (this.view === 'both' && (!narrow || this.tab === 'list'));
      const selected = this.selectedId ? data.placed.find((p) => p.pole.id === this.selectedId) : undefined;
      return html`<div class="layout" @keydown=${selected ? this.onPanelKey : nothing}>
        ${this.renderFilters(data)}
        <p class="count" part="count" role="status" aria-live="polite">
          ${this.t('map.count', { count: visible.length })}${unplaced ? html`, ${this.t('map.unplaced', { count: unplaced })}` : nothing}
        </p>
        <p class="visually-hidden" role="status">${this.notice}</p>
        ${data.skipped ? html`<p class="skipped" part="skipped">${this.t('map.skipped', { count: data.skipped })}</p>` : nothing}
        ${narrow ? this.renderTabs() : nothing}
        <div class="body ${showMap && showList ? 'split' : ''}">
          ${showMap ? this.renderMap(data, visible) : nothing}
          ${showList || selected
            ? html`<div class="side">
                ${selected ? this.renderPanel(selected, data.themes) : nothing} ${showList ? this.renderList(visible) : nothing}
              </div>`
            : nothing}
        </div>
      </div>`;
    });
  }

  private renderFilters(data: MapData) {
    const lang = this.resolvedLang;
    const f = this.filters;
    const regionCodes = Object.entries(REGION_NAMES[this.regions]).sort((a, b) => a[1].localeCompare(b[1], lang));
    const departments = [...DEPARTMENTS.values()].filter((d) => !f.region || regionIn(this.regions, d.code) === f.region);
    const option = (value: string, label: string, current?: string) => html`<option value=${value} ?selected=${value === (current ?? '')}>${label}</option>`;
    const set = (key: keyof Filters) => (event: Event) => this.setFilters({ [key]: (event.target as HTMLSelectElement).value || undefined });
    return html`<div class="filters" part="filters" role="search" aria-label=${this.t('map.filters')}>
      <label>${this.t('map.search')}
        <input type="search" .value=${f.q ?? ''} placeholder=${this.t('map.search-hint')} @input=${set('q')} />
      </label>
      <label>${this.t('map.region')}
        <select @change=${(e: Event) => this.setFilters({ region: (e.target as HTMLSelectElement).value || undefined, department: undefined }, true)}>
          ${option('', this.t('map.all-regions'), f.region)} ${regionCodes.map(([code, name]) => option(code, name, f.region))}
        </select>
      </label>
      <label>${this.t('map.department')}
        <select @change=${(e: Event) => this.setFilters({ department: (e.target as HTMLSelectElement).value || undefined }, true)}>
          ${option('', this.t('map.all-departments'), f.department)} ${departments.map((d) => option(d.code, `${d.code} — ${d.name}`, f.department))}
        </select>
      </label>
      ${data.filterThemes.length
        ? html`<label>${this.t('map.theme')}
            <select @change=${set('theme')}>
              ${option('', this.t('map.all-themes'), f.theme)} ${data.filterThemes.map((t) => option(t.id, `${'\u00a0\u00a0'.repeat(t.depth)}${localize(t.label, lang)}`, f.theme))}
            </select>
          </label>`
        : nothing}
      <label>${this.t('map.status')}
        <select @change=${set('status')}>
          ${option('', this.t('map.all-statuses'), f.status)} ${option('established', this.t('pole.status.established'), f.status)}
          ${option('emerging', this.t('pole.status.emerging'), f.status)}
        </select>
      </label>
      <button type="button" class="secondary" @click=${() => this.setFilters({ region: undefined, department: undefined, theme: undefined, status: undefined, q: undefined }, true)}>
        ${this.t('map.clear')}
      </button>
    </div>`;
  }

  private renderTabs() {
    const tab = (id: 'map' | 'list', label: string) => html`<button
      type="button"
      role="tab"
      id="tab-${id}"
      aria-selected=${this.tab === id ? 'true' : 'false'}
      tabindex=${this.tab === id ? 0 : -1}
      @click=${() => (this.tab = id)}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          this.tab = this.tab === 'map' ? 'list' : 'map';
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus());
        }
      }}
    >${label}</button>`;
    return html`<div role="tablist" aria-label=${this.t('map.tabs')}>${tab('map', this.t('map.tab-map'))} ${tab('list', this.t('map.tab-list'))}</div>`;
  }

  private renderMap(data: MapData, visible: PlacedPole[]) {
    const focus = this.focusDepartments();
    const density = this.mode === 'density' ? this.densityClasses(visible, focus) : undefined;
    const b = this.box;
    const unit = b.w / (this.mapWidth || 600);
    const radius = MARKER_RADIUS_PX * unit;
    const clusters = density ? [] : this.clustersOf(visible, radius * 2.4);
    this.shownClusters = new Map(clusters.map((c) => [this.clusterKey(c), c]));
    // One marker is in the tab order (roving tabindex): the last one focused if still shown.
    const keys = clusters.map((c) => this.clusterKey(c));
    this.tabbableKey = this.activeKey && keys.includes(this.activeKey) ? this.activeKey : keys[0];
    const region = this.filters.region;
    // Markers mode: departments with poles are tinted (not outlined: a line reads as a border).
    const withPoles = density ? undefined : new Set(visible.flatMap((p) => p.pole.departments ?? []));
    const deptClass = (code: string) =>
      `dept${focus && !focus.has(code) ? ' out' : ''} ${density ? density.byDepartment.get(code) ?? '' : withPoles!.has(code) ? 'has-poles' : ''}`;
    // Region borders on top of the departments, the chosen region's last so that it is never covered.
    const outlines = Object.keys(REGION_NAMES[this.regions])
      .sort((a, b) => Number(a === region) - Number(b === region))
      .map((code) => [code, data.basemap.regionOutline(this.regions, code)?.path] as const)
      .filter(([, path]) => path);
    return html`<div class="map" part="map" role="tabpanel" aria-labelledby=${this.view === 'both' ? 'tab-map' : nothing}>
      <svg
        viewBox="${b.x} ${b.y} ${b.w} ${b.h}"
        role="group"
        aria-label=${this.t('map.map-label')}
        @wheel=${this.onWheel}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
      >
        <g aria-hidden="true">
          ${[...data.basemap.departments.values()].map((d) => svg`<path d=${d.path} data-code=${d.id} class=${deptClass(d.id)}></path>`)}
          ${outlines.map(([code, path]) => svg`<path d=${path!} data-region=${code} class="region-edge ${code === region ? 'selected' : region ? 'out' : ''}"></path>`)}
          ${INSETS.map(
            (inset) => svg`<g class="inset ${focus && !focus.has(inset.code) ? 'out' : ''} ${regionIn(this.regions, inset.code) === region ? 'selected' : ''}">
              <rect x=${inset.box.x} y=${inset.box.y} width=${inset.box.width} height=${inset.box.height} rx="2"></rect>
              <text x=${inset.box.x + 4} y=${inset.box.y + 9}>${inset.name}</text>
              <path d=${data.basemap.overseas.get(inset.code)?.path ?? ''} data-code=${inset.code} class=${deptClass(inset.code)}></path>
            </g>`,
          )}
        </g>
        <g @click=${this.onMarkersEvent} @keydown=${this.onMarkersEvent} @focusin=${this.onMarkersEvent}>
          ${repeat(clusters, (c) => this.clusterKey(c), (c) => this.renderCluster(c, radius))}
        </g>
      </svg>
      <div class="controls">
        <button type="button" aria-label=${this.t('map.zoom-in')} title=${this.t('map.zoom-in')} @click=${() => this.zoom(1.6)}>+</button>
        <button type="button" aria-label=${this.t('map.zoom-out')} title=${this.t('map.zoom-out')} @click=${() => this.zoom(1 / 1.6)}>−</button>
        <button type="button" aria-label=${this.t('map.reset')} title=${this.t('map.reset')} @click=${() => (this.box = this.focusBox())}>⟲</button>
      </div>
      ${this.renderLegend(clusters, density)}
      <p class="credit" part="credit">${this.t('map.credit')}</p>
    </div>`;
  }

  private shownClusters = new Map<string, Cluster>();

  /** One listener for all markers (there can be hundreds): the event says which one. */
  private onMarkersEvent = (event: Event) => {
    const marker = (event.target as Element).closest?.('.marker') as SVGGElement | null;
    const cluster = marker && this.shownClusters.get(marker.dataset.key ?? '');
    if (!marker || !cluster) return;
    if (event.type === 'click') this.activate(cluster);
    else if (event.type === 'keydown') this.onMarkerKey(event as KeyboardEvent, cluster);
    else this.activeKey = marker.dataset.key;
  };

  private clusterKey(cluster: Cluster): string {
    return cluster.members.length === 1 ? cluster.members[0].pole.id : `bubble:${cluster.members.map((m) => m.pole.id).sort().join('|')}`;
  }

  private renderCluster(cluster: Cluster, radius: number) {
    const key = this.clusterKey(cluster);
    const single = cluster.members.length === 1 ? cluster.members[0] : undefined;
    const label = single ? this.markerLabel(single) : this.bubbleLabel(cluster);
    const r = single ? radius * 0.75 : radius * (1 + Math.min(0.8, Math.log10(cluster.members.length) * 0.5));
    return svg`<g
      class="marker ${single ? (single.exact ? '' : 'approximate') : 'bubble'} ${single && single.pole.id === this.selectedId ? 'selected' : ''}"
      role="button"
      tabindex=${key === this.tabbableKey ? 0 : -1}
      aria-label=${label}
      data-key=${key}
      transform="translate(${cluster.x} ${cluster.y})"
    >
      <circle r=${r}></circle>
      ${single ? nothing : svg`<text font-size=${r}>${cluster.members.length}</text>`}
    </g>`;
  }

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
  }

  private territoryOf({ pole }: PlacedPole): string {
    return placeParts(pole).join(', ');
  }

  private markerLabel(item: PlacedPole): string {
    const territory = this.territoryOf(item);
    return territory ? `${item.pole.name}, ${territory}` : item.pole.name;
  }

  private bubbleLabel(cluster: Cluster): string {
    // Members come in the list's (alphabetical) order already.
    const names = cluster.members.map((m) => m.pole.name);
    const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? `, ${this.t('map.cluster-more', { count: names.length - 5 })}` : '');
    return this.t('map.cluster', { count: cluster.members.length, names: shown });
  }

  private densityClasses(visible: PlacedPole[], focus?: Set<string>) {
    // Counts per region, or per department inside a focused region: how many poles, not how good.
    const byDepartmentLevel = !!focus;
    const counts = new Map<string, number>();
    for (const item of visible) {
      const keys = byDepartmentLevel ? item.pole.departments ?? [] : item.regions[this.regions];
      for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const max = Math.max(1, ...counts.values());
    const thresholds = [1, Math.ceil(max / 4), Math.ceil(max / 2), Math.ceil((3 * max) / 4)].filter((v, i, a) => a.indexOf(v) === i);
    const level = (count: number) => (count === 0 ? 0 : thresholds.filter((t) => count >= t).length);
    const byDepartment = new Map<string, string>();
    for (const d of DEPARTMENTS.values()) {
      const key = byDepartmentLevel ? d.code : regionIn(this.regions, d.code) ?? '';
      byDepartment.set(d.code, `density-${level(counts.get(key) ?? 0)}`);
    }
    return { byDepartment, thresholds, max };
  }

  /** What each kind of mark on the map means: only the kinds shown now, and the density scale. */
  private renderLegend(clusters: Cluster[], density?: { thresholds: number[] }) {
    const swatch = (kind: string) =>
      html`<svg viewBox="-6 -6 12 12" aria-hidden="true"><g class="swatch ${kind}"><circle r=${kind === 'bubble' ? 5.5 : 3.8}></circle>${kind === 'bubble' ? svg`<text font-size="7">2</text>` : nothing}</g></svg>`;
    const item = (mark: unknown, label: string) => html`<li>${mark} ${label}</li>`;
    if (density) {
      const t = density.thresholds;
      const bounds = t.map((v, i) => (i + 1 < t.length ? (v === t[i + 1] - 1 ? `${v}` : `${v}–${t[i + 1] - 1}`) : `${v}+`));
      const square = (level: number) => html`<svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" class="density-${level}"></rect></svg>`;
      const title = this.t(this.focusDepartments() ? 'map.legend-departments' : 'map.legend-regions');
      return html`<ul class="legend" part="legend" aria-label=${title}>
        <li class="legend-title" aria-hidden="true">${title}</li>
        ${item(square(0), '0')} ${bounds.map((label, i) => item(square(i + 1), label))}
      </ul>`;
    }
    const singles = clusters.filter((c) => c.members.length === 1).map((c) => c.members[0]);
    return html`<ul class="legend" part="legend" aria-label=${this.t('map.legend')}>
      ${singles.some((p) => p.exact) ? item(swatch('exact'), this.t('map.key-exact')) : nothing}
      ${singles.some((p) => !p.exact) ? item(swatch('approximate'), this.t('map.key-approximate')) : nothing}
      ${clusters.some((c) => c.members.length > 1) ? item(swatch('bubble'), this.t('map.key-bubble')) : nothing}
      ${item(html`<svg viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" class="dept has-poles"></rect></svg>`, this.t('map.key-tint'))}
    </ul>`;
  }

  private renderList(visible: PlacedPole[]) {
    const shown = visible.slice(0, this.listLimit);
    return html`<section class="list" part="list" aria-label=${this.t('map.list-label')} role=${this.view === 'both' ? 'tabpanel' : nothing}>
      ${visible.length
        ? html`<ul>
            ${repeat(
              shown,
              (item) => item.pole.id,
              (item) => html`<li>
                <button type="button" data-id=${item.pole.id} aria-current=${item.pole.id === this.selectedId ? 'true' : 'false'} @click=${() => this.select(item, 'list')}>
                  <span class="name">${item.pole.name}</span>
                  <span class="where">${[this.territoryOf(item), item.point ? '' : this.t('map.unplaced-item')].filter(Boolean).join(' · ')}</span>
                </button>
              </li>`,
            )}
          </ul>`
        : html`<p>${this.t('map.none')}</p>`}
      ${visible.length > shown.length
        ? html`<button type="button" class="secondary" @click=${() => (this.listLimit += LIST_PAGE)}>
            ${this.t('map.show-more', { count: Math.min(LIST_PAGE, visible.length - shown.length) })}
          </button>`
        : nothing}
    </section>`;
  }

  private renderPanel(item: PlacedPole, themes: Theme[]) {
    // The map announced the selection already: the card's own select event stops here.
    return html`<section class="panel" part="panel" aria-label=${this.t('map.panel')} @ptce-pole-select=${(e: Event) => e.stopPropagation()}>
      <button type="button" class="close secondary code-focus" @click=${this.closePanel}>${this.t('map.close')}</button>
      <ptce-pole-card variant="compact" heading-level="3" .pole=${item.pole} .themes=${themes} lang=${this.resolvedLang} theme=${this.theme}></ptce-pole-card>
    </section>`;
  }

  // ——— Behaviour ———

  private setFilters(patch: Partial<Filters>, refocus = false): void {
    this.filters = { ...this.filters, ...patch };
    this.listLimit = LIST_PAGE;
    if (refocus) this.box = this.focusBox();
    this.writeHash();
  }

  private async select(item: PlacedPole, source: 'map' | 'list'): Promise<void> {
    this.opener = { source, id: item.pole.id };
    this.selectedId = item.pole.id;
    this.notice = '';
    this.writeHash();
    this.emit('ptce-pole-select', { id: item.pole.id, name: item.pole.name });
    // The card is loaded when first needed: a map that nobody clicks never downloads it.
    await import('../pole-card/define.js');
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.panel .close')?.focus();
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
        : [...this.renderRoot.querySelectorAll<SVGGElement>('.marker')].find((marker) =>
            this.shownClusters.get(marker.dataset.key ?? '')?.members.some((m) => m.pole.id === opener.id),
          );
    (target ?? this.renderRoot.querySelector<SVGElement>('.marker[tabindex="0"]'))?.focus();
  };

  /** Escape closes the panel from anywhere in the widget, and focus goes back where it came from. */
  private onPanelKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      void this.closePanel();
    }
  };

  private activate(cluster: Cluster): void {
    if (this.dragged) return;
    if (cluster.members.length === 1) {
      void this.select(cluster.members[0], 'map');
      return;
    }
    const points = cluster.members.map((m) => m.point!);
    const box = this.fit(
      Math.min(...points.map((p) => p.x)),
      Math.min(...points.map((p) => p.y)),
      Math.max(...points.map((p) => p.x)),
      Math.max(...points.map((p) => p.y)),
    );
    // Zoom in at least 2× so the bubble splits, centred on its members.
    const w = Math.min(box.w, this.box.w / 2);
    const h = (w * FULL.h) / FULL.w;
    this.box = { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h };
    this.activeKey = undefined;
  }

  private onMarkerKey(event: KeyboardEvent, cluster: Cluster): void {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.activate(cluster);
      return;
    }
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
    event.preventDefault();
    const markers = [...this.renderRoot.querySelectorAll<SVGGElement>('.marker')];
    const points = markers.map((m) => {
      const [x, y] = (m.getAttribute('transform') ?? '').replace(/[^\d. -]/g, '').trim().split(/\s+/).map(Number);
      return { x, y };
    });
    const next = nearestInDirection({ x: cluster.x, y: cluster.y }, points, event.key as Direction);
    if (next >= 0) {
      this.activeKey = markers[next].dataset.key;
      markers[next].focus();
    }
  }

  private zoom(factor: number, center?: { x: number; y: number }): void {
    const b = this.box;
    const w = Math.min(FULL.w * 1.5, Math.max(FULL.w / 24, b.w / factor));
    const h = (w * b.h) / b.w;
    const cx = center?.x ?? b.x + b.w / 2;
    const cy = center?.y ?? b.y + b.h / 2;
    // The point under the cursor (or the centre) stays where it is.
    this.box = { x: cx - ((cx - b.x) * w) / b.w, y: cy - ((cy - b.y) * h) / b.h, w, h };
  }

  private toMap(event: { clientX: number; clientY: number }) {
    const rect = this.renderRoot.querySelector('svg')!.getBoundingClientRect();
    return { x: this.box.x + ((event.clientX - rect.left) / rect.width) * this.box.w, y: this.box.y + ((event.clientY - rect.top) / rect.height) * this.box.h };
  }

  private onWheel = (event: WheelEvent) => {
    event.preventDefault();
    this.zoom(event.deltaY < 0 ? 1.25 : 1 / 1.25, this.toMap(event));
  };

  private onPointerDown = (event: PointerEvent) => {
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    this.dragged = false;
  };

  /**
   * The map captures the pointer only once a drag has really started: captured from pointerdown,
   * Chromium and Firefox send the click to the map instead of the marker under the pointer.
   */
  private capture(event: PointerEvent) {
    const map = event.currentTarget as Element;
    if (map.hasPointerCapture?.(event.pointerId)) return;
    try {
      map.setPointerCapture(event.pointerId);
    } catch {
      // A pointer the browser no longer tracks: dragging still works while it stays over the map.
    }
  }

  private onPointerMove = (event: PointerEvent) => {
    const previous = this.pointers.get(event.pointerId);
    if (!previous) return;
    const rect = (event.currentTarget as Element).getBoundingClientRect();
    const scale = this.box.w / rect.width;
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      const before = Math.hypot(a.x - b.x, a.y - b.y);
      this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
      const [c, d] = [...this.pointers.values()];
      const after = Math.hypot(c.x - d.x, c.y - d.y);
      if (before > 0) this.zoom(after / before, this.toMap({ clientX: (c.x + d.x) / 2, clientY: (c.y + d.y) / 2 }));
      this.dragged = true;
      this.capture(event);
      return;
    }
    const dx = event.clientX - previous.x;
    const dy = event.clientY - previous.y;
    if (!this.dragged && Math.hypot(dx, dy) < 4) return;
    this.dragged = true;
    this.capture(event);
    this.pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    this.box = { ...this.box, x: this.box.x - dx * scale, y: this.box.y - dy * scale };
    this.renderRoot.querySelector('svg')?.classList.add('dragging');
  };

  private onPointerUp = (event: PointerEvent) => {
    this.pointers.delete(event.pointerId);
    this.renderRoot.querySelector('svg')?.classList.remove('dragging');
    // A click that ends a drag must not select the marker under the pointer.
    if (this.dragged) setTimeout(() => (this.dragged = false));
  };

  // ——— URL ———

  private applyHash = () => {
    if (!this.syncUrl || !this.ready) return;
    const params = new URLSearchParams(location.hash.slice(1));
    const read = (key: string) => params.get(`ptce-${key}`) ?? undefined;
    this.filters = { region: read('region') ?? this.region, department: read('department') ?? this.department, theme: read('theme'), status: read('status'), q: read('q') };
    this.box = this.focusBox();
    const pole = read('pole');
    this.selectedId = pole && this.ready.placed.some((p) => p.pole.id === pole) ? pole : undefined;
    if (this.selectedId) void import('../pole-card/define.js');
  };

  private writeHash(): void {
    if (!this.syncUrl) return;
    const params = new URLSearchParams(location.hash.slice(1));
    const values: Partial<Record<(typeof HASH_KEYS)[number], string>> = { ...this.filters, pole: this.selectedId };
    for (const key of HASH_KEYS) {
      const value = values[key];
      if (value) params.set(`ptce-${key}`, value);
      else params.delete(`ptce-${key}`);
    }
    const hash = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-pole-map': PtcePoleMap;
  }
}
