// Administration of the charter's signatures: list, CSV export, approval (which publishes the
// pole, see withSignatories) or rejection. The admin token is checked by the shared admin hook.
import type { onRequestAsyncHookHandler } from 'fastify';
import * as z from 'zod/mini';
import { signaturesCsv } from '../csv.js';
import { decideSignature } from '../directory/signature-poles.js';
import { fail } from '../http/errors.js';
import type { Area } from '../http/schemas.js';
import { listOutbox, type Mailer } from '../mail/mailer.js';
import type { PublicCache } from '../public-documents.js';
import { adminView } from '../signatures.js';
import type { Store } from '../store/types.js';

export const adminRoutes: Area<{ store: Store; cache: PublicCache; admin: onRequestAsyncHookHandler; mailer: Mailer }> = async (
  app,
  { store, cache, admin, mailer },
) => {
  app.addHook('onRequest', admin);

  app.get('/api/admin/signatures', { schema: { querystring: z.object({ status: z.optional(z.string()) }) } }, async (request) => ({
    signatures: (await store.listSignatures(request.query.status)).map(adminView),
  }));

  app.get('/api/admin/signatures.csv', async (_request, reply) =>
    reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="signatures-charte-ptce.csv"')
      .send(signaturesCsv(await store.listSignatures())),
  );

  // What waits in the outbox when no SMTP server is set (sends: false).
  app.get('/api/admin/outbox', async () => ({
    sends: mailer.sends,
    messages: (await listOutbox(store.db)).map((row) => ({
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
    app.post(
      `/api/admin/signatures/:reference/${verb}`,
      { schema: { params: z.object({ reference: z.string() }) } },
      async (request, reply) => {
        const row = await decideSignature(store.db, request.params.reference, status, request.actor!);
        if (!row) return fail(reply, 404, 'no signature with this reference');
        // The public list shows the decision from the next request on.
        await cache.refresh();
        return adminView(row);
      },
    );
  }
};
