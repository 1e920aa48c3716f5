import * as z from 'zod/mini';

export { CONTRACT_VERSION } from '../contract-version.js';

/**
 * Formats a list can be published in; `ptce` is ours, `gogocarto` is a Carteco/GoGoCarto export,
 * `csv` a spreadsheet saved as CSV.
 */
export const ListFormat = z.enum(['ptce', 'gogocarto', 'csv']);
export type ListFormat = z.infer<typeof ListFormat>;

/** Where a resource lives: a URL relative to the discovery document, or `{url, format}`. */
export const ResourceLink = z.union([
  z.string().check(z.minLength(1)),
  z.object({
    url: z.string().check(z.minLength(1)),
    format: z.optional(ListFormat),
    /** GoGoCarto: its taxonomy, to name categories given by id. */
    taxonomy: z.optional(z.string().check(z.minLength(1))),
    /** The source's name, for the link to each pole's page there ("Voir sur Carteco"). */
    name: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
  }),
]);
export type ResourceLink = z.infer<typeof ResourceLink>;

/**
 * The document an `endpoint` attribute points at. Every other URL is relative to it. The POST
 * targets are optional: a folder of static files is a valid read-only endpoint.
 */
export const Discovery = z.object({
  ptce: z.int().check(z.gte(1)),
  name: z.optional(z.string()),
  poles: z.optional(ResourceLink),
  referentiel: z.optional(ResourceLink),
  charter: z.optional(ResourceLink),
  signatures: z.optional(z.string().check(z.minLength(1))),
  assessments: z.optional(z.string().check(z.minLength(1))),
  /** Where campaigns live (`{campaigns}/respondent`, `{campaigns}/{id}/assessments`…): servers that run them. */
  campaigns: z.optional(z.string().check(z.minLength(1))),
  /** Where `<ptce-action-form>` POSTs fiches action. */
  actions: z.optional(z.string().check(z.minLength(1))),
  /**
   * Where each version of the référentiel is, as a template: `{id}` and `{version}` replaced by
   * the référentiel's id and version, percent-encoded (`referentiels/{id}/{version}.json`). A
   * campaign answered on an earlier version is read in its own.
   */
  referentielVersions: z.optional(z.string().check(z.minLength(1))),
  /**
   * The public directory as open data: a Frictionless Data Package (`datapackage`) describing the
   * CSV (`csv`, with its Table Schema), the GeoJSON (`geojson`) and the schema.org JSON-LD (`jsonld`).
   */
  openData: z.optional(
    z.object({
      datapackage: z.string().check(z.minLength(1)),
      geojson: z.optional(z.string().check(z.minLength(1))),
      csv: z.optional(z.string().check(z.minLength(1))),
      jsonld: z.optional(z.string().check(z.minLength(1))),
    }),
  ),
  /** Where `<ptce-pole-form>` and the card's "Signaler une erreur" POST contributions. */
  contributions: z.optional(z.string().check(z.minLength(1))),
  /** Listed poles that may be the same as a proposed one (`?name=&departement=&commune=&website=`). */
  duplicates: z.optional(z.string().check(z.minLength(1))),
  /** A pole's contact form, `{id}` replaced by the pole's id ("Contacter ce pôle"). */
  contact: z.optional(z.string().check(z.minLength(1))),
  /** A pole's claim by its manager, `{id}` replaced by the pole's id ("Je gère ce pôle"). */
  claim: z.optional(z.string().check(z.minLength(1))),
  /** The owner's routes (`{owner}/session`, `{owner}/pole`): `<ptce-pole-form mode="owner">`. */
  owner: z.optional(z.string().check(z.minLength(1))),
});
export type Discovery = z.infer<typeof Discovery>;

export type ReadableResource = 'poles' | 'referentiel' | 'charter';
export type WritableResource = 'signatures' | 'assessments' | 'campaigns' | 'actions' | 'contributions';
/** Resources whose URL the widgets complete themselves (a query, a pole's id, a sub-path). */
export type DirectoryResource = 'duplicates' | 'contact' | 'claim' | 'owner';
