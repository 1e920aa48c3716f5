import * as z from 'zod/mini';
import { HttpUrl, IsoDateTime, NonEmptyText } from './common.js';
import { DepartmentCode, PoleOrigin, PoleStatus } from './pole.js';

/** Who sends a contribution or a contact message: for the moderators (or the pole) only, never published. */
export const Contributor = z.object({
  name: NonEmptyText.check(z.maxLength(200)),
  email: z.email(),
});
export type Contributor = z.infer<typeof Contributor>;

/**
 * A pole as the public proposes it ("Proposer un pôle") or its owner edits it: the public fields
 * of the contract's Pole a person can tell, at least its name and one département.
 */
export const PoleProposal = z.object({
  name: NonEmptyText.check(z.maxLength(300)),
  carrier: z.optional(z.string().check(z.maxLength(300))),
  status: z.optional(PoleStatus),
  origin: z.optional(PoleOrigin),
  departments: z.array(DepartmentCode).check(z.minLength(1), z.maxLength(10)),
  commune: z.optional(z.string().check(z.maxLength(200))),
  postcode: z.optional(z.string().check(z.regex(/^\d{5}$/, 'expected a 5-digit postcode'))),
  address: z.optional(z.string().check(z.maxLength(500))),
  description: z.optional(z.string().check(z.maxLength(4000))),
  website: z.optional(HttpUrl),
  email: z.optional(z.email()),
  phone: z.optional(z.string().check(z.maxLength(60), z.regex(/^[^\d]{0,20}(\d[^\d]{0,4}){6,}/, 'expected a phone number'))),
  foundedYear: z.optional(z.int().check(z.gte(1900), z.lte(2100))),
});
export type PoleProposal = z.infer<typeof PoleProposal>;

/** The hidden field only bots fill (the form never sends it filled). */
const Honeypot = z.optional(z.string().check(z.maxLength(2000)));

/** "Proposer un pôle": a new pole, pending until a moderator approves or merges it. */
export const NewPoleContribution = z.object({
  kind: z.literal('new-pole'),
  pole: PoleProposal,
  contributor: Contributor,
  website: Honeypot,
});
export type NewPoleContribution = z.infer<typeof NewPoleContribution>;

/** "Signaler une erreur" on a listed pole: a message to the moderators. */
export const CorrectionContribution = z.object({
  kind: z.literal('correction'),
  poleId: NonEmptyText.check(z.maxLength(120)),
  message: NonEmptyText.check(z.maxLength(4000)),
  contributor: Contributor,
  website: Honeypot,
});
export type CorrectionContribution = z.infer<typeof CorrectionContribution>;

/** What `<ptce-pole-form mode="propose">` and the card's "Signaler une erreur" POST to the `contributions` URL. */
export const Contribution = z.discriminatedUnion('kind', [NewPoleContribution, CorrectionContribution]);
export type Contribution = z.infer<typeof Contribution>;

/** A listed pole that may be the same as the one proposed, and why: its public fields only. */
export const PossibleDuplicate = z.object({
  id: NonEmptyText,
  name: NonEmptyText,
  commune: z.optional(z.string()),
  departements: z.array(z.string()),
  reason: z.enum(['name', 'website']),
});
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;

/** The answer of the `duplicates` URL (`?name=&departement=&commune=&website=`). */
export const Duplicates = z.object({ poles: z.array(PossibleDuplicate) });
export type Duplicates = z.infer<typeof Duplicates>;

export const ContributionReceipt = z.object({
  reference: NonEmptyText,
  status: z.enum(['pending', 'approved', 'rejected', 'merged']),
  receivedAt: IsoDateTime,
  duplicates: z.array(PossibleDuplicate),
});
export type ContributionReceipt = z.infer<typeof ContributionReceipt>;

/** "Contacter ce pôle" / "Répondre à cette offre": relayed by e-mail to the pole's contact, whose address the sender never sees. */
export const ContactMessage = z.object({
  name: NonEmptyText.check(z.maxLength(200)),
  email: z.email(),
  message: NonEmptyText.check(z.maxLength(4000)),
  /** The offer answered: a fiche action's title or reference. */
  offer: z.optional(z.string().check(z.maxLength(300))),
  website: Honeypot,
});
export type ContactMessage = z.infer<typeof ContactMessage>;

export const ContactReceipt = z.object({ reference: NonEmptyText });
export type ContactReceipt = z.infer<typeof ContactReceipt>;
