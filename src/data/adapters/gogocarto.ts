import { departmentFromPostcode } from '../geography.js';
import { ok, type Result } from '../failure.js';
import type { ListAdapter } from './index.js';
import { absent, cleanEmail, isoDateTime, isRecord, plainText, postcodeOf, prune, slug, text, websiteOf } from './fields.js';

/**
 * Carteco / GoGoCarto → poles document. Reads what GoGoCarto itself reads, as its own element
 * loader does:
 * - the list: `{"data": [...]}`, `{"@graph": [...]}` or a bare array; elements in the full shape
 *   (objects) or the compact one (`[id, [name, …], lat, lng, categories, status, moderationState]`);
 * - name from `name` or `title`; position from `latitude`/`lat`/`geo.latitude` and
 *   `longitude`/`lng`/`long`/`geo.longitude`;
 * - categories from `categoriesFull`, else `categories`, else `taxonomy` (else `optionValues`):
 *   names, objects with a name, or ids resolved through the taxonomy (the discovery document's
 *   `taxonomy` URL, or a `taxonomy` beside the elements);
 * - only what GoGoCarto shows publicly: an element whose `status` is below 1 (pending, refused,
 *   deleted, duplicate) is left out.
 * Field by field checks are the shared validation's job (an unusable optional field is dropped
 * there); this only translates, and treats GoGoCarto's masked values (`"hidden"`) as absent.
 */
export const gogocartoAdapter: ListAdapter = {
  async adapt(raw, context) {
    let taxonomy = isRecord(raw) ? raw.taxonomy : undefined;
    if (context.where.taxonomy) {
      const loaded = await context.client.getJson(context.where.taxonomy);
      // Without its taxonomy the list still loads: categories given by name keep their theme.
      if (loaded.ok) taxonomy = loaded.value;
    }
    return fromGogocarto(raw, { url: context.where.url, name: context.where.name, taxonomy });
  },
};

interface Source {
  /** The list's URL: images and element pages are taken only from its origin. */
  url: string;
  /** The directory's name, for "Voir sur …" (default: Carteco for carteco hosts, else the host). */
  name?: string;
  taxonomy?: unknown;
}

interface TaxonomyOption {
  name: string;
  /** The option this one is a sub-option of, if any. */
  parent?: string;
}

const MAIN_IDS = ['id', 'name', 'latitude', 'longitude', 'categories', 'status', 'moderationState'];

