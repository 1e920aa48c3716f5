import { html, nothing } from 'lit';
import { heading } from '../../../base/heading.js';
import { localize } from '../../../data/localize.js';
import type { Referentiel } from '../../../data/schemas/referentiel.js';
import { questionsOf, type Question } from '../model.js';
import type { View } from './view.js';

/** The theme filter above the grid; nothing when the référentiel tags no theme. */
export function renderThemeFilter(referentiel: Referentiel, current: string, choose: (theme: string) => void, { lang, t }: View) {
  const themes = referentiel.themes ?? [];
  if (!themes.length) return nothing;
  return html`<label class="inline"
    >${t('ref.theme-filter')}
    <select @change=${(e: Event) => choose((e.target as HTMLSelectElement).value)}>
      <option value="">${t('ref.all-themes')}</option>
      ${themes.map((theme) => html`<option value=${theme.id} ?selected=${theme.id === current}>${localize(theme.label, lang)}</option>`)}
    </select>
  </label>`;
}

/** The grid, objective by objective, with only the questions of `theme` (all when empty). */
export function renderGrid(referentiel: Referentiel, theme: string, question: (q: Question) => unknown, { lang, headingLevel, t }: View) {
  const keep = (q: Question) => !theme || (q.indicator.themes ?? []).includes(theme);
  const questions = questionsOf(referentiel).filter(keep);
  return html`<div class="grid" part="grid">
    <p class="muted" role="status">${t('ref.questions', { count: questions.length })}</p>
    ${referentiel.objectives.map((general) => {
      const principals = general.principalObjectives.filter((p) => questions.some((q) => q.principal === p));
      if (!principals.length) return nothing;
      return html`<section class="general" aria-labelledby="g-${general.id}">
        ${heading(headingLevel, 1, html`<span class="qid">${general.id}</span> ${localize(general.label, lang)}`, `g-${general.id}`)}
        ${principals.map(
          (principal) =>
            html`<section class="principal" aria-labelledby="p-${principal.id}">
              ${heading(headingLevel, 2, html`<span class="qid">${principal.id}</span> ${localize(principal.label, lang)}`, `p-${principal.id}`)}
              <ol class="questions">
                ${questions.filter((q) => q.principal === principal).map((q) => html`<li>${question(q)}</li>`)}
              </ol>
            </section>`,
        )}
      </section>`;
    })}
  </div>`;
}

/** A question's themes, as tags. */
export function renderTags(referentiel: Referentiel, q: Question, lang: string) {
  const ids = q.indicator.themes ?? [];
  if (!ids.length) return nothing;
  const label = (id: string) => localize(referentiel.themes?.find((theme) => theme.id === id)?.label, lang) || id;
  return html`<ul class="tags">
    ${ids.map((id) => html`<li>${label(id)}</li>`)}
  </ul>`;
}

/** What each level of the scale means, shown to everyone above the questions (not only on hover). */
export function renderScale(referentiel: Referentiel, { lang, t }: View) {
  const levels = [...referentiel.scale.levels, { ...referentiel.scale.notApplicable, value: 'na' }].filter((l) => l.description);
  if (!levels.length) return nothing;
  return html`<section class="scale" part="scale" aria-labelledby="scale-title">
    <p class="label" id="scale-title">${t('ref.scale')}</p>
    <dl>
      ${levels.map(
        (l) =>
          html`<dt>${localize(l.label, lang)}</dt>
            <dd id="level-${l.value}">${localize(l.description, lang)}</dd>`,
      )}
    </dl>
  </section>`;
}

/** A question as read (not answered): its id, label, question and tags. */
export function renderReadQuestion(referentiel: Referentiel, q: Question, lang: string) {
  return html`<p><span class="qid">${q.indicator.id}</span> <strong>${localize(q.indicator.label, lang)}</strong></p>
    <p>${localize(q.indicator.question, lang)}</p>
    ${renderTags(referentiel, q, lang)}`;
}
