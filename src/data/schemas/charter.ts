import * as z from 'zod/mini';
import { LocalizedText, NonEmptyText } from './common.js';

export const CharterSection = z.object({
  id: z.optional(z.string()),
  title: LocalizedText,
  paragraphs: z.optional(z.array(LocalizedText)),
  items: z.optional(z.array(LocalizedText)),
  /** Text after the items (a closing paragraph). */
  after: z.optional(z.array(LocalizedText)),
});

/** The Charte de la démarche collective PTCE, and what its signing block asks for. */
export const Charter = z.object({
  id: NonEmptyText,
  version: NonEmptyText,
  title: LocalizedText,
  source: z.optional(LocalizedText),
  credits: z.optional(LocalizedText),
  sections: z.array(CharterSection).check(z.minLength(1)),
  /** What a signer commits to: each one is a required checkbox of the form. */
  commitments: z.array(z.object({ id: NonEmptyText, text: LocalizedText })).check(z.minLength(1)),
  /** Where the signer stands: "déjà constitué en PTCE", "engagé dans le processus de création…". */
  statuses: z.array(z.object({ id: NonEmptyText, label: LocalizedText })).check(z.minLength(1)),
  footnotes: z.optional(z.array(z.object({ id: NonEmptyText, text: LocalizedText }))),
});
export type Charter = z.infer<typeof Charter>;
