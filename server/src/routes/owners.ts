// The public and the owners: "Je gère ce pôle" (a claim, with a honeypot, under the public write
// rate limit and the origin policy), the single-use link that opens an owner's session, and what
// an owner does with it: read and edit their pole's card, edit or withdraw its fiches action.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { NonEmptyText } from '../../../src/data/schemas/common.js';
import { Pole } from '../../../src/data/schemas/pole.js';
import { validate } from '../../../src/data/validate.js';
import { editOwnerAction, ownerAction, ownerActions, ownerActionView, withdrawOwnerAction } from '../directory/owner-actions.js';
import {
  createClaim,
  diffFields,
  listEdits,
  openSession,
  ownerActor,
  ownerOfSession,
  OWNER_FIELDS,
  submitEdit,
  type OwnerRow,
} from '../directory/owners.js';
import type { Notifier } from '../accounts/notify.js';
import { getPoleRecord, updatePole } from '../directory/poles.js';
import { fail, refuse } from '../http/errors.js';
import { FailedAttempts } from '../http/rate-limits.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import type { PublicCache } from '../public-documents.js';
import type { Database } from '../store/schema.js';
import { newReference } from '../store/types.js';
import { poleRefusal } from './admin-poles.js';

/** Wrong or spent links allowed per client address in 15 minutes, then 429. */
const LINK_FAILURES = 10;

const Claim = z.object({
  name: NonEmptyText.check(z.maxLength(200)),
  email: z.email(),
  message: z.optional(z.string().check(z.maxLength(2000))),
  /** Hidden from people: a robot fills it in. */
  website: z.optional(z.string().check(z.maxLength(500))),
});
const Changes = z.object({ changes: z.record(z.string(), z.unknown()), version: z.int().check(z.gte(1)) });

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the owners' hook (a valid session token). */
    owner?: OwnerRow;
  }
}

