// Accounts for the server tests: created in the database with a password, then logged in through
// the real route, so each test holds a real session token.
import { createAccount, type NewAccount } from '../src/accounts/accounts.js';
import { TOKEN_ADMIN } from '../src/http/actor.js';
import type { Running } from './helpers.js';

export const PASSWORD = 'correct horse battery staple';

let accounts = 0;
/** A new account (a unique address unless given) and its session token. */
export async function loggedIn(server: Running, wanted: Partial<NewAccount> = {}): Promise<{ id: number; email: string; token: string }> {
  const email = wanted.email ?? `compte-${process.pid}-${++accounts}@example.org`;
  const created = await createAccount(server.store.db, TOKEN_ADMIN, {
    role: 'moderator',
    regions: [],
    departements: [],
    ...wanted,
    email,
    password: PASSWORD,
  });
  if (!created) throw new Error(`account ${email} exists`);
  const response = await fetch(`${server.url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login ${response.status}`);
  return { id: created.account.id, email, token: (await response.json()).token };
}

/** A request with a session token (or any Bearer token). */
export const as = (token: string, url: string, init: RequestInit = {}) =>
  fetch(url, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) },
  });

/** Quoted-printable bytes (=C3=A9) back to UTF-8 text. */
const unquote = (text: string) =>
  Buffer.from(
    text.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/** A raw message as a person reads it: encoded-word headers and the quoted-printable body (wrapped lines joined) decoded. */
export function decodeMail(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw
    .slice(0, split)
    .replace(/\r\n\s+/g, ' ')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=[ \t]*/gi, (_m, word: string) => unquote(word.replace(/_/g, ' ')));
  return `${head}\r\n\r\n${unquote(raw.slice(split + 4).replace(/=\r?\n/g, ''))}`;
}
