import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.js';

export type StoreResult<Row> =
  | { kind: 'created'; row: Row }
  /** Same key, same body: the first answer again, nothing stored. */
  | { kind: 'replayed'; row: Row }
  /** Same key, different body: a client bug, refused. */
  | { kind: 'key-reused'; row: Row };

/** Unguessable and easy to read out on the phone: SIG-7K2M-QX9D. */
export function newReference(prefix: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const chars = [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
  return `${prefix}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/**
 * Inserts a submission once per idempotency key. better-sqlite3 runs synchronously on Node's one
 * thread, so the look-up and the insert cannot interleave with another request.
 */
export function storeOnce<Row extends { request_hash: string }>(
  db: Db,
  table: 'signatures' | 'assessments',
  referencePrefix: string,
  idempotencyKey: string,
  body: unknown,
  columns: Record<string, string | number | null>,
): StoreResult<Row> {
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  return db.transaction((): StoreResult<Row> => {
    const existing = db.prepare(`SELECT * FROM ${table} WHERE idempotency_key = ?`).get(idempotencyKey) as Row | undefined;
    if (existing) return { kind: existing.request_hash === hash ? 'replayed' : 'key-reused', row: existing };
    const values = {
      ...columns,
      reference: newReference(referencePrefix),
      idempotency_key: idempotencyKey,
      request_hash: hash,
      received_at: new Date().toISOString(),
      body: JSON.stringify(body),
    };
    const names = Object.keys(values);
    db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`).run(values);
    return { kind: 'created', row: db.prepare(`SELECT * FROM ${table} WHERE reference = ?`).get(values.reference) as Row };
  })();
}
