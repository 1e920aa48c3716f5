// The admin routes' bearer token (PTCE_ADMIN_TOKEN), `Authorization: Bearer <token>` only.
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { TOKEN_ADMIN } from './actor.js';
import { fail } from './errors.js';
import { FailedAttempts } from './rate-limits.js';

export const MIN_ADMIN_TOKEN = 32;
/** Wrong admin tokens allowed per client address in 15 minutes, then 429 for the wrong ones. */
const ADMIN_FAILURES = 10;

/** The hook of the admin scope: nothing there is cacheable, and nothing runs without the token. */
export function adminAuth(app: FastifyInstance, adminToken: string): onRequestAsyncHookHandler {
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
    const wait = await failures.failed(request, 'admin');
    if (wait) {
      reply.header('Retry-After', String(wait));
      return fail(reply, 429, 'too many failed attempts');
    }
    reply.header('WWW-Authenticate', 'Bearer');
    return fail(reply, 401, 'admin token required');
  };
}
