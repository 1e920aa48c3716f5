import { css, html, nothing } from 'lit';
import { localize } from '../../data/localize.js';
import { safeHttpUrl } from '../../data/safe-url.js';
import { offersAction } from '../../data/actions.js';
import { heading } from '../../base/heading.js';
import type { PoleAction } from '../../data/schemas/action.js';
import type { Theme } from '../../data/schemas/pole.js';
import { formatDate, translate, type MessageKey, type Params } from '../../i18n/index.js';

/**
 * A pole's fiches action on its card (its own module: most poles have none). Full variant: each
 * project with its stage and perspectives, and the action it offers the other poles highlighted.
 */
export function renderActions(actions: readonly PoleAction[] | undefined, themes: readonly Theme[], lang: string, level: number) {
  if (!actions?.length) return nothing;
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const labels = new Map(themes.map((theme) => [theme.id, theme.label]));
  // Not a named region: a page listing several cards would repeat the same landmark name.
  return html`<section class="pole-actions" part="actions">
    ${heading(level, 1, t('card.actions'), 'actions-title')}
    <ul>
      ${actions.map((action) => {
        const website = safeHttpUrl(action.website);
        const credit = [action.source, formatDate(lang, action.date)].filter(Boolean).join(', ');
        return html`<li part="action">
          ${heading(level, 2, action.title)}
          <p class="text">${action.description}</p>
          ${action.offer?.trim() ? html`<p class="offer" part="offer"><strong>${t('card.action-offer')}</strong> <span class="text">${action.offer}</span></p>` : nothing}
          <dl>
            ${
              action.stage?.trim()
                ? html`<dt>${t('card.action-stage')}</dt>
                    <dd class="text">${action.stage}</dd>`
                : nothing
            }
            ${
              action.perspectives?.trim()
                ? html`<dt>${t('card.action-perspectives')}</dt>
                    <dd class="text">${action.perspectives}</dd>`
                : nothing
            }
          </dl>
          ${
            action.themes?.length
              ? html`<p class="muted">${action.themes.map((id) => localize(labels.get(id), lang) || id).join(' · ')}</p>`
              : nothing
          }
          <p class="muted">
            ${credit}${
              website
                ? html` ·
                    <a href=${website} target="_blank" rel="noopener noreferrer external"
                      >${t('card.website')}<span class="visually-hidden"> ${new URL(website).hostname} ${t('card.new-tab')}</span
                      ><span aria-hidden="true"> ↗</span></a
                    >`
                : nothing
            }
          </p>
        </li>`;
      })}
    </ul>
  </section>`;
}

/** Compact variant: one line when the pole offers the other poles an action, nothing otherwise. */
export function renderOffersLine(actions: readonly PoleAction[] | undefined, lang: string) {
  return offersAction(actions) ? html`<p class="offers" part="actions">${translate(lang, 'card.offers-action')}</p>` : nothing;
}

export const actionStyles = css`
  .pole-actions ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.9rem;
  }
  .pole-actions li {
    display: grid;
    gap: 0.4rem;
  }
  .pole-actions :is(h1, h2, h3, h4, h5, h6) {
    margin: 0;
    font-size: 1em;
    font-weight: 700;
  }
  .pole-actions .text {
    white-space: pre-line;
  }
  .pole-actions dl {
    margin: 0;
    display: grid;
    gap: 0.2rem;
  }
  .pole-actions dt {
    font-weight: 600;
    font-size: 0.9em;
  }
  .pole-actions dd {
    margin: 0 0 0.3rem;
  }
  .offer,
  .offers {
    border-inline-start: 4px solid var(--_accent);
    padding: 0.35rem 0.6rem;
    background: color-mix(in srgb, var(--_accent) 10%, transparent);
  }
`;
