import { localize } from './localize.js';
import { campaignSummary } from './referentiel.js';
import type { PrincipalObjective, Referentiel } from './schemas/referentiel.js';
import type { Assessment } from './schemas/submissions.js';

// Versions of the référentiel: what changed from one to the next (shown to the administrator who
// uploads one), and which principal objectives of two versions may be compared over time.

export interface ReferentielChanges {
  objectives: { added: string[]; removed: string[]; changed: string[] };
  questions: { added: string[]; removed: string[]; changed: string[] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function compareById<T extends { id: string }>(before: T[], after: T[], fingerprint: (item: T) => unknown) {
  const old = new Map(before.map((item) => [item.id, item]));
  const next = new Map(after.map((item) => [item.id, item]));
  return {
    added: after.filter((item) => !old.has(item.id)).map((item) => item.id),
    removed: before.filter((item) => !next.has(item.id)).map((item) => item.id),
    changed: after.filter((item) => old.has(item.id) && !same(fingerprint(old.get(item.id)!), fingerprint(item))).map((item) => item.id),
  };
}

/**
 * Objectives (general and principal, by id) and questions (indicators, by id) added, removed or
 * changed (label, question, themes; an objective's own label) from `before` to `after`.
 */
export function referentielChanges(before: Referentiel, after: Referentiel): ReferentielChanges {
  const objectives = (r: Referentiel) => [
    ...r.objectives.map((g) => ({ id: g.id, label: g.label })),
    ...r.objectives.flatMap((g) => g.principalObjectives.map((p) => ({ id: p.id, label: p.label }))),
  ];
  const questions = (r: Referentiel) => r.objectives.flatMap((g) => g.principalObjectives.flatMap((p) => p.indicators.map((i) => ({ ...i, principal: p.id }))));
  return {
    objectives: compareById(objectives(before), objectives(after), (o) => o.label),
    questions: compareById(questions(before), questions(after), ({ label, question, themes, principal }) => ({ label, question, themes, principal })),
  };
}

export const principalObjectives = (r: Referentiel): PrincipalObjective[] => r.objectives.flatMap((g) => g.principalObjectives);

/** Issues of a version's mappings: each principal objective named must exist on its side. */
export function mappingIssues(referentiel: Referentiel, earlier: (id: string, version: string) => Referentiel | undefined) {
  const issues: { path: string; message: string }[] = [];
  const own = new Set(principalObjectives(referentiel).map((p) => p.id));
  (referentiel.mappings ?? []).forEach((mapping, index) => {
    const id = mapping.referentielId ?? referentiel.id;
    const other = earlier(id, mapping.version);
    if (!other) return issues.push({ path: `mappings.${index}.version`, message: `no stored version ${mapping.version} of ${id}` });
    const theirs = new Set(principalObjectives(other).map((p) => p.id));
    for (const [mine, previous] of Object.entries(mapping.objectives)) {
      if (!own.has(mine)) issues.push({ path: `mappings.${index}.objectives.${mine}`, message: 'no such principal objective in this version' });
      if (!theirs.has(previous))
        issues.push({ path: `mappings.${index}.objectives.${mine}`, message: `no principal objective ${previous} in version ${mapping.version}` });
    }
  });
  return issues;
}

/** One principal objective compared between an earlier campaign and a later one. */
export interface ObjectivePair {
  /** The later version's objective (whose label is shown). */
  principal: PrincipalObjective;
  /** The earlier version's objective it continues; undefined when it is new (not compared). */
  previous?: PrincipalObjective;
}

export type Comparability =
  | { ok: true; pairs: ObjectivePair[]; mapped: boolean }
  /** Why two campaigns' versions cannot be compared, in a sentence's parameters. */
  | { ok: false; reason: 'no-mapping'; before: string; after: string };

/**
 * Which objectives of `before` (the earlier campaign's référentiel) and `after` (the later one's)
 * are compared: all, by id, on one version; on two versions, those the later version maps to the
 * earlier (its `mappings`). No mapping between them: not comparable, and the reason.
 */
export function comparability(before: Referentiel, after: Referentiel): Comparability {
  if (before.id === after.id && before.version === after.version) {
    return { ok: true, mapped: false, pairs: principalObjectives(after).map((principal) => ({ principal, previous: principal })) };
  }
  const mapping = after.mappings?.find((m) => (m.referentielId ?? after.id) === before.id && m.version === before.version);
  if (!mapping) return { ok: false, reason: 'no-mapping', before: `${before.id} ${before.version}`, after: `${after.id} ${after.version}` };
  const earlier = new Map(principalObjectives(before).map((p) => [p.id, p]));
  return {
    ok: true,
    mapped: true,
    pairs: principalObjectives(after).map((principal) => ({ principal, previous: earlier.get(mapping.objectives[principal.id] ?? '') })),
  };
}

/** Per objective of the later version: the earlier and later means (null: unknown or not comparable). */
export interface MeanChange {
  id: string;
  label: string;
  previousId: string | null;
  before: number | null;
  after: number | null;
}

/** The means of two campaigns, each on its own version, side by side where comparable. */
export function meansOverTime(
  before: { referentiel: Referentiel; assessments: Assessment[] },
  after: { referentiel: Referentiel; assessments: Assessment[] },
): { ok: true; objectives: MeanChange[] } | Extract<Comparability, { ok: false }> {
  const pairs = comparability(before.referentiel, after.referentiel);
  if (!pairs.ok) return pairs;
  const means = (side: typeof before) => campaignSummary(side.referentiel, side.assessments, '')?.objectives ?? [];
  const [earlier, later] = [means(before), means(after)];
  return {
    ok: true,
    objectives: pairs.pairs.map(({ principal, previous }) => ({
      id: principal.id,
      label: localize(principal.label, 'fr'),
      previousId: previous?.id ?? null,
      before: previous ? (earlier.find((o) => o.id === previous.id)?.mean ?? null) : null,
      after: later.find((o) => o.id === principal.id)?.mean ?? null,
    })),
  };
}
