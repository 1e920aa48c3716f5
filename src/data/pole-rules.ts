// What a pole's JSON Schema cannot say, shared by zod (server, tests) and the widgets' checks.

interface SummaryLike {
  scaleMin?: number;
  scaleMax?: number;
  objectives: { mean: number | null }[];
}

/** Default answer scale of a published référentiel summary (the illustrative and official ones: 1–4). */
export const DEFAULT_SCALE = { min: 1, max: 4 } as const;

/** Each published mean lies on its summary's scale: a mean of 99 on a 1–4 scale is invalid. */
export function poleRuleIssues(pole: { referentielSummary?: SummaryLike }): { path: (string | number)[]; message: string }[] {
  const summary = pole.referentielSummary;
  if (!summary) return [];
  const min = summary.scaleMin ?? DEFAULT_SCALE.min;
  const max = summary.scaleMax ?? DEFAULT_SCALE.max;
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (!(min < max)) issues.push({ path: ['referentielSummary', 'scaleMax'], message: 'scale max must exceed scale min' });
  else {
    summary.objectives.forEach((objective, index) => {
      const mean = objective.mean;
      if (mean !== null && (mean < min || mean > max)) {
        issues.push({ path: ['referentielSummary', 'objectives', index, 'mean'], message: 'outside the scale' });
      }
    });
  }
  return issues;
}
