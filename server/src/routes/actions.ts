// Fiches action: a pole's proposal (stored pending, its contact never public) and its moderation.
import type { onRequestAsyncHookHandler } from 'fastify';
import * as z from 'zod/mini';
import { actionProposalIssues } from '../../../src/data/actions.js';
import { ActionProposal, ActionReceipt } from '../../../src/data/schemas/action.js';
import type { PolesDocument } from '../../../src/data/schemas/pole.js';
import { actionAdminView, actionReceipt, actionSubmission } from '../actions.js';
import { fail } from '../http/errors.js';
import { idempotencyKey, storeOnce, submission } from '../http/idempotency.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import type { PublicCache } from '../public-documents.js';
import type { ActionRow, Store } from '../store/types.js';

const OneFiche = z.object({ reference: z.string() });

export const actionRoutes: Area<{ store: Store; cache: PublicCache; admin: onRequestAsyncHookHandler }> = async (
  app,
  { store, cache, admin },
) => {
  const poles = () => cache.document<PolesDocument>('poles.json');
  const listed = () => poles()?.poles ?? [];

  app.post('/api/actions', submission(ActionProposal, 'fiche action', ActionReceipt), async (request, reply) => {
    const issues = actionProposalIssues(request.body, listed(), poles()?.themes ?? []);
    if (issues.length) return fail(reply, 400, 'invalid fiche action', issues);
    const stored = await storeOnce<ActionRow>(store, reply, 'fiche action', actionSubmission(request.body, idempotencyKey(request)));
    return stored ? reply.code(stored.status).send(actionReceipt(stored.row)) : reply;
  });

  // Moderation: the admin token (checked by the shared admin hook).
  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', admin);
    scope.get('/api/admin/actions', { schema: { querystring: z.object({ status: z.optional(z.string()) }) } }, async (request) => {
      const current = listed();
      return { actions: (await store.listActions(request.query.status)).map((row) => actionAdminView(row, current)) };
    });
    for (const [verb, status] of [
      ['approve', 'approved'],
      ['reject', 'rejected'],
    ] as const) {
      scope.post(`/api/admin/actions/:reference/${verb}`, { schema: { params: OneFiche } }, async (request, reply) => {
        const row = await store.decideAction(request.params.reference, status);
        if (!row) return fail(reply, 404, 'no fiche with this reference');
        // The pole's card shows the decision from the next request on.
        await cache.refresh();
        return actionAdminView(row, listed());
      });
    }
  });
};
