// Personal data: the answer sets for the administrators (those of campaigns and those sent outside
// any, which no other route lists), their erasure, and the privacy page (/confidentialite) that
// says what is kept, how long, and how to ask for erasure.
import type { onRequestAsyncHookHandler } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import type { PolesDocument } from '../../../src/data/schemas/pole.js';
import type { Assessment } from '../../../src/data/schemas/submissions.js';
import { eraseSubmission } from '../accounts/erasure.js';
import { mayModerate, poleDepartements, withinTerritory } from '../accounts/territory.js';
import { fail } from '../http/errors.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import { repo } from '../paths.js';
import type { PublicCache } from '../public-documents.js';
import type { AssessmentRow, Store } from '../store/types.js';

const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** For the administrators: the whole answer set, respondent's name and comments included. */
export const assessmentAdminView = (row: AssessmentRow) => ({
  reference: row.reference,
  receivedAt: row.received_at,
  referentielId: row.referentiel_id,
  referentielVersion: row.referentiel_version,
  poleId: row.pole_id,
  campaignId: row.campaign_id,
  erased: row.erased_at !== null,
  assessment: JSON.parse(row.body) as Assessment,
});

export const personalDataRoutes: Area<{ store: Store; cache: PublicCache; admin: onRequestAsyncHookHandler; purgeDays: number }> = async (
  app,
  { store, cache, admin, purgeDays },
) => {
  // The page is static but for the purge delay this server applies.
  const page = readFileSync(join(repo, 'server', 'pages', 'confidentialite.html'), 'utf8').replaceAll('{{PURGE_DAYS}}', String(purgeDays));
  app.get('/confidentialite', async (_request, reply) =>
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', PAGE_POLICY)
      .header('Cache-Control', 'no-cache')
      .send(page),
  );

  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', admin);
    const poles = () => cache.document<PolesDocument>('poles.json')?.poles ?? [];
    const one = (reference: string) => store.db.selectFrom('assessments').selectAll().where('reference', '=', reference).executeTakeFirst();

    // `campaign=none`: only those sent outside a campaign; `campaign=<id>`: that campaign's.
    scope.get('/api/admin/assessments', { schema: { querystring: z.object({ campaign: z.optional(z.string()) }) } }, async (request) => {
      const { campaign } = request.query;
      const rows = await store.db
        .selectFrom('assessments')
        .selectAll()
        .$if(campaign === 'none', (q) => q.where('campaign_id', 'is', null))
        .$if(!!campaign && campaign !== 'none', (q) => q.where('campaign_id', '=', campaign!))
        .orderBy('id')
        .execute();
      const listed = poles();
      return { assessments: rows.filter((row) => mayModerate(request, poleDepartements(listed, row.pole_id))).map(assessmentAdminView) };
    });

    // The respondent's name and the comments go; the values stay (a campaign's summary counts them).
    scope.post(
      '/api/admin/assessments/:reference/erase',
      { schema: { params: z.object({ reference: z.string() }) } },
      async (request, reply) => {
        const before = await one(request.params.reference);
        if (!before) return fail(reply, 404, 'no answer set with this reference');
        if (!withinTerritory(request, reply, poleDepartements(poles(), before.pole_id))) return reply;
        await eraseSubmission(store.db, request.actor!, 'assessments', before.reference);
        return assessmentAdminView((await one(before.reference))!);
      },
    );
  });
};
