import type { DataIssue } from './failure.js';
import type { Indicator, PrincipalObjective, Referentiel } from './schemas/referentiel.js';
import type { Assessment } from './schemas/submissions.js';
import type { ReferentielSummary } from './schemas/pole.js';

// What both the widget and the server need to know of a référentiel and its answers.

/** One question with where it sits in the grid. */
export interface Question {
  indicator: Indicator;
  principal: PrincipalObjective;
  general: Referentiel['objectives'][number];
}

export function questionsOf(referentiel: Referentiel): Question[] {
  return referentiel.objectives.flatMap((general) =>
    general.principalObjectives.flatMap((principal) => principal.indicators.map((indicator) => ({ indicator, principal, general }))),
  );
}

/** What JSON Schema cannot say: ids unique across the grid, scale values unique. */
export function referentielIssues(referentiel: Referentiel): DataIssue[] {
  const ids = questionsOf(referentiel).map((q) => q.indicator.id);
  const issues: DataIssue[] = [];
  if (new Set(ids).size !== ids.length) issues.push({ path: 'objectives', message: 'indicator ids must be unique' });
  const values = referentiel.scale.levels.map((l) => l.value);
  if (new Set(values).size !== values.length) issues.push({ path: 'scale.levels', message: 'scale values must be unique' });
  return issues;
}

export const scaleBounds = (referentiel: Referentiel) => {
  const values = referentiel.scale.levels.map((l) => l.value);
  return { min: Math.min(...values), max: Math.max(...values) };
};

/** Does this assessment answer this référentiel (same id and version, known questions, values on the scale)? */
export function assessmentIssues(referentiel: Referentiel, assessment: Assessment): DataIssue[] {
  if (assessment.referentielId !== referentiel.id || assessment.referentielVersion !== referentiel.version) {
    return [{ path: 'referentielVersion', message: `expected ${referentiel.id} ${referentiel.version}` }];
  }
  const ids = new Set(questionsOf(referentiel).map((q) => q.indicator.id));
  const values = new Set(referentiel.scale.levels.map((l) => l.value));
  const issues: DataIssue[] = [];
  for (const [id, answer] of Object.entries(assessment.answers)) {
    if (!ids.has(id)) issues.push({ path: `answers.${id}`, message: 'unknown question' });
    else if (answer.value !== 'na' && !values.has(answer.value)) issues.push({ path: `answers.${id}.value`, message: 'not on the scale' });
  }
  return issues;
}

/**
 * The summary a pole publishes from one campaign: per principal objective, the mean of every
 * level its respondents gave (each answer weighs the same), and how many of its questions at least
 * one respondent answered. Never computed across poles.
 */
export function campaignSummary(referentiel: Referentiel, assessments: Assessment[], publishedAt: string): ReferentielSummary | undefined {
  if (!assessments.length) return undefined;
  const { min, max } = scaleBounds(referentiel);
  const objectives = referentiel.objectives.flatMap((general) =>
    general.principalObjectives.map((principal) => {
      const levels: number[] = [];
      let answered = 0;
      for (const indicator of principal.indicators) {
        const given = assessments.map((a) => a.answers[indicator.id]).filter((a) => a !== undefined);
        if (given.length) answered++;
        for (const answer of given) if (typeof answer.value === 'number') levels.push(answer.value);
      }
      const mean = levels.length ? Math.round((levels.reduce((sum, v) => sum + v, 0) / levels.length) * 100) / 100 : null;
      return { id: principal.id, label: principal.label, mean, answered, total: principal.indicators.length };
    }),
  );
  return {
    referentielId: referentiel.id,
    referentielVersion: referentiel.version,
    referentielStatus: referentiel.status,
    publishedAt,
    respondents: assessments.length,
    scaleMin: min,
    scaleMax: max,
    objectives,
  };
}
