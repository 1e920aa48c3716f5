import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Charter } from '../../../src/data/schemas/charter.js';
import { PolesDocumentStrict, type Pole } from '../../../src/data/schemas/pole.js';
import { Referentiel } from '../../../src/data/schemas/referentiel.js';
import { validate, type Schema } from '../../../src/data/validate.js';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ActionsTable, Database, AssessmentsTable, CampaignsTable, SignaturesTable, SubmissionTable } from './schema.js';

/** The rows as the database gives them back (schema.ts). */
export type SignatureRow = Selectable<SignaturesTable>;
export type AssessmentRow = Selectable<AssessmentsTable>;
export type CampaignRow = Selectable<CampaignsTable>;
export type ActionRow = Selectable<ActionsTable>;

/** A campaign with how many answer sets it holds (never the answers themselves). */
export type CampaignListRow = CampaignRow & { answers: number };

export type StoreResult<Row> =
  | { kind: 'created'; row: Row }
  /** Same key, same body: the first answer again, nothing stored. */
  | { kind: 'replayed'; row: Row }
  /** Same key, different body: a client bug, refused. */
  | { kind: 'key-reused'; row: Row };

/** A submission to store once per idempotency key. */
export interface Submission {
  table: SubmissionTable;
  referencePrefix: string;
  idempotencyKey: string;
  body: unknown;
  /** The table's own columns, besides those every submission has. */
  columns: Record<string, string | number | null>;
}

/**
 * The database cannot take this request now, and nothing was acknowledged: the writer thread is
 * restarting, a lock or statement timed out, the database is unreachable. Answered 503 with
 * `Retry-After`: the client tries again (with the same idempotency key).
 */
export class StoreUnavailable extends Error {
  readonly code = 'PTCE_STORE_UNAVAILABLE';
}

/** PostgreSQL's codes for a timeout (statement, lock), a shutdown or a lost connection; SQLite's busy file. */
const RETRYABLE = new Set([
  'PTCE_STORE_UNAVAILABLE',
  'SQLITE_BUSY',
  '57014',
  '55P03',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'ECONNREFUSED',
  'ECONNRESET',
]);

/** Whether a store error means "try again shortly" (503) rather than a bug (500). */
export const isRetryable = (error: { code?: string; message?: string }) =>
  RETRYABLE.has(error.code ?? '') ||
  /^08/.test(error.code ?? '') ||
  /timeout exceeded when trying to connect|Connection terminated/.test(error.message ?? '');

/** What the public documents are made of, read in one go. */
export interface PublicData {
  documents: Map<string, unknown>;
  poles: Pole[];
  /** Approved signatures of poles that agreed to be listed, in decision order. */
  listed: SignatureRow[];
  /** Summaries published from campaigns, per pole id (the latest published one). */
  summaries: Map<string, unknown>;
  /** Approved fiches action, in decision order. */
  actions: ActionRow[];
}

/**
 * More writes for a decision's own transaction (its audit entry, http/audit.ts), given the row as
 * the decision left it: they commit or fail together.
 */
export type Within<Row = unknown> = (trx: Transaction<Database>, row: Row) => Promise<void>;

/** A campaign's summary of these answer sets, published at `at` (JSON), or null for none. */
export type Summarize = (rows: AssessmentRow[], at: string) => string | null;

