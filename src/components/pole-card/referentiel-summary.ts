import { html } from 'lit';
import { heading } from '../../base/heading.js';
import { localize } from '../../data/localize.js';
import type { Pole } from '../../data/schemas/pole.js';
import { formatNumber, translate } from '../../i18n/index.js';

type Summary = NonNullable<Pole['referentielSummary']>;

/**
 * The référentiel summary a pole chose to publish: one bar per principal objective. It shows this
 * pole's own view of itself and is never laid next to another pole's.
 */
export function renderReferentielSummary(summary: Summary, lang: string, headingLevel: number) {
  const min = summary.scaleMin ?? 1;
  const max = summary.scaleMax ?? 4;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
  return html`<section class="summary" part="summary">
    ${heading(headingLevel, 1, t('card.summary'))}
    <p class="muted">${t('card.summary-detail', { min, max })}</p>
    <p class="muted" data-version>
      ${t('card.summary-version', { version: summary.referentielVersion })}${summary.referentielStatus === 'illustrative' ? ` — ${t('card.summary-illustrative')}` : ''}
    </p>
    <ul>
      ${summary.objectives.map((objective) => {
        const share = objective.mean === null ? 0 : Math.min(1, Math.max(0, (objective.mean - min) / (max - min || 1)));
        const value = objective.mean === null ? t('card.summary-none') : formatNumber(lang, objective.mean, { maximumFractionDigits: 1 });
        const counts = { answered: objective.answered, total: objective.total };
        return html`<li title=${t('card.summary-answered', counts)}>
          <span>${localize(objective.label, lang)}</span>
          <svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
            <rect class="track" width="100" height="8" rx="4"></rect>
            <rect class="bar" width=${(share * 100).toFixed(1)} height="8" rx="4"></rect>
          </svg>
          <span class="value">${value}</span>
        </li>`;
      })}
    </ul>
  </section>`;
}
