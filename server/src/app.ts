import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { CONTRACT_VERSION } from '../../src/data/schemas/discovery.js';
import type { Charter } from '../../src/data/schemas/charter.js';
import type { Referentiel } from '../../src/data/schemas/referentiel.js';
import { Assessment, Signature } from '../../src/data/schemas/submissions.js';
import { validate, type Schema } from '../../src/data/validate.js';
import { assessmentIssues } from '../../src/data/referentiel.js';
import { signatureIssues } from '../../src/data/charter.js';
import type { DataIssue } from '../../src/data/failure.js';
import { getDocument, type Db } from './db.js';
import { adminView, decideSignature, listSignatures, poleIssues, publicPoles, receiptOf, signaturesCsv, storeSignature } from './signatures.js';
import { assessmentReceipt, storeAssessment } from './assessments.js';
import { RateLimiter } from './rate-limit.js';
import type { StoreResult } from './store.js';

export interface AppOptions {
  db: Db;
  adminToken: string;
  /** Origins allowed to POST (the server's own origin always is). */
  allowedOrigins?: string[];
  /** POSTs allowed per client address and minute. */
  postsPerMinute?: number;
  /** Folders served as static files: the demo page and the embed bundle. */
  staticDirs?: { root: string; prefix: string }[];
  logger?: boolean;
}

const BODY_LIMIT = 64 * 1024;

const fail = (reply: FastifyReply, status: number, error: string, errors?: DataIssue[]) =>
  reply.code(status).send(errors ? { error, errors } : { error });

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db, adminToken } = options;
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  const limiter = new RateLimiter(options.postsPerMinute ?? 20, 60_000);

  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
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

  const ownOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
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
        return reply.code(204).send();
      }
      if (wanted === 'POST' && request.url.startsWith('/api/') && !request.url.startsWith('/api/admin') && mayPost(request)) {
        reply.header('Access-Control-Allow-Origin', origin ?? '*');
        reply.header('Vary', 'Origin');
        reply.header('Access-Control-Allow-Methods', 'POST');
        reply.header('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key');
        reply.header('Access-Control-Max-Age', '600');
        return reply.code(204).send();
      }
      return reply.code(403).send({ error: 'origin not allowed' });
    }
    if (request.method === 'POST') {
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
    if (error.statusCode === 400) return fail(reply, 400, 'invalid request', [{ path: '', message: 'body is not valid JSON' }]);
    request.log.error({ code: error.code, message: error.message }, 'request failed');
    return fail(reply, 500, 'internal error');
  });
  app.setNotFoundHandler((_request, reply) => fail(reply, 404, 'not found'));

  // The endpoint contract (docs/endpoint.md).
  app.get('/ptce.json', async () => ({
    ptce: CONTRACT_VERSION,
    name: 'Serveur de référence ptce-widgets',
    poles: 'poles.json',
    referentiel: 'referentiel.json',
    charter: 'charter.json',
    signatures: 'api/signatures',
    assessments: 'api/assessments',
  }));
  app.get('/poles.json', async () => publicPoles(db));
  app.get('/referentiel.json', async (_request, reply) => getDocument(db, 'referentiel') ?? fail(reply, 404, 'not found'));
  app.get('/charter.json', async (_request, reply) => getDocument(db, 'charter') ?? fail(reply, 404, 'not found'));

  const idempotencyKey = (request: FastifyRequest): string | DataIssue => {
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && /^[\w.:-]{8,200}$/.test(key)) return key;
    return { path: 'Idempotency-Key', message: 'header required: 8 to 200 letters, digits or . _ : -' };
  };

  /** A POST of a submission: key, shared schema, the document's own rules, stored once per key. */
  function submissions<T, Row>(
    path: string,
    what: string,
    schema: Schema<T>,
    rules: (value: T) => DataIssue[],
    store: (value: T, key: string) => StoreResult<Row>,
    receipt: (row: Row) => unknown,
  ) {
    app.post(path, async (request, reply) => {
      const key = idempotencyKey(request);
      if (typeof key !== 'string') return fail(reply, 400, 'invalid request', [key]);
      const checked = validate(schema, request.body);
      if (!checked.ok) return fail(reply, 400, `invalid ${what}`, checked.issues);
      const issues = rules(checked.value);
      if (issues.length) return fail(reply, 400, `invalid ${what}`, issues);
      const stored = store(checked.value, key);
      if (stored.kind === 'key-reused') return fail(reply, 422, `Idempotency-Key already used for another ${what}`);
      return reply.code(stored.kind === 'created' ? 201 : 200).send(receipt(stored.row));
    });
  }

  submissions('/api/signatures', 'signature', Signature, (s) => [...charterIssues(getDocument<Charter>(db, 'charter'), s), ...poleIssues(db, s)], (s, key) => storeSignature(db, s, key), receiptOf);
  submissions(
    '/api/assessments',
    'assessment',
    Assessment,
    (a) => {
      const referentiel = getDocument<Referentiel>(db, 'referentiel');
      return referentiel ? assessmentIssues(referentiel, a) : [{ path: 'referentielId', message: 'no référentiel on this server' }];
    },
    (a, key) => storeAssessment(db, a, key),
    assessmentReceipt,
  );

  // Administration: a bearer token (PTCE_ADMIN_TOKEN).
  const expected = Buffer.from(adminToken);
  const isAdmin = (request: FastifyRequest) => {
    const given = Buffer.from(String(request.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  app.register(async (admin) => {
    admin.addHook('onRequest', async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      if (!isAdmin(request)) {
        reply.header('WWW-Authenticate', 'Bearer');
        return fail(reply, 401, 'admin token required');
      }
    });
    admin.get('/api/admin/signatures', async (request) => {
      const status = (request.query as { status?: string }).status;
      return { signatures: listSignatures(db, status).map(adminView) };
    });
    admin.get('/api/admin/signatures.csv', async (_request, reply) =>
      reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="signatures-charte-ptce.csv"')
        .send(signaturesCsv(listSignatures(db))),
    );
    for (const [action, status] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
      admin.post(`/api/admin/signatures/:reference/${action}`, async (request, reply) => {
        const row = decideSignature(db, (request.params as { reference: string }).reference, status);
        return row ? adminView(row) : fail(reply, 404, 'no signature with this reference');
      });
    }
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
          res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
        }
      },
    });
  }
  return app;
}

/** The charter's own rules (shared with the form); a day of margin for the signer's time zone. */
function charterIssues(charter: Charter | undefined, signature: Signature): DataIssue[] {
  if (!charter) return [{ path: 'charterId', message: 'no charter on this server' }];
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return signatureIssues(charter, signature, tomorrow);
}
