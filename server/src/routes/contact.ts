// "Contacter ce pôle" / "Répondre à cette offre": a message relayed to the pole by e-mail, rate
// limited per address, its honeypot answered like a real send; and, for the moderators, the pole's
// private contact the messages go to.
import type { onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { ContactMessage, ContactReceipt } from '../../../src/data/schemas/contribution.js';
import type { PolesDocument } from '../../../src/data/schemas/pole.js';
import { privateContact, recipientOf, relayMessage, setPrivateContact } from '../directory/contact.js';
import { TOKEN_ADMIN, inTerritory } from '../http/actor.js';
import { audit } from '../http/audit.js';
import { fail, refuse } from '../http/errors.js';
import { addressKey } from '../http/rate-limits.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import type { Mailer } from '../mail/mailer.js';
import type { PublicCache } from '../public-documents.js';
import type { Database } from '../store/schema.js';
import { newReference } from '../store/types.js';

const OnePole = z.object({ id: z.string().check(z.minLength(1), z.maxLength(120)) });
const PrivateContact = z.object({ email: z.email(), name: z.optional(z.string().check(z.maxLength(200))) });

export const contactRoutes: Area<{
  store: { db: Kysely<Database> };
  cache: PublicCache;
  admin: onRequestAsyncHookHandler;
  mailer: Mailer;
  /** Messages one client address may send in an hour (besides the limit on every public write). */
  contactsPerHour?: number;
}> = async (app, { store, cache, admin, mailer, contactsPerHour = 10 }) => {
  const db = store.db;
  const listed = (id: string) => cache.document<PolesDocument>('poles.json')?.poles.find((pole) => pole.id === id);
  const hourly = app.rateLimit({
    max: contactsPerHour,
    timeWindow: 3_600_000,
    keyGenerator: (request) => `contact|${addressKey(request.ip)}`,
  });

  app.post(
    '/api/poles/:id/contact',
    {
      onRequest: hourly,
      schema: { params: OnePole, body: ContactMessage, response: { 202: ContactReceipt } },
      config: { invalid: { error: 'invalid message' } },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const pole = listed(request.params.id);
      if (!pole) return fail(reply, 404, 'no listed pole with this id');
      // A bot filled the hidden field: the same answer as a message sent, and nothing sent.
      if (request.body.website) return reply.code(202).send({ reference: newReference('MSG') });
      const to = await recipientOf(db, pole);
      if (!to) return refuse(reply, 409, 'no-contact', 'this pole has no contact address');
      try {
        return reply.code(202).send({ reference: await relayMessage(db, mailer, pole, to, request.body) });
      } catch (error) {
        // The SMTP server refused or is unreachable: nothing was logged, the sender may try again.
        request.log.error({ message: String(error) }, 'contact message not relayed');
        reply.header('Retry-After', '60');
        return fail(reply, 503, 'the message could not be relayed, try again later');
      }
    },
  );

  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', admin);
    const allowed = (poleId: string, actor = TOKEN_ADMIN) => {
      const pole = listed(poleId);
      return !pole ? 404 : inTerritory(actor, pole.departments ?? []) ? 200 : 403;
    };

    scope.get('/api/admin/poles/:id/contact', { schema: { params: OnePole } }, async (request, reply) => {
      const status = allowed(request.params.id, request.actor);
      if (status !== 200) return fail(reply, status, status === 404 ? 'no listed pole with this id' : 'outside your territory');
      const contact = await privateContact(db, request.params.id);
      return { contact: contact ? { email: contact.email, name: contact.name, updatedAt: contact.updated_at } : null };
    });

    // PUT sets the private contact, DELETE removes it (messages then go to the public e-mail, if any).
    for (const method of ['PUT', 'DELETE'] as const) {
      scope.route({
        method,
        url: '/api/admin/poles/:id/contact',
        schema: { params: OnePole, ...(method === 'PUT' ? { body: PrivateContact } : {}) },
        handler: async (request, reply) => {
          const id = (request.params as { id: string }).id;
          const actor = request.actor ?? TOKEN_ADMIN;
          const status = allowed(id, actor);
          if (status !== 200) return fail(reply, status, status === 404 ? 'no listed pole with this id' : 'outside your territory');
          const contact = method === 'PUT' ? (request.body as z.infer<typeof PrivateContact>) : null;
          await db.transaction().execute(async (trx) => {
            await setPrivateContact(trx, id, contact);
            // The address itself stays out of the log.
            await audit(trx, actor, { action: contact ? 'pole.contact.set' : 'pole.contact.remove', subject: { type: 'pole', id } });
          });
          return reply.code(204).send();
        },
      });
    }
  });
};
