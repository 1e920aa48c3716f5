/**
 * Login attempts, throttled per client address, per account from that address, and per account
 * from all addresses (fixed windows of 15 minutes, in memory). Unlike the secrets of
 * http/rate-limits.ts (long random tokens, compared first), a password can be guessed: once a
 * limit is over, every attempt it covers is refused 429 *before* the password is compared, or the
 * answer would still tell a right guess. Refused attempts are not counted, so the block ends with
 * the window: a correct password is never refused for more than 15 minutes after the last wrong
 * attempt, and never for good.
 */
import { addressKey } from '../http/rate-limits.js';

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

export class LoginThrottle {
  readonly #counts = new Map<string, { count: number; resetAt: number }>();

  constructor(readonly limits: ThrottleLimits = LOGIN_LIMITS) {}

  #keys(ip: string, email: string): [string, number][] {
    const address = addressKey(ip);
    return [
      [`${email}|${address}`, this.limits.perAccountAndAddress],
      [`*|${address}`, this.limits.perAddress],
      [`${email}|*`, this.limits.perAccount],
    ];
  }

  /** Seconds to wait before this address may try this account again; 0 if it may now. */
  blocked(ip: string, email: string, now = Date.now()): number {
    let wait = 0;
    for (const [key, max] of this.#keys(ip, email)) {
      const entry = this.#counts.get(key);
      if (entry && entry.resetAt > now && entry.count >= max) wait = Math.max(wait, Math.ceil((entry.resetAt - now) / 1000));
    }
    return wait;
  }

  failed(ip: string, email: string, now = Date.now()): void {
    if (this.#counts.size > 50_000) this.#prune(now);
    for (const [key] of this.#keys(ip, email)) {
      const entry = this.#counts.get(key);
      if (entry && entry.resetAt > now) entry.count++;
      else this.#counts.set(key, { count: 1, resetAt: now + WINDOW_MS });
    }
  }

  /** A right password from this address forgets its wrong ones for this account. */
  succeeded(ip: string, email: string): void {
    this.#counts.delete(this.#keys(ip, email)[0][0]);
  }

  #prune(now: number) {
    for (const [key, entry] of this.#counts) if (entry.resetAt <= now) this.#counts.delete(key);
  }
}
