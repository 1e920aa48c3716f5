// Who may call the server from a browser, in one place: reads are open to every origin; writes
// (POST, DELETE on a campaign's answers, PATCH of an owner's edits) only from the server's own origin and the allowed
// ones. @fastify/cors sends the headers; it never refuses a request, it only leaves the headers
// out, so the refusals (403, before anything is parsed or counted) are ours, decided here too.
// The public documents (the busiest reads by far, the same for every origin) stay off the plugin:
// its work on each request (options and route options rebuilt, Vary) cost them 15 to 20 % of their
// throughput; they say `openToEveryOrigin` themselves. The widgets' submissions (the busiest
// writes) stay off it too, behind `submissionOrigins`, which gives them the plugin's answer to a
// write; their preflights are the plugin's (its OPTIONS route serves every path).
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Refusal } from './errors.js';
import { unencapsulated } from './unencapsulated.js';

export interface OriginOptions {
  /** The address the public reaches the server at, behind a proxy that terminates TLS. */
  publicUrl?: string;
  /** Origins allowed to write (the server's own origin always is). */
  allowedOrigins?: string[];
}

const isAdmin = (url: string) => url.startsWith('/api/admin');
const READ_METHODS = new Set(['GET', 'HEAD']);
const WRITE_METHODS = new Set(['POST', 'DELETE']);
/** An owner's edits (PATCH /api/owner/…) come from `<ptce-pole-form mode="owner">` on a partner's site too. */
const isOwnerPatch = (method: string, url: string) => method === 'PATCH' && url.startsWith('/api/owner/');
/** A read that every origin may make, answered without the plugin. */
export const openToEveryOrigin = (reply: FastifyReply) => reply.header('Access-Control-Allow-Origin', '*');

const notAllowed = () => new Refusal(403, { error: 'origin not allowed' });

/** Whether a request may write: no Origin (not a browser's cross-origin call), the server's own, or an allowed one. */
function writePolicy(options: OriginOptions): (request: FastifyRequest) => boolean {
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  // Behind a proxy, Host and the protocol are the proxy's unless it is trusted or the URL given.
  const ownOrigin = (request: FastifyRequest) => publicOrigin ?? `${request.protocol}://${request.host}`;
  return (request) => {
    const origin = request.headers.origin;
    return !origin || origin === ownOrigin(request) || allowedOrigins.has(origin);
  };
}

/** @fastify/cors and the refusals, for the routes registered after it in the same scope. */
export const originPolicy = unencapsulated<FastifyPluginAsync<OriginOptions>>(async (app, options) => {
  const mayWrite = writePolicy(options);

  /** The CORS answer to this request, or the refusal. */
  function crossOrigin(request: FastifyRequest): FastifyCorsOptions | Refusal {
    const { method, url } = request;
    const origin = request.headers.origin;
    if (READ_METHODS.has(method)) return { origin: isAdmin(url) ? false : '*' };
    if (WRITE_METHODS.has(method) || isOwnerPatch(method, url)) return mayWrite(request) ? { origin: origin ?? false } : notAllowed();
    if (method !== 'OPTIONS') return { origin: false };
    // A preflight. `strictPreflight` is off: one without an Origin is answered as before, not with 400.
    const wanted = String(request.headers['access-control-request-method'] ?? '').toUpperCase();
    if (wanted === 'GET') {
      // A campaign's routes take its secrets in headers, never in the URL; no other GET needs one.
      const headers = url.startsWith('/api/campaigns/') ? 'Authorization, Campaign-Code' : [];
      return { origin: '*', methods: 'GET', allowedHeaders: headers, strictPreflight: false };
    }
    const writes = wanted === 'POST' || (wanted === 'DELETE' && url.startsWith('/api/campaigns/')) || isOwnerPatch(wanted, url);
    if (writes && url.startsWith('/api/') && !isAdmin(url) && mayWrite(request)) {
      return {
        origin: origin ?? '*',
        methods: isOwnerPatch(wanted, url) ? 'PATCH' : 'POST, DELETE',
        allowedHeaders: 'Content-Type, Idempotency-Key, Authorization, Campaign-Code',
        maxAge: 600,
        strictPreflight: false,
      };
    }
    return notAllowed();
  }

  await app.register(cors, {
    delegator: (request, callback) => {
      const answer = crossOrigin(request);
      if (answer instanceof Refusal) callback(answer);
      else callback(null, answer);
    },
  });
});

/**
 * For the routes of the scope it is registered in, all writes (the widgets' submissions): what
 * `originPolicy` answers a write, without the plugin's cost on every request — refused (403) from
 * an origin that may not write, else its origin allowed, the answer varying with it.
 */
export const submissionOrigins = unencapsulated<FastifyPluginAsync<OriginOptions>>(async (app, options) => {
  const mayWrite = writePolicy(options);
  app.addHook('onRequest', (request, reply, done) => {
    if (!mayWrite(request)) return done(notAllowed());
    reply.header('Vary', 'Origin');
    const origin = request.headers.origin;
    if (origin) reply.header('Access-Control-Allow-Origin', origin);
    done();
  });
});

/**
 * Which proxies' X-Forwarded-For/-Proto/-Host to believe, for Fastify's `trustProxy`: never every
 * hop, or a client behind a proxy that appends to X-Forwarded-For would choose its own address
 * (and escape every rate limit). `true` is the closest proxy only; a number, that many hops; a
 * list, the proxies at those addresses or CIDR ranges.
 */
export function proxyTrust(
  setting: boolean | number | string[] | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  const hops = setting === true ? 1 : setting;
  if (!hops) return false;
  if (typeof hops === 'number') {
    if (!Number.isInteger(hops) || hops < 0) throw new Error(`trustProxy: a number of hops, not ${hops}`);
    // Hop 0 is the peer of the connection; with n hops trusted, the client is the n-th address from the right.
    return (_address, hop) => hop < hops;
  }
  return hops.length ? hops : false;
}

/** PTCE_TRUST_PROXY: `1`/`true` (one hop), a number of hops, or comma-separated addresses and CIDRs. */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const text = (value ?? '').trim();
  if (!text || text === '0' || text === 'false') return false;
  if (text === 'true') return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const list = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of list) {
    if (!/^[\d.]+(\/\d+)?$|^[\da-f:.]+(\/\d+)?$/i.test(entry) && !['loopback', 'linklocal', 'uniquelocal'].includes(entry)) {
      throw new Error(`PTCE_TRUST_PROXY: "${entry}" is neither a number of hops nor an address or CIDR range`);
    }
  }
  return list;
}
