import type { Db } from './db.js';
import { storeOnce, type StoreResult } from './store.js';
import type { Signature } from '../../src/data/schemas/submissions.js';
import type { Pole, PolesDocument } from '../../src/data/schemas/pole.js';

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

export function receiptOf(row: SignatureRow) {
  return { reference: row.reference, status: row.status, receivedAt: row.received_at, poleName: row.pole_name };
}

/** Stores a signature once per idempotency key (see storeOnce). */
export function storeSignature(db: Db, signature: Signature, idempotencyKey: string): StoreResult<SignatureRow> {
  return storeOnce<SignatureRow>(db, 'signatures', 'SIG', idempotencyKey, signature, {
    pole_name: signature.pole.name,
    consent_to_list: signature.consentToList ? 1 : 0,
    place: signature.place,
    signed_on: signature.date,
  });
}

export function listSignatures(db: Db, status?: string): SignatureRow[] {
  return (status
    ? db.prepare('SELECT * FROM signatures WHERE status = ? ORDER BY id').all(status)
    : db.prepare('SELECT * FROM signatures ORDER BY id').all()) as SignatureRow[];
}

export function decideSignature(db: Db, reference: string, status: 'approved' | 'rejected'): SignatureRow | undefined {
  db.prepare('UPDATE signatures SET status = ?, decided_at = ? WHERE reference = ?').run(status, new Date().toISOString(), reference);
  return db.prepare('SELECT * FROM signatures WHERE reference = ?').get(reference) as SignatureRow | undefined;
}

/** For the admin: every field, people's data included (this never leaves the admin routes). */
export function adminView(row: SignatureRow) {
  return { ...receiptOf(row), decidedAt: row.decided_at, consentToList: row.consent_to_list === 1, signature: JSON.parse(row.body) as Signature };
}

const normalize = (name: string) =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * The public poles document: the stored poles, plus every approved signature whose pole agreed to
 * be listed — its name, date and place only, never the people who signed.
 */
export function publicPoles(db: Db): PolesDocument {
  const meta = (db.prepare("SELECT body FROM documents WHERE kind = 'poles-meta'").get() as { body: string } | undefined)?.body;
  const { themes = [], updatedAt } = meta ? JSON.parse(meta) : {};
  const poles = (db.prepare('SELECT body FROM poles ORDER BY position').all() as { body: string }[]).map((r) => JSON.parse(r.body) as Pole);
  const byName = new Map(poles.map((pole) => [normalize(pole.name), pole]));
  const approved = db
    .prepare("SELECT * FROM signatures WHERE status = 'approved' AND consent_to_list = 1 ORDER BY decided_at, id")
    .all() as SignatureRow[];
  for (const row of approved) {
    const charter = { date: row.signed_on, place: row.place };
    const known = byName.get(normalize(row.pole_name));
    if (known) {
      known.charter = charter;
    } else {
      const pole: Pole = { id: `signataire-${row.reference.toLowerCase()}`, name: row.pole_name, charter };
      poles.push(pole);
      byName.set(normalize(row.pole_name), pole);
    }
  }
  return { ...(updatedAt ? { updatedAt } : {}), themes, poles };
}

const CSV_COLUMNS = [
  'reference', 'status', 'receivedAt', 'decidedAt', 'poleName', 'street', 'postcode', 'city', 'department', 'website',
  'lastName', 'firstName', 'email', 'phone', 'poleStatus', 'place', 'date', 'signatories', 'consentToList',
] as const;

function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  // A cell starting with = + - @ would be run as a formula by spreadsheets.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with BOM and `;` separators, so that it opens as it should in a French spreadsheet. */
export function signaturesCsv(rows: SignatureRow[]): string {
  const lines = [CSV_COLUMNS.join(';')];
  for (const row of rows) {
    const s = JSON.parse(row.body) as Signature;
    const values = {
      reference: row.reference, status: row.status, receivedAt: row.received_at, decidedAt: row.decided_at,
      poleName: s.pole.name, street: s.pole.street, postcode: s.pole.postcode, city: s.pole.city,
      department: s.pole.department, website: s.pole.website, lastName: s.representative.lastName,
      firstName: s.representative.firstName, email: s.representative.email, phone: s.representative.phone,
      poleStatus: s.status, place: s.place, date: s.date,
      signatories: s.signatories.map((p) => `${p.name} (${p.role})`).join(', '),
      consentToList: s.consentToList ? 'oui' : 'non',
    };
    lines.push(CSV_COLUMNS.map((column) => csvCell(values[column])).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
