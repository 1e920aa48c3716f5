import { html } from 'lit';
import { heading } from '../../../base/heading.js';
import { localize } from '../../../data/localize.js';
import type { Referentiel } from '../../../data/schemas/referentiel.js';
import type { Answer } from '../../../data/schemas/submissions.js';
import { formatNumber } from '../../../i18n/index.js';
import { scaleBounds, strengthsAndWeaknesses, summarize } from '../model.js';
import { renderRadar } from '../radar.js';
import type { View } from './view.js';

/** One respondent's summary: mean per principal objective, radar, strengths and points to work on. */
export function renderSummary(referentiel: Referentiel, answers: Record<string, Answer>, { lang, headingLevel, t }: View) {
  const bounds = scaleBounds(referentiel);
  const summary = summarize(referentiel, answers);
  const { strengths, toWork } = strengthsAndWeaknesses(summary, bounds);
  const mean = (value: number | null) => (value === null ? t('ref.not-rated') : formatNumber(lang, value, { maximumFractionDigits: 1 }));
  const rated = summary.some((s) => s.mean !== null);
  const list = (items: typeof summary) =>
    items.length
      ? html`<ul>
          ${items.map((s) => html`<li>${localize(s.principal.label, lang)} (${mean(s.mean)})</li>`)}
        </ul>`
      : html`<p class="muted">${t(rated ? 'ref.none-stands-out' : 'ref.none-yet')}</p>`;
  return html`<section class="summary" part="summary" aria-labelledby="summary-title">
    ${heading(headingLevel, 1, t('ref.summary'), 'summary-title')}
    <p class="muted">${t('ref.summary-intro', bounds)}</p>
    <div class="summary-body">
      ${renderRadar(summary, bounds, t('ref.radar'))}
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">${t('ref.objective')}</th>
            <th scope="col">${t('ref.mean')}</th>
            <th scope="col">${t('ref.answered')}</th>
          </tr>
        </thead>
        <tbody>
          ${summary.map(
            (s) =>
              html`<tr>
                <td>${s.principal.id}</td>
                <td>${localize(s.principal.label, lang)}</td>
                <td class="num">${mean(s.mean)}</td>
                <td class="num">${s.answered} / ${s.total}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="lists">
      <div>${heading(headingLevel, 2, t('ref.strengths'))}${list(strengths)}</div>
      <div>${heading(headingLevel, 2, t('ref.to-work'))}${list(toWork)}</div>
    </div>
    <div class="no-print"><button type="button" class="secondary" @click=${() => window.print()}>${t('ref.print')}</button></div>
  </section>`;
}
