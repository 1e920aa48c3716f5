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
  body: string;
}

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
