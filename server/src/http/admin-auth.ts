// The admin routes' bearer token (PTCE_ADMIN_TOKEN), `Authorization: Bearer <token>` only.
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { fail } from './errors.js';
import { FailedAttempts } from './rate-limits.js';

export const MIN_ADMIN_TOKEN = 32;
/** Failed admin logins allowed per client address in 15 minutes, then 429. */
const ADMIN_FAILURES = 10;

/** The hook of the admin scope: nothing there is cacheable, and nothing runs without the token. */
export function adminAuth(app: FastifyInstance, adminToken: string): onRequestAsyncHookHandler {
  const expected = Buffer.from(adminToken);
  const failures = new FailedAttempts(app, ADMIN_FAILURES);
  return async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    // Too many failures from this address: refused before the token is even compared.
    const wait = await failures.blockedFor(request);
    if (wait) {
      reply.header('Retry-After', String(wait));
      return fail(reply, 429, 'too many failed attempts');
    }
    const given = Buffer.from(/^Bearer (\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      await failures.failed(request);
      reply.header('WWW-Authenticate', 'Bearer');
      return fail(reply, 401, 'admin token required');
    }
  };
}