export function fromGogocarto(raw: unknown, source: Source): Result<unknown> {
  const list = Array.isArray(raw) ? raw : isRecord(raw) ? (raw.data ?? raw['@graph'] ?? raw.elements) : undefined;
  // Not a GoGoCarto list at all: handed on as it is, so validation names what is missing.
  if (!Array.isArray(list)) return ok({ poles: raw });
  const options = readTaxonomy(source.taxonomy);
  const names = isRecord(raw) && Array.isArray(raw.mapping) && Array.isArray(raw.mapping[1]) ? (raw.mapping[1] as unknown[]) : ['name'];
  const origin = originOf(source.url);
  const sourceName = source.name ?? (origin && /carteco/i.test(origin) ? 'Carteco' : origin && new URL(origin).hostname);

  const themes = new Map<string, { id: string; label: string; parent?: string }>();
  const themeFor = (name: string, parentName?: string): string | undefined => {
    const label = name.trim();
    const id = slug(label) || label;
    if (!id) return undefined;
    const parent = parentName ? themeFor(parentName) : undefined;
    if (!themes.has(id)) themes.set(id, prune({ id, label, parent }) as { id: string; label: string });
    return id;
  };
  const categoryName = (entry: unknown): { name: string; parent?: string } | undefined => {
    if (isRecord(entry)) {
      const known = entry.id !== undefined ? options.get(String(entry.id)) : undefined;
      const name = text(entry.name) ?? known?.name;
      return name ? { name, parent: known?.parent && options.get(known.parent)?.name } : undefined;
    }
    if (Array.isArray(entry)) return categoryName(entry[0]);
    if (typeof entry === 'number' || (typeof entry === 'string' && entry.trim())) {
      const known = options.get(String(entry).trim());
      if (known) return { name: known.name, parent: known.parent && options.get(known.parent)?.name };
      // A name given as is; a bare id the taxonomy does not know names nothing.
      return typeof entry === 'string' && /\D/.test(entry) ? { name: entry } : undefined;
    }
    return undefined;
  };

  const poles: unknown[] = [];
  for (const item of list) {
    const element = Array.isArray(item) ? fromCompact(item, names) : item;
    if (!isRecord(element)) {
      poles.push(element);
      continue;
    }
    const status = element.status === undefined || element.status === null ? 1 : Number(element.status);
    if (!(status >= 1)) continue;

    const geo = isRecord(element.geo) ? element.geo : {};
    const lat = coordinate(element.latitude ?? element.lat ?? geo.latitude);
    const lon = coordinate(element.longitude ?? element.lng ?? element.long ?? geo.longitude);
    const address = addressOf(element.address);
    const department = address.postcode ? departmentFromPostcode(address.postcode) : undefined;
    const categories = [element.categoriesFull, element.categories, element.taxonomy, element.optionValues].find(
      (value) => Array.isArray(value) && value.length,
    ) as unknown[] | undefined;
    const themeIds = [
      ...new Set(
        (categories ?? [])
          .map(categoryName)
          .filter((found): found is { name: string; parent?: string } => !!found)
          .flatMap(({ name, parent }) => [parent && themeFor(parent), themeFor(name, parent)])
          .filter((id): id is string => !!id),
      ),
    ];
    const id = element.id ?? element['@id'];
    const name = text(element.name) ?? text(element.title) ?? element.name ?? element.title;
    const description = [element.description, element.descriptionMore].map(plainText).filter(Boolean).join('\n\n');
    const logo = imagesOf(element).map((url) => sameOrigin(url, source.url)).find(Boolean);
    const page = origin && id !== undefined && id !== null ? `${origin}/annuaire#/fiche/${slug(String(text(name) ?? '')) || 'fiche'}/${encodeURIComponent(String(id))}/` : undefined;
    poles.push(
      prune({
        id: id === undefined || id === null ? undefined : String(id),
        name,
        commune: address.commune,
        address: address.street,
        postcode: address.postcode,
        departments: department ? [department] : undefined,
        geo: lat !== undefined && lon !== undefined && (lat !== 0 || lon !== 0) ? { lat, lon } : undefined,
        description: description || undefined,
        website: websiteOf(element.website),
        email: cleanEmail(element.email),
        phone: absent(element.telephone ?? element.phone),
        themes: themeIds.length ? themeIds : undefined,
        logo: logo ? { url: logo } : undefined,
        openingHours: hoursOf(element),
        social: socialOf(element),
        source: page ? prune({ url: page, name: sourceName || undefined }) : undefined,
        updatedAt: isoDateTime(element.updatedAt),
      }),
    );
  }
  return ok({ themes: [...themes.values()], poles });
}

/** GoGoCarto's compact element: `[id, [name, …mapped fields], lat, lng, categories, status, moderationState]`. */
function fromCompact(item: unknown[], names: unknown[]): Record<string, unknown> {
  const element: Record<string, unknown> = {};
  MAIN_IDS.forEach((key, index) => {
    if (key !== 'name' && index < item.length) element[key] = item[index];
  });
  const fields = Array.isArray(item[1]) ? item[1] : [item[1]];
  names.forEach((name, index) => {
    if (typeof name === 'string') element[name] = fields[index];
  });
  if (typeof element.address === 'string' && element.address.trim().startsWith('{')) {
    try {
      element.address = JSON.parse(element.address);
    } catch {
      // Left as text: addressOf reads a written address too.
    }
  }
  return element;
}

