/**
 * The preview of an import: each row of the file matched to a pole of the directory or not, and
 * what applying it would write. Matching rules, in order (docs/imports.md):
 * 1. the same id (our poles JSON, a CSV with an id column);
 * 2. the same source and the source's own id (a GoGoCarto id, or a row id a previous import of
 *    this source turned into a pole: `pole_source_ids`);
 * 3. the same name (accents, case and punctuation ignored) in a same département.
 * A row that matches nothing is new, or a possible duplicate (directory's rules) to confirm.
 */
import type { Kysely } from 'kysely';
import type { DataIssue } from '../../../src/data/failure.js';
import { lenient } from '../../../src/data/lenient.js';
import { Pole, type KeyFigure, type Theme } from '../../../src/data/schemas/pole.js';
import { validate, zodCheck } from '../../../src/data/validate.js';
import { listPoleRecords, type PoleRecord } from '../directory/poles.js';
import { inTerritory, type Actor } from '../http/actor.js';
import type { Database } from '../store/schema.js';
import { findDuplicates, foldName, type DuplicateReason } from './duplicates.js';
import type { ReadDocument } from './read.js';

type Db = Kysely<Database>;

/**
 * Fields an import never writes: the id never changes, the record keeps its own date, and the
 * fiches and published référentiel summary come from their own workflows (the public poles.json
 * adds them to each pole: importing it back must not copy them into the records).
 */
// A record's provenance is the directory's own: the import writes it (batch.ts), not the file.
const NOT_IMPORTED = new Set(['id', 'updatedAt', 'actions', 'referentielSummary', 'provenance']);

export type MatchRule = 'id' | 'source-id' | 'name';
export type RejectReason = 'invalid' | 'outside-territory' | 'same-pole-as-row' | 'invalid-after-merge';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface PreviewRow {
  row: number;
  externalId?: string;
  name: string;
}
export interface NewRow extends PreviewRow {
  /** The pole to create; its id is kept when free (our ids), else made from the name. */
  pole: Omit<Pole, 'id'> & { id?: string };
  keepId?: string;
}
export interface DuplicateRow extends NewRow {
  poles: { id?: string; row?: number; name: string; reason: DuplicateReason }[];
}
export interface MatchedRow extends PreviewRow {
  id: string;
  matchedBy: MatchRule;
  /** The record's version the preview was made on: applying checks it did not change since. */
  version: number;
  archived: boolean;
}
export interface ChangedRow extends MatchedRow {
  fields: FieldChange[];
}
export interface RejectedRow {
  row: number;
  name?: string;
  reason: RejectReason;
  issues?: DataIssue[];
  /** For same-pole-as-row: the earlier row. */
  otherRow?: number;
}

export interface Preview {
  new: NewRow[];
  changed: ChangedRow[];
  unchanged: MatchedRow[];
  duplicates: DuplicateRow[];
  rejected: RejectedRow[];
  /** Optional fields the directory's schema refused, left out of the row (the row itself goes on). */
  dropped: { row: number; field: string; reason: string }[];
  /** A source's poles it no longer lists: archived when applied (scheduled sources only). */
  archived: { id: string; name: string; version: number }[];
  /** Themes the file names that the directory does not have yet. */
  themes: Theme[];
  counts: Record<'read' | 'new' | 'changed' | 'unchanged' | 'duplicates' | 'rejected' | 'archived', number>;
  /** The share of the source's poles the run would archive, and the most it may without review. */
  archiveShare?: { share: number; max: number };
}

/**
 * A CSV or a GoGoCarto export cannot say a place's precision nor the figures' kinds and years: an
 * unchanged place keeps its precision, and a record with dated figures (`keyFigures`) keeps them
 * rather than taking the format's undated `figures` beside them.
 */
function keepWhatTheSourceCannotSay(fields: Record<string, unknown>, before: Record<string, unknown>): Record<string, unknown> {
  const kept = { ...fields };
  const geo = fields.geo as { lat?: number; lon?: number; precision?: string } | undefined;
  const known = before.geo as { lat?: number; lon?: number; precision?: string } | undefined;
  if (geo && known && geo.precision === undefined && geo.lat === known.lat && geo.lon === known.lon) kept.geo = known;
  if (before.keyFigures !== undefined && !('keyFigures' in fields)) delete kept.figures;
  if (
    before.keyFigures !== undefined &&
    Array.isArray(fields.keyFigures) &&
    saysNothingNew(fields.keyFigures, before.keyFigures as KeyFigure[])
  )
    kept.keyFigures = before.keyFigures;
  return kept;
}

