/**
 * Password hashes with Node's scrypt: a random salt per password, the cost parameters stored with
 * the hash (`scrypt$N$r$p$salt$hash`, base64url), so that they can be raised later without
 * invalidating the passwords already set; compared in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** 2^15 × 8 × 128 bytes = 32 MiB of memory per hash, about 0.1 s on a small server. */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, options: ScryptOptions, length = KEY_LENGTH) =>
  new Promise<Buffer>((resolve, reject) =>
    // maxmem above the 32 MiB the cost needs (Node's default limit is exactly that).
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: 256 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** A hash nobody's password matches: checked when the address is unknown, so the timing tells nothing. */
const UNKNOWN = `scrypt$${COST.N}$${COST.r}$${COST.p}$${randomBytes(16).toString('base64url')}$${randomBytes(KEY_LENGTH).toString('base64url')}`;

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? UNKNOWN).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const expected = Buffer.from(parts[5], 'base64url');
  const key = await derive(password, Buffer.from(parts[4], 'base64url'), { N, r, p }, expected.length);
  return timingSafeEqual(key, expected) && stored !== null;
}

/** The rule a new password must follow: long enough to resist guessing, not absurdly long. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;
