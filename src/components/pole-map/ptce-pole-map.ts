import { html, isServer, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DEFAULT_HEADING_LEVEL } from '../../base/heading.js';
import { DataController } from '../../base/data-controller.js';
import type { Failure, Result } from '../../data/failure.js';
import { chunk } from '../../data/chunk.js';
import { DEPARTMENTS } from '../../data/geography.js';
import { regionIn, type RegionGeneration } from '../../data/regions-2015.js';
import type { PlacedPole } from './drawing/model.js';
import type { PtcePoleMapView } from './drawing/map-view.js';
import { filterPoles, type Filters } from './selection.js';
import { renderFilters } from './internal/filters.js';
import { readHash, writeHash } from './internal/url-hash.js';
import { LIST_PAGE, renderList } from './internal/list.js';
import { loadMapData, type MapData } from './internal/map-data.js';
import { renderPanel } from './internal/panel.js';
import { renderTabs } from './internal/tabs.js';
import { SearchAhead } from './internal/search-ahead.js';
import { mapStyles } from './ptce-pole-map.styles.js';
import { registerMessages } from '../../i18n/index.js';
import { map } from '../../i18n/fr/map.js';
import { pole as poleMessages } from '../../i18n/fr/pole.js';

registerMessages('fr', { ...poleMessages, ...map });

/**
 * The panel's card, loaded on a first selection. Its drawing is requested at the same time: the
 * card's chunk would ask for it only once it runs, one round trip later. (A failed drawing is the
 * card's to show; a failed card is the panel's.)
 */
const loadCard = chunk((retry) => {
  import('../pole-card/internal/pole-view.js').catch(() => undefined);
  return retry ? import(`../pole-card/define.js${retry}`) : import('../pole-card/define.js');
});

