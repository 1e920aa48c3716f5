// Compare mode (regards croisés): loaded only by a référentiel in that mode.
import { html, nothing, svg } from 'lit';
import { registerMessages } from '../../../i18n/index.js';
import { compare } from '../../../i18n/fr/compare.js';
import { compareStyles } from './compare.styles.js';
import { heading } from '../../../base/heading.js';
import { checkAssessment } from '../../../data/checks/referentiel.js';
import { localize } from '../../../data/localize.js';
import type { Referentiel } from '../../../data/schemas/referentiel.js';
import type { Answer, Assessment } from '../../../data/schemas/submissions.js';
import { formatNumber } from '../../../i18n/index.js';
import { assessmentIssues, questionsOf, scaleBounds, summarize, type Question } from '../model.js';
import type { View } from './view.js';

registerMessages('fr', compare);

export { compareStyles };

export interface Divergence {
  question: Question;
  /** Each respondent's answer, in the order of the assessments (undefined: not answered). */
  answers: (Answer | undefined)[];
  /** Highest minus lowest level given (0 when fewer than two levels). */
  spread: number;
}

/** Questions ordered by how much the respondents' views differ: conversation starters first. */
export function divergences(referentiel: Referentiel, assessments: Assessment[]): Divergence[] {
  return questionsOf(referentiel)
    .map((question, order) => {
      const answers = assessments.map((a) => a.answers[question.indicator.id]);
      const levels = answers.map((a) => a?.value).filter((v): v is number => typeof v === 'number');
      return { question, answers, spread: levels.length > 1 ? Math.max(...levels) - Math.min(...levels) : 0, order };
    })
    .sort((a, b) => b.spread - a.spread || a.order - b.order)
    .map(({ order: _order, ...rest }) => rest);
}

/** Per principal objective, the lowest and highest respondent means. */
export function objectiveSpreads(referentiel: Referentiel, assessments: Assessment[]) {
  const perRespondent = assessments.map((a) => summarize(referentiel, a.answers));
  return (
    perRespondent[0]?.map((first, index) => {
      const means = perRespondent.map((s) => s[index].mean).filter((m): m is number => m !== null);
      return {
        principal: first.principal,
        min: means.length ? Math.min(...means) : null,
        max: means.length ? Math.max(...means) : null,
        means,
      };
    }) ?? []
  );
}

/**
 * The valid assessments of ONE pole among those given: never two poles side by side. `otherPole`
 * names a pole whose answers were left out.
 */
export function comparedAssessments(
  referentiel: Referentiel,
  sources: readonly (readonly unknown[])[],
): { assessments: Assessment[]; otherPole?: string } {
  const all = sources
    .flat()
    .map((a) => checkAssessment(a))
    .filter((r) => r.ok)
    .map((r) => (r as { value: Assessment }).value)
    .filter((a) => assessmentIssues(referentiel, a).length === 0);
  const pole = all[0]?.poleId ?? all[0]?.poleName;
  const same = all.filter((a) => (a.poleId ?? a.poleName) === pole);
  const other = all.find((a) => (a.poleId ?? a.poleName) !== pole);
  return { assessments: same, otherPole: other ? (other.poleName ?? other.poleId ?? '?') : undefined };
}

function respondentName(assessment: Assessment, index: number, referentiel: Referentiel, lang: string): string {
  const role = localize(referentiel.roles?.find((r) => r.id === assessment.respondent.role)?.label, lang) || assessment.respondent.role;
  return `${index + 1}. ${assessment.respondent.name ? `${assessment.respondent.name}, ` : ''}${role}`;
}

export interface CompareView extends View {
  /** The file picker and the messages above the comparison. */
  toolbar: unknown;
  messages: unknown;
}

/** Several respondents of one pole: the questions where their views differ most come first. */
export function renderCompare(
  referentiel: Referentiel,
  assessments: Assessment[],
  { lang, headingLevel, t, toolbar, messages }: CompareView,
) {
  if (assessments.length < 2)
    return html`<div class="toolbar">${toolbar}</div>
      ${messages}
      <p>${t('ref.compare-none')}</p>`;
  const rows = divergences(referentiel, assessments);
  const bounds = scaleBounds(referentiel);
  const names = assessments.map((a, i) => respondentName(a, i, referentiel, lang));
  const level = (answer?: Answer) =>
    answer === undefined
      ? t('ref.no-answer')
      : answer.value === 'na'
        ? localize(referentiel.scale.notApplicable.label, lang)
        : String(answer.value);
  const spreads = objectiveSpreads(referentiel, assessments);
  const fmt = (v: number | null) => (v === null ? '—' : formatNumber(lang, v, { maximumFractionDigits: 1 }));
  return html`<section class="compare" part="compare" aria-labelledby="compare-title">
    ${heading(headingLevel, 1, `${t('ref.compare-title')}${assessments[0].poleName ? ` — ${assessments[0].poleName}` : ''}`, 'compare-title')}
    <p>${t('ref.compare-intro', { count: assessments.length })}</p>
    <div class="toolbar">${toolbar}</div>
    ${messages}
    <ul class="legend">
      ${names.map((name) => html`<li>${name}</li>`)}
    </ul>
    ${heading(headingLevel, 2, t('ref.divergent'))}
    <ol class="divergent">
      ${rows.slice(0, 5).map((row) => html`<li>${localize(row.question.indicator.question, lang)} — ${t('ref.spread', { spread: row.spread })}</li>`)}
    </ol>
    <div class="rows">
      ${rows.map(
        (row) =>
          html`<div class="compare-row" data-id=${row.question.indicator.id}>
            <div>
              <span class="qid">${row.question.indicator.id}</span> ${localize(row.question.indicator.question, lang)}
              <p class="muted">
                ${t('ref.spread', { spread: row.spread })} · ${row.answers.map((answer, i) => `${i + 1} : ${level(answer)}`).join(' · ')}
              </p>
            </div>
            ${renderDots(row.answers, bounds)}
          </div>`,
      )}
    </div>
    ${heading(headingLevel, 2, t('ref.objective-spread'))}
    <table>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">${t('ref.objective')}</th>
          <th scope="col">min</th>
          <th scope="col">max</th>
        </tr>
      </thead>
      <tbody>
        ${spreads.map(
          (s) =>
            html`<tr>
              <td>${s.principal.id}</td>
              <td>${localize(s.principal.label, lang)}</td>
              <td class="num">${fmt(s.min)}</td>
              <td class="num">${fmt(s.max)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

/** A dot plot of one question: each respondent's level on the scale (numbers match the legend). */
function renderDots(answers: (Answer | undefined)[], bounds: { min: number; max: number }) {
  const width = 160;
  const x = (v: number) => 10 + ((v - bounds.min) / (bounds.max - bounds.min || 1)) * (width - 20);
  const stack = new Map<number, number>();
  const ticks = [];
  for (let v = bounds.min; v <= bounds.max; v++) ticks.push(v);
  return svg`<svg class="dots" viewBox="0 0 ${width} 40" aria-hidden="true">
    <line class="axis" x1="10" y1="30" x2=${width - 10} y2="30"></line>
    ${ticks.map((v) => svg`<text class="tick" x=${x(v)} y="39">${v}</text>`)}
    ${answers.map((answer, i) => {
      if (typeof answer?.value !== 'number') return nothing;
      const level = stack.get(answer.value) ?? 0;
      stack.set(answer.value, level + 1);
      const cy = 24 - level * 7;
      return svg`<circle cx=${x(answer.value)} cy=${cy} r="4"></circle><text class="who" x=${x(answer.value)} y=${cy}>${i + 1}</text>`;
    })}
  </svg>`;
}
