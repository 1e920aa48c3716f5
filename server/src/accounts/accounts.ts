/**
 * Named accounts (admins and moderators), their single-use password links and their Bearer
 * sessions. Tokens and links are long random strings stored as their SHA-256 (a stolen database
 * gives no usable session); passwords are hashed with scrypt (passwords.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { audit } from '../http/audit.js';
import type { Actor } from '../http/actor.js';
import type { Mailer } from '../mail/mailer.js';
import type { AccountsTable, Database } from '../store/schema.js';
import { secretHash } from '../store/types.js';
import { hashPassword } from './passwords.js';

export type AccountRow = Selectable<AccountsTable>;
export type Role = AccountsTable['role'];
export type NotifyPreference = AccountsTable['notify'];

/** A session lasts 12 hours from login; logging out ends it at once. */
export const SESSION_MS = 12 * 3600_000;
/** A password link works once, for 3 days. */
export const LINK_MS = 3 * 24 * 3600_000;

/** E-mail addresses are compared case-folded, without surrounding blanks. */
export const foldEmail = (email: string) => email.trim().toLowerCase();

const newToken = () => randomBytes(32).toString('base64url');
const list = (json: string): string[] => JSON.parse(json);

/** What the routes answer about an account (never its hash). */
export function accountView(row: AccountRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    regions: list(row.regions),
    departements: list(row.departements),
    disabled: row.disabled === 1,
    notify: row.notify,
    passwordSet: row.password_hash !== null,
    createdAt: row.created_at,
    erased: row.erased_at !== null,
  };
}
export type AccountView = ReturnType<typeof accountView>;

/** The actor of a request made with this account's session. */
export function actorOf(row: AccountRow): Actor {
  return {
    kind: 'account',
    role: row.role,
    id: String(row.id),
    label: row.email ?? `compte ${row.id}`,
    regions: list(row.regions),
    departements: list(row.departements),
  };
}

/** The audit's picture of an account: its settings, no secret. */
const audited = (row: AccountRow) => {
  const { id, email, name, role, regions, departements, disabled, notify } = accountView(row);
  return { id, email, name, role, regions, departements, disabled, notify };
};

export const findAccount = (db: Kysely<Database>, id: number) =>
  db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
export const findByEmail = (db: Kysely<Database>, email: string) =>
  db.selectFrom('accounts').selectAll().where('email', '=', foldEmail(email)).executeTakeFirst();
export const listAccounts = (db: Kysely<Database>) => db.selectFrom('accounts').selectAll().orderBy('id').execute();

export interface NewAccount {
  email: string;
  name?: string | null;
  role: Role;
  regions: string[];
  departements: string[];
  notify?: NotifyPreference;
  /** Set at once (the demo's seeded accounts); otherwise through the e-mailed link. */
  password?: string;
}

/** Creates the account (undefined if the address is taken) and returns it with a password link's token. */
export async function createAccount(
  db: Kysely<Database>,
  actor: Actor,
  wanted: NewAccount,
): Promise<{ account: AccountRow; link: string } | undefined> {
  const password_hash = wanted.password ? await hashPassword(wanted.password) : null;
  return db.transaction().execute(async (trx) => {
    const account = await trx
      .insertInto('accounts')
      .values({
        email: foldEmail(wanted.email),
        name: wanted.name ?? null,
        role: wanted.role,
        regions: JSON.stringify(wanted.regions),
        departements: JSON.stringify(wanted.departements),
        password_hash,
        disabled: 0,
        // Admins cover everything: a daily digest rather than a mail per submission.
        notify: wanted.notify ?? (wanted.role === 'admin' ? 'daily' : 'immediate'),
        created_at: new Date().toISOString(),
      })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!account) return undefined;
    await audit(trx, actor, { action: 'account.create', subject: { type: 'account', id: String(account.id) }, after: audited(account) });
    return { account, link: await newPasswordLink(trx, account.id) };
  });
}

export interface AccountChanges {
  name?: string | null;
  role?: Role;
  regions?: string[];
  departements?: string[];
  disabled?: boolean;
  notify?: NotifyPreference;
}

