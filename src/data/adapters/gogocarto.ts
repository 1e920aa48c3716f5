import { departmentFromPostcode } from '../geography.js';

/**
 * Carteco / GoGoCarto export → poles document. GoGoCarto's API answers `{"data": [element…]}` (or
 * a bare array) where an element has `id`, `name`, `geo.latitude/longitude`, `address.{streetAddress,
 * addressLocality, postalCode}`, `description`, `website`, `email`, `telephone` and its categories
 * in `taxonomy` (or `categories` / `categoriesFull`, depending on the instance's ontology).
 *
 * Foreign data is taken leniently: an optional field we cannot use is left out rather than costing
 * the whole pole. Required fields (id, name) are passed as they are, so validation reports them.
 */
export function fromGogocarto(raw: unknown): unknown {
  const elements = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.data) ? raw.data : undefined;
  if (!elements) return { poles: raw };

  const themes = new Map<string, string>();
  const poles = elements.map((element: unknown) => {
    if (!isRecord(element)) return element;
    const address = isRecord(element.address) ? element.address : {};
    const geo = isRecord(element.geo) ? element.geo : {};
    const lat = Number(geo.latitude);
    const lon = Number(geo.longitude);
    const postcode = text(address.postalCode);
    const department = postcode ? departmentFromPostcode(postcode) : undefined;
    const themeIds = categoryNames(element).map((name) => {
      const id = slug(name);
      themes.set(id, name);
      return id;
    });
    return prune({
      id: element.id === undefined || element.id === null ? undefined : String(element.id),
      name: element.name,
      commune: text(address.addressLocality),
      departments: department ? [department] : [],
      geo: Number.isFinite(lat) && Number.isFinite(lon) && (lat !== 0 || lon !== 0) ? { lat, lon } : undefined,
      description: text(element.description),
      website: website(element.website),
      email: text(element.email),
      phone: text(element.telephone),
      themes: themeIds.length ? themeIds : undefined,
      updatedAt: text(element.updatedAt),
    });
  });
  return { themes: [...themes].map(([id, label]) => ({ id, label })), poles };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function categoryNames(element: Record<string, unknown>): string[] {
  const source = element.taxonomy ?? element.categoriesFull ?? element.categories;
  if (!Array.isArray(source)) return [];
  return source
    .map((entry) => (typeof entry === 'string' ? entry : isRecord(entry) ? text(entry.name) : undefined))
    .filter((name): name is string => !!name && !!name.trim());
}

/** "www.exemple.fr" is common in exports: make it a URL; anything but http(s) is dropped. */
function website(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function prune<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
