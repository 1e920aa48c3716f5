// A pole's structured data for search engines (schema.org Organization and its Place), from the
// public poles document's fields; and JSON written safely inside an HTML script element.
import { departmentName, regionName, regionOf } from '../../../src/data/geography.js';
import type { Pole } from '../../../src/data/schemas/pole.js';

/**
 * JSON for a `<script>` element's text: no `<` (so neither `</script>` nor `<!--` can end or
 * change the element), no `>` or `&`, and the two line separators JavaScript once refused.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The pole as a schema.org Organization located at a Place; `page` is its page's address, when known. */
export function poleJsonLd(pole: Pole, page: string | undefined): object {
  const departments = pole.departments ?? [];
  const region = departments.length ? regionOf(departments[0]) : undefined;
  const address = {
    '@type': 'PostalAddress',
    streetAddress: pole.address,
    postalCode: pole.postcode,
    addressLocality: pole.commune,
    addressRegion: region && regionName(region),
    addressCountry: 'FR',
  };
  const place = {
    '@type': 'Place',
    name: pole.commune ?? pole.territory ?? departments.map((code) => departmentName(code) ?? code).join(', '),
    address,
    geo: pole.geo && { '@type': 'GeoCoordinates', latitude: pole.geo.lat, longitude: pole.geo.lon },
  };
  const sameAs = [...(pole.social ?? []), ...(pole.source ? [pole.source.url] : [])];
  return withoutEmpty({
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': page && `${page}#pole`,
    name: pole.name,
    description: pole.description,
    url: pole.website ?? page,
    mainEntityOfPage: page,
    logo: pole.logo?.url,
    foundingDate: pole.foundedYear && String(pole.foundedYear),
    sameAs: sameAs.length ? sameAs : undefined,
    areaServed: pole.territory,
    location: place,
  });
}

/** Leaves out the fields a pole does not have (undefined, empty strings), at every depth. */
function withoutEmpty(value: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === '') continue;
    kept[key] = field && typeof field === 'object' && !Array.isArray(field) ? withoutEmpty(field as Record<string, unknown>) : field;
  }
  return kept;
}
