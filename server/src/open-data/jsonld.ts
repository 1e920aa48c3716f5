// schema.org in JSON-LD: a pole is an Organization, its place a Place with its PostalAddress and
// GeoCoordinates. `poleJsonLd` is one pole's node, for a page about that pole too (without
// `@context`: the caller wraps it with SCHEMA_ORG_CONTEXT).
import type { OpenPole } from './fields.js';

export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

const defined = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length)));

/** The Place of a pole: its address (street, postcode, commune, France) and coordinates, when known. */
function placeOf(pole: OpenPole) {
  const address =
    pole.address || pole.postcode || pole.commune
      ? defined({
          '@type': 'PostalAddress',
          streetAddress: pole.address,
          postalCode: pole.postcode,
          addressLocality: pole.commune,
          addressCountry: 'FR',
        })
      : undefined;
  const geo = pole.geo ? { '@type': 'GeoCoordinates', latitude: pole.geo.lat, longitude: pole.geo.lon } : undefined;
  if (!address && !geo && !pole.territory) return undefined;
  return defined({ '@type': 'Place', name: pole.territory ?? pole.commune, address, geo });
}

/** One pole as a schema.org Organization; `id` is its node's IRI (e.g. the page or the dataset's URL with `#id`). */
export function poleJsonLd(pole: OpenPole, id?: string) {
  const place = placeOf(pole);
  return defined({
    '@type': 'Organization',
    '@id': id,
    identifier: pole.id,
    name: pole.name,
    description: pole.description,
    url: pole.website,
    sameAs: pole.social,
    foundingDate: pole.foundedYear === undefined ? undefined : String(pole.foundedYear),
    location: place,
    address: place?.address,
    areaServed: pole.territory,
    keywords: pole.themes?.join(', '),
    numberOfEmployees: pole.figures?.jobs === undefined ? undefined : { '@type': 'QuantitativeValue', value: pole.figures.jobs },
    award: pole.nationalCalls?.map((year) => `Lauréat de l'appel à projets national PTCE ${year}`),
    dateModified: pole.updatedAt,
  });
}

/** Every pole, one graph. */
export function polesJsonLd(poles: OpenPole[]) {
  return { '@context': SCHEMA_ORG_CONTEXT, '@graph': poles.map((pole) => poleJsonLd(pole)) };
}