/**
 * @tag ptce-pole-map
 * @summary The map and list of poles: light, private (no tiles, no third-party request) and usable
 * with a keyboard or a screen reader. A CRESS page needs only `<ptce-pole-map endpoint region>`.
 *
 * @csspart filters - The filter bar.
 * @csspart count - The live count of poles shown.
 * @csspart skipped - The note saying how many records of the source were invalid and left out.
 * @csspart map - The map frame (inside the map's drawing, exported).
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
  /**
   * Where a pole's page is, `{id}` standing for its id (`/poles/{id}`): the list's entries are then
   * links to those pages, which work without JavaScript (the server's pages set it).
   */
  @property({ attribute: 'pole-url' }) poleUrl?: string;
  /** Level of the panel card's heading (default 2, like every element's top heading). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel: number = DEFAULT_HEADING_LEVEL;

  @state() private filters: Filters = {};
  @state() private selectedId?: string;
  /** Counts the times the map must frame its focus again (a region or department chosen, the URL). */
  @state() private frame = 0;
  @state() private tab: 'map' | 'list' = 'map';
  @state() private width = 0;
  @state() private listLimit = LIST_PAGE;
  /** Said politely when the panel closes by itself (its pole no longer matches the filters). */
  @state() private notice = '';
  /** The panel's card was opened in full (its name activated). */
  @state() private panelFull = false;
  /** The card's code did not download: the panel shows the error block instead. */
  @state() private cardFailure?: Failure;

  private opener?: { source: 'map' | 'list'; id: string };
  /** The element's width, for the narrow layout (the map measures its own). */
  private resize = isServer ? undefined : new ResizeObserver(([entry]) => (this.width = entry.contentRect.width));

  readonly data = new DataController<MapData>(
    this,
    (signal) => this.load(signal),
    (data) => this.loaded(data),
  );

  constructor() {
    super();
    // A large directory's search texts, made while the page is idle.
    this.addController(new SearchAhead(() => this.ready?.placed));
  }

  private load(signal: AbortSignal): Promise<Result<MapData>> {
    return this.withClient((client) => loadMapData(client, signal, this.resolvedLang, (list) => this.reportSkipped(list)));
  }

  private loaded(_data: MapData): void {
    // Server-rendered: the first render must be the server's (no width, no URL); see firstUpdated.
    if (this.serverRendered && !this.hasUpdated) return;
    // Before the first render with data, so that the layout (tabs or not) is chosen once: the
    // element's width is known from its loading state (measured now only if the observer has not
    // reported yet, when the element holds no more than that state).
    this.width ||= this.getBoundingClientRect().width;
    this.applyHash();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize?.observe(this);
    window.addEventListener('hashchange', this.applyHash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    window.removeEventListener('hashchange', this.applyHash);
  }

  protected override firstUpdated(): void {
    // Hydrated: now the URL may change what the server showed.
    if (this.serverRendered) this.applyHash();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.clientChanged()) this.startLoad(this.data);
    if (changed.has('region') || changed.has('department')) {
      this.filters = { ...this.filters, region: this.region || undefined, department: this.department || undefined };
      this.frame++;
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

  private lastFocus?: { key: string; result?: Set<string> };
  /** The departments in focus (of the chosen region or department), or undefined for all: one set while they stay. */
  private get focusDepartments(): Set<string> | undefined {
    const { region, department } = this.filters;
    const key = JSON.stringify([region, department, this.regions]);
    if (this.lastFocus?.key !== key) {
      let result: Set<string> | undefined;
      if (department) result = new Set([department]);
      else if (region)
        result = new Set([...DEPARTMENTS.values()].filter((d) => regionIn(this.regions, d.code) === region).map((d) => d.code));
      this.lastFocus = { key, result };
    }
    return this.lastFocus.result;
  }

  // ——— Rendering ———

  protected override render() {
    return this.renderData(this.data, (data) => {
      const visible = this.visible;
      const { unplaced, departments } = this.tally(visible);
      // Rendered by a server, which knows no width: no tabs, the list goes under the map when
      // narrow (a container query), so that hydrating never moves the layout.
      const fluid = isServer || this.serverRendered;
      const narrow = !fluid && this.view === 'both' && this.width > 0 && this.width < 720;
      const showMap = this.view === 'map' || (this.view === 'both' && (!narrow || this.tab === 'map'));
      const showList = this.view === 'list' || (this.view === 'both' && (!narrow || this.tab === 'list'));
      const selected = this.selectedId ? data.placed.find((p) => p.pole.id === this.selectedId) : undefined;
      return html`<div class="layout ${fluid ? 'fluid' : ''}" @keydown=${selected ? this.onPanelKey : nothing}>
        ${renderFilters(
          {
            filters: this.filters,
            regions: this.regions,
            lang: this.resolvedLang,
            themes: data.filterThemes,
            actionThemes: data.actionThemes,
            offering: data.offering,
            facets: data.facets,
            change: (patch, refocus) => this.setFilters(patch, refocus),
          },
          this.t,
        )}
        <p class="count" part="count" role="status" aria-live="polite">
          ${this.t('map.count', { count: visible.length })}${unplaced ? html`, ${this.t('map.unplaced', { count: unplaced })}` : nothing}
        </p>
        <p class="visually-hidden" role="status">${this.notice}</p>
        ${data.skipped ? html`<p class="skipped" part="skipped">${this.t('map.skipped', { count: data.skipped })}</p>` : nothing}
        ${
          narrow
            ? renderTabs(
                this.tab,
                (tab, byKey) => {
                  this.tab = tab;
                  if (byKey) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
                },
                this.t,
              )
            : nothing
        }
        <div class="body ${showMap && showList ? 'split' : ''} ${fluid ? 'fluid' : ''}">
          ${
            showMap
              ? html`<ptce-pole-map-view
                  exportparts="map, legend, credit"
                  role=${narrow ? 'tabpanel' : nothing}
                  aria-labelledby=${narrow ? 'tab-map' : nothing}
                  lang=${this.resolvedLang}
                  .poles=${visible}
                  .withPoles=${departments}
                  .focusArea=${this.focusDepartments}
                  .frame=${this.frame}
                  .mode=${this.mode}
                  .regions=${this.regions}
                  .region=${this.filters.region}
                  .selectedId=${this.selectedId}
                  @pole-map-select=${(event: CustomEvent<PlacedPole>) => void this.select(event.detail, 'map')}
                ></ptce-pole-map-view>`
              : nothing
          }
          ${
            showList || selected
              ? html`<div class="side">
                  ${
                    selected
                      ? renderPanel(
                          {
                            item: selected,
                            themes: data.themes,
                            full: this.panelFull,
                            headingLevel: this.headingLevel,
                            lang: this.resolvedLang,
                            theme: this.theme,
                            openFull: () => (this.panelFull = true),
                            close: this.closePanel,
                            failed: this.cardFailure && this.renderError(this.cardFailure, () => void this.loadPanelCard()),
                          },
                          this.t,
                        )
                      : nothing
                  }
                  ${
                    showList
                      ? renderList(
                          {
                            visible,
                            limit: this.listLimit,
                            selectedId: this.selectedId,
                            role: narrow ? 'tabpanel' : undefined,
                            poleUrl: this.poleUrl,
                            select: (item) => void this.select(item, 'list'),
                            more: () => (this.listLimit += LIST_PAGE),
                          },
                          this.t,
                        )
                      : nothing
                  }
                </div>`
              : nothing
          }
        </div>
      </div>`;
    });
  }

  private get drawing(): PtcePoleMapView | null {
    return this.renderRoot.querySelector('ptce-pole-map-view');
  }

  /** Complete once the map's drawing is too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.drawing?.updateComplete;
    return done;
  }

  // ——— Behaviour ———

  private setFilters(patch: Partial<Filters>, refocus = false): void {
    this.filters = { ...this.filters, ...patch };
    this.listLimit = LIST_PAGE;
    if (refocus) this.frame++;
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
    await this.loadPanelCard();
    // Focus goes to the panel, unless the person moved it while the card was loading.
    const focusedNow = this.shadowRoot!.activeElement;
    if (focusedNow === focusedBefore || !focusedNow) this.renderRoot.querySelector<HTMLElement>('.panel .close')?.focus();
  }

  private async loadPanelCard(): Promise<void> {
    const card = await loadCard();
    this.cardFailure = card.ok ? undefined : card.failure;
    await this.updateComplete;
  }

  private closePanel = async () => {
    const opener = this.opener;
    this.selectedId = undefined;
    this.writeHash();
    await this.updateComplete;
    if (!opener) return;
    // Back to the list item, or to the map, which focuses the marker that holds the pole now (a
    // bubble if the map changed).
    const item = opener.source === 'list' && this.renderRoot.querySelector<HTMLElement>(`.list button[data-id="${CSS.escape(opener.id)}"]`);
    (item || this.drawing)?.focus();
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

  // ——— URL ———

  private applyHash = () => {
    if (!this.syncUrl || !this.ready) return;
    const { pole, ...filters } = readHash();
    this.filters = { ...filters, region: filters.region ?? this.region, department: filters.department ?? this.department };
    this.frame++;
    this.selectedId = pole && this.ready.placed.some((p) => p.pole.id === pole) ? pole : undefined;
    if (this.selectedId) void this.loadPanelCard();
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
