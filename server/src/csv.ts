import type { Signature } from '../../src/data/schemas/submissions.js';
import type { SignatureRow } from './store/types.js';

const CSV_COLUMNS = [
  'reference',
  'status',
  'receivedAt',
  'decidedAt',
  'poleName',
  'street',
  'postcode',
  'city',
  'department',
  'website',
  'lastName',
  'firstName',
  'email',
  'phone',
  'poleStatus',
  'place',
  'date',
  'signatories',
  'consentToList',
] as const;

/**
 * Spreadsheets run a cell as a formula when it starts with = + - @ (or a tab or carriage return),
 * even after spaces, a no-break space or other blanks: such a cell gets a leading apostrophe.
 */
const FORMULA = /^[\s\u00a0\u2000-\u200b\u2060\ufeff]*[=+\-@\t\r]/;

/**
 * A phone is checked to hold only digits, spaces and + . ( ) -, so it is never a formula; but a
 * spreadsheet would read "+33 6 12…" as a sum and "0612…" as a number without its 0. A leading
 * WORD JOINER (zero width, invisible) makes it plain text.
 */
const AS_TEXT = '\u2060';

export function csvCell(value: unknown, text = false): string {
  let cell = value === undefined || value === null ? '' : String(value);
  if (text && cell) cell = AS_TEXT + cell;
  else if (FORMULA.test(cell)) cell = `'${cell}`;
  return /[";\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** UTF-8 with BOM and `;` separators, so that it opens as it should in a French spreadsheet. */
export function signaturesCsv(rows: SignatureRow[]): string {
  const lines = [CSV_COLUMNS.join(';')];
  for (const row of rows) {
    const s = JSON.parse(row.body) as Signature;
    const values = {
      reference: row.reference,
      status: row.status,
      receivedAt: row.received_at,
      decidedAt: row.decided_at,
      poleName: s.pole.name,
      street: s.pole.street,
      postcode: s.pole.postcode,
      city: s.pole.city,
      department: s.pole.department,
      website: s.pole.website,
      lastName: s.representative.lastName,
      firstName: s.representative.firstName,
      email: s.representative.email,
      phone: s.representative.phone,
      poleStatus: s.status,
      place: s.place,
      date: s.date,
      signatories: s.signatories.map((p) => `${p.name} (${p.role})`).join(', '),
      consentToList: s.consentToList ? 'oui' : 'non',
    };
    lines.push(CSV_COLUMNS.map((column) => csvCell(values[column], column === 'phone' || column === 'postcode')).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
