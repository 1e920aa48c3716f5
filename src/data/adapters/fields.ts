// Field helpers shared by the adapters: they translate what directories and spreadsheets write into
// our fields. Validation stays in the shared lenient layer; these never decide a record's fate.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Trimmed text, or undefined for nothing, blanks and non-text. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Masked values directories publish instead of the data ("hidden", "masqué", "***"). */
const MASKED = /^(hidden|private|masqu[ée]e?|cach[ée]e?|confidentiel(le)?|non communiqu[ée]e?|n\/?c|\*+|-+|x+)$/i;

/** Text, with masked values treated as absent. */
export function absent(value: unknown): string | undefined {
  const written = text(value);
  return written && !MASKED.test(written) ? written : undefined;
}

/** "contact at example.org", "contact [at] example.org" → "contact@example.org"; masked → absent. */
export function cleanEmail(value: unknown): string | undefined {
  const written = absent(value);
  if (!written) return undefined;
  // Runs of spaces collapsed first: the patterns below then try at most one space from each
  // position, so a field of a megabyte of spaces costs linear time, not minutes.
  return collapseSpaces(written)
    .replace(/^mailto:/i, '')
    .replace(/\s*[[(]\s*(at|arobase)\s*[\])]\s*|\s+(at|arobase)\s+/i, '@')
    .replace(/\s*[[(]\s*(dot|point)\s*[\])]\s*/gi, '.')
    .trim();
}

/**
 * "www.exemple.fr" is common in exports: make it a URL. Anything else (javascript:, garbage) is
 * handed on as written, for validation to drop and report.
 */
export function websiteOf(value: unknown): string | undefined {
  const raw = absent(value);
  if (!raw) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : raw;
  } catch {
    return raw;
  }
}

/** 44200, "44200", "1000" (a spreadsheet ate the leading zero) → "44200", "01000". */
export function postcodeOf(value: unknown): string | undefined {
  const written = text(value)?.replace(/\s/g, '');
  if (!written || !/^\d{4,5}$/.test(written)) return undefined;
  return written.padStart(5, '0');
}

/**
 * An ISO 8601 date-time from what sources write: ISO already, "2024-05-02 10:00:00",
 * "25/11/2026" (day first, as in France). Anything else is handed on for validation to refuse.
 */
export function isoDateTime(value: unknown): string | undefined {
  const written = text(value);
  if (!written) return undefined;
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s+(\d{1,2})[:h](\d{2}))?$/.exec(written);
  if (french) {
    const [, day, month, year, hour, minute] = french;
    const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    return hour ? `${date}T${hour.padStart(2, '0')}:${minute}` : date;
  }
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(written) ? written.replace(' ', 'T') : written;
}

/** HTML from a rich-text editor → plain text (never rendered as HTML: the widgets show text). */
export function plainText(value: unknown): string | undefined {
  const written = text(value);
  if (!written) return undefined;
  if (!/[<&]/.test(written)) return written;
  // An inert document: nothing in it runs or loads.
  const marked = written.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|h[1-6])\s*>/gi, '$&\n');
  const doc = new DOMParser().parseFromString(`<!doctype html><body>${marked}`, 'text/html');
  for (const hidden of doc.querySelectorAll('script, style, template, noscript')) hidden.remove();
  const plain = (doc.body.textContent ?? '')
    .split('\n')
    .map(trimLineEnd)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return plain || undefined;
}

/** Every run of white space as one space (linear: each position is read once). */
export function collapseSpaces(value: string): string {
  return value.replace(/\s+/g, ' ');
}

/**
 * A line without its trailing spaces and tabs. A loop, not `/[ \t]+$/`: a regular expression tries
 * the whole run from each of its positions, quadratic on a long run followed by other text.
 */
function trimLineEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return line.slice(0, end);
}

export { slug } from '../fold.js';

export function prune<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