/**
 * The database, whichever it is (SQLite file or PostgreSQL): the routes only see this. Every
 * write is durable when its promise resolves.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * The typed query builder on the main connection (SQLite) or the pool (PostgreSQL). Areas with
   * modules of their own (directory/, accounts/, mail/) query it directly rather than growing
   * this interface; a write of several statements goes in `db.transaction()`.
   */
  readonly db: Kysely<Database>;
  /** Resolves if the database answers and writes can be taken (the readiness check); throws otherwise. */
  check(): Promise<void>;
  schemaVersion(): Promise<number>;
  /** Fills an empty database from a static endpoint folder; false if it had data already. */
  seedIfEmpty(dir: string): Promise<boolean>;
  /** Changes whenever the public documents may have changed, in this process or another. */
  revision(): Promise<number>;
  publicData(): Promise<PublicData>;
  storeOnce<Row extends { request_hash: string }>(submission: Submission): Promise<StoreResult<Row>>;
  listSignatures(status?: string): Promise<SignatureRow[]>;
  listAssessments(): Promise<AssessmentRow[]>;
  decideSignature(reference: string, status: 'approved' | 'rejected', within?: Within<SignatureRow>): Promise<SignatureRow | undefined>;
  /** Adds a pole at the end of the list unless one has its id (the demo's fictitious pole); true if added. */
  addPole(id: string, body: string): Promise<boolean>;
  createCampaign(row: CampaignRow, within?: Within<CampaignRow>): Promise<void>;
  listCampaigns(): Promise<CampaignListRow[]>;
  campaign(id: string): Promise<CampaignRow | undefined>;
  campaignByCode(respondentCodeHash: string): Promise<CampaignRow | undefined>;
  closeCampaign(id: string, at: string, within?: Within<CampaignRow>): Promise<CampaignRow | undefined>;
  /** One campaign's answer sets, oldest first. */
  campaignAssessments(campaignId: string): Promise<AssessmentRow[]>;
  /** How many answer sets this campaign holds. */
  campaignAnswerCount(campaignId: string): Promise<number>;
  /** Replaces the campaign's respondent code (its hash): the previous code opens nothing any more. */
  setRespondentCodeHash(id: string, hash: string): Promise<void>;
  /**
   * Deletes one answer set of this campaign (and only of it); false if there was none. If the
   * campaign is published, its summary is rewritten from the answers left, in the same transaction.
   */
  deleteAssessment(campaignId: string, reference: string, summarize: Summarize): Promise<boolean>;
  /**
   * Publishes the campaign's summary of its answers as they are, read and written in one
   * transaction that holds the campaign (no deletion or unpublish in between): the summary's
   * JSON, or null (and unpublished) if there are no answers. The public poles change.
   */
  publishCampaign(id: string, summarize: Summarize): Promise<string | null>;
  /** Takes the campaign's summary off its pole's public record. */
  unpublishCampaign(id: string, within?: Within): Promise<void>;
  listActions(status?: string): Promise<ActionRow[]>;
  decideAction(
    reference: string,
    status: 'approved' | 'rejected',
    pole?: { id: string; name: string },
    within?: Within<ActionRow>,
  ): Promise<ActionRow | undefined>;
  close(): Promise<void>;
}

/** Unguessable and easy to read out on the phone: SIG-7K2M-QX9D. */
export function newReference(prefix: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const chars = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * A submission as it crosses to the SQLite writer thread, its body already JSON text: a string is
 * copied in one piece, where an object is cloned property by property and then serialized again
 * over there (that cost the main thread about as much as the rest of a POST's routing).
 */
export type SerializedSubmission = Omit<Submission, 'body'> & { bodyJson: string };

// Its fields named, not spread: a rest and a spread of the submission cost as much as the JSON.
export const serializedSubmission = ({ table, referencePrefix, idempotencyKey, columns, body }: Submission): SerializedSubmission => ({
  table,
  referencePrefix,
  idempotencyKey,
  columns,
  bodyJson: JSON.stringify(body),
});

/** The row values every submission has, before its own columns. */
export function submissionValues(submission: Submission | SerializedSubmission) {
  const body = 'bodyJson' in submission ? submission.bodyJson : JSON.stringify(submission.body);
  return {
    ...submission.columns,
    reference: newReference(submission.referencePrefix),
    idempotency_key: submission.idempotencyKey,
    request_hash: createHash('sha256').update(body).digest('hex'),
    received_at: new Date().toISOString(),
    body,
  };
}

export const replayOf = <Row extends { request_hash: string }>(existing: Row, hash: unknown): StoreResult<Row> => ({
  kind: existing.request_hash === hash ? 'replayed' : 'key-reused',
  row: existing,
});

function readChecked<T>(dir: string, file: string, schema: Schema<T>): T {
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const result = validate(schema, data);
  if (!result.ok) throw new Error(`${file}: invalid seed data: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** Secrets are stored as their SHA-256: they are long random strings, so no salt is needed. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** The summaries published, latest per pole, from rows ordered by publication date. */
export function summariesOf(rows: { pole_id: string; summary: string }[]): Map<string, unknown> {
  return new Map(rows.map((row) => [row.pole_id, JSON.parse(row.summary)]));
}

/** The seed rows, from a static endpoint folder (the demo dataset by default). */
export function readSeed(dir: string) {
  const poles = readChecked(dir, 'poles.json', PolesDocumentStrict);
  const documents: [string, string][] = [
    ['poles-meta', JSON.stringify({ themes: poles.themes ?? [], updatedAt: poles.updatedAt })],
    ['referentiel', JSON.stringify(readChecked(dir, 'referentiel.json', Referentiel))],
    ['charter', JSON.stringify(readChecked(dir, 'charter.json', Charter))],
  ];
  return { documents, poles: poles.poles.map((pole, position) => ({ id: pole.id, position, body: JSON.stringify(pole) })) };
}
