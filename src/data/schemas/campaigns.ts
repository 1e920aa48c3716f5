import * as z from 'zod/mini';
import { IsoDate, IsoDateTime, LocalizedText, NonEmptyText } from './common.js';
import { ReferentielSummary } from './pole.js';
import { Assessment } from './submissions.js';

/**
 * Campaigns ("regards croisés"): one pole's round of answers to one version of the référentiel.
 * A campaign belongs to one pole; nothing here ever holds two poles' answers.
 */

/** A role a respondent may choose; "another PTCE" (a peer invited by the pole) is one like any other. */
export const CampaignRole = z.object({ id: NonEmptyText.check(z.maxLength(80)), label: LocalizedText });
export type CampaignRole = z.infer<typeof CampaignRole>;

/** What an administrator (or a pole's coordinator, when allowed) sends to open a campaign. */
export const CampaignRequest = z.object({
  poleId: NonEmptyText.check(z.maxLength(120)),
  title: NonEmptyText.check(z.maxLength(200)),
  opensOn: z.optional(IsoDate),
  closesOn: z.optional(IsoDate),
  /** The roles offered; default: the référentiel's `roles`. */
  roles: z.optional(z.array(CampaignRole).check(z.minLength(1), z.maxLength(40))),
  /** Default: the server's current référentiel. */
  referentielVersion: z.optional(NonEmptyText),
});
export type CampaignRequest = z.infer<typeof CampaignRequest>;

/** A campaign as its respondents and its coordinator see it: no secrets, no answers. */
export const Campaign = z.object({
  id: NonEmptyText,
  poleId: NonEmptyText,
  poleName: z.optional(z.string()),
  title: NonEmptyText,
  referentielId: NonEmptyText,
  referentielVersion: NonEmptyText,
  opensOn: z.optional(IsoDate),
  closesOn: z.optional(IsoDate),
  roles: z.optional(z.array(CampaignRole)),
  /** Closed by the administrator, or past its closing date: answers are refused. */
  closed: z.boolean(),
  /** When its summary was published on the pole's record (absent: not published). */
  publishedAt: z.optional(IsoDateTime),
});
export type Campaign = z.infer<typeof Campaign>;

/** The answer to a campaign's creation: its two secrets, shown this once (stored hashed). */
export const CampaignCreated = z.extend(Campaign, {
  /** Handed out to the pole's actors: lets them answer, nothing else. */
  respondentCode: NonEmptyText,
  /** The coordinator's: reads, exports, deletes answers and publishes the summary. */
  coordinatorKey: NonEmptyText,
});
export type CampaignCreated = z.infer<typeof CampaignCreated>;

/** One stored answer set, with what identifies it in the campaign (to delete it). */
export const CampaignAssessment = z.extend(Assessment, {
  reference: NonEmptyText,
  receivedAt: IsoDateTime,
});
export type CampaignAssessment = z.infer<typeof CampaignAssessment>;

/** One campaign's answers, for its coordinator only: what the compare view reads. */
export const CampaignAnswers = z.object({
  campaign: Campaign,
  assessments: z.array(CampaignAssessment),
  /** The summary as it would be (or is) published. */
  summary: z.optional(ReferentielSummary),
});
export type CampaignAnswers = z.infer<typeof CampaignAnswers>;
