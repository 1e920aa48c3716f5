import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Charter } from '../../src/data/schemas/charter.js';
import type { PolesDocument } from '../../src/data/schemas/pole.js';
import type { Referentiel } from '../../src/data/schemas/referentiel.js';
import { Assessment, Signature } from '../../src/data/schemas/submissions.js';
import { validate, type Schema } from '../../src/data/validate.js';
import { assessmentIssues } from '../../src/data/referentiel.js';
import { signatureIssues } from '../../src/data/charter.js';
import type { DataIssue } from '../../src/data/failure.js';
import type { Store, Submission } from './store/types.js';
import { adminView, assessmentReceipt, assessmentSubmission, poleIssues, receiptOf, signatureSubmission } from './signatures.js';
import { signaturesCsv } from './csv.js';
import { ActionProposal } from '../../src/data/schemas/action.js';
import { actionProposalIssues } from '../../src/data/actions.js';
import { actionReceipt, actionSubmission, registerActionAdmin } from './actions.js';
import { discoveryDocument, PublicCache, type Prepared } from './public-documents.js';
import { RateLimiter } from './rate-limit.js';
import { campaignRoutes } from './campaigns.js';

export interface AppOptions {
  store: Store;
  /** Bearer token of the admin routes: 32 characters at least. */
  adminToken: string;
  /**
   * The address the public reaches the server at (`https://ptce.example.org`), behind a proxy
   * that terminates TLS: the origin that may POST to the admin routes.
   */
  publicUrl?: string;
  /** Believe the proxy's X-Forwarded-* headers (client address, protocol, host). */
  trustProxy?: boolean;
  /** Seconds browsers and CDNs may keep the public documents without asking (default 0: ask each time, 304 if unchanged). */
  cacheMaxAge?: number;
  /** How often to look for changes made by another server process (default 1 s). */
  revisionPollMs?: number;
  /** Origins allowed to POST (the server's own origin always is). */
  allowedOrigins?: string[];
  /** POSTs allowed per client address and minute. */
  postsPerMinute?: number;
  /** A pole's coordinator may open a campaign for their pole without the admin token (PTCE_OPEN_CAMPAIGNS=1). */
  openCampaigns?: boolean;
  /** Wrong campaign codes or coordinator keys allowed per client address in 15 minutes (default 10). */
  secretAttempts?: number;
  /** Folders served as static files: the demo page and the embed bundle. */
  staticDirs?: { root: string; prefix: string }[];
  logger?: boolean;
}

const BODY_LIMIT = 64 * 1024;
export const MIN_ADMIN_TOKEN = 32;
/** Failed admin logins allowed per client address in ADMIN_WINDOW_MS, then 429. */
const ADMIN_FAILURES = 10;
const ADMIN_WINDOW_MS = 15 * 60_000;

