// Submissions are stored once per `Idempotency-Key`: the same key and body again gets the first
// receipt (200), the same key with another body is refused (422).
import type { FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify';
import type { Store, Submission } from '../store/types.js';
import { fail } from './errors.js';

const KEY = /^[\w.:-]{8,200}$/;

/**
 * Before the body is validated: a request without a usable key is refused whatever its body.
 * (With a callback: an async hook's promise is measurable on every submission.)
 */
export const requireIdempotencyKey: preValidationHookHandler = (request, reply, done) => {
  const key = request.headers['idempotency-key'];
  if (typeof key === 'string' && KEY.test(key)) return done();
  fail(reply, 400, 'invalid request', [{ path: 'Idempotency-Key', message: 'header required: 8 to 200 letters, digits or . _ : -' }]);
};

/**
 * Stores the submission unless its key was seen: the stored row and the status to answer with
 * (201 created, 200 replayed), or undefined when refused (the answer is sent).
 */
export async function storeOnce<Row extends { request_hash: string }>(
  store: Store,
  reply: FastifyReply,
  what: string,
  submission: Submission,
) {
  const stored = await store.storeOnce<Row>(submission);
  if (stored.kind === 'key-reused') {
    fail(reply, 422, `Idempotency-Key already used for another ${what}`);
    return undefined;
  }
  return { status: stored.kind === 'created' ? (201 as const) : (200 as const), row: stored.row };
}

/** The options of a route taking a submission: its zod schema, how a refused one is named, its key first. */
export const submission = <Body, Receipt>(body: Body, what: string, receipt: Receipt) => ({
  schema: { body, response: { 200: receipt, 201: receipt } },
  config: { invalid: { error: `invalid ${what}` } },
  preValidation: requireIdempotencyKey,
});

/** The key `requireIdempotencyKey` accepted. */
export const idempotencyKey = (request: FastifyRequest) => request.headers['idempotency-key'] as string;
