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
const Year = z.int().check(z.gte(1900), z.lte(2100));

/**
 * Who says a fact: the pole itself, the publisher of this endpoint (its own classification, "ours"),
 * or a named document (the 2014 list, a journée's proceedings). Optional everywhere: older
 * documents say nothing, and the widgets then claim nothing.
 */
export const FactSource = z.object({
  by: z.enum(['pole', 'publisher', 'document']),
  /** The document's or organisation's name ("2e Journée nationale des PTCE, 2014"). */
  name: z.optional(z.string().check(z.maxLength(300))),
  url: z.optional(HttpUrl),
});
export type FactSource = z.infer<typeof FactSource>;

/** What a key figure measures. Amounts are in euros, the others are counts. */
export const FigureKind = z.enum(['economic-scope', 'turnover', 'budget', 'jobs', 'fte', 'members']);
export type FigureKind = z.infer<typeof FigureKind>;

/** Member structures counted by kind ("14 entreprises sociales"). */
export const MemberKind = z.enum(['ess', 'businesses', 'local-authorities', 'research-training', 'other']);
export type MemberKind = z.infer<typeof MemberKind>;

/** One key figure with its kind, year and source: "9 M€ de périmètre économique (2014)". */
export const KeyFigure = z.object({
  kind: FigureKind,
  value: Count,
  /** The year the figure describes (or was given in). */
  year: z.optional(Year),
  /** For `members`: which members are counted (all of them when absent). */
  memberKind: z.optional(MemberKind),
  source: z.optional(FactSource),
});
export type KeyFigure = z.infer<typeof KeyFigure>;

/** How precisely `geo` places the pole: at its address, in its commune (its centre), at its département's centre. */
export const PlacePrecision = z.enum(['address', 'commune', 'department']);
export type PlacePrecision = z.infer<typeof PlacePrecision>;

/** Current regions (INSEE codes since 2016, overseas included). */
export const RegionCode = z.enum(['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94', '01', '02', '03', '04', '06']);

/** The characterisation note's typology (seed 002, section 5), and where a pole stands. */
export const PoleScope = z.enum(['sectoral', 'multisectoral']);
export const PoleFunction = z.enum(['promotion', 'hosting', 'multi-function']);
/** Identified (on a list), engaged in the collective approach (signed the charter…), laureate of a national call. */
export const PoleStage = z.enum(['identified', 'engaged', 'laureate']);
export type PoleStage = z.infer<typeof PoleStage>;

/** Where a record comes from and when it was last imported or edited, and by whom (an organisation or a role, never a person's contact). */
export const Provenance = z.object({
  /** The source's name ("Liste des signataires de la charte, 19 septembre 2014", "Carteco"). */
  source: z.optional(z.string().check(z.maxLength(300))),
  url: z.optional(HttpUrl),
  importedAt: z.optional(IsoDateTime),
  editedAt: z.optional(IsoDateTime),
  by: z.optional(z.string().check(z.maxLength(200))),
});
export type Provenance = z.infer<typeof Provenance>;

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
      /** Absent: "address" when the pole has an address, else unsaid (the map claims no precision). */
      precision: z.optional(PlacePrecision),
    }),
  ),
  /** Its current region, for a pole whose sources name the region but no département. */
  region: z.optional(RegionCode),
  description: z.optional(z.string()),
  themes: z.optional(z.array(z.string())),
  origin: z.optional(PoleOrigin),
  scope: z.optional(PoleScope),
  functions: z.optional(z.array(PoleFunction).check(z.maxLength(3))),
  /** Its legal form as the source writes it ("association", "SCIC", "sans structure juridique"). */
  legalForm: z.optional(z.string().check(z.maxLength(120))),
  stage: z.optional(PoleStage),
  /** Who says each classification: the themes, the typology, the stage, the national calls. */
  factSources: z.optional(
    z.object({
      themes: z.optional(FactSource),
      origin: z.optional(FactSource),
      scope: z.optional(FactSource),
      functions: z.optional(FactSource),
      legalForm: z.optional(FactSource),
      stage: z.optional(FactSource),
      nationalCalls: z.optional(FactSource),
    }),
  ),
  foundedYear: z.optional(Year),
  /** Key figures, each with its kind, year and source; when given, `figures` is not shown. */
  keyFigures: z.optional(z.array(KeyFigure).check(z.maxLength(20))),
  /** Earlier form of the key figures, without year or source: still read. */
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
  /** Where this record comes from, when it was imported or edited, by whom. */
  provenance: z.optional(Provenance),
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
