import { html, nothing } from 'lit';
import type { PlacedPole } from '../drawing/model.js';
import { offersAction } from '../../../data/actions.js';
import { placeParts } from '../../../data/geography.js';
import type { Translate } from '../../../i18n/index.js';

/** Where a pole is, in words: commune, department, territory. */
export function territoryOf({ pole }: PlacedPole): string {
  return placeParts(pole).join(', ');
}

/** How many list entries are added at a time ("Afficher 50 pôles de plus"). */
export const LIST_PAGE = 50;
export interface PoleList {
  visible: readonly PlacedPole[];
  limit: number;
  selectedId?: string;
  /** A tab panel, labelled by its tab, when the map and list are shown as tabs. */
  role?: 'tabpanel';
  /** Each entry a link to the pole's page (`{id}` replaced), rather than a button opening the panel. */
  poleUrl?: string;
  select: (item: PlacedPole) => void;
  more: () => void;
}

/** The list of poles shown: a complete alternative to the map, in alphabetical order. */
export function renderList({ visible, limit, selectedId, role, poleUrl, select, more }: PoleList, t: Translate) {
  const shown = visible.slice(0, limit);
  // Entries not keyed: a filter change rewrites them in place instead of replacing them all.
  return html`<section
    class="list"
    part="list"
    aria-label=${role ? nothing : t('map.list-label')}
    role=${role ?? nothing}
    aria-labelledby=${role ? 'tab-list' : nothing}
  >
    ${
      visible.length
        ? html`<ul>
            ${shown.map(
              (item) =>
                html`<li>
                  ${
                    poleUrl
                      ? html`<a href=${poleUrl.replace('{id}', encodeURIComponent(item.pole.id))} data-id=${item.pole.id}
                          >${entry(item, t)}</a
                        >`
                      : html`<button
                          type="button"
                          data-id=${item.pole.id}
                          aria-current=${item.pole.id === selectedId ? 'true' : 'false'}
                          @click=${() => select(item)}
                        >
                          ${entry(item, t)}
                        </button>`
                  }
                </li>`,
            )}
          </ul>`
        : html`<p>${t('map.none')}</p>`
    }
    ${
      visible.length > shown.length
        ? html`<button type="button" class="secondary" @click=${more}>
            ${t('map.show-more', { count: Math.min(LIST_PAGE, visible.length - shown.length) })}
          </button>`
        : nothing
    }
  </section>`;
}

/** An entry's name and where the pole is. */
function entry(item: PlacedPole, t: Translate) {
  return html`<span class="name">${item.pole.name}</span>
    <span class="where"
      >${[territoryOf(item), item.point ? '' : t('map.unplaced-item'), offersAction(item.pole.actions) ? t('map.offers-action') : ''].filter(Boolean).join(' · ')}</span
    >`;
}
