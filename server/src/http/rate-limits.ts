// Rate limits, in one place, on @fastify/rate-limit's fixed windows per client address (the
// proxy's X-Forwarded-For when PTCE_TRUST_PROXY is set; an IPv6 client's /64 as one address):
// - every public write (POST, DELETE outside /api/admin): `postsPerMinute` per minute, then 429;
// - wrong secrets (admin token, campaign codes and coordinator keys), counted per address and per
//   secret, after the comparison: see FailedAttempts.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest, RouteOptions } from 'fastify';
import { isIPv6 } from 'node:net';
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

/** Which secret a request is trying, for the key generators below (set just before they run). */
const targetOf = new WeakMap<FastifyRequest, string>();

/** The client's address as counted: an IPv6 client by its /64, an IPv4-mapped one as IPv4. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * Failed attempts at secrets, counted per client address AND per secret (`target`: the admin
 * token, one campaign's coordinator key, the respondent codes). The secret is always compared
 * first: a right one is never refused, whatever the counts; a wrong one is counted, and answered
 * 429 once either count is over its limit (so a guesser spreading over many addresses, or one
 * address over many secrets, is slowed down, and nobody is locked out of their own secret).
 */
export class FailedAttempts {
  readonly #perAddress: ReturnType<FastifyInstance['createRateLimit']>;
  readonly #perSecret: ReturnType<FastifyInstance['createRateLimit']>;

  /** `max` wrong attempts per address and secret in 15 minutes; ten times that per secret from all addresses. */
  constructor(app: FastifyInstance, max: number) {
    this.#perAddress = app.createRateLimit({
      max,
      timeWindow: SECRET_WINDOW_MS,
      keyGenerator: (request) => `${targetOf.get(request)}|${addressKey(request.ip)}`,
    });
    this.#perSecret = app.createRateLimit({
      max: max * 10,
      timeWindow: SECRET_WINDOW_MS,
      keyGenerator: (request) => `${targetOf.get(request)}|*`,
    });
  }

  /** Counts a wrong attempt at `target`: the seconds to wait when over a limit (answer 429), 0 otherwise. */
  async failed(request: FastifyRequest, target: string): Promise<number> {
    let wait = 0;
    for (const limit of [this.#perAddress, this.#perSecret]) {
      // The key generators run synchronously at the start of the call: the target is theirs.
      targetOf.set(request, target);
      const state = await limit(request);
      if (!state.isAllowed && state.isExceeded) wait = Math.max(wait, 1, state.ttlInSeconds);
    }
    return wait;
  }
}
