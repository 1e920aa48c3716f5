// Every error answer of the server, in one place: `{ error, errors? }` (plus a `reason` on the
// campaign routes), the same whether a route, a hook, a plugin or Fastify itself refuses.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DataIssue } from '../../../src/data/failure.js';
import { isRetryable } from '../store/types.js';

export const BODY_LIMIT = 64 * 1024;

export const fail = (reply: FastifyReply, status: number, error: string, errors?: DataIssue[]) =>
  reply.code(status).send(errors ? { error, errors } : { error });

/** A refusal with a short `reason` the widgets turn into a localized message. */
export const refuse = (reply: FastifyReply, status: number, reason: string, error: string, errors?: DataIssue[]) =>
  reply.code(status).send({ error, reason, ...(errors ? { errors } : {}) });

/** An answer decided where only throwing is possible (a plugin's hook): sent as it is. */
export class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error));
  }
}

/** A request part that failed its zod schema, its issues worded by src/data/validate.ts. */
export class InvalidInput extends Error {
  constructor(readonly issues: DataIssue[]) {
    super('invalid input');
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How this route names a body that fails its schema (default: "invalid request"). */
    invalid?: { error: string; reason?: string };
  }
}

/** A URL the router cannot even decode (`/%`): the client's fault, answered like any other. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.log.warn({ code: error.code }, 'refused');
  return fail(reply, 400, 'invalid request');
}

export function errorReplies(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof Refusal) return reply.code(error.statusCode).send(error.body);
    if (error instanceof InvalidInput) {
      return reply.code(400).send({ ...(request.routeOptions.config.invalid ?? { error: 'invalid request' }), errors: error.issues });
    }
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
    // The database cannot take it now (SQLite file busy, a timeout, the writer thread
    // restarting, PostgreSQL unreachable), and nothing was acknowledged: try again shortly.
    if (isRetryable(error)) {
      request.log.warn({ code: error.code, message: error.message }, 'database busy');
      reply.header('Retry-After', '1');
      return fail(reply, 503, 'busy, try again');
    }
    request.log.error({ code: error.code, message: error.message }, 'request failed');
    return fail(reply, 500, 'internal error');
  });
  app.setNotFoundHandler((_request, reply) => fail(reply, 404, 'not found'));
}
