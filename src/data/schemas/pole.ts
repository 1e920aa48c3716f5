import * as z from 'zod/mini';
import { HttpUrl, IsoDate, IsoDateTime, LocalizedText, NonEmptyText } from './common.js';
import { poleRuleIssues } from '../pole-rules.js';
import { PoleAction } from './action.js';

/** INSEE department codes: 01–95 with Corsica as 2A/2B, and the overseas 971–976. */
export const DepartmentCode = z.string().check(
  z.regex(/^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$/, 'expected an INSEE department code such as "35", "2A" or "974"'),
);

export const PoleStatus = z.enum(['established', 'emerging']);
export type PoleStatus = z.infer<typeof PoleStatus>;

export const PoleOrigin = z.enum(['entrepreneurial', 'citizen', 'local-authority']);
export type PoleOrigin = z.infer<typeof PoleOrigin>;

const Count = z.number().check(z.gte(0));

/** Opening hours as the source writes them, per day ("09:00-12:00 & 14:00-18:00") and a free note. */
const Hours = z.optional(z.string().check(z.maxLength(200)));
export const OpeningHours = z.object({ mo: Hours, tu: Hours, we: Hours, th: Hours, fr: Hours, sa: Hours, su: Hours, note: z.optional(z.string().check(z.maxLength(1000))) });
export type OpeningHours = z.infer<typeof OpeningHours>;

/**
 * A published summary of a pole's référentiel answers: per principal objective, the mean level and
 * how many questions were answered. Written by hand, or by the server when a campaign is published.
 */
export const ReferentielSummary = z.object({
  referentielId: NonEmptyText,
  referentielVersion: NonEmptyText,
  /** "illustrative" when the référentiel answered is example content: the summary reads "contenu indicatif". */
  referentielStatus: z.optional(z.enum(['official', 'illustrative'])),
  publishedAt: z.optional(IsoDate),
  respondents: z.optional(z.int().check(z.gte(1))),
  /** The scale's lowest and highest levels, to draw the means (default 1 and 4). */
  scaleMin: z.optional(z.number()),
  scaleMax: z.optional(z.number()),
  objectives: z
    .array(
      z.object({
        id: NonEmptyText,
        label: LocalizedText,
        mean: z.nullable(z.number()),
        answered: z.int().check(z.gte(0)),
        total: z.int().check(z.gte(0)),
      }),
    )
    .check(z.minLength(1)),
});
export type ReferentielSummary = z.infer<typeof ReferentielSummary>;

export const Pole = z.object({
  id: NonEmptyText.check(z.maxLength(120)),
  name: NonEmptyText.check(z.maxLength(300)),
  carrier: z.optional(z.string()),
  status: z.optional(PoleStatus),
  departments: z.optional(z.array(DepartmentCode)),
  territory: z.optional(z.string()),
  commune: z.optional(z.string()),
  /** Street address, without postcode and commune ("8 rue Saint-Domingue"). */
  address: z.optional(z.string().check(z.maxLength(500))),
  postcode: z.optional(z.string().check(z.regex(/^\d{5}$/, 'expected a 5-digit postcode'))),
  geo: z.optional(
    z.object({
      lat: z.number().check(z.gte(-90), z.lte(90)),
      lon: z.number().check(z.gte(-180), z.lte(180)),
    }),
  ),
  description: z.optional(z.string()),
  themes: z.optional(z.array(z.string())),
  origin: z.optional(PoleOrigin),
  foundedYear: z.optional(z.int().check(z.gte(1900), z.lte(2100))),
  figures: z.optional(
    z.object({
      structures: z.optional(Count),
      jobs: z.optional(Count),
      fte: z.optional(Count),
      turnoverEuros: z.optional(Count),
    }),
  ),
  website: z.optional(HttpUrl),
  email: z.optional(z.email()),
  /** As written by the source ("04 75 00 00 00 (accueil)"): at least 6 digits, within 60 characters. */
  phone: z.optional(z.string().check(z.maxLength(60), z.regex(/^[^\d]{0,20}(\d[^\d]{0,4}){6,}/, 'expected a phone number'))),
  logo: z.optional(z.object({ url: HttpUrl, alt: z.optional(z.string()) })),
  openingHours: z.optional(OpeningHours),
  /** Pages of the pole on social networks (Facebook, LinkedIn, Mastodon…). */
  social: z.optional(z.array(HttpUrl).check(z.maxLength(20))),
  /** The pole's page in the directory it comes from ("Voir sur Carteco"). */
  source: z.optional(z.object({ url: HttpUrl, name: z.optional(z.string().check(z.maxLength(80))) })),
  charter: z.optional(z.object({ date: IsoDate, place: z.optional(z.string()) })),
  /** Years of the national calls for projects the pole won (2013, 2015): a fact, never a grade. */
  nationalCalls: z.optional(z.array(z.int().check(z.gte(2000), z.lte(2100)))),
  /** Earlier signatures of the charter, oldest first, when the pole signed again (`charter` is the latest). */
  charterHistory: z.optional(z.array(z.object({ date: IsoDate, place: z.optional(z.string()) }))),
  /** A summary of its référentiel self-assessment, only when the pole chose to publish it. */
  referentielSummary: z.optional(ReferentielSummary),
  /** The pole's fiches action: projects and the action each offers the other poles. */
  actions: z.optional(z.array(PoleAction).check(z.maxLength(50))),
  updatedAt: z.optional(IsoDateTime),
}).check(
  z.superRefine((pole, ctx) => {
    for (const { path, message } of poleRuleIssues(pole)) ctx.issues.push({ code: 'custom', message, input: pole, path });
  }),
);
export type Pole = z.infer<typeof Pole>;

export type PoleFigures = NonNullable<Pole['figures']>;

/** A theme; `parent` names the theme it belongs to (a GoGoCarto sub-category under its category). */
export const Theme = z.object({ id: NonEmptyText, label: LocalizedText, parent: z.optional(NonEmptyText) });
export type Theme = z.infer<typeof Theme>;

/** The poles document's envelope; its `themes` and `poles` are validated one by one (see validateEach). */
export const PolesDocument = z.object({
  updatedAt: z.optional(IsoDateTime),
  themes: z.optional(z.array(z.unknown())),
  poles: z.array(z.unknown()),
});

/** The whole poles document, as published (JSON Schema) and as the server checks its seed data. */
export const PolesDocumentStrict = z.object({
  updatedAt: z.optional(IsoDateTime),
  themes: z.optional(z.array(Theme)),
  poles: z.array(Pole),
});

export type PolesDocument = z.infer<typeof PolesDocumentStrict>;

export interface PoleCollection {
  themes: Theme[];
  poles: Pole[];
  updatedAt?: string;
}
