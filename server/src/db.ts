import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Charter } from '../../src/data/schemas/charter.js';
import { PolesDocumentStrict } from '../../src/data/schemas/pole.js';
import { Referentiel } from '../../src/data/schemas/referentiel.js';
import { validate, type Schema } from '../../src/data/validate.js';

export type Db = Database.Database;

/**
 * Schema changes, in order. Never edit a released one: add the next. `schema_migrations` records
 * which ran, so an existing database is brought up to date at start.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE documents (
     kind TEXT PRIMARY KEY,
     body TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE poles (
     id TEXT PRIMARY KEY,
     position INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE signatures (
     id INTEGER PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     idempotency_key TEXT NOT NULL UNIQUE,
     request_hash TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
     received_at TEXT NOT NULL,
     decided_at TEXT,
     pole_name TEXT NOT NULL,
     consent_to_list INTEGER NOT NULL,
     place TEXT NOT NULL,
     signed_on TEXT NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX signatures_status ON signatures (status);
   CREATE TABLE assessments (
     id INTEGER PRIMARY KEY,
     reference TEXT NOT NULL UNIQUE,
     idempotency_key TEXT NOT NULL UNIQUE,
     request_hash TEXT NOT NULL,
     received_at TEXT NOT NULL,
     referentiel_id TEXT NOT NULL,
     referentiel_version TEXT NOT NULL,
     pole_id TEXT,
     body TEXT NOT NULL
   );`,
];

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged signature is on disk before the answer leaves, even if the machine stops.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
  const current = schemaVersion(db);
  MIGRATIONS.slice(current).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(current + index + 1, new Date().toISOString());
    })();
  });
}

function readChecked<T>(dir: string, file: string, schema: Schema<T>): T {
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const result = validate(schema, data);
  if (!result.ok) throw new Error(`${file}: invalid seed data: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** Fills an empty database from a static endpoint folder (the demo dataset by default). */
export function seedIfEmpty(db: Db, dir: string): boolean {
  const count = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
  if (count > 0) return false;
  const poles = readChecked(dir, 'poles.json', PolesDocumentStrict);
  const referentiel = readChecked(dir, 'referentiel.json', Referentiel);
  const charter = readChecked(dir, 'charter.json', Charter);
  const now = new Date().toISOString();
  db.transaction(() => {
    const putDocument = db.prepare('INSERT INTO documents (kind, body, updated_at) VALUES (?, ?, ?)');
    putDocument.run('poles-meta', JSON.stringify({ themes: poles.themes ?? [], updatedAt: poles.updatedAt }), now);
    putDocument.run('referentiel', JSON.stringify(referentiel), now);
    putDocument.run('charter', JSON.stringify(charter), now);
    const putPole = db.prepare('INSERT INTO poles (id, position, body) VALUES (?, ?, ?)');
    poles.poles.forEach((pole, position) => putPole.run(pole.id, position, JSON.stringify(pole)));
  })();
  return true;
}

export function getDocument<T = unknown>(db: Db, kind: string): T | undefined {
  const row = db.prepare('SELECT body FROM documents WHERE kind = ?').get(kind) as { body: string } | undefined;
  return row ? (JSON.parse(row.body) as T) : undefined;
}
