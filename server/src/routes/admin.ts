// Administration of the charter's signatures: list, CSV export, approval (which publishes the
// pole, see withSignatories) or rejection, erasure; and the outbox. The shared admin hook lets in
// the admin token or a session; a moderator sees and decides only inside their territory.
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import * as z from 'zod/mini';
import type { PolesDocument } from '../../../src/data/schemas/pole.js';
import { eraseSubmission } from '../accounts/erasure.js';
import { mayModerate, signatureDepartements, withinTerritory } from '../accounts/territory.js';
import { signaturesCsv } from '../csv.js';
import { decideSignature } from '../directory/signature-poles.js';
import { fail } from '../http/errors.js';
import type { Area } from '../http/schemas.js';
import { listOutbox, type Mailer } from '../mail/mailer.js';
import type { PublicCache } from '../public-documents.js';
import { adminView } from '../signatures.js';
import type { Store } from '../store/types.js';

const OneSignature = z.object({ reference: z.string() });

export const adminRoutes: Area<{ store: Store; cache: PublicCache; admin: onRequestAsyncHookHandler; mailer: Mailer }> = async (
  app,
  { store, cache, admin, mailer },
) => {
  app.addHook('onRequest', admin);
  const poles = () => cache.document<PolesDocument>('poles.json')?.poles ?? [];
  /** The signatures this actor may see. */
  const visible = async (request: FastifyRequest, status?: string) => {
    const listed = poles();
    return (await store.listSignatures(status)).filter((row) => mayModerate(request, signatureDepartements(row, listed)));
  };
  const one = (reference: string) => store.db.selectFrom('signatures').selectAll().where('reference', '=', reference).executeTakeFirst();

  app.get('/api/admin/signatures', { schema: { querystring: z.object({ status: z.optional(z.string()) }) } }, async (request) => ({
    signatures: (await visible(request, request.query.status)).map(adminView),
  }));

  app.get('/api/admin/signatures.csv', async (request, reply) =>
    reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="signatures-charte-ptce.csv"')
      .send(signaturesCsv(await visible(request))),
  );

  // What waits in the outbox when no SMTP server is set (sends: false); a moderator sees their own messages.
  app.get('/api/admin/outbox', async (request) => ({
    sends: mailer.sends,
    messages: (await listOutbox(store.db))
      .filter((row) => request.actor?.role === 'admin' || row.recipient === request.actor?.label)
      .map((row) => ({
        id: row.id,
        createdAt: row.created_at,
        to: row.recipient,
        subject: row.subject,
        text: row.body,
        kind: row.kind,
      })),
  }));

  for (const [verb, status] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(`/api/admin/signatures/:reference/${verb}`, { schema: { params: OneSignature } }, async (request, reply) => {
      const before = await one(request.params.reference);
      if (!before) return fail(reply, 404, 'no signature with this reference');
      if (!withinTerritory(request, reply, signatureDepartements(before, poles()))) return reply;
      // One transaction: the decision, the pole's record it creates, archives or restores, its audit entry.
      const row = await decideSignature(store.db, request.params.reference, status, request.actor!);
      if (!row) return fail(reply, 404, 'no signature with this reference');
      // The public list shows the decision from the next request on.
      await cache.refresh();
      return adminView(row);
    });
  }

  // The representative's and signatories' names, e-mail and phone go; the pole's facts stay.
  app.post('/api/admin/signatures/:reference/erase', { schema: { params: OneSignature } }, async (request, reply) => {
    const before = await one(request.params.reference);
    if (!before) return fail(reply, 404, 'no signature with this reference');
    if (!withinTerritory(request, reply, signatureDepartements(before, poles()))) return reply;
    await eraseSubmission(store.db, request.actor!, 'signatures', before.reference);
    return adminView((await one(before.reference))!);
  });
};
