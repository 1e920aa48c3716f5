// The directory's poles for admins and moderators: list, create, edit (optimistic concurrency),
// archive, restore, revisions and revert (directory/poles.ts). A moderator sees and changes only
// the poles of their territory (a pole's départements): elsewhere 403, and lists are filtered.
import type { FastifyReply, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { DepartmentCode } from '../../../src/data/schemas/pole.js';
import {
  archivePole,
  createPole,
  getPoleRecord,
  InvalidPole,
  listPoleRecords,
  listRevisions,
  NoSuchPole,
  PoleStateConflict,
  restorePole,
  restoreRevision,
  StaleVersion,
  updatePole,
  type PoleRecord,
} from '../directory/poles.js';
import { inTerritory, type Actor } from '../http/actor.js';
import { fail } from '../http/errors.js';
import type { Area } from '../http/schemas.js';
import type { PublicCache } from '../public-documents.js';
import type { Database } from '../store/schema.js';

const OnePole = z.object({ id: z.string().check(z.maxLength(120)) });
/** Any JSON object: the pole it makes is checked against the contract's schema (422 otherwise). */
const Fields = z.record(z.string(), z.unknown());
const Version = z.nullish(z.object({ version: z.optional(z.int().check(z.gte(1))) }));

/** The answer to what the pole module refused; anything else is a bug (500). */
export function poleRefusal(reply: FastifyReply, error: unknown) {
  if (error instanceof StaleVersion)
    return reply.code(409).send({ error: 'the pole changed since this version', reason: 'stale-version', current: error.current });
  if (error instanceof InvalidPole) return fail(reply, 422, 'invalid pole', error.issues);
  if (error instanceof NoSuchPole) return fail(reply, 404, error.message);
  if (error instanceof PoleStateConflict) return fail(reply, 409, error.message);
  throw error;
}

const placeOf = (pole: { departments?: unknown }) => (Array.isArray(pole.departments) ? (pole.departments as string[]) : []);

export const adminPoleRoutes: Area<{ db: Kysely<Database>; cache: PublicCache; admin: onRequestAsyncHookHandler }> = async (
  app,
  { db, cache, admin },
) => {
  app.addHook('onRequest', admin);

  /** The record if it exists and the actor may see it; otherwise the 404 or 403 is sent. */
  async function visible(actor: Actor, id: string, reply: FastifyReply): Promise<PoleRecord | undefined> {
    const record = await getPoleRecord(db, id);
    if (!record) fail(reply, 404, `no pole ${id}`);
    else if (!inTerritory(actor, placeOf(record.pole))) fail(reply, 403, 'this pole is outside your territory');
    else return record;
  }

  /** Runs a change, refreshes the public documents, answers the record (or the refusal). */
  async function change(reply: FastifyReply, work: () => Promise<PoleRecord>, status = 200) {
    try {
      const record = await work();
      await cache.refresh();
      return reply.code(status).send(record);
    } catch (error) {
      return poleRefusal(reply, error);
    }
  }

  app.get(
    '/api/admin/poles',
    {
      schema: {
        querystring: z.object({
          q: z.optional(z.string().check(z.maxLength(200))),
          archived: z.optional(z.enum(['true', 'false'])),
          region: z.optional(z.string().check(z.regex(/^\d{2}$/, 'expected an INSEE region code'))),
          departement: z.optional(DepartmentCode),
        }),
      },
    },
    async (request) => {
      const { q, archived, region, departement } = request.query;
      const records = await listPoleRecords(db, {
        q,
        region,
        departement,
        archived: archived === undefined ? undefined : archived === 'true',
      });
      return { poles: records.filter((record) => inTerritory(request.actor!, placeOf(record.pole))) };
    },
  );

  app.post('/api/admin/poles', { schema: { body: Fields } }, async (request, reply) => {
    // A moderator adds poles to their own territory only.
    if (!inTerritory(request.actor!, placeOf(request.body))) return fail(reply, 403, 'this pole is outside your territory');
    return change(reply, () => createPole(db, request.body as Parameters<typeof createPole>[1], request.actor!), 201);
  });

  app.get('/api/admin/poles/:id', { schema: { params: OnePole } }, async (request, reply) => {
    return (await visible(request.actor!, request.params.id, reply)) ?? reply;
  });

  app.patch(
    '/api/admin/poles/:id',
    { schema: { params: OnePole, body: z.object({ changes: Fields, version: z.int().check(z.gte(1)) }) } },
    async (request, reply) => {
      const actor = request.actor!;
      if (!(await visible(actor, request.params.id, reply))) return reply;
      const { changes, version } = request.body;
      // Nor out of it: the new départements must be the moderator's too.
      if ('departments' in changes && !inTerritory(actor, placeOf(changes)))
        return fail(reply, 403, 'these départements are outside your territory');
      return change(reply, () => updatePole(db, request.params.id, changes, actor, { expectedVersion: version }));
    },
  );

  for (const [verb, run] of [
    ['archive', archivePole],
    ['restore', restorePole],
  ] as const) {
    app.post(`/api/admin/poles/:id/${verb}`, { schema: { params: OnePole, body: Version } }, async (request, reply) => {
      if (!(await visible(request.actor!, request.params.id, reply))) return reply;
      return change(reply, () => run(db, request.params.id, request.actor!, request.body?.version));
    });
  }

  app.get('/api/admin/poles/:id/revisions', { schema: { params: OnePole } }, async (request, reply) => {
    if (!(await visible(request.actor!, request.params.id, reply))) return reply;
    const revisions = await listRevisions(db, request.params.id);
    return { revisions: revisions.map(({ author, ...revision }) => ({ ...revision, author: { kind: author.kind, label: author.label } })) };
  });

  app.post(
    '/api/admin/poles/:id/revisions/:n/restore',
    { schema: { params: z.object({ id: OnePole.shape.id, n: z.coerce.number().check(z.int(), z.gte(1)) }), body: Version } },
    async (request, reply) => {
      if (!(await visible(request.actor!, request.params.id, reply))) return reply;
      return change(reply, () => restoreRevision(db, request.params.id, request.params.n, request.actor!, request.body?.version));
    },
  );
};
