// Who may call the server from a browser, in one place: reads are open to every origin; writes
// (POST, and DELETE on a campaign's answers) only from the server's own origin and the allowed
// ones. @fastify/cors sends the headers; it never refuses a request, it only leaves the headers
// out, so the refusals (403, before anything is parsed or counted) are ours, decided here too.
// The public documents (the busiest reads by far, the same for every origin) stay off the plugin:
// its work on each request (options and route options rebuilt, Vary) cost them 15 to 20 % of their
// throughput; they say `openToEveryOrigin` themselves.
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
/** A read that every origin may make, answered without the plugin. */
export const openToEveryOrigin = (reply: FastifyReply) => reply.header('Access-Control-Allow-Origin', '*');

const notAllowed = () => new Refusal(403, { error: 'origin not allowed' });

/** @fastify/cors and the refusals, for the routes registered after it in the same scope. */
export const originPolicy = unencapsulated<FastifyPluginAsync<OriginOptions>>(async (app, options) => {
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  // Behind a proxy, Host and the protocol are the proxy's unless it is trusted or the URL given.
  const ownOrigin = (request: FastifyRequest) => publicOrigin ?? `${request.protocol}://${request.host}`;
  const mayWrite = (request: FastifyRequest) => {
    const origin = request.headers.origin;
    return !origin || origin === ownOrigin(request) || allowedOrigins.has(origin);
  };

  /** The CORS answer to this request, or the refusal. */
  function crossOrigin(request: FastifyRequest): FastifyCorsOptions | Refusal {
    const { method, url } = request;
    const origin = request.headers.origin;
    if (READ_METHODS.has(method)) return { origin: isAdmin(url) ? false : '*' };
    if (WRITE_METHODS.has(method)) return mayWrite(request) ? { origin: origin ?? false } : notAllowed();
    if (method !== 'OPTIONS') return { origin: false };
    // A preflight. `strictPreflight` is off: one without an Origin is answered as before, not with 400.
    const wanted = String(request.headers['access-control-request-method'] ?? '').toUpperCase();
    if (wanted === 'GET') {
      // A campaign's routes take its secrets in headers, never in the URL; no other GET needs one.
      const headers = url.startsWith('/api/campaigns/') ? 'Authorization, Campaign-Code' : [];
      return { origin: '*', methods: 'GET', allowedHeaders: headers, strictPreflight: false };
    }
    const writes = wanted === 'POST' || (wanted === 'DELETE' && url.startsWith('/api/campaigns/'));
    if (writes && url.startsWith('/api/') && !isAdmin(url) && mayWrite(request)) {
      return {
        origin: origin ?? '*',
        methods: 'POST, DELETE',
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
