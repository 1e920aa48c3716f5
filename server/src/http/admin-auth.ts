// The admin routes' bearer token, `Authorization: Bearer <token>` only: PTCE_ADMIN_TOKEN (the
// bootstrap admin, for scripts) or a named account's session token (accounts/, POST /api/login).
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { actorOf, sessionAccount } from '../accounts/accounts.js';
import type { Database } from '../store/schema.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { TOKEN_ADMIN } from './actor.js';
import { fail } from './errors.js';
import { FailedAttempts } from './rate-limits.js';

export const MIN_ADMIN_TOKEN = 32;
/** Wrong admin tokens allowed per client address in 15 minutes, then 429 for the wrong ones. */
const ADMIN_FAILURES = 10;

/** The hook of the admin scope: nothing there is cacheable, and nothing runs without the token. */
export function adminAuth(app: FastifyInstance, adminToken: string, db?: Kysely<Database>): onRequestAsyncHookHandler {
  // Digests compared, so that neither the content nor the length of the token shows in the timing.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const expected = digest(adminToken);
  const failures = new FailedAttempts(app, ADMIN_FAILURES);
  return async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    // Compared first: the right token always passes, however many wrong ones came before.
    const given = /^Bearer (\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    if (given && timingSafeEqual(digest(given), expected)) {
      request.actor = TOKEN_ADMIN;
      return;
    }
    // A session's token: its account's role and territory (a disabled account's sessions fail here).
    const account = given && db ? await sessionAccount(db, given) : undefined;
    if (account) {
      request.actor = actorOf(account);
      return;
    }
    const wait = await failures.failed(request, 'admin');
    if (wait) {
      reply.header('Retry-After', String(wait));
      return fail(reply, 429, 'too many failed attempts');
    }
    reply.header('WWW-Authenticate', 'Bearer');
    return fail(reply, 401, 'admin token required');
  };
}

/** For the routes only admins may use (accounts, audit): a moderator is answered 403. */
export function adminOnly(request: FastifyRequest, reply: FastifyReply): boolean {
  if (request.actor?.role === 'admin') return true;
  fail(reply, 403, 'for administrators only');
  return false;
}
