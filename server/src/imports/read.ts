/**
 * Reads what is imported — our poles JSON, a CSV sheet, a GoGoCarto / Carteco export — into rows
 * of candidate poles, through the same adapters the widgets use (src/data/adapters/), so a file
 * reads the same on the map and in the database.
 */
import { dsvFormat } from 'd3-dsv';
import { fromCsv } from '../../../src/data/adapters/csv.js';
import { fromGogocarto } from '../../../src/data/adapters/gogocarto.js';
import { isRecord } from '../../../src/data/adapters/fields.js';
import { installHtmlText } from './html-text.js';

installHtmlText();

export type ImportFormat = 'ptce' | 'csv' | 'gogocarto';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['ptce', 'csv', 'gogocarto'];

/** A file larger than this is refused (a directory of PTCE is hundreds of poles, not millions). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;

export interface ImportInput {
  format: ImportFormat;
  /** The file's content: text (CSV, JSON) or already parsed JSON. */
  content?: unknown;
  /** Or where to fetch it. */
  url?: string;
  /** A GoGoCarto taxonomy's URL, when the export names categories by id. */
  taxonomy?: string;
  /** For a file given as content: the address it came from, if known (its links and logos are taken from there only). */
  base?: string;
}

export interface ReadRow {
  /** 1-based position in the list (for a CSV, the sheet's line is row + 1). */
  row: number;
  candidate: unknown;
  /** The id the file gives the row: our id (ptce, a CSV id column) or the source's own (GoGoCarto). */
  externalId?: string;
}

export interface ReadDocument {
  rows: ReadRow[];
  themes: { id: string; label: unknown; parent?: string }[];
  /** true when a row's id is one of ours (first matching rule); false for a source's own ids. */
  idsAreOurs: boolean;
}

/** The file could not be read at all: nothing is imported (422, or a failed run of a source). */
export class UnreadableImport extends Error {}

/** The body at `url`, as text, within the size limit. */
export async function fetchText(url: string): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnreadableImport(`not a URL: ${url}`);
  }
  if (!/^https?:$/.test(parsed.protocol)) throw new UnreadableImport('only http and https URLs are read');
  let response: Response;
  try {
    response = await fetch(parsed, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    throw new UnreadableImport(`cannot fetch ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new UnreadableImport(`${url} answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_IMPORT_BYTES) throw new UnreadableImport(`${url} is larger than ${MAX_IMPORT_BYTES} bytes`);
  const body = await response.text();
  if (body.length > MAX_IMPORT_BYTES) throw new UnreadableImport(`${url} is larger than ${MAX_IMPORT_BYTES} bytes`);
  return body;
}

function json(content: unknown): unknown {
  if (typeof content !== 'string') return content;
  try {
    return JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    throw new UnreadableImport('not JSON');
  }
}

const ID_COLUMNS = new Set(['id', 'identifiant', 'identifier', 'ref', 'reference']);
const normalise = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/**
 * The id cell of each row of the sheet, as the adapter reads its rows (blank rows skipped), or
 * undefined when the sheet has no id column: where a cell is empty the adapter makes the id from
 * the name, which identifies nothing.
 */
function csvIdCells(body: string): (string | undefined)[] | undefined {
  const text = body.replace(/^\uFEFF/, '');
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [';', ',', '\t', '|'].reduce((best, next) =>
    headerLine.split(next).length > headerLine.split(best).length ? next : best,
  );
  const [header, ...rows] = dsvFormat(delimiter)
    .parseRows(text)
    .filter((row) => row.some((cell) => cell.trim()));
  const column = (header ?? []).findIndex((cell) => ID_COLUMNS.has(normalise(cell)));
  return column < 0 ? undefined : rows.map((row) => row[column]?.trim() || undefined);
}

/** Reads the input (fetching it if given by URL) into rows; UnreadableImport if it is not that format. */
export async function readImport(input: ImportInput): Promise<ReadDocument> {
  // A file without an address links to no page and takes no logo (they would point nowhere).
  const where = input.url ?? (input.base && /^https?:\/\//i.test(input.base) ? input.base : '');
  const content = input.content ?? (input.url ? await fetchText(input.url) : undefined);
  if (content === undefined) throw new UnreadableImport('give the file (content) or its URL');
  let adapted: unknown;
  let idsAreOurs = true;
  let idCells: (string | undefined)[] | undefined;
  if (input.format === 'csv') {
    if (typeof content !== 'string') throw new UnreadableImport('a CSV file is text');
    const result = fromCsv(content, where);
    if (!result.ok) throw new UnreadableImport(issuesText(result.failure));
    adapted = result.value;
    idCells = csvIdCells(content);
    idsAreOurs = !!idCells;
  } else if (input.format === 'gogocarto') {
    const raw = json(content);
    const taxonomy = input.taxonomy ? json(await fetchText(input.taxonomy)) : undefined;
    const result = fromGogocarto(raw, { url: where, taxonomy: taxonomy ?? (isRecord(raw) ? raw.taxonomy : undefined) });
    if (!result.ok) throw new UnreadableImport(issuesText(result.failure));
    adapted = result.value;
    idsAreOurs = false;
  } else {
    adapted = json(content);
  }
  if (!isRecord(adapted) || !Array.isArray(adapted.poles)) throw new UnreadableImport(`not a ${input.format} list of poles`);
  const themes = (Array.isArray(adapted.themes) ? adapted.themes : []).filter(
    (theme): theme is { id: string; label: unknown; parent?: string } => isRecord(theme) && typeof theme.id === 'string' && !!theme.label,
  );
  const rows = adapted.poles.map((candidate, index): ReadRow => {
    const id = isRecord(candidate) ? candidate.id : undefined;
    const given = typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
    // A CSV row without an id cell: the adapter's id comes from the name and identifies nothing.
    const externalId = input.format === 'csv' ? idCells?.[index] : given;
    return { row: index + 1, candidate, externalId };
  });
  return { rows, themes, idsAreOurs };
}

function issuesText(failure: unknown): string {
  const issues = isRecord(failure) && Array.isArray(failure.issues) ? failure.issues : [];
  return issues.map((issue) => (isRecord(issue) ? String(issue.message) : '')).join('; ') || 'unreadable file';
}
