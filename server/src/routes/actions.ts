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
    const decide = async (reference: string, status: 'approved' | 'rejected', pole?: { id: string; name: string }) => {
      const row = await store.decideAction(reference, status, pole);
      // The pole's card shows the decision from the next request on.
      if (row) await cache.refresh();
      return row;
    };
    // `poleId`: the listed pole the fiche joins, for a fiche whose proposer typed a pole the list lacked.
    scope.post(
      '/api/admin/actions/:reference/approve',
      { schema: { params: OneFiche, body: z.nullish(z.object({ poleId: z.optional(z.string()) })) } },
      async (request, reply) => {
        const poleId = request.body?.poleId;
        const pole = poleId === undefined ? undefined : listed().find((listedPole) => listedPole.id === poleId);
        if (poleId !== undefined && !pole)
          return fail(reply, 400, 'no listed pole with this id', [{ path: 'poleId', message: 'unknown pole' }]);
        const row = await decide(request.params.reference, 'approved', pole && { id: pole.id, name: pole.name });
        return row ? actionAdminView(row, listed()) : fail(reply, 404, 'no fiche with this reference');
      },
    );
    scope.post('/api/admin/actions/:reference/reject', { schema: { params: OneFiche } }, async (request, reply) => {
      const row = await decide(request.params.reference, 'rejected');
      return row ? actionAdminView(row, listed()) : fail(reply, 404, 'no fiche with this reference');
    });
  });
};
