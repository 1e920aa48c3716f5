/**
 * Login attempts, throttled per client address, per account from that address, and per account
 * from all addresses (fixed windows of 15 minutes). Unlike the secrets of http/rate-limits.ts
 * (long random tokens, compared first), a password can be guessed: once a limit is over, every
 * attempt it covers is refused 429 *before* the password is compared, or the answer would still
 * tell a right guess. Refused attempts are not counted, so the block ends with the window: a
 * correct password is never refused for more than 15 minutes after the last wrong attempt, and
 * never for good. The counts are in the database (table login_attempts), so several server
 * processes or machines do not each allow their own share of guesses; their keys are hashes.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { addressKey } from '../http/rate-limits.js';
import type { Database } from '../store/schema.js';

const WINDOW_MS = 15 * 60_000;

export interface ThrottleLimits {
  /** Wrong passwords for one account from one address. */
  perAccountAndAddress: number;
  /** Wrong passwords from one address, whatever the accounts (address lists tried one by one). */
  perAddress: number;
  /** Wrong passwords for one account from all addresses (a guesser spread over many). */
  perAccount: number;
}

export const LOGIN_LIMITS: ThrottleLimits = { perAccountAndAddress: 5, perAddress: 30, perAccount: 100 };

const hashed = (key: string) => createHash('sha256').update(`ptce-login|${key}`).digest('base64url');

export class LoginThrottle {
  constructor(
    private readonly db: Kysely<Database>,
    readonly limits: ThrottleLimits = LOGIN_LIMITS,
  ) {}

  #keys(ip: string, email: string): [string, number][] {
    const address = addressKey(ip);
    return [
      [hashed(`${email}|${address}`), this.limits.perAccountAndAddress],
      [hashed(`*|${address}`), this.limits.perAddress],
      [hashed(`${email}|*`), this.limits.perAccount],
    ];
  }

  /** Seconds to wait before this address may try this account again; 0 if it may now. */
  async blocked(ip: string, email: string, now = Date.now()): Promise<number> {
    const keys = this.#keys(ip, email);
    const rows = await this.db
      .selectFrom('login_attempts')
      .selectAll()
      .where(
        'key',
        'in',
        keys.map(([key]) => key),
      )
      .where('reset_at', '>', new Date(now).toISOString())
      .execute();
    let wait = 0;
    for (const row of rows) {
      const max = keys.find(([key]) => key === row.key)![1];
      if (row.failures >= max) wait = Math.max(wait, Math.ceil((Date.parse(row.reset_at) - now) / 1000));
    }
    return wait;
  }

  /** Counts a wrong password against its three keys (a new window where the last one ended). */
  async failed(ip: string, email: string, now = Date.now()): Promise<void> {
    const at = new Date(now).toISOString();
    const reset = new Date(now + WINDOW_MS).toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('login_attempts').where('reset_at', '<=', at).execute();
      for (const [key] of this.#keys(ip, email)) {
        await trx
          .insertInto('login_attempts')
          .values({ key, failures: 1, reset_at: reset })
          .onConflict((conflict) =>
            conflict.column('key').doUpdateSet({
              failures: sql`CASE WHEN login_attempts.reset_at > ${at} THEN login_attempts.failures + 1 ELSE 1 END`,
              reset_at: sql`CASE WHEN login_attempts.reset_at > ${at} THEN login_attempts.reset_at ELSE ${reset} END`,
            }),
          )
          .execute();
      }
    });
  }

  /** A right password from this address forgets its wrong ones for this account. */
  async succeeded(ip: string, email: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('key', '=', this.#keys(ip, email)[0][0]).execute();
  }
}