/** Figures added up by kind and year (a sheet has one "structures" cell for members of every kind). */
const totals = (figures: KeyFigure[]) => {
  const sums = new Map<string, number>();
  for (const { kind, year, value } of figures) sums.set(`${kind} ${year ?? ''}`, (sums.get(`${kind} ${year ?? ''}`) ?? 0) + value);
  return sums;
};

/**
 * Whether a sheet's figures are the record's, as a sheet can write them (one year, members not
 * by kind, a source's name or none): the record's more detailed ones then stay.
 */
function saysNothingNew(given: KeyFigure[], known: KeyFigure[]): boolean {
  const have = totals(known);
  const sourceNames = new Set(known.map((figure) => figure.source?.name));
  return (
    [...totals(given)].every(([key, value]) => have.get(key) === value) &&
    given.every((figure) => !figure.source || sourceNames.has(figure.source.name))
  );
}

/** JSON with keys in order: two values read from different places compare equal when they are. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const checkPole = zodCheck(Pole);

export interface PreviewOptions {
  sourceKey: string;
  /** A scheduled source: its poles the file no longer lists are archived. */
  archiveMissing?: boolean;
  maxArchiveShare?: number;
  onProgress?: (progress: { read: number; matched: number }) => void;
}

export async function buildPreview(db: Db, document: ReadDocument, actor: Actor, options: PreviewOptions): Promise<Preview> {
  const records = await listPoleRecords(db);
  const byId = new Map(records.map((record) => [record.id, record]));
  const links = new Map(
    (await db.selectFrom('pole_source_ids').select(['external_id', 'pole_id']).where('source_key', '=', options.sourceKey).execute()).map(
      (link) => [link.external_id, link.pole_id],
    ),
  );
  const preview: Preview = {
    new: [],
    changed: [],
    unchanged: [],
    duplicates: [],
    rejected: [],
    dropped: [],
    archived: [],
    themes: [],
    counts: { read: 0, new: 0, changed: 0, unchanged: 0, duplicates: 0, rejected: 0, archived: 0 },
  };
  const themeIds = await themeMapping(db, document.themes);
  const matchedBy = new Map<string, number>();
  const pending: { row: number; pole: NewRow['pole'] }[] = [];
  const listed = records.filter((record) => !record.archivedAt).map((record) => record.pole);

  const match = (pole: Pole, externalId: string | undefined): [PoleRecord, MatchRule] | undefined => {
    if (externalId && document.idsAreOurs && byId.has(externalId)) return [byId.get(externalId)!, 'id'];
    const linked = externalId ? links.get(externalId) : undefined;
    if (linked && byId.has(linked)) return [byId.get(linked)!, 'source-id'];
    const name = foldName(pole.name);
    const departements = pole.departments ?? [];
    const sameName = records.filter(
      (record) => foldName(record.pole.name) === name && departements.some((code) => record.pole.departments?.includes(code)),
    );
    // A listed record before an archived one of the same name.
    const found = sameName.find((record) => !record.archivedAt) ?? sameName[0];
    return found && [found, 'name'];
  };

  for (const { row, candidate, externalId } of document.rows) {
    if (++preview.counts.read % 100 === 0) options.onProgress?.({ read: preview.counts.read, matched: matchedBy.size });
    const raw =
      candidate && typeof candidate === 'object' && !Array.isArray(candidate) ? (candidate as Record<string, unknown>) : undefined;
    // A theme the file names by a label the directory has is the directory's theme.
    const given =
      raw && Array.isArray(raw.themes)
        ? { ...raw, themes: [...new Set(raw.themes.map((theme) => themeIds.get(String(theme)) ?? theme))] }
        : raw;
    const rowName = typeof given?.name === 'string' ? given.name : undefined;
    // Judged as the map judges it: unusable optional fields dropped, the row kept if its required ones hold.
    const judged = lenient(checkPole, given ? { ...given, id: externalId ?? 'import' } : candidate);
    if (!judged.ok) {
      preview.rejected.push({ row, name: rowName, reason: 'invalid', issues: judged.issues });
      continue;
    }
    for (const { field, reason } of judged.dropped) preview.dropped.push({ row, field, reason });
    const pole = judged.value;
    const fields = Object.fromEntries(Object.entries(pole).filter(([field]) => !NOT_IMPORTED.has(field)));
    if (!inTerritory(actor, pole.departments ?? [])) {
      preview.rejected.push({ row, name: pole.name, reason: 'outside-territory' });
      continue;
    }
    const found = match(pole, externalId);
    if (!found) {
      const keepId = document.idsAreOurs ? externalId : undefined;
      const entry: NewRow = { row, externalId, name: pole.name, pole: fields as NewRow['pole'], keepId };
      const poles: DuplicateRow['poles'] = [
        ...findDuplicates(pole, listed),
        ...findDuplicates(
          pole,
          pending.map(({ row: other, pole: earlier }) => ({ ...earlier, id: `row-${other}` }) as Pole),
        ).map(({ id, name, reason }) => ({ row: Number(id.slice(4)), name, reason })),
      ];
      if (poles.length) preview.duplicates.push({ ...entry, poles });
      else preview.new.push(entry);
      pending.push({ row, pole: entry.pole });
      continue;
    }
    const [record, rule] = found;
    const earlier = matchedBy.get(record.id);
    if (earlier !== undefined) {
      preview.rejected.push({ row, name: pole.name, reason: 'same-pole-as-row', otherRow: earlier });
      continue;
    }
    if (!inTerritory(actor, record.pole.departments ?? [])) {
      preview.rejected.push({ row, name: pole.name, reason: 'outside-territory' });
      continue;
    }
    matchedBy.set(record.id, row);
    const before = record.pole as Record<string, unknown>;
    const changes = Object.entries(keepWhatTheSourceCannotSay(fields, before))
      .filter(([field, value]) => canonical(before[field]) !== canonical(value))
      .map(([field, after]) => ({ field, before: before[field] ?? null, after }));
    const matched: MatchedRow = {
      row,
      externalId,
      name: pole.name,
      id: record.id,
      matchedBy: rule,
      version: record.version,
      archived: !!record.archivedAt,
    };
    if (!changes.length) {
      preview.unchanged.push(matched);
    } else {
      const merged = validate(Pole, { ...before, ...Object.fromEntries(changes.map(({ field, after }) => [field, after])) }, '', 20);
      if (!merged.ok) preview.rejected.push({ row, name: pole.name, reason: 'invalid-after-merge', issues: merged.issues });
      else preview.changed.push({ ...matched, fields: changes });
    }
  }

  if (options.archiveMissing) {
    const ofSource = new Set(links.values());
    const active = records.filter((record) => ofSource.has(record.id) && !record.archivedAt);
    preview.archived = active
      .filter((record) => !matchedBy.has(record.id))
      .map(({ id, pole, version }) => ({ id, name: pole.name, version }));
    preview.archiveShare = { share: active.length ? preview.archived.length / active.length : 0, max: options.maxArchiveShare ?? 0.2 };
  }

  preview.themes = await newThemes(db, document.themes, [
    ...preview.new,
    ...preview.duplicates,
    ...preview.changed.map((row) => ({ pole: { themes: row.fields.find((f) => f.field === 'themes')?.after as string[] | undefined } })),
  ]);
  for (const key of ['new', 'changed', 'unchanged', 'duplicates', 'rejected', 'archived'] as const)
    preview.counts[key] = preview[key].length;
  options.onProgress?.({ read: preview.counts.read, matched: matchedBy.size });
  return preview;
}

