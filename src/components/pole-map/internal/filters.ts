import { html, nothing } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { DEPARTMENTS } from '../../../data/geography.js';
import { localize } from '../../../data/localize.js';
import { REGION_NAMES, regionIn, type RegionGeneration } from '../../../data/regions-2015.js';
import type { Theme } from '../../../data/schemas/pole.js';
import { FACETS, type Facet, type Filters } from '../selection.js';
import type { Translate } from '../../../i18n/index.js';

export interface FilterBar {
  filters: Filters;
  regions: RegionGeneration;
  lang: string;
  /** The themes offered (those in use), sub-themes indented under theirs. */
  themes: readonly (Theme & { depth: number })[];
  /** Themes of the actions poles offer; the action filter shows when any pole offers one. */
  actionThemes?: readonly Theme[];
  offering?: boolean;
  /** The facets' values in use (typology, stage): a select each when any pole has one. */
  facets?: Record<Facet, string[]>;
  /** `refocus`: the view moves to the new region or department. */
  change: (patch: Partial<Filters>, refocus?: boolean) => void;
}

const sortedRegions = new Map<string, [string, string][]>();
/** Region codes and names in the language's alphabetical order, sorted once (the filters render with every search). */
function regionsByName(regions: RegionGeneration, lang: string): [string, string][] {
  let sorted = sortedRegions.get(`${regions}:${lang}`);
  if (!sorted) {
    const collator = new Intl.Collator(lang);
    sortedRegions.set(`${regions}:${lang}`, (sorted = Object.entries(REGION_NAMES[regions]).sort((a, b) => collator.compare(a[1], b[1]))));
  }
  return sorted;
}

/** Search, region, department, theme and status: a search landmark above the map and list. */
/** A facet's value in words; legal forms are the source's own words. */
function facetLabel(facet: Facet, value: string, t: Translate): string {
  if (facet === 'legalForm') return value;
  const key = `pole.${facet}.${value}`;
  const text = t(key as Parameters<Translate>[0]);
  return text === key ? value : text;
}

export function renderFilters({ filters: f, regions, lang, themes, actionThemes = [], offering, facets, change }: FilterBar, t: Translate) {
  const regionCodes = regionsByName(regions, lang);
  const departments = () => [...DEPARTMENTS.values()].filter((d) => !f.region || regionIn(regions, d.code) === f.region);
  const option = (value: string, label: string, current?: string) =>
    html`<option value=${value} ?selected=${value === (current ?? '')}>${label}</option>`;
  const valueOf = (event: Event) => (event.target as HTMLSelectElement).value || undefined;
  const set = (key: keyof Filters) => (event: Event) => change({ [key]: valueOf(event) });
  return html`<div class="filters" part="filters" role="search" aria-label=${t('map.filters')}>
    <label
      >${t('map.search')}
      <input type="search" .value=${f.q ?? ''} placeholder=${t('map.search-hint')} @input=${set('q')} />
    </label>
    <label
      >${t('map.region')}
      <select @change=${(e: Event) => change({ region: valueOf(e), department: undefined }, true)}>
        ${option('', t('map.all-regions'), f.region)}
        ${guard([regionCodes, f.region], () => regionCodes.map(([code, name]) => option(code, name, f.region)))}
      </select>
    </label>
    <label
      >${t('map.department')}
      <select @change=${(e: Event) => change({ department: valueOf(e) }, true)}>
        ${option('', t('map.all-departments'), f.department)}
        <!-- The hundred options written again only when the region or the department changes (not at each letter searched). -->
        ${guard([regions, f.region, f.department], () => departments().map((d) => option(d.code, `${d.code} — ${d.name}`, f.department)))}
      </select>
    </label>
    ${
      themes.length
        ? html`<label
            >${t('map.theme')}
            <select @change=${set('theme')}>
              ${option('', t('map.all-themes'), f.theme)}
              ${guard([themes, lang, f.theme], () =>
                themes.map((th) => option(th.id, `${'\u00a0\u00a0'.repeat(th.depth)}${localize(th.label, lang)}`, f.theme)),
              )}
            </select>
          </label>`
        : nothing
    }
    <label
      >${t('map.status')}
      <select @change=${set('status')}>
        ${option('', t('map.all-statuses'), f.status)} ${option('established', t('pole.status.established'), f.status)}
        ${option('emerging', t('pole.status.emerging'), f.status)}
      </select>
    </label>
    ${FACETS.map((facet) =>
      facets?.[facet].length
        ? html`<label
            >${t(`map.facet.${facet}`)}
            <select @change=${set(facet)}>
              ${option('', t(`map.facet.${facet}.all`), f[facet])}
              ${facets[facet].map((value) => option(value, facetLabel(facet, value, t), f[facet]))}
            </select>
          </label>`
        : nothing,
    )}
    ${
      offering
        ? html`<label
            >${t('map.action')}
            <select @change=${set('action')}>
              ${option('', t('map.action-all'), f.action)} ${option('*', t('map.action-any'), f.action)}
              ${actionThemes.map((th) => option(th.id, t('map.action-theme', { theme: localize(th.label, lang) }), f.action))}
            </select>
          </label>`
        : nothing
    }
    <button
      type="button"
      class="secondary"
      @click=${() =>
        change(
          {
            region: undefined,
            department: undefined,
            theme: undefined,
            status: undefined,
            action: undefined,
            q: undefined,
            ...Object.fromEntries(FACETS.map((facet) => [facet, undefined])),
          },
          true,
        )}
    >
      ${t('map.clear')}
    </button>
  </div>`;
}
