import * as z from 'zod/mini';
import { HttpUrl, IsoDate, IsoDateTime, NonEmptyText } from './common.js';

/**
 * A pole's *fiche action* (3e Journée nationale des PTCE, 2016): a project it runs and the
 * concrete action it offers the other poles, most often a *visite apprenante*. Texts are plain;
 * line breaks are kept (a fiche often lists its points one per line).
 */
export const PoleAction = z.object({
  /** Stable id within the pole (the server uses the fiche's reference). */
  id: z.optional(NonEmptyText.check(z.maxLength(120))),
  /** Nom du projet. */
  title: NonEmptyText.check(z.maxLength(300)),
  /** Description. */
  description: NonEmptyText.check(z.maxLength(4000)),
  /** Stade de développement. */
  stage: z.optional(z.string().check(z.maxLength(2000))),
  /** Perspectives et ambition de développement. */
  perspectives: z.optional(z.string().check(z.maxLength(4000))),
  /** Une action concrète à proposer (a learning visit, a day to come and see…). */
  offer: z.optional(z.string().check(z.maxLength(2000))),
  /** Site Internet. */
  website: z.optional(HttpUrl),
  /** Ids of the poles document's themes. */
  themes: z.optional(z.array(z.string()).check(z.maxLength(20))),
  /** When the fiche was presented or published. */
  date: IsoDate,
  /** Where it comes from ("3e Journée nationale des PTCE, 2016"). */
  source: z.optional(z.string().check(z.maxLength(300))),
});
export type PoleAction = z.infer<typeof PoleAction>;

/** The fiche as `<ptce-action-form>` sends it: the six fields, optional themes. */
export const ActionFiche = z.object({
  title: NonEmptyText.check(z.maxLength(300)),
  description: NonEmptyText.check(z.maxLength(4000)),
  stage: z.optional(z.string().check(z.maxLength(2000))),
  perspectives: z.optional(z.string().check(z.maxLength(4000))),
  /** Optional: one of the 2016 journée's own fiches offers none. */
  offer: z.optional(z.string().check(z.maxLength(2000))),
  website: z.optional(HttpUrl),
  themes: z.optional(z.array(z.string()).check(z.maxLength(20))),
});
export type ActionFiche = z.infer<typeof ActionFiche>;

/** What `<ptce-action-form>` POSTs to the `actions` URL. The contact is never published. */
export const ActionProposal = z.object({
  pole: z.object({
    /** The pole's id in the endpoint's poles document; absent when the pole's name was typed. */
    id: z.optional(NonEmptyText.check(z.maxLength(120))),
    name: NonEmptyText.check(z.maxLength(300)),
  }),
  action: ActionFiche,
  /** Who to ask about the fiche: for the moderators only. */
  contact: z.object({
    name: NonEmptyText.check(z.maxLength(200)),
    email: z.email(),
  }),
});
export type ActionProposal = z.infer<typeof ActionProposal>;

export const ActionReceipt = z.object({
  reference: NonEmptyText,
  status: z.enum(['pending', 'approved', 'rejected']),
  receivedAt: IsoDateTime,
  poleName: NonEmptyText,
});
export type ActionReceipt = z.infer<typeof ActionReceipt>;
