// Fiches action: a pole's proposal (stored pending, its contact never public) and its moderation.
import type { onRequestAsyncHookHandler } from 'fastify';
import * as z from 'zod/mini';
import { actionProposalIssues } from '../../../src/data/actions.js';
import { ActionProposal, ActionReceipt } from '../../../src/data/schemas/action.js';
import type { PolesDocument } from '../../../src/data/schemas/pole.js';
import { eraseSubmission } from '../accounts/erasure.js';
import type { Notifier } from '../accounts/notify.js';
import { mayModerate, poleDepartements, withinTerritory } from '../accounts/territory.js';
import { actionAdminView, actionReceipt, actionSubmission } from '../actions.js';
import type { Actor } from '../http/actor.js';
import { audit } from '../http/audit.js';
import { fail } from '../http/errors.js';
import { idempotencyKey, storeOnce, submission } from '../http/idempotency.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import type { PublicCache } from '../public-documents.js';
import type { ActionRow, Store } from '../store/types.js';

const OneFiche = z.object({ reference: z.string() });

export const actionRoutes: Area<{ store: Store; cache: PublicCache; admin: onRequestAsyncHookHandler; notify?: Notifier }> = async (
  app,
  { store, cache, admin, notify },
) => {
  const poles = () => cache.document<PolesDocument>('poles.json');
  const listed = () => poles()?.poles ?? [];

  app.post('/api/actions', submission(ActionProposal, 'fiche action', ActionReceipt), async (request, reply) => {
    const issues = actionProposalIssues(request.body, listed(), poles()?.themes ?? []);
    if (issues.length) return fail(reply, 400, 'invalid fiche action', issues);
    const stored = await storeOnce<ActionRow>(store, reply, 'fiche action', actionSubmission(request.body, idempotencyKey(request)));
    if (stored?.status === 201) {
      notify?.(request, {
        departements: poleDepartements(listed(), stored.row.pole_id),
        subject: `Fiche action proposée par ${stored.row.pole_name}`,
        text: `${stored.row.pole_name} propose la fiche « ${request.body.action.title} » : référence ${stored.row.reference}.`,
      });
    }
    return stored ? reply.code(stored.status).send(actionReceipt(stored.row)) : reply;
  });

  // Moderation: the admin token or a session (the shared admin hook); a moderator, inside their territory only.
  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', admin);
    const one = (reference: string) => store.db.selectFrom('actions').selectAll().where('reference', '=', reference).executeTakeFirst();
    scope.get('/api/admin/actions', { schema: { querystring: z.object({ status: z.optional(z.string()) }) } }, async (request) => {
      const current = listed();
      return {
        actions: (await store.listActions(request.query.status))
          .filter((row) => mayModerate(request, poleDepartements(current, row.pole_id)))
          .map((row) => actionAdminView(row, current)),
      };
    });
    const decide = async (actor: Actor, before: ActionRow, verb: 'approve' | 'reject', pole?: { id: string; name: string }) => {
      const status = verb === 'approve' ? 'approved' : 'rejected';
      const row = await store.decideAction(before.reference, status, pole, (trx, after) =>
        audit(trx, actor, {
          action: `action.${verb}`,
          subject: { type: 'action', id: after.reference },
          before: { status: before.status, poleId: before.pole_id },
          after: { status: after.status, poleId: after.pole_id },
        }),
      );
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
        const before = await one(request.params.reference);
        if (!before) return fail(reply, 404, 'no fiche with this reference');
        // The fiche's pole, and the one it joins, both in the moderator's territory.
        if (!withinTerritory(request, reply, poleDepartements(listed(), before.pole_id))) return reply;
        if (pole && !withinTerritory(request, reply, pole.departments ?? [])) return reply;
        const row = await decide(request.actor!, before, 'approve', pole && { id: pole.id, name: pole.name });
        return row ? actionAdminView(row, listed()) : fail(reply, 404, 'no fiche with this reference');
      },
    );
    scope.post('/api/admin/actions/:reference/reject', { schema: { params: OneFiche } }, async (request, reply) => {
      const before = await one(request.params.reference);
      if (!before) return fail(reply, 404, 'no fiche with this reference');
      if (!withinTerritory(request, reply, poleDepartements(listed(), before.pole_id))) return reply;
      const row = await decide(request.actor!, before, 'reject');
      return row ? actionAdminView(row, listed()) : fail(reply, 404, 'no fiche with this reference');
    });
    // The contact's name and e-mail go; the fiche's texts (the pole's, public once approved) stay.
    scope.post('/api/admin/actions/:reference/erase', { schema: { params: OneFiche } }, async (request, reply) => {
      const before = await one(request.params.reference);
      if (!before) return fail(reply, 404, 'no fiche with this reference');
      if (!withinTerritory(request, reply, poleDepartements(listed(), before.pole_id))) return reply;
      await eraseSubmission(store.db, request.actor!, 'actions', before.reference);
      return actionAdminView((await one(before.reference))!, listed());
    });
  });
};