const labelOf = (label: unknown) => foldName(typeof label === 'string' ? label : ((label as { fr?: string } | undefined)?.fr ?? ''));

/** The file's theme ids → the directory's theme of the same label (accents and case ignored). */
async function themeMapping(db: Db, themes: ReadDocument['themes']): Promise<Map<string, string>> {
  const meta = await db.selectFrom('documents').select('body').where('kind', '=', 'poles-meta').executeTakeFirst();
  const known = ((meta ? JSON.parse(meta.body) : {}).themes ?? []) as Theme[];
  const byLabel = new Map(known.map((theme) => [labelOf(theme.label), theme.id]));
  return new Map(themes.flatMap((theme) => (byLabel.has(labelOf(theme.label)) ? [[theme.id, byLabel.get(labelOf(theme.label))!]] : [])));
}

/** The file's themes that rows to write name and the directory does not have yet. */
async function newThemes(db: Db, themes: ReadDocument['themes'], rows: { pole: { themes?: string[] } }[]): Promise<Theme[]> {
  const meta = await db.selectFrom('documents').select('body').where('kind', '=', 'poles-meta').executeTakeFirst();
  const known = new Set(((meta ? JSON.parse(meta.body) : {}).themes ?? []).map((theme: Theme) => theme.id));
  const named = new Set(rows.flatMap((row) => row.pole.themes ?? []));
  return themes.filter((theme) => named.has(theme.id) && !known.has(theme.id)) as Theme[];
}
