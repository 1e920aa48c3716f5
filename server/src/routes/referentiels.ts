// Versions of the référentiel (../referentiels/versions.ts): the administrator uploads a new one
// and lists them; every version is public at `referentiels/{id}/{version}.json`, which the
// widget reads for a campaign answered on an earlier version.
import type { onRequestAsyncHookHandler } from 'fastify';
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { Referentiel } from '../../../src/data/schemas/referentiel.js';
import { TOKEN_ADMIN } from '../http/actor.js';
import { refuse } from '../http/errors.js';
import { openToEveryOrigin } from '../http/origins.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import type { PublicCache } from '../public-documents.js';
import { listVersions, referentielVersion, uploadVersion, versionPath } from '../referentiels/versions.js';
import type { Store } from '../store/types.js';

/** A référentiel is larger than a submission: the official grid with its texts, in two languages. */
const REFERENTIEL_BODY_LIMIT = 1024 * 1024;

export const referentielRoutes: Area<{ store: Store; cache: PublicCache; admin: onRequestAsyncHookHandler; cacheMaxAge?: number }> = async (
  app,
  { store, cache, admin, cacheMaxAge },
) => {
  // Any version this server ever served, as a public document: a version never changes once
  // stored, so its ETag is its content's.
  app.get('/referentiels/:id/:file', { schema: { params: z.object({ id: z.string(), file: z.string() }) } }, async (request, reply) => {
    openToEveryOrigin(reply);
    const version = /^(.+)\.json$/.exec(request.params.file)?.[1];
    const referentiel = version ? await referentielVersion(store.db, request.params.id, version) : undefined;
    if (!referentiel) return refuse(reply, 404, 'not-found', 'no such version of the référentiel on this server');
    const body = JSON.stringify(referentiel);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    reply.header('ETag', etag).header('Cache-Control', cacheMaxAge ? `public, max-age=${cacheMaxAge}` : 'public, no-cache');
    const match = request.headers['if-none-match'];
    if (match && (match === '*' || match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))) return reply.code(304).send();
    return reply.header('Content-Type', 'application/json; charset=utf-8').send(body);
  });

  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', admin);

    scope.get('/api/admin/referentiels', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { versions: (await listVersions(store.db)).map((v) => ({ ...v, path: versionPath(v.referentielId, v.version) })) };
    });

    // A new version becomes the current one (referentiel.json); the answer lists what changed.
    scope.post(
      '/api/admin/referentiels',
      {
        bodyLimit: REFERENTIEL_BODY_LIMIT,
        schema: { body: Referentiel },
        config: { invalid: { error: 'invalid référentiel', reason: 'invalid' } },
      },
      async (request, reply) => {
        const referentiel = request.body;
        const outcome = await uploadVersion(store, request.actor ?? TOKEN_ADMIN, referentiel);
        if (outcome.kind === 'exists') {
          return refuse(
            reply,
            409,
            'version-exists',
            `version ${referentiel.version} of ${referentiel.id} is already on this server: give the new one another version`,
          );
        }
        if (outcome.kind === 'invalid') return refuse(reply, 422, 'invalid-mapping', 'invalid référentiel mappings', outcome.issues);
        await cache.refresh();
        return reply
          .code(201)
          .header('Cache-Control', 'no-store')
          .send({
            referentielId: referentiel.id,
            version: referentiel.version,
            path: versionPath(referentiel.id, referentiel.version),
            previous: outcome.previous,
            changes: outcome.changes,
          });
      },
    );
  });
};
