import type { Db } from './db.js';
import { storeOnce, type StoreResult } from './store.js';
import type { Signature } from '../../src/data/schemas/submissions.js';
import type { Pole, PolesDocument } from '../../src/data/schemas/pole.js';
import type { DataIssue } from '../../src/data/failure.js';

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

/**
 * The public poles document: the stored poles, plus every approved signature whose pole agreed to
 * be listed (see withSignatories).
 */
export function publicPoles(db: Db): PolesDocument {
  const meta = (db.prepare("SELECT body FROM documents WHERE kind = 'poles-meta'").get() as { body: string } | undefined)?.body;
  const { themes = [], updatedAt } = meta ? JSON.parse(meta) : {};
  const poles = (db.prepare('SELECT body FROM poles ORDER BY position').all() as { body: string }[]).map((r) => JSON.parse(r.body) as Pole);
  const approved = db
    .prepare("SELECT * FROM signatures WHERE status = 'approved' AND consent_to_list = 1 ORDER BY decided_at, id")
    .all() as SignatureRow[];
  return { ...(updatedAt ? { updatedAt } : {}), themes, poles: withSignatories(poles, approved) };
}

/**
 * Approved signatures on the public list. Only facts about the pole are published: its name, the
 * commune, postcode and department of its address, and the date; never the people who signed, and
 * the free-text "Fait à" only as the pole's own commune. A signature names the pole it renews by
 * id (names are never matched: two poles may be called alike); that pole then shows the latest
 * date and keeps the earlier ones in `charterHistory`.
 */
export function withSignatories(poles: Pole[], rows: SignatureRow[]): Pole[] {
  const byId = new Map(poles.map((pole) => [pole.id, pole]));
  for (const row of rows) {
    const { pole: signer } = JSON.parse(row.body) as Signature;
    const charter = { date: row.signed_on, place: signer.city };
    const known = signer.id ? byId.get(signer.id) : undefined;
    if (known) {
      const dates = [...(known.charterHistory ?? []), ...(known.charter ? [known.charter] : []), charter].sort((a, b) => a.date.localeCompare(b.date));
      known.charter = dates.pop();
      if (dates.length) known.charterHistory = dates;
      // A listed pole without a place gets the one of its address, so the map can show it.
      if (!known.departments?.length) known.departments = [signer.department];
      known.commune ??= signer.city;
      known.postcode ??= signer.postcode;
    } else {
      const pole: Pole = {
        id: `signataire-${row.reference.toLowerCase()}`,
        name: signer.name,
        commune: signer.city,
        postcode: signer.postcode,
        departments: [signer.department],
        charter,
      };
      poles.push(pole);
      byId.set(pole.id, pole);
    }
  }
  return poles;
}

/** A signature may only name a pole that the public list holds. */
export function poleIssues(db: Db, signature: Signature): DataIssue[] {
  const id = signature.pole.id;
  return id && !publicPoles(db).poles.some((pole) => pole.id === id) ? [{ path: 'pole.id', message: `no pole with id ${id}` }] : [];
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
