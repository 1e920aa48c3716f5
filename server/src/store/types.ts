import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Charter } from '../../../src/data/schemas/charter.js';
import { PolesDocumentStrict, type Pole } from '../../../src/data/schemas/pole.js';
import { Referentiel } from '../../../src/data/schemas/referentiel.js';
import { validate, type Schema } from '../../../src/data/validate.js';

export interface SignatureRow {
  id: number;
  reference: string;
  idempotency_key: string;
  request_hash: string;
  status: 'pending' | 'approved' | 'rejected';
  received_at: string;
  decided_at: string | null;
  pole_name: string;
  consent_to_list: number;
  place: string;
  signed_on: string;
  body: string;
}

export interface AssessmentRow {
  id: number;
  reference: string;
  idempotency_key: string;
  request_hash: string;
  received_at: string;
  referentiel_id: string;
  referentiel_version: string;
  pole_id: string | null;
  campaign_id: string | null;
  body: string;
}

export interface CampaignRow {
  id: string;
  pole_id: string;
  referentiel_id: string;
  referentiel_version: string;
  title: string;
  opens_on: string | null;
  closes_on: string | null;
  /** JSON list of roles, or null: the référentiel's. */
  roles: string | null;
  respondent_code_hash: string;
  coordinator_key_hash: string;
  created_at: string;
  closed_at: string | null;
  published_at: string | null;
  /** JSON of the published summary, or null. */
  summary: string | null;
}

/** A campaign with how many answer sets it holds (never the answers themselves). */
export type CampaignListRow = CampaignRow & { answers: number };

export interface ActionRow {
  id: number;
  reference: string;
  idempotency_key: string;
  request_hash: string;
  status: 'pending' | 'approved' | 'rejected';
  received_at: string;
  decided_at: string | null;
  pole_id: string | null;
  pole_name: string;
  body: string;
}

export type StoreResult<Row> =
  | { kind: 'created'; row: Row }
  /** Same key, same body: the first answer again, nothing stored. */
  | { kind: 'replayed'; row: Row }
  /** Same key, different body: a client bug, refused. */
  | { kind: 'key-reused'; row: Row };

/** A submission to store once per idempotency key. */
export interface Submission {
  table: 'signatures' | 'assessments' | 'actions';
  referencePrefix: string;
  idempotencyKey: string;
  body: unknown;
  /** The table's own columns, besides those every submission has. */
  columns: Record<string, string | number | null>;
}

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
 * The database, whichever it is (SQLite file or PostgreSQL): the routes only see this. Every
 * write is durable when its promise resolves.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  schemaVersion(): Promise<number>;
  /** Fills an empty database from a static endpoint folder; false if it had data already. */
  seedIfEmpty(dir: string): Promise<boolean>;
  /** Changes whenever the public documents may have changed, in this process or another. */
  revision(): Promise<number>;
  publicData(): Promise<PublicData>;
  storeOnce<Row extends { request_hash: string }>(submission: Submission): Promise<StoreResult<Row>>;
  listSignatures(status?: string): Promise<SignatureRow[]>;
  listAssessments(): Promise<AssessmentRow[]>;
  decideSignature(reference: string, status: 'approved' | 'rejected'): Promise<SignatureRow | undefined>;
  /** Adds a pole at the end of the list unless one has its id (the demo's fictitious pole); true if added. */
  addPole(id: string, body: string): Promise<boolean>;
  createCampaign(row: CampaignRow): Promise<void>;
  listCampaigns(): Promise<CampaignListRow[]>;
  campaign(id: string): Promise<CampaignRow | undefined>;
  campaignByCode(respondentCodeHash: string): Promise<CampaignRow | undefined>;
  closeCampaign(id: string, at: string): Promise<CampaignRow | undefined>;
  /** One campaign's answer sets, oldest first. */
  campaignAssessments(campaignId: string): Promise<AssessmentRow[]>;
  /** Deletes one answer set of this campaign (and only of it); false if there was none. */
  deleteAssessment(campaignId: string, reference: string): Promise<boolean>;
  /** Publishes (summary and date) or unpublishes (nulls) a campaign's summary: the public poles change. */
  setCampaignSummary(id: string, summary: string | null, publishedAt: string | null): Promise<void>;
  listActions(status?: string): Promise<ActionRow[]>;
  decideAction(reference: string, status: 'approved' | 'rejected'): Promise<ActionRow | undefined>;
  close(): Promise<void>;
}

/** Unguessable and easy to read out on the phone: SIG-7K2M-QX9D. */
export function newReference(prefix: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const chars = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The row values every submission has, before its own columns. */
export function submissionValues(submission: Submission): Record<string, string | number | null> {
  const body = JSON.stringify(submission.body);
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

/** The SQL of the campaigns, the same in both back ends. */
export const CAMPAIGNS_MIGRATION = `CREATE TABLE campaigns (
     id TEXT PRIMARY KEY,
     pole_id TEXT NOT NULL,
     referentiel_id TEXT NOT NULL,
     referentiel_version TEXT NOT NULL,
     title TEXT NOT NULL,
     opens_on TEXT,
     closes_on TEXT,
     roles TEXT,
     respondent_code_hash TEXT NOT NULL UNIQUE,
     coordinator_key_hash TEXT NOT NULL,
     created_at TEXT NOT NULL,
     closed_at TEXT,
     published_at TEXT,
     summary TEXT
   );
   CREATE INDEX campaigns_pole ON campaigns (pole_id);
   ALTER TABLE assessments ADD COLUMN campaign_id TEXT REFERENCES campaigns (id);
   CREATE INDEX assessments_campaign ON assessments (campaign_id);`;

export const CAMPAIGN_COLUMNS = [
  'id',
  'pole_id',
  'referentiel_id',
  'referentiel_version',
  'title',
  'opens_on',
  'closes_on',
  'roles',
  'respondent_code_hash',
  'coordinator_key_hash',
  'created_at',
  'closed_at',
  'published_at',
  'summary',
] as const;

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
