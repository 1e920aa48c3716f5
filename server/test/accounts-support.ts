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

/** Quoted-printable undone (nodemailer wraps long lines and encodes `=`). */
export const decodeMail = (raw: string) =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
