// Rate limits, in one place, on @fastify/rate-limit's fixed windows per client address (the
// proxy's X-Forwarded-For when PTCE_TRUST_PROXY is set; an IPv6 client's /64 as one address):
// - every public write (POST, DELETE outside /api/admin): `postsPerMinute` per minute, then 429;
// - failed secrets (admin token, campaign codes and coordinator keys): 10 in 15 minutes, then 429
//   for everything that needs that secret, even the right one. The plugin's route limit counts
//   every request; these count failures only, so they read its counter without counting
//   (`increment: false`) before comparing, and count once the secret turned out wrong.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, RouteOptions } from 'fastify';
import { Refusal } from './errors.js';
import { unencapsulated } from './unencapsulated.js';

const SECRET_WINDOW_MS = 15 * 60_000;
const WRITES = new Set(['POST', 'DELETE']);

export const rateLimits = unencapsulated<FastifyPluginAsync<{ postsPerMinute: number }>>(async (app, options) => {
  await app.register(rateLimit, {
    global: false,
    max: options.postsPerMinute,
    timeWindow: 60_000,
    cache: 10_000,
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: () => new Refusal(429, { error: 'too many requests' }),
  });
  // One counter per address for all the public writes, whichever the route: added to each of them
  // as it is declared, after the origin check (a refused origin is not counted).
  const limitWrites = app.rateLimit();
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = [route.method].flat();
    if (!methods.some((method) => WRITES.has(method)) || route.url.startsWith('/api/admin')) return;
    route.onRequest = [...[route.onRequest ?? []].flat(), limitWrites];
  });
});

/** Failed attempts at a secret, per client address. */
export class FailedAttempts {
  readonly #limit: ReturnType<FastifyInstance['createRateLimit']>;

  constructor(app: FastifyInstance, max: number) {
    this.#limit = app.createRateLimit({ max, timeWindow: SECRET_WINDOW_MS });
  }

  /** Seconds to wait when this address failed too often already (not counting this look); 0 otherwise. */
  async blockedFor(request: FastifyRequest): Promise<number> {
    const state = await this.#limit(request, { increment: false });
    return !state.isAllowed && state.remaining === 0 ? Math.max(1, state.ttlInSeconds) : 0;
  }

  async failed(request: FastifyRequest): Promise<void> {
    await this.#limit(request);
  }
}
