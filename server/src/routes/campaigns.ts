// Campaigns ("regards croisés"), see ../campaigns.ts: the respondents' view, the coordinators'
// routes (their key in `Authorization: Bearer`), and the administrator's.
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Transaction } from 'kysely';
import * as z from 'zod/mini';
import { campaignSummary } from '../../../src/data/referentiel.js';
import { Campaign, CampaignAnswers, CampaignCreated, CampaignRequest } from '../../../src/data/schemas/campaigns.js';
import { ReferentielSummary } from '../../../src/data/schemas/pole.js';
import { adminCampaignView, answersCsv, assessmentOf, campaignView, today, type CampaignAccess } from '../campaigns.js';
import { mayModerate, poleDepartements } from '../accounts/territory.js';
import { audit } from '../http/audit.js';
import { refuse } from '../http/errors.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/types.js';

export interface CampaignOptions {
  store: Store;
  access: CampaignAccess;
  admin: onRequestAsyncHookHandler;
}

const OneCampaign = z.object({ id: z.string() });
/** What publishing answers: the campaign, and the summary now on its pole's public record. */
const Published = z.object({ campaign: Campaign, summary: ReferentielSummary });
const invalidCampaign = { invalid: { error: 'invalid campaign', reason: 'invalid' } };

export const campaignRoutes: Area<CampaignOptions> = async (app, { store, access, admin }) => {
  // What a respondent sees before answering: title, pole, roles; the code in a header, never the URL.
  app.get('/api/campaigns/respondent', { schema: { response: { 200: Campaign } } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const header = request.headers['campaign-code'];
    if (typeof header !== 'string' || !header) return refuse(reply, 400, 'campaign-code', 'Campaign-Code header required');
    const row = await access.byCode(request, reply, header);
    return row ? campaignView(row, access.poles()) : reply;
  });

  // Opening a campaign without the admin token would let anyone publish a summary on any pole's
  // card: only a verified owner of the pole could, and poles have no owners yet. Refused, clearly.
  app.post('/api/campaigns', async (_request, reply) =>
    refuse(reply, 403, 'campaigns-not-open', "campaigns are opened by the server's administrator (POST /api/admin/campaigns)"),
  );

  app.get(
    '/api/campaigns/:id/assessments',
    { schema: { params: OneCampaign, querystring: z.object({ download: z.optional(z.string()) }), response: { 200: CampaignAnswers } } },
    async (request, reply) => {
      const row = await access.asCoordinator(request, reply, request.params.id);
      if (!row) return reply;
      const rows = await store.campaignAssessments(row.id);
      // In the campaign's own version of the référentiel, whichever is current now.
      const referentiel = await access.referentielOf(row);
      const summary = referentiel ? campaignSummary(referentiel, rows.map(assessmentOf), today()) : undefined;
      if (request.query.download !== undefined) reply.header('Content-Disposition', `attachment; filename="${row.id}.json"`);
      return { campaign: campaignView(row, access.poles()), assessments: rows.map(assessmentOf), ...(summary ? { summary } : {}) };
    },
  );

  app.get('/api/campaigns/:id/assessments.csv', { schema: { params: OneCampaign } }, async (request, reply) => {
    const row = await access.asCoordinator(request, reply, request.params.id);
    if (!row) return reply;
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${row.id}.csv"`)
      .send(answersCsv(await access.referentielOf(row), await store.campaignAssessments(row.id)));
  });

  app.delete(
    '/api/campaigns/:id/assessments/:reference',
    { schema: { params: z.object({ id: z.string(), reference: z.string() }) } },
    async (request, reply) => {
      const row = await access.asCoordinator(request, reply, request.params.id);
      if (!row) return reply;
      const removed = await access.deleteAnswers(row, request.params.reference);
      if (removed === 'no-version')
        return refuse(reply, 409, 'referentiel-changed', "this campaign's version of the référentiel is not on this server");
      if (!removed) return refuse(reply, 404, 'not-found', 'no answer set with this reference in this campaign');
      return reply.code(204).send();
    },
  );

  app.post('/api/campaigns/:id/publish', { schema: { params: OneCampaign, response: { 200: Published } } }, async (request, reply) => {
    const row = await access.asCoordinator(request, reply, request.params.id);
    if (!row) return reply;
    // Published in the campaign's own version, even after a newer one was uploaded.
    const summarize = await access.summarizer(row);
    if (!summarize) return refuse(reply, 409, 'referentiel-changed', "this campaign's version of the référentiel is not on this server");
    // One summary per pole: another campaign's is withdrawn first, with its own key (or by the administrator).
    const other = await access.otherPublished(row);
    if (other) {
      return refuse(
        reply,
        409,
        'other-campaign-published',
        `the summary of another campaign of this pole (${other.id}) is published: unpublish it first with its key`,
      );
    }
    const summary = await access.publish(row, summarize);
    if (!summary) return refuse(reply, 409, 'no-answers', 'nothing to publish: this campaign has no answers');
    return { campaign: campaignView((await store.campaign(row.id))!, access.poles()), summary };
  });

  app.post(
    '/api/campaigns/:id/unpublish',
    { schema: { params: OneCampaign, response: { 200: z.object({ campaign: Campaign }) } } },
    async (request, reply) => {
      const row = await access.asCoordinator(request, reply, request.params.id);
      if (!row) return reply;
      await access.unpublish(row);
      return { campaign: campaignView((await store.campaign(row.id))!, access.poles()) };
    },
  );

  // A new respondent code (the old one refused from now on), given once, like at the opening.
  app.post(
    '/api/campaigns/:id/respondent-code',
    { schema: { params: OneCampaign, response: { 200: z.object({ respondentCode: z.string() }) } } },
    async (request, reply) => {
      const row = await access.asCoordinator(request, reply, request.params.id);
      if (!row) return reply;
      return { respondentCode: await access.rotateCode(row) };
    },
  );

  // The administrator's: the admin token or a session (the shared admin hook); a moderator, for the
  // poles of their territory only. Each decision is in the audit log.
  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', admin);
    const inTerritory = (request: FastifyRequest, poleId: string) => mayModerate(request, poleDepartements(access.poles(), poleId));
    const outside = (reply: FastifyReply) => refuse(reply, 403, 'outside-territory', 'outside your territory');
    const audited = (request: FastifyRequest, verb: string, id: string, after?: unknown) => (trx: Transaction<Database>) =>
      audit(trx, request.actor!, { action: `campaign.${verb}`, subject: { type: 'campaign', id }, after });
    scope.post(
      '/api/admin/campaigns',
      { schema: { body: CampaignRequest, response: { 201: CampaignCreated } }, config: invalidCampaign },
      async (request, reply) => {
        // An unknown pole is the creation's own 400; a known one outside the territory, 403.
        if (access.poles().some((pole) => pole.id === request.body.poleId) && !inTerritory(request, request.body.poleId))
          return outside(reply);
        return access.create(reply, request.body, (trx, row) =>
          audited(request, 'create', row.id, { poleId: row.pole_id, title: row.title })(trx),
        );
      },
    );
    scope.get('/api/admin/campaigns', async (request) => ({
      campaigns: (await store.listCampaigns())
        .filter((row) => inTerritory(request, row.pole_id))
        .map((row) => adminCampaignView(row, access.poles())),
    }));
    scope.post(
      '/api/admin/campaigns/:id/close',
      { schema: { params: OneCampaign, response: { 200: Campaign } } },
      async (request, reply) => {
        const current = await store.campaign(request.params.id);
        if (!current) return refuse(reply, 404, 'not-found', 'no campaign with this id');
        if (!inTerritory(request, current.pole_id)) return outside(reply);
        const row = await store.closeCampaign(current.id, new Date().toISOString(), (trx, after) =>
          audited(request, 'close', current.id, { closedAt: after.closed_at })(trx),
        );
        return campaignView(row!, access.poles());
      },
    );
    // Withdraws a campaign's summary, e.g. one published by a coordinator who lost the key.
    scope.post(
      '/api/admin/campaigns/:id/unpublish',
      { schema: { params: OneCampaign, response: { 200: Campaign } } },
      async (request, reply) => {
        const row = await store.campaign(request.params.id);
        if (!row) return refuse(reply, 404, 'not-found', 'no campaign with this id');
        if (!inTerritory(request, row.pole_id)) return outside(reply);
        await access.unpublish(row, audited(request, 'unpublish', row.id, { publishedAt: null }));
        return campaignView((await store.campaign(row.id))!, access.poles());
      },
    );
  });
};
