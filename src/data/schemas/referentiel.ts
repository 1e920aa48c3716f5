import * as z from 'zod/mini';
import { LocalizedText, NonEmptyText } from './common.js';

/** Answer kept for a question that does not apply to the pole ("non concerné"). */
export const NOT_APPLICABLE = 'na';

export const ScaleLevel = z.object({
  value: z.int(),
  label: LocalizedText,
  description: z.optional(LocalizedText),
});

export const Indicator = z.object({
  id: NonEmptyText,
  label: LocalizedText,
  question: LocalizedText,
  themes: z.optional(z.array(z.string())),
});

export const PrincipalObjective = z.object({
  id: NonEmptyText,
  label: LocalizedText,
  indicators: z.array(Indicator).check(z.minLength(1)),
});

export const GeneralObjective = z.object({
  id: NonEmptyText,
  label: LocalizedText,
  principalObjectives: z.array(PrincipalObjective).check(z.minLength(1)),
});

/**
 * How this version's principal objectives continue those of an earlier version (`version`, of the
 * référentiel `referentielId`, by default this one's id): `objectives` maps a principal objective
 * id of this version to the id of the earlier version's principal objective it continues. Two
 * campaigns answered on the two versions are compared on the objectives mapped; an objective not
 * listed is new and not compared. Without a mapping to the other campaign's version, campaigns on
 * different versions are not compared (the widget says so).
 */
export const VersionMapping = z.object({
  referentielId: z.optional(NonEmptyText),
  version: NonEmptyText,
  objectives: z.record(NonEmptyText, NonEmptyText),
});
export type VersionMapping = z.infer<typeof VersionMapping>;

/**
 * The référentiel d'action: general objectives → principal objectives → indicators (questions),
 * with the answer scale. Any counts: the official one is 3 × 3 × 4, nothing here assumes it.
 */
export const Referentiel = z
  .object({
    id: NonEmptyText,
    version: NonEmptyText,
    title: LocalizedText,
    source: z.optional(LocalizedText),
    /** "official" for the Labo de l'ESS text; "illustrative" for example content (a notice is shown). */
    status: z.enum(['official', 'illustrative']),
    notice: z.optional(LocalizedText),
    scale: z.object({
      levels: z.array(ScaleLevel).check(z.minLength(2)),
      notApplicable: z.object({ label: LocalizedText, description: z.optional(LocalizedText) }),
    }),
    themes: z.optional(z.array(z.object({ id: NonEmptyText, label: LocalizedText }))),
    /** Roles a respondent can choose (coordinator, member enterprise, local authority…). */
    roles: z.optional(z.array(z.object({ id: NonEmptyText, label: LocalizedText }))),
    objectives: z.array(GeneralObjective).check(z.minLength(1)),
    /** Earlier versions this one can be compared with over time (see VersionMapping). */
    mappings: z.optional(z.array(VersionMapping).check(z.maxLength(20))),
  })
  .check(
    z.refine((r) => {
      const ids = r.objectives.flatMap((o) => o.principalObjectives.flatMap((p) => p.indicators.map((i) => i.id)));
      return new Set(ids).size === ids.length;
    }, 'indicator ids must be unique'),
    z.refine((r) => new Set(r.scale.levels.map((l) => l.value)).size === r.scale.levels.length, 'scale values must be unique'),
  );
export type Referentiel = z.infer<typeof Referentiel>;
export type GeneralObjective = z.infer<typeof GeneralObjective>;
export type PrincipalObjective = z.infer<typeof PrincipalObjective>;
export type Indicator = z.infer<typeof Indicator>;
