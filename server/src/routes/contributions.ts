// Contributions from the public ("Proposer un pôle", "Signaler une erreur"), the possible
// duplicates shown before one is sent, and their moderation (a moderator's territory only).
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { Contribution, ContributionReceipt, Duplicates } from '../../../src/data/schemas/contribution.js';
import type { Pole, PolesDocument } from '../../../src/data/schemas/pole.js';
import { TOKEN_ADMIN, inTerritory } from '../http/actor.js';
import { audit } from '../http/audit.js';
import { fail } from '../http/errors.js';
import { idempotencyKey, requireIdempotencyKey } from '../http/idempotency.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import type { PublicCache } from '../public-documents.js';
import {
  adminView,
  auditView,
  departementsOf,
  duplicatesOf,
  erasedBody,
  findDuplicates,
  getContribution,
  listContributions,
  proposalOf,
  storeContribution,
  type ContributionRow,
} from '../directory/contributions.js';
import { createPole, InvalidPole, NoSuchPole, StaleVersion, updatePole } from '../directory/poles.js';
import type { Database } from '../store/schema.js';
import { newReference } from '../store/types.js';

/** Told of a new contribution: the moderators of its départements (accounts/notify.ts once there). */
export type NotifyModerators = (departements: string[], subject: string, text: string) => Promise<void>;

const Query = z.object({
  name: z.optional(z.string().check(z.maxLength(300))),
  departement: z.optional(z.string().check(z.maxLength(3))),
  commune: z.optional(z.string().check(z.maxLength(200))),
  website: z.optional(z.string().check(z.maxLength(2000))),
});
const OneContribution = z.object({ id: z.string().check(z.regex(/^\d{1,12}$/, 'expected a number')) });
const Merge = z.object({
  into: z.string().check(z.minLength(1), z.maxLength(120)),
  fields: z.array(z.string()).check(z.minLength(1), z.maxLength(30)),
});

/** The fields of a proposal a merge may copy onto the listed pole. */
const MERGEABLE = [
  'name',
  'carrier',
  'status',
  'origin',
  'departments',
  'commune',
  'postcode',
  'address',
  'description',
  'website',
  'email',
  'phone',
  'foundedYear',
];