export const ownerRoutes: Area<{ db: Kysely<Database>; cache: PublicCache; notify?: Notifier }> = async (app, { db, cache, notify }) => {
  app.post(
    '/api/poles/:id/claim',
    { schema: { params: z.object({ id: z.string().check(z.maxLength(120)) }), body: Claim } },
    async (request, reply) => {
      const { name, email, message, website } = request.body;
      // A robot is answered as a person would be, and nothing is kept.
      if (website) return reply.code(202).send({ reference: newReference('GERE') });
      const record = await getPoleRecord(db, request.params.id);
      if (!record || record.archivedAt) return fail(reply, 404, `no pole ${request.params.id}`);
      const claim = await createClaim(db, record.id, { name, email, message });
      // The moderators of the pole's départements hear of it; the claimant's name and e-mail stay out of the mail.
      notify?.(request, {
        departements: record.pole.departments ?? [],
        subject: `Demande de gestion d'un pôle : ${record.pole.name}`,
        text: `Quelqu'un demande à gérer la fiche « ${record.pole.name} ».\nRéférence : ${claim.reference}`,
      });
      return reply.code(202).send({ reference: claim.reference });
    },
  );

  const failures = new FailedAttempts(app, LINK_FAILURES);
  app.post('/api/owner/session', { schema: { body: z.object({ link: z.string().check(z.maxLength(200)) }) } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const session = await openSession(db, request.body.link);
    if (!session) {
      const wait = await failures.failed(request, 'owner-link');
      if (wait) return reply.header('Retry-After', String(wait)).code(429).send({ error: 'too many failed attempts' });
      return refuse(reply, 401, 'invalid-link', 'this link is unknown, used already or expired');
    }
    const { token, expiresAt, owner } = session;
    return {
      token,
      expiresAt,
      pole: await getPoleRecord(db, owner.pole_id),
      owner: { name: owner.name, email: owner.email, trusted: owner.trusted === 1 },
    };
  });

  // Everything else here needs an owner's session.
  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      reply.header('Cache-Control', 'no-store');
      const token = /^Bearer (\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
      const owner = token ? await ownerOfSession(db, token) : undefined;
      if (!owner)
        return reply.header('WWW-Authenticate', 'Bearer').code(401).send({ error: 'owner session required', reason: 'no-session' });
      request.owner = owner;
      request.actor = ownerActor(owner);
    });

    scope.get(
      '/api/owner/pole',
      async (request, reply) => (await getPoleRecord(db, request.owner!.pole_id)) ?? fail(reply, 404, 'no pole'),
    );

    scope.patch('/api/owner/pole', { schema: { body: Changes } }, async (request, reply) => {
      const owner = request.owner!;
      const { changes, version } = request.body;
      const record = await getPoleRecord(db, owner.pole_id);
      if (!record) return fail(reply, 404, 'no pole');
      if (record.archivedAt) return fail(reply, 409, 'this pole is archived');
      const forbidden = Object.keys(changes).filter((field) => !OWNER_FIELDS.includes(field));
      if (forbidden.length)
        return fail(
          reply,
          422,
          'invalid pole',
          forbidden.map((field) => ({ path: `changes.${field}`, message: 'not a field the pole edits' })),
        );
      if (record.version !== version)
        return reply.code(409).send({ error: 'the pole changed since this version', reason: 'stale-version', current: record });
      try {
        if (owner.trusted === 1) {
          const updated = await updatePole(db, owner.pole_id, changes, ownerActor(owner), { expectedVersion: version, action: 'owner' });
          await cache.refresh();
          return updated;
        }
        const fields = diffFields(record, changes);
        if (!fields.length) return record;
        // The card as it would be, checked now: the moderator gets only edits the contract accepts.
        const merged: Record<string, unknown> = { ...record.pole };
        for (const { field, after } of fields) {
          if (after === null) delete merged[field];
          else merged[field] = after;
        }
        const checked = validate(Pole, merged, '', 20);
        if (!checked.ok) return fail(reply, 422, 'invalid pole', checked.issues);
        const id = await submitEdit(db, owner, record, fields);
        const [edit] = await listEdits(db, { id });
        notify?.(request, {
          departements: record.pole.departments ?? [],
          subject: `Modification proposée par un pôle : ${record.pole.name}`,
          text: `Le gestionnaire de la fiche « ${record.pole.name} » propose de modifier : ${fields.map((f) => f.field).join(', ')}.`,
        });
        return reply.code(202).send({ edit: publicEdit(edit) });
      } catch (error) {
        return poleRefusal(reply, error);
      }
    });

    scope.get('/api/owner/actions', async (request) => ({ actions: (await ownerActions(db, request.owner!)).map(ownerActionView) }));

    const OneFiche = z.object({ reference: z.string().check(z.maxLength(40)) });
    scope.patch(
      '/api/owner/actions/:reference',
      { schema: { params: OneFiche, body: z.object({ changes: z.record(z.string(), z.unknown()) }) } },
      async (request, reply) => {
        const row = await ownerAction(db, request.owner!, request.params.reference);
        if (!row) return fail(reply, 404, 'no fiche of this pole with this reference');
        if (row.withdrawn_at) return fail(reply, 409, 'this fiche is withdrawn');
        try {
          const updated = await editOwnerAction(db, request.owner!, row, request.body.changes);
          await cache.refresh();
          return ownerActionView(updated);
        } catch (error) {
          return poleRefusal(reply, error);
        }
      },
    );

    scope.post('/api/owner/actions/:reference/withdraw', { schema: { params: OneFiche } }, async (request, reply) => {
      const row = await ownerAction(db, request.owner!, request.params.reference);
      if (!row) return fail(reply, 404, 'no fiche of this pole with this reference');
      if (row.withdrawn_at) return fail(reply, 409, 'this fiche is withdrawn already');
      const updated = await withdrawOwnerAction(db, request.owner!, row);
      await cache.refresh();
      return ownerActionView(updated);
    });
  });
};

/** An edit as its owner and the moderators see it (the territory is the server's business). */
export const publicEdit = ({
  departements: _departements,
  baseVersion: _base,
  ...edit
}: Awaited<ReturnType<typeof listEdits>>[number]) => ({
  ...edit,
  owner: { name: edit.owner.name, email: edit.owner.email },
});
