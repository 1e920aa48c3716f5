import { html } from 'lit';
import { heading } from '../../../base/heading.js';
import { localize } from '../../../data/localize.js';
import { campaignSummary } from '../../../data/referentiel.js';
import { comparability, principalObjectives } from '../../../data/referentiel-versions.js';
import type { CampaignAnswers } from '../../../data/schemas/campaigns.js';
import type { PrincipalObjective, Referentiel } from '../../../data/schemas/referentiel.js';
import { formatNumber } from '../../../i18n/index.js';
import { objectiveSpreads } from './compare.js';
import type { View } from './view.js';

// Two campaigns of ONE pole, one after the other: "un outil transversal de co-évolution". Which
// principal objectives moved, and whether the actors' views came closer or drifted apart.

/** A mean that moved less than this is steady; a spread that changed less than SPREAD_STEP, alike. */
const MOVE_STEP = 0.25;
const SPREAD_STEP = 0.5;

export interface ObjectiveChange {
  principal: PrincipalObjective;
  /** Not in the earlier campaign's version (nor mapped to one of its objectives): not compared. */
  isNew: boolean;
  before: number | null;
  after: number | null;
  /** after − before, null when either is unknown. */
  delta: number | null;
  /** Highest minus lowest respondent mean: how far apart the actors' views are. */
  spreadBefore: number | null;
  spreadAfter: number | null;
  views: 'converged' | 'diverged' | 'alike' | null;
}

const spreadOf = (s: { min: number | null; max: number | null }) => (s.min === null || s.max === null ? null : s.max - s.min);

/**
 * Per principal objective of the later campaign's version, from the earlier campaign to the later
 * (each in its own version: `referentiels` in the same order; on two versions, the objectives the
 * later maps to the earlier's); the biggest moves first. Undefined when the versions do not map.
 */
export function changesOverTime(
  [referentielBefore, referentielAfter]: [Referentiel, Referentiel],
  before: CampaignAnswers,
  after: CampaignAnswers,
): ObjectiveChange[] | undefined {
  const pairs = comparability(referentielBefore, referentielAfter);
  if (!pairs.ok) return undefined;
  const means = (referentiel: Referentiel, answers: CampaignAnswers) =>
    campaignSummary(referentiel, answers.assessments, '')?.objectives ?? [];
  const [meansBefore, meansAfter] = [means(referentielBefore, before), means(referentielAfter, after)];
  const [spreadsBefore, spreadsAfter] = [
    objectiveSpreads(referentielBefore, before.assessments),
    objectiveSpreads(referentielAfter, after.assessments),
  ];
  const indexBefore = new Map(principalObjectives(referentielBefore).map((p, i) => [p.id, i]));
  return pairs.pairs
    .map(({ principal, previous }, index) => {
      const earlier = previous ? indexBefore.get(previous.id) : undefined;
      const b = previous ? (meansBefore.find((o) => o.id === previous.id)?.mean ?? null) : null;
      const a = meansAfter.find((o) => o.id === principal.id)?.mean ?? null;
      const sb = earlier !== undefined && spreadsBefore[earlier] ? spreadOf(spreadsBefore[earlier]) : null;
      const sa = spreadsAfter[index] ? spreadOf(spreadsAfter[index]) : null;
      const views: ObjectiveChange['views'] =
        sb === null || sa === null ? null : sa - sb <= -SPREAD_STEP ? 'converged' : sa - sb >= SPREAD_STEP ? 'diverged' : 'alike';
      return {
        principal,
        isNew: !previous,
        before: b,
        after: a,
        delta: a === null || b === null ? null : Math.round((a - b) * 100) / 100,
        spreadBefore: sb,
        spreadAfter: sa,
        views,
        index,
      };
    })
    .sort((x, y) => Math.abs(y.delta ?? 0) - Math.abs(x.delta ?? 0) || x.index - y.index)
    .map(({ index: _index, ...change }) => change);
}

/** Why two campaigns cannot be compared, or undefined when they can. */
export function overTimeRefusal(
  referentiels: [Referentiel, Referentiel],
  before: CampaignAnswers,
  after: CampaignAnswers,
): 'over.other-pole' | 'over.other-version' | undefined {
  if (before.campaign.poleId !== after.campaign.poleId) return 'over.other-pole';
  return comparability(...referentiels).ok ? undefined : 'over.other-version';
}

export function renderOverTime(
  referentiels: [Referentiel, Referentiel],
  [before, after]: [CampaignAnswers, CampaignAnswers],
  { lang, headingLevel, t }: View,
) {
  const versions = { before: referentiels[0].version, after: referentiels[1].version };
  const refusal = overTimeRefusal(referentiels, before, after);
  if (refusal) return html`<p class="message error" role="alert">${t(refusal, versions)}</p>`;
  const changes = changesOverTime(referentiels, before, after)!;
  const mapped = referentiels[0].version !== referentiels[1].version || referentiels[0].id !== referentiels[1].id;
  const fmt = (v: number | null) => (v === null ? t('over.unknown') : formatNumber(lang, v, { maximumFractionDigits: 2 }));
  const signed = (v: number) => `${v > 0 ? '+' : ''}${formatNumber(lang, v, { maximumFractionDigits: 2 })}`;
  const change = (c: ObjectiveChange) =>
    c.isNew
      ? t('over.new-objective')
      : c.delta === null
        ? t('over.unknown')
        : c.delta >= MOVE_STEP
          ? t('over.up', { delta: signed(c.delta) })
          : c.delta <= -MOVE_STEP
            ? t('over.down', { delta: signed(c.delta) })
            : t('over.steady');
  const views = (c: ObjectiveChange) =>
    c.views === null
      ? t('over.unknown')
      : t(c.views === 'converged' ? 'over.converged' : c.views === 'diverged' ? 'over.diverged' : 'over.same-views', {
          before: fmt(c.spreadBefore),
          after: fmt(c.spreadAfter),
        });
  const moved = changes.filter((c) => c.delta !== null && Math.abs(c.delta) >= MOVE_STEP);
  const pole = after.campaign.poleName ?? after.campaign.poleId;
  return html`<section class="over-time" part="over-time" aria-labelledby="over-title">
    ${heading(headingLevel, 1, `${t('over.title')} — ${pole}`, 'over-title')}
    <p>
      ${t('over.intro', { before: before.campaign.title, after: after.campaign.title, countBefore: before.assessments.length, countAfter: after.assessments.length })}
    </p>
    ${mapped ? html`<p class="muted" data-versions>${t('over.mapped', versions)}</p>` : ''} ${heading(headingLevel, 2, t('over.moved'))}
    ${
      moved.length
        ? html`<ol class="moved">
            ${moved.slice(0, 5).map((c) => html`<li>${localize(c.principal.label, lang)} : ${change(c)} ; ${t('over.views').toLowerCase()} ${views(c)}</li>`)}
          </ol>`
        : html`<p>${t('over.nothing-moved')}</p>`
    }
    <table>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">${t('ref.objective')}</th>
          <th scope="col">${t('over.before')}</th>
          <th scope="col">${t('over.after')}</th>
          <th scope="col">${t('over.change')}</th>
          <th scope="col">${t('over.views')}</th>
        </tr>
      </thead>
      <tbody>
        ${changes.map(
          (c) =>
            html`<tr data-id=${c.principal.id}>
              <td>${c.principal.id}</td>
              <td>${localize(c.principal.label, lang)}</td>
              <td class="num">${fmt(c.before)}</td>
              <td class="num">${fmt(c.after)}</td>
              <td>${change(c)}</td>
              <td>${views(c)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}
