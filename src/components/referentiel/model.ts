import { localize } from '../../data/localize.js';
import { questionsOf } from '../../data/referentiel.js';
import type { PrincipalObjective, Referentiel } from '../../data/schemas/referentiel.js';
import type { Answer, Assessment } from '../../data/schemas/submissions.js';

export { assessmentIssues, questionsOf, referentielIssues, scaleBounds, type Question } from '../../data/referentiel.js';

export interface ObjectiveSummary {
  principal: PrincipalObjective;
  /** Mean level of the questions answered on the scale; null when none was. */
  mean: number | null;
  /** Questions answered on the scale or "non concerné". */
  answered: number;
  total: number;
}

/** Per principal objective: mean level and how many questions were answered. */
export function summarize(referentiel: Referentiel, answers: Record<string, Answer>): ObjectiveSummary[] {
  return referentiel.objectives.flatMap((general) =>
    general.principalObjectives.map((principal) => {
      const given = principal.indicators.map((i) => answers[i.id]).filter((a): a is Answer => !!a);
      const levels = given.map((a) => a.value).filter((v): v is number => typeof v === 'number');
      return {
        principal,
        mean: levels.length ? levels.reduce((sum, v) => sum + v, 0) / levels.length : null,
        answered: given.length,
        total: principal.indicators.length,
      };
    }),
  );
}

/**
 * Strengths and points to work on, read on the scale (not against anyone else): the upper third
 * of the scale is a strength, the lower half a point to work on.
 */
export function strengthsAndWeaknesses(summary: ObjectiveSummary[], bounds: { min: number; max: number }) {
  const share = (mean: number) => (mean - bounds.min) / (bounds.max - bounds.min || 1);
  const rated = summary.filter((s): s is ObjectiveSummary & { mean: number } => s.mean !== null);
  return {
    strengths: rated.filter((s) => share(s.mean) >= 2 / 3).sort((a, b) => b.mean - a.mean),
    toWork: rated.filter((s) => share(s.mean) < 1 / 2).sort((a, b) => a.mean - b.mean),
  };
}

const csvCell = (value: string | number | undefined) => {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One line per question; UTF-8 with BOM and `;` separators so it opens as is in a French spreadsheet. */
export function assessmentCsv(referentiel: Referentiel, assessment: Assessment, lang: string, headers: string[]): string {
  const levelLabel = (value: Answer['value']) =>
    value === 'na'
      ? localize(referentiel.scale.notApplicable.label, lang)
      : localize(referentiel.scale.levels.find((l) => l.value === value)?.label, lang);
  const lines = [headers.map(csvCell).join(';')];
  for (const { general, principal, indicator } of questionsOf(referentiel)) {
    const answer = assessment.answers[indicator.id];
    lines.push(
      [
        localize(general.label, lang),
        localize(principal.label, lang),
        indicator.id,
        localize(indicator.label, lang),
        localize(indicator.question, lang),
        answer ? levelLabel(answer.value) : '',
        answer && answer.value !== 'na' ? answer.value : '',
        answer?.comment,
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