const fail = (reply: FastifyReply, status: number, error: string, errors?: DataIssue[]) =>
  reply.code(status).send(errors ? { error, errors } : { error });

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, adminToken } = options;
  if (adminToken.length < MIN_ADMIN_TOKEN) throw new Error(`the admin token must have ${MIN_ADMIN_TOKEN} characters at least`);
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const limiter = new RateLimiter(options.postsPerMinute ?? 20, 60_000);
  const adminFailures = new RateLimiter(ADMIN_FAILURES, ADMIN_WINDOW_MS);
  const publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;

  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // A URL the router cannot even decode (`/%`): the client's fault, answered like any other.
    frameworkErrors: (error, request, reply) => {
      request.log.warn({ code: error.code }, 'refused');
      return fail(reply, 400, 'invalid request');
    },
    // Method, path and status only: no query strings, bodies, addresses or headers (personal data).
    logger: options.logger
      ? {
          serializers: {
            req: (req) => ({ method: req.method, path: req.url.split('?')[0] }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
  });

  // JSON only: a text/plain body is refused with 415 rather than parsed.
  app.removeContentTypeParser('text/plain');

  // Behind a proxy, Host and the protocol are the proxy's unless it is trusted or the URL given.
  const ownOrigin = (request: FastifyRequest) => publicOrigin ?? `${request.protocol}://${request.host}`;
  const mayPost = (request: FastifyRequest) => {
    const origin = request.headers.origin;
    return !origin || origin === ownOrigin(request) || allowedOrigins.has(origin);
  };

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    const origin = request.headers.origin;
    if (request.method === 'GET' || request.method === 'HEAD') {
      if (!request.url.startsWith('/api/admin')) reply.header('Access-Control-Allow-Origin', '*');
      return;
    }
    if (request.method === 'OPTIONS') {
      const wanted = String(request.headers['access-control-request-method'] ?? '').toUpperCase();
      if (wanted === 'GET') {
        reply.header('Access-Control-Allow-Origin', '*');
        // A campaign's routes take its secrets in headers, never in the URL.
        if (request.url.startsWith('/api/campaigns/')) reply.header('Access-Control-Allow-Headers', 'Authorization, Campaign-Code');
        return reply.code(204).send();
      }
      const writes = wanted === 'POST' || (wanted === 'DELETE' && request.url.startsWith('/api/campaigns/'));
      if (writes && request.url.startsWith('/api/') && !request.url.startsWith('/api/admin') && mayPost(request)) {
        reply.header('Access-Control-Allow-Origin', origin ?? '*');
        reply.header('Vary', 'Origin');
        reply.header('Access-Control-Allow-Methods', 'POST, DELETE');
        reply.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key, Authorization, Campaign-Code');
        reply.header('Access-Control-Max-Age', '600');
        return reply.code(204).send();
      }
      return reply.code(403).send({ error: 'origin not allowed' });
    }
    if (request.method === 'POST' || request.method === 'DELETE') {
      if (!mayPost(request)) return fail(reply, 403, 'origin not allowed');
      if (origin) {
        reply.header('Access-Control-Allow-Origin', origin);
        reply.header('Vary', 'Origin');
      }
      if (!request.url.startsWith('/api/admin') && !limiter.allow(request.ip)) {
        reply.header('Retry-After', String(limiter.retryAfterSeconds(request.ip)));
        return fail(reply, 429, 'too many requests');
      }
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, `request body larger than ${BODY_LIMIT} bytes`);
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return fail(reply, 415, 'send JSON (Content-Type: application/json)');
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (error.statusCode === 400 && error instanceof SyntaxError)) {
      return fail(reply, 400, 'invalid request', [{ path: '', message: 'body is not valid JSON' }]);
    }
    // The client's fault (a malformed URL, a path outside the static folders…): a warning at most.
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.warn({ code: error.code, statusCode: error.statusCode }, 'refused');
      return fail(reply, error.statusCode, error.statusCode === 404 ? 'not found' : 'invalid request');
    }
    // Another process held the SQLite file longer than the busy timeout: try again shortly.
    if (error.code === 'SQLITE_BUSY') {
      request.log.warn({ code: error.code }, 'database busy');
      reply.header('Retry-After', '1');
      return fail(reply, 503, 'busy, try again');
    }
    request.log.error({ code: error.code, message: error.message }, 'request failed');
    return fail(reply, 500, 'internal error');
  });
  app.setNotFoundHandler((_request, reply) => fail(reply, 404, 'not found'));

  // The endpoint contract (docs/endpoint.md), served from memory.
  const cache = new PublicCache(store, discoveryDocument());
  await cache.refresh();
  cache.watch(options.revisionPollMs ?? 1000);
  app.addHook('onClose', async () => cache.stop());
  const cacheControl = options.cacheMaxAge ? `public, max-age=${options.cacheMaxAge}` : 'public, no-cache';
  for (const path of ['/ptce.json', '/poles.json', '/referentiel.json', '/charter.json']) {
    app.get(path, (request, reply) => {
      const document = cache.get(path);
      if (!document) return fail(reply, 404, 'not found');
      return sendPrepared(request, reply, document, cacheControl);
    });
  }

  const idempotencyKey = (request: FastifyRequest): string | DataIssue => {
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && /^[\w.:-]{8,200}$/.test(key)) return key;
    return { path: 'Idempotency-Key', message: 'header required: 8 to 200 letters, digits or . _ : -' };
  };

  const campaigns = campaignRoutes(app, {
    store,
    cache,
    openCampaigns: options.openCampaigns ?? false,
    secretAttempts: options.secretAttempts,
  });

  /**
   * A POST of a submission: key, shared schema, the document's own rules, stored once per key.
   * `admit` may refuse it (the answer then sent) or say what to store and where (a campaign).
   */
  function submissions<T, Row>(
    path: string,
    what: string,
    schema: Schema<T>,
    rules: (value: T) => DataIssue[],
    submission: (value: T, key: string, campaignId: string | null) => Submission,
    receipt: (row: Row) => unknown,
    admit: (request: FastifyRequest, reply: FastifyReply, value: T) => Promise<{ value: T; campaignId: string | null } | false> = async (
      _request,
      _reply,
      value,
    ) => ({ value, campaignId: null }),
  ) {
    app.post(path, async (request, reply) => {
      const key = idempotencyKey(request);
      if (typeof key !== 'string') return fail(reply, 400, 'invalid request', [key]);
      const checked = validate(schema, request.body);
      if (!checked.ok) return fail(reply, 400, `invalid ${what}`, checked.issues);
      const admitted = await admit(request, reply, checked.value);
      if (!admitted) return reply;
      const issues = rules(admitted.value);
      if (issues.length) return fail(reply, 400, `invalid ${what}`, issues);
      const stored = await store.storeOnce<Row & { request_hash: string }>(submission(admitted.value, key, admitted.campaignId));
      if (stored.kind === 'key-reused') return fail(reply, 422, `Idempotency-Key already used for another ${what}`);
      return reply.code(stored.kind === 'created' ? 201 : 200).send(receipt(stored.row));
    });
  }

  submissions(
    '/api/signatures',
    'signature',
    Signature,
    (s) => [
      ...charterIssues(cache.document<Charter>('charter.json'), s),
      ...poleIssues(cache.document<PolesDocument>('poles.json')?.poles ?? [], s),
    ],
    signatureSubmission,
    receiptOf,
  );
  submissions(
    '/api/assessments',
    'assessment',
    Assessment,
    (a) => {
      const referentiel = cache.document<Referentiel>('referentiel.json');
      return referentiel ? assessmentIssues(referentiel, a) : [{ path: 'referentielId', message: 'no référentiel on this server' }];
    },
    assessmentSubmission,
    assessmentReceipt,
    campaigns.admitAssessment,
  );
  submissions(
    '/api/actions',
    'fiche action',
    ActionProposal,
    (proposal) => {
      const poles = cache.document<PolesDocument>('poles.json');
      return actionProposalIssues(proposal, poles?.poles ?? [], poles?.themes ?? []);
    },
    actionSubmission,
    actionReceipt,
  );

  // Administration: a bearer token (PTCE_ADMIN_TOKEN), `Authorization: Bearer <token>` only.
  const expected = Buffer.from(adminToken);
  const isAdmin = (request: FastifyRequest) => {
    const given = Buffer.from(/^Bearer (\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1] ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      // Too many failures from this address: refused before the token is even compared.
      if (adminFailures.blocked(request.ip)) {
        reply.header('Retry-After', String(adminFailures.retryAfterSeconds(request.ip)));
        return fail(reply, 429, 'too many failed attempts');
      }
      if (!isAdmin(request)) {
        adminFailures.allow(request.ip);
        reply.header('WWW-Authenticate', 'Bearer');
        return fail(reply, 401, 'admin token required');
      }
    });
    admin.get('/api/admin/signatures', async (request) => {
      const status = (request.query as { status?: string }).status;
      return { signatures: (await store.listSignatures(status)).map(adminView) };
    });
    admin.get('/api/admin/signatures.csv', async (_request, reply) =>
      reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="signatures-charte-ptce.csv"')
        .send(signaturesCsv(await store.listSignatures())),
    );
    campaigns.adminRoutes(admin);
    for (const [action, status] of [
      ['approve', 'approved'],
      ['reject', 'rejected'],
    ] as const) {
      admin.post(`/api/admin/signatures/:reference/${action}`, async (request, reply) => {
        const row = await store.decideSignature((request.params as { reference: string }).reference, status);
        if (!row) return fail(reply, 404, 'no signature with this reference');
        // The public list shows the decision from the next request on.
        await cache.refresh();
        return adminView(row);
      });
    }
    registerActionAdmin(admin, store, cache);
  });

  for (const { root, prefix } of options.staticDirs ?? []) {
    if (!existsSync(root)) continue;
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: false,
      index: 'index.html',
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) {
          res.setHeader(
            'Content-Security-Policy',
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
          );
        }
      },
    });
  }
  return app;
}

/** The best encoding the client accepts (a `q=0` refuses one). */
function encodingFor(request: FastifyRequest): 'br' | 'gzip' | undefined {
  const accepted = String(request.headers['accept-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
    .map((part) => part.split(';')[0]);
  return accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : undefined;
}

function sendPrepared(request: FastifyRequest, reply: FastifyReply, document: Prepared, cacheControl: string) {
  reply.header('ETag', document.etag).header('Cache-Control', cacheControl).header('Vary', 'Accept-Encoding');
  const match = request.headers['if-none-match'];
  if (match && (match === '*' || match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === document.etag))) {
    return reply.code(304).send();
  }
  reply.header('Content-Type', 'application/json; charset=utf-8');
  const encoding = encodingFor(request);
  if (encoding) reply.header('Content-Encoding', encoding);
  return reply.send(encoding ? document[encoding] : document.identity);
}

/** The charter's own rules (shared with the form); a day of margin for the signer's time zone. */
function charterIssues(charter: Charter | undefined, signature: Signature): DataIssue[] {
  if (!charter) return [{ path: 'charterId', message: 'no charter on this server' }];
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return signatureIssues(charter, signature, tomorrow);
}