/** Every option of a GoGoCarto taxonomy by id, with its parent option (categories hold options). */
function readTaxonomy(taxonomy: unknown): Map<string, TaxonomyOption> {
  const options = new Map<string, TaxonomyOption>();
  const walkCategory = (category: unknown, parent: string | undefined, depth: number) => {
    if (!isRecord(category) || depth > 20) return;
    for (const option of Array.isArray(category.options) ? category.options : []) walkOption(option, parent, depth);
    for (const sub of Array.isArray(category.subcategories) ? category.subcategories : []) walkCategory(sub, parent, depth + 1);
  };
  const walkOption = (option: unknown, parent: string | undefined, depth: number) => {
    if (!isRecord(option)) return;
    const id = option.id === undefined || option.id === null ? undefined : String(option.id);
    const name = text(option.name) ?? text(option.nameShort);
    if (id && name) options.set(id, { name, parent });
    const own = id && name ? id : parent;
    for (const sub of Array.isArray(option.subcategories) ? option.subcategories : []) walkCategory(sub, own, depth + 1);
    for (const sub of Array.isArray(option.suboptions) ? option.suboptions : []) walkOption(sub, own, depth + 1);
  };
  for (const root of Array.isArray(taxonomy) ? taxonomy : [taxonomy]) walkCategory(root, undefined, 0);
  return options;
}

function coordinate(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value.trim().replace(',', '.')) : typeof value === 'number' ? value : NaN;
  return value !== '' && Number.isFinite(number) ? number : undefined;
}

const ADDRESS_LINE_MAX = 300;

/** `{streetAddress, postalCode, addressLocality}`, or one written line "8 rue X, 44200 Nantes". */
function addressOf(value: unknown): { street?: string; postcode?: string; commune?: string } {
  if (isRecord(value)) {
    return {
      street: text(value.streetAddress) ?? text(value.customFormatedAddress),
      postcode: postcodeOf(value.postalCode),
      commune: text(value.addressLocality),
    };
  }
  const line = text(value);
  if (!line) return {};
  // One written line of an address is short; the pattern below backtracks over long runs of spaces
  // or commas, so a longer line is kept as the street, unparsed.
  const match = line.length <= ADDRESS_LINE_MAX ? /^(.*?)[,\s]*\b(\d{5})\s+([^,\d][^,]*?)(?:,\s*France)?$/i.exec(line) : null;
  return match ? { street: match[1].trim() || undefined, postcode: match[2], commune: match[3].trim() } : { street: line };
}

function imagesOf(element: Record<string, unknown>): string[] {
  const all = [element.image, ...(Array.isArray(element.images) ? element.images : [element.images])];
  return all
    .map((image) => (isRecord(image) ? (image.url ?? image.imageUrl ?? image.image) : image))
    .filter((url): url is string => typeof url === 'string' && url.trim().length > 5);
}

/** The image's absolute URL if it is on the list's own host; the widgets contact no one else. */
function sameOrigin(url: string, base: string): string | undefined {
  try {
    const absolute = new URL(url.trim(), base);
    return absolute.origin === new URL(base).origin && /^https?:$/.test(absolute.protocol) ? absolute.href : undefined;
  } catch {
    return undefined;
  }
}

function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

const DAYS: Record<string, string> = { Mo: 'mo', Tu: 'tu', We: 'we', Th: 'th', Fr: 'fr', Sa: 'sa', Su: 'su' };

/** `openHours: {"Mo": "09:00-12:00"}` and the free notes `openHoursString` / `openHoursMoreInfos`. */
function hoursOf(element: Record<string, unknown>): Record<string, string> | undefined {
  const hours: Record<string, string> = {};
  if (isRecord(element.openHours)) {
    for (const [day, value] of Object.entries(element.openHours)) {
      const key = DAYS[day] ?? DAYS[day.slice(0, 1).toUpperCase() + day.slice(1, 2).toLowerCase()];
      const written = text(value);
      if (key && written) hours[key] = written;
    }
  }
  const note = text(element.openHoursString) ?? text(element.openHoursMoreInfos);
  if (note) hours.note = plainText(note) ?? note;
  return Object.keys(hours).length ? hours : undefined;
}

const SOCIAL = /facebook|twitter|instagram|linkedin|mastodon|youtube|tiktok|peertube|social|reseau|réseau/i;

/** Links to social networks, from the custom fields GoGoCarto instances name after them. */
function socialOf(element: Record<string, unknown>): string[] | undefined {
  const links = Object.entries(element)
    .filter(([key]) => SOCIAL.test(key))
    .flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
    .map((value) => (typeof value === 'string' && /^https?:\/\//i.test(value.trim()) ? websiteOf(value) : undefined))
    .filter((url): url is string => !!url);
  return links.length ? [...new Set(links)] : undefined;
}
