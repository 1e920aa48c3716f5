import * as z from 'zod/mini';
import { HttpUrl, IsoDate, IsoDateTime, NonEmptyText } from './common.js';
import { DepartmentCode } from './pole.js';

/**
 * French numbers in their usual forms (06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78,
 * 0033 6…) and international ones (+ then 6 to 15 digits).
 */
export const PHONE_PATTERN = /^(?:(?:\+|00)33\s*\(?0?\)?\s*[1-9](?:[\s.-]?\d{2}){4}|0[1-9](?:[\s.-]?\d{2}){4}|(?:\+|00)(?!33)\d(?:[\s.-]?\d){5,14})$/;
/** Five digits; Corsica (20xxx) and overseas (97xxx) included. */
export const POSTCODE_PATTERN = /^(?:0[1-9]|[1-8]\d|9[0-8])\d{3}$/;

const Email = z.email();
const Phone = z.string().check(z.regex(PHONE_PATTERN, 'expected a phone number'));
const Postcode = z.string().check(z.regex(POSTCODE_PATTERN, 'expected a French postcode'));

/** What `<ptce-charter>` POSTs to the `signatures` URL. */
export const Signature = z.object({
  charterId: NonEmptyText,
  charterVersion: NonEmptyText,
  pole: z.object({
    /** The pole's id in the endpoint's poles document when it is already listed (signing again). */
    id: z.optional(NonEmptyText.check(z.maxLength(120))),
    name: NonEmptyText.check(z.maxLength(300)),
    street: NonEmptyText.check(z.maxLength(300)),
    postcode: Postcode,
    city: NonEmptyText.check(z.maxLength(200)),
    department: DepartmentCode,
    website: z.optional(HttpUrl),
  }),
  representative: z.object({
    lastName: NonEmptyText.check(z.maxLength(200)),
    firstName: NonEmptyText.check(z.maxLength(200)),
    email: Email,
    phone: Phone,
  }),
  status: NonEmptyText,
  /** Ids of the commitments ticked: the server checks that all the charter's are there. */
  commitments: z.array(NonEmptyText).check(z.minLength(1)),
  place: NonEmptyText.check(z.maxLength(200)),
  date: IsoDate,
  signatories: z
    .array(z.object({ name: NonEmptyText.check(z.maxLength(200)), role: NonEmptyText.check(z.maxLength(200)) }))
    .check(z.minLength(1), z.maxLength(20)),
  /** The pole agrees to its name (never people's data) being listed among the public signatories. */
  consentToList: z.boolean(),
});
export type Signature = z.infer<typeof Signature>;

export const SignatureReceipt = z.object({
  reference: NonEmptyText,
  status: z.enum(['pending', 'approved', 'rejected']),
  receivedAt: IsoDateTime,
  poleName: NonEmptyText,
});
export type SignatureReceipt = z.infer<typeof SignatureReceipt>;

/** One answer: a level of the scale, or "na" (non concerné), with an optional comment. */
export const Answer = z.object({
  value: z.union([z.int(), z.literal('na')]),
  comment: z.optional(z.string().check(z.maxLength(2000))),
});
export type Answer = z.infer<typeof Answer>;

/** One respondent's answers to one version of a référentiel, for one pole. */
export const Assessment = z.object({
  referentielId: NonEmptyText,
  referentielVersion: NonEmptyText,
  poleId: z.optional(z.string()),
  poleName: z.optional(z.string()),
  respondent: z.object({
    role: NonEmptyText.check(z.maxLength(200)),
    name: z.optional(z.string().check(z.maxLength(200))),
  }),
  /** Keyed by indicator id; unanswered questions are absent. */
  answers: z.record(z.string(), Answer),
  createdAt: z.optional(IsoDateTime),
  /** A campaign's respondent code: the answers go into that campaign (never stored with them). */
  campaign: z.optional(z.string().check(z.maxLength(100))),
});
export type Assessment = z.infer<typeof Assessment>;

export const AssessmentReceipt = z.object({
  reference: NonEmptyText,
  receivedAt: IsoDateTime,
});
export type AssessmentReceipt = z.infer<typeof AssessmentReceipt>;

/** Several assessments of one pole in one file: an export, or the input of the compare view. */
export const AssessmentBundle = z.object({
  note: z.optional(z.string()),
  assessments: z.array(Assessment).check(z.minLength(1)),
});
export type AssessmentBundle = z.infer<typeof AssessmentBundle>;