/** Applies the changes in one transaction with their audit entry; a disabled account's sessions end. */
export async function updateAccount(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  changes: AccountChanges,
): Promise<AccountRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return undefined;
    const values = {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.regions ? { regions: JSON.stringify(changes.regions) } : {}),
      ...(changes.departements ? { departements: JSON.stringify(changes.departements) } : {}),
      ...(changes.disabled !== undefined ? { disabled: changes.disabled ? 1 : 0 } : {}),
      ...(changes.notify ? { notify: changes.notify } : {}),
    };
    // Nothing to change: no UPDATE (an empty SET is not SQL), no audit entry.
    if (!Object.keys(values).length) return before;
    const after = await trx.updateTable('accounts').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    if (after.disabled) await trx.deleteFrom('sessions').where('account_id', '=', id).execute();
    await audit(trx, actor, {
      action: 'account.update',
      subject: { type: 'account', id: String(id) },
      before: audited(before),
      after: audited(after),
    });
    return after;
  });
}

/** A new single-use link for this account (the earlier unused ones stop working): its token. */
export async function newPasswordLink(trx: Kysely<Database> | Transaction<Database>, accountId: number): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await trx.deleteFrom('password_links').where('account_id', '=', accountId).where('used_at', 'is', null).execute();
  await trx
    .insertInto('password_links')
    .values({
      token_hash: secretHash(token),
      account_id: accountId,
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + LINK_MS).toISOString(),
    })
    .execute();
  return token;
}

/**
 * Sets the password of the link's account and spends the link, in one transaction: false if the
 * link is unknown, spent, expired, or its account disabled. The account's sessions end (a new
 * password is often set because the old one leaked).
 */
export async function setPassword(db: Kysely<Database>, link: string, password: string): Promise<boolean> {
  const password_hash = await hashPassword(password);
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    // Spent by this very update: two requests with one link, only one sets the password.
    const spent = await trx
      .updateTable('password_links')
      .set({ used_at: now })
      .where('token_hash', '=', secretHash(link))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('account_id')
      .executeTakeFirst();
    if (!spent) return false;
    const account = await trx
      .updateTable('accounts')
      .set({ password_hash })
      .where('id', '=', spent.account_id)
      .where('disabled', '=', 0)
      .returningAll()
      .executeTakeFirst();
    if (!account) return false;
    await trx.deleteFrom('sessions').where('account_id', '=', account.id).execute();
    await audit(trx, actorOf(account), { action: 'account.password', subject: { type: 'account', id: String(account.id) } });
    return true;
  });
}

/** Opens a session: its Bearer token (given once, stored hashed) and when it ends. */
export async function openSession(db: Kysely<Database>, accountId: number): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const now = Date.now();
  const expiresAt = new Date(now + SESSION_MS).toISOString();
  // Expired sessions go on the way, so the table does not grow without end.
  await db.deleteFrom('sessions').where('expires_at', '<=', new Date(now).toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({ token_hash: secretHash(token), account_id: accountId, created_at: new Date(now).toISOString(), expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The account of a live session: unexpired, its account neither disabled nor erased. */
export function sessionAccount(db: Kysely<Database>, token: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('accounts')
    .where('sessions.token_hash', '=', secretHash(token))
    .where('sessions.expires_at', '>', new Date().toISOString())
    .where('accounts.disabled', '=', 0)
    .where('accounts.erased_at', 'is', null)
    .executeTakeFirst();
}

export async function closeSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', secretHash(token)).execute();
}

/** The mail that carries a password link: `{origin}/admin.html#mot-de-passe=<token>` (a fragment: never sent to a server or a log). */
export async function mailPasswordLink(mailer: Mailer, account: AccountRow, origin: string, link: string): Promise<void> {
  const url = `${origin.replace(/\/$/, '')}/admin.html#mot-de-passe=${link}`;
  await mailer.send({
    to: account.email!,
    kind: 'password',
    subject: 'Votre accès à l’administration de l’annuaire des PTCE',
    text:
      `Bonjour${account.name ? ` ${account.name}` : ''},\n\n` +
      `Un compte ${account.role === 'admin' ? 'd’administration' : 'de modération'} a été ouvert pour vous. ` +
      `Choisissez votre mot de passe en ouvrant ce lien (valable 3 jours, une seule fois) :\n\n${url}\n\n` +
      'Si vous n’attendiez pas ce message, ignorez-le : sans mot de passe choisi, le compte reste inutilisable.\n',
  });
}
