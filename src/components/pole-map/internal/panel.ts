import { html } from 'lit';
import type { Theme } from '../../../data/schemas/pole.js';
import type { PlacedPole } from '../drawing/model.js';
import type { Translate } from '../../../i18n/index.js';

export interface Panel {
  item: PlacedPole;
  themes: readonly Theme[];
  /** The card in full (its name was activated) or compact. */
  full: boolean;
  headingLevel: number;
  lang: string;
  theme: string;
  openFull: () => void;
  close: () => void;
  /** The error block shown instead of the card, when the card's code did not download. */
  failed?: unknown;
}

/** The selected pole's card beside the map, with its close button (Escape too). */
export function renderPanel({ item, themes, full, headingLevel, lang, theme, openFull, close, failed }: Panel, t: Translate) {
  // The map announced the selection already: the card's own select event ("Afficher sa fiche")
  // stops here and opens the card in full.
  const onSelect = (event: Event) => {
    event.stopPropagation();
    openFull();
  };
  return html`<section class="panel" part="panel" aria-label=${t('map.panel')} @ptce-pole-select=${onSelect}>
    <button type="button" class="close secondary code-focus" @click=${close}>${t('map.close')}</button>
    ${
      failed ??
      html`<ptce-pole-card
        variant=${full ? 'full' : 'compact'}
        heading-level=${headingLevel}
        .pole=${item.pole}
        .themes=${themes}
        lang=${lang}
        theme=${theme}
      ></ptce-pole-card>`
    }
  </section>`;
}