export const contributionRoutes: Area<{
  store: { db: Kysely<Database> };
  cache: PublicCache;
  admin: onRequestAsyncHookHandler;
  notify?: NotifyModerators;
}> = async (app, { store, cache, admin, notify }) => {
  const db = store.db;
  const listed = () => cache.document<PolesDocument>('poles.json')?.poles ?? [];

  app.get('/api/duplicates', { schema: { querystring: Query, response: { 200: Duplicates } } }, async (request, reply) => {
    const { name, departement, commune, website } = request.query;
    reply.header('Cache-Control', 'no-store');
    if (!name?.trim() && !website?.trim()) return { poles: [] };
    return { poles: findDuplicates(listed(), { name, departements: departement ? [departement] : [], commune, website }) };
  });

  app.post(
    '/api/contributions',
    {
      schema: { body: Contribution, response: { 200: ContributionReceipt, 202: ContributionReceipt } },
      config: { invalid: { error: 'invalid contribution' } },
      preValidation: requireIdempotencyKey,
    },
    async (request, reply) => {
      const contribution = request.body;
      // A bot filled the hidden field: it gets a receipt like anyone, and nothing is stored.
      if (contribution.website) return reply.code(202).send(fakeReceipt());
      let departements: string[];
      if (contribution.kind === 'correction') {
        const pole = listed().find((listedPole) => listedPole.id === contribution.poleId);
        if (!pole) return fail(reply, 404, 'no listed pole with this id', [{ path: 'poleId', message: 'unknown pole' }]);
        departements = pole.departments ?? [];
      } else departements = contribution.pole.departments;
      const stored = await storeContribution(db, contribution, idempotencyKey(request), departements);
      if (stored.kind === 'key-reused') return fail(reply, 422, 'Idempotency-Key already used for another contribution');
      if (stored.kind === 'created' && notify) {
        const what =
          contribution.kind === 'new-pole'
            ? `Nouveau pôle proposé : ${contribution.pole.name}`
            : `Erreur signalée sur un pôle (${contribution.poleId})`;
        // A notification that fails does not lose the contribution: it waits in the queue.
        await notify(departements, what, `${what}\nRéférence : ${stored.row.reference}\nÀ modérer dans la page d'administration.`).catch(
          (error) => request.log.error({ message: String(error) }, 'notification failed'),
        );
      }
      return reply.code(stored.kind === 'created' ? 202 : 200).send(receiptOf(stored.row, listed()));
    },
  );

  // Moderation: the admin hook sets `request.actor` (the token, or an account).
  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', admin);
    const actorOf = (request: FastifyRequest) => request.actor ?? TOKEN_ADMIN;

    scope.get('/api/admin/contributions', { schema: { querystring: z.object({ status: z.optional(z.string()) }) } }, async (request) => {
      const actor = actorOf(request);
      const current = listed();
      const rows = (await listContributions(db, request.query.status)).filter((row) => inTerritory(actor, departementsOf(row)));
      return { contributions: rows.map((row) => adminView(row, current)) };
    });

    /** The contribution the route names, if the actor may decide it (else the answer is sent). */
    const find = async (request: FastifyRequest, reply: FastifyReply): Promise<ContributionRow | undefined> => {
      const row = await getContribution(db, Number((request.params as { id: string }).id));
      if (!row) return void fail(reply, 404, 'no contribution with this id');
      if (!inTerritory(actorOf(request), departementsOf(row))) return void fail(reply, 403, 'outside your territory');
      return row;
    };
    const pending = (row: ContributionRow, reply: FastifyReply) =>
      row.status === 'pending' ? true : void fail(reply, 409, `contribution already ${row.status}`);

    /** Sets the decision and its audit entry in one transaction, after `apply` (a pole's creation or update) in it too. */
    const decide = async (
      request: FastifyRequest,
      row: ContributionRow,
      status: 'approved' | 'rejected' | 'merged',
      apply?: (trx: Kysely<Database>) => Promise<string | null>,
    ) => {
      const decided = await db.transaction().execute(async (trx) => {
        const poleId = apply ? await apply(trx) : row.pole_id;
        const updated = await trx
          .updateTable('contributions')
          .set({ status, decided_at: new Date().toISOString(), pole_id: poleId })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .returningAll()
          .executeTakeFirst();
        if (!updated) throw new AlreadyDecided();
        await audit(trx, actorOf(request), {
          action: `contribution.${status === 'approved' ? 'approve' : status === 'rejected' ? 'reject' : 'merge'}`,
          subject: { type: 'contribution', id: String(row.id) },
          before: auditView(row),
          after: auditView(updated),
        });
        return updated;
      });
      if (apply) await cache.refresh();
      return adminView(decided, listed());
    };
    /** A refusal met while deciding: nothing of the decision was written (one transaction). */
    const concurrently = (reply: FastifyReply) => (error: unknown) => {
      if (error instanceof AlreadyDecided) return fail(reply, 409, 'contribution already decided');
      if (error instanceof StaleVersion) return fail(reply, 409, 'the pole changed meanwhile, try again');
      if (error instanceof NoSuchPole) return fail(reply, 404, 'no pole with this id');
      if (error instanceof InvalidPole) return fail(reply, 422, 'the pole would not be valid', error.issues);
      throw error;
    };

    scope.post('/api/admin/contributions/:id/reject', { schema: { params: OneContribution } }, async (request, reply) => {
      const row = await find(request, reply);
      if (!row || !pending(row, reply)) return reply;
      return decide(request, row, 'rejected').catch(concurrently(reply));
    });

    // A new pole becomes a pole record; a correction is marked done (the moderator edits the pole).
    scope.post('/api/admin/contributions/:id/approve', { schema: { params: OneContribution } }, async (request, reply) => {
      const row = await find(request, reply);
      if (!row || !pending(row, reply)) return reply;
      const proposed = proposalOf(row);
      if (!proposed) return decide(request, row, 'approved').catch(concurrently(reply));
      const actor = actorOf(request);
      return decide(request, row, 'approved', async (trx) => (await createPole(trx, proposed, actor)).id).catch(concurrently(reply));
    });

    // A new pole that was listed already: the chosen fields go onto the listed pole (one revision).
    scope.post('/api/admin/contributions/:id/merge', { schema: { params: OneContribution, body: Merge } }, async (request, reply) => {
      const row = await find(request, reply);
      if (!row || !pending(row, reply)) return reply;
      const proposed = proposalOf(row);
      if (!proposed) return fail(reply, 409, 'only a new pole can be merged');
      const { into, fields } = request.body;
      const unknown = fields.filter((field) => !MERGEABLE.includes(field) || !(field in proposed));
      if (unknown.length)
        return fail(
          reply,
          400,
          'invalid merge',
          unknown.map((field) => ({ path: 'fields', message: `not a field of the proposal: ${field}` })),
        );
      const target = listed().find((pole) => pole.id === into);
      if (!target) return fail(reply, 404, 'no listed pole with this id', [{ path: 'into', message: 'unknown pole' }]);
      const actor = actorOf(request);
      if (!inTerritory(actor, target.departments ?? [])) return fail(reply, 403, 'outside your territory');
      const changes = Object.fromEntries(fields.map((field) => [field, proposed[field as keyof typeof proposed]])) as Partial<Pole>;
      return decide(request, row, 'merged', async (trx) => (await updatePole(trx, into, changes, actor)).id).catch(concurrently(reply));
    });

    // Erasure of the contributor's personal fields (and a correction's message), whatever the status.
    scope.post('/api/admin/contributions/:id/erase', { schema: { params: OneContribution } }, async (request, reply) => {
      const row = await find(request, reply);
      if (!row) return reply;
      const erased = await db.transaction().execute(async (trx) => {
        const body = erasedBody(row);
        const updated = await trx
          .updateTable('contributions')
          .set({ contributor_name: null, contributor_email: null, body, erased_at: new Date().toISOString() })
          .where('id', '=', row.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, actorOf(request), {
          action: 'erasure',
          subject: { type: 'contribution', id: String(row.id) },
          before: auditView(row),
        });
        return updated;
      });
      return adminView(erased, listed());
    });
  });
};

class AlreadyDecided extends Error {}

function receiptOf(row: ContributionRow, poles: readonly Pole[]) {
  return { reference: row.reference, status: row.status, receivedAt: row.received_at, duplicates: duplicatesOf(row, poles) };
}

/** What a bot that filled the honeypot gets: a receipt that looks like another. */
function fakeReceipt() {
  return { reference: newReference('CON'), status: 'pending' as const, receivedAt: new Date().toISOString(), duplicates: [] };
}
