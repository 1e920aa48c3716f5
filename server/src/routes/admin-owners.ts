// Moderation of owners: claims (approve mails the owner a single-use link to /gerer, reject,
// erase the personal fields), owners' edits decided field by field, owners trusted or not. A
// moderator sees and decides only what concerns the poles of their territory.
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import {
  approveClaim,
  decideEdit,
  eraseClaim,
  LINK_DAYS,
  listClaims,
  listEdits,
  ownerView,
  rejectClaim,
  setTrusted,
  undecidable,
} from '../directory/owners.js';
import { inTerritory } from '../http/actor.js';
import { fail } from '../http/errors.js';
import type { Area } from '../http/schemas.js';
import type { Mailer } from '../mail/mailer.js';
import type { PublicCache } from '../public-documents.js';
import type { Database } from '../store/schema.js';
import { poleRefusal } from './admin-poles.js';
import { publicEdit } from './owners.js';

const OneItem = z.object({ id: z.coerce.number().check(z.int(), z.gte(1)) });
const Status = z.object({ status: z.optional(z.string().check(z.maxLength(20))) });
const Names = z.array(z.string().check(z.maxLength(60))).check(z.maxLength(40));

/** Where the owner's link points: the public address if set, else the one the moderator used. */
const ownerPage = (publicUrl: string | undefined, request: FastifyRequest) =>
  `${(publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '')}/gerer`;

const claimView = ({ departements: _d, ...claim }: Awaited<ReturnType<typeof listClaims>>[number]) => claim;

export const adminOwnerRoutes: Area<{
  db: Kysely<Database>;
  cache: PublicCache;
  admin: onRequestAsyncHookHandler;
  mailer: Mailer;
  publicUrl?: string;
}> = async (app, { db, cache, admin, mailer, publicUrl }) => {
  app.addHook('onRequest', admin);

  /** The claim if it exists and is in the actor's territory; otherwise the 404 or 403 is sent. */
  async function claimFor(request: FastifyRequest, reply: FastifyReply, id: number) {
    const [claim] = await listClaims(db, { id });
    if (!claim) fail(reply, 404, 'no claim with this id');
    else if (!inTerritory(request.actor!, claim.departements)) fail(reply, 403, "this claim's pole is outside your territory");
    else return claim;
  }

  app.get('/api/admin/claims', { schema: { querystring: Status } }, async (request) => ({
    claims: (await listClaims(db, { status: request.query.status }))
      .filter((c) => inTerritory(request.actor!, c.departements))
      .map(claimView),
  }));

  // Approving an approved claim again sends a new link (a lost or expired one).
  app.post('/api/admin/claims/:id/approve', { schema: { params: OneItem } }, async (request, reply) => {
    const claim = await claimFor(request, reply, request.params.id);
    if (!claim) return reply;
    if (claim.status === 'rejected' || claim.erased) return fail(reply, 409, `this claim is ${claim.erased ? 'erased' : 'rejected'}`);
    const { link } = await approveClaim(db, claim, request.actor!);
    const url = `${ownerPage(publicUrl, request)}?lien=${link}`;
    await mailer.send({
      to: claim.email,
      kind: 'owner-link',
      subject: `Gérer la fiche « ${claim.poleName} »`,
      text:
        `Bonjour ${claim.name},\n\n` +
        `Votre demande pour gérer la fiche « ${claim.poleName} » dans l'annuaire des PTCE est acceptée. ` +
        `Ce lien, valable ${LINK_DAYS} jours et utilisable une seule fois, ouvre la page où vous pouvez la modifier :\n\n${url}\n\n` +
        `Your request to manage this pole's card was approved: the link above, valid for ${LINK_DAYS} days and usable once, opens the page where you can edit it.\n`,
    });
    return claimView((await listClaims(db, { id: claim.id }))[0]);
  });

  app.post('/api/admin/claims/:id/reject', { schema: { params: OneItem } }, async (request, reply) => {
    const claim = await claimFor(request, reply, request.params.id);
    if (!claim) return reply;
    if (claim.status !== 'pending') return fail(reply, 409, `this claim is ${claim.status} already`);
    await rejectClaim(db, claim, request.actor!);
    return claimView((await listClaims(db, { id: claim.id }))[0]);
  });

  app.post('/api/admin/claims/:id/erase', { schema: { params: OneItem } }, async (request, reply) => {
    const claim = await claimFor(request, reply, request.params.id);
    if (!claim) return reply;
    await eraseClaim(db, claim, request.actor!);
    return claimView((await listClaims(db, { id: claim.id }))[0]);
  });

  app.get('/api/admin/owner-edits', { schema: { querystring: Status } }, async (request) => ({
    edits: (await listEdits(db, { status: request.query.status }))
      .filter((e) => inTerritory(request.actor!, e.departements))
      .map(publicEdit),
  }));

  app.post(
    '/api/admin/owner-edits/:id/decide',
    { schema: { params: OneItem, body: z.object({ accept: z.optional(Names), refuse: z.optional(Names) }) } },
    async (request, reply) => {
      const [edit] = await listEdits(db, { id: request.params.id });
      if (!edit) return fail(reply, 404, 'no edit with this id');
      if (!inTerritory(request.actor!, edit.departements)) return fail(reply, 403, "this edit's pole is outside your territory");
      const { accept = [], refuse = [] } = request.body;
      const wrong = undecidable(edit, [...accept, ...refuse]);
      if (wrong.length || accept.length + refuse.length === 0 || accept.some((field) => refuse.includes(field))) {
        const message = 'not a field of this edit waiting for a decision';
        return fail(
          reply,
          422,
          'invalid decision',
          wrong.length ? wrong.map((field) => ({ path: field, message })) : [{ path: '', message: 'accept or refuse each field once' }],
        );
      }
      try {
        await decideEdit(db, edit, accept, refuse, request.actor!);
      } catch (error) {
        return poleRefusal(reply, error);
      }
      if (accept.length) await cache.refresh();
      return publicEdit((await listEdits(db, { id: edit.id }))[0]);
    },
  );

  app.post(
    '/api/admin/owners/:id/trust',
    { schema: { params: OneItem, body: z.object({ trusted: z.boolean() }) } },
    async (request, reply) => {
      const owner = await db.selectFrom('owners').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!owner) return fail(reply, 404, 'no owner with this id');
      const pole = await db.selectFrom('poles').select('body').where('id', '=', owner.pole_id).executeTakeFirstOrThrow();
      if (!inTerritory(request.actor!, (JSON.parse(pole.body) as { departments?: string[] }).departments ?? [])) {
        return fail(reply, 403, "this owner's pole is outside your territory");
      }
      return ownerView(await setTrusted(db, owner, request.body.trusted, request.actor!));
    },
  );
};
