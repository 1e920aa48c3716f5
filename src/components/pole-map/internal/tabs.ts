import { html } from 'lit';
import type { Translate } from '../../../i18n/index.js';

export type Tab = 'map' | 'list';

/** The narrow layout's two tabs, map and list; the arrows move between them. */
export function renderTabs(current: Tab, choose: (tab: Tab, byKey: boolean) => void, t: Translate) {
  const other = (): Tab => (current === 'map' ? 'list' : 'map');
  const tab = (id: Tab, label: string) =>
    html`<button
      type="button"
      role="tab"
      id="tab-${id}"
      aria-selected=${current === id ? 'true' : 'false'}
      tabindex=${current === id ? 0 : -1}
      @click=${() => choose(id, false)}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') choose(other(), true);
      }}
    >
      ${label}
    </button>`;
  return html`<div role="tablist" aria-label=${t('map.tabs')}>${tab('map', t('map.tab-map'))} ${tab('list', t('map.tab-list'))}</div>`;
}
