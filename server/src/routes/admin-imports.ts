// Imports into the directory and the sources kept in step (imports/, docs/imports.md). An import
// is previewed, then applied or discarded; a moderator imports only into their territory (rows
// elsewhere are rejected with that reason) and sees only their own imports. Sources are admins'.
import type { FastifyReply, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import * as z from 'zod/mini';
import { InvalidPole, StaleVersion } from '../directory/poles.js';
import type { Actor } from '../http/actor.js';
import { audit } from '../http/audit.js';
import { fail, refuse } from '../http/errors.js';
import type { Area } from '../http/schemas.js';
import {
  applyImport,
  discardImport,
  getImport,
  ImportDecided,
  importActor,
  listImports,
  NoSuchImport,
  previewImport,
} from '../imports/batch.js';
import { IMPORT_FORMATS, MAX_IMPORT_BYTES, UnreadableImport, type ImportFormat } from '../imports/read.js';
import { createSource, deleteSource, getSource, listSources, runSource, updateSource } from '../imports/sources.js';
import type { PublicCache } from '../public-documents.js';
import type { Database } from '../store/schema.js';

/** An http(s) URL; any host, since a source may be on the operator's own network (admins only give them). */
const HttpUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2000));
const Format = z.enum(IMPORT_FORMATS as [ImportFormat, ...ImportFormat[]]);
const OneImport = z.object({ id: z.string().check(z.maxLength(64), z.regex(/^[\w-]+$/, 'expected an import id')) });
const OneSource = z.object({ id: z.coerce.number().check(z.int(), z.gte(1)) });
const SourceFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  url: HttpUrl,
  format: Format,
  taxonomy: z.nullish(HttpUrl),
  periodMinutes: z.int().check(z.gte(5), z.lte(60 * 24 * 31)),
  maxArchiveShare: z.optional(z.number().check(z.gte(0), z.lte(1))),
};

const isAdmin = (actor: Actor) => actor.role === 'admin';

export const adminImportRoutes: Area<{ db: Kysely<Database>; cache: PublicCache; admin: onRequestAsyncHookHandler }> = async (
  app,
  { db, cache, admin },
) => {
  app.addHook('onRequest', admin);

  /** Whether the actor may see this import (admins all; a moderator theirs): otherwise 404 or 403 is sent. */
  async function allowed(actor: Actor, id: string, reply: FastifyReply): Promise<boolean> {
    const owner = await importActor(db, id);
    if (!owner) fail(reply, 404, `no import ${id}`);
    else if (!isAdmin(actor) && !(owner.kind === actor.kind && owner.id === actor.id)) fail(reply, 403, 'this import is not yours');
    else return true;
    return false;
  }

  function refusal(reply: FastifyReply, error: unknown) {
    if (error instanceof NoSuchImport) return fail(reply, 404, error.message);
    if (error instanceof ImportDecided) return refuse(reply, 409, 'already-decided', error.message);
    if (error instanceof StaleVersion)
      return refuse(reply, 409, 'stale-preview', `pole ${error.current.id} changed since the preview: preview the file again`);
    if (error instanceof InvalidPole) return fail(reply, 422, 'invalid pole', error.issues);
    if (error instanceof UnreadableImport) return refuse(reply, 422, 'unreadable', error.message);
    throw error;
  }

  app.post(
    '/api/admin/imports',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        body: z.object({
          format: Format,
          content: z.optional(z.union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())])),
          url: z.optional(HttpUrl),
          taxonomy: z.optional(HttpUrl),
          source: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      if ((body.content === undefined) === (body.url === undefined))
        return refuse(reply, 422, 'content-or-url', 'give the file (content) or its URL, not both');
      try {
        return reply.code(201).send(await previewImport(db, body, request.actor!));
      } catch (error) {
        return refusal(reply, error);
      }
    },
  );

  app.get('/api/admin/imports', async (request) => {
    const actor = request.actor!;
    const imports = (await listImports(db)).filter((item) => isAdmin(actor) || item.actor.label === actor.label);
    // The list without the previews (GET one import for its preview).
    return { imports: imports.map(({ preview, ...item }) => ({ ...item, counts: preview.counts })) };
  });

  app.get('/api/admin/imports/:id', { schema: { params: OneImport } }, async (request, reply) => {
    if (!(await allowed(request.actor!, request.params.id, reply))) return reply;
    return getImport(db, request.params.id);
  });

  app.post(
    '/api/admin/imports/:id/apply',
    {
      schema: {
        params: OneImport,
        body: z.nullish(z.object({ create: z.optional(z.array(z.int().check(z.gte(1))).check(z.maxLength(100_000))) })),
      },
    },
    async (request, reply) => {
      if (!(await allowed(request.actor!, request.params.id, reply))) return reply;
      try {
        const applied = await applyImport(db, request.params.id, request.actor!, { create: request.body?.create });
        await cache.refresh();
        return applied;
      } catch (error) {
        return refusal(reply, error);
      }
    },
  );

  app.post('/api/admin/imports/:id/discard', { schema: { params: OneImport } }, async (request, reply) => {
    if (!(await allowed(request.actor!, request.params.id, reply))) return reply;
    try {
      return await discardImport(db, request.params.id, request.actor!);
    } catch (error) {
      return refusal(reply, error);
    }
  });

  // Sources: admins only.
  const adminOnly: preHandlerAsyncHookHandler = async (request, reply) => {
    if (!isAdmin(request.actor!)) return fail(reply, 403, 'sources are for admins');
  };

  app.get('/api/admin/sources', { preHandler: adminOnly }, async () => ({ sources: await listSources(db) }));

  app.post('/api/admin/sources', { preHandler: adminOnly, schema: { body: z.object(SourceFields) } }, async (request, reply) => {
    const source = await createSource(db, request.body);
    await audit(db, request.actor!, { action: 'source.create', subject: { type: 'source', id: String(source.id) }, after: source });
    return reply.code(201).send(source);
  });

  app.get('/api/admin/sources/:id', { preHandler: adminOnly, schema: { params: OneSource } }, async (request, reply) => {
    return (await getSource(db, request.params.id)) ?? fail(reply, 404, `no source ${request.params.id}`);
  });

  app.patch(
    '/api/admin/sources/:id',
    { preHandler: adminOnly, schema: { params: OneSource, body: z.partial(z.object(SourceFields)) } },
    async (request, reply) => {
      const before = await getSource(db, request.params.id);
      if (!before) return fail(reply, 404, `no source ${request.params.id}`);
      const after = await updateSource(db, request.params.id, request.body);
      await audit(db, request.actor!, { action: 'source.update', subject: { type: 'source', id: String(before.id) }, before, after });
      return after;
    },
  );

  app.delete('/api/admin/sources/:id', { preHandler: adminOnly, schema: { params: OneSource } }, async (request, reply) => {
    const before = await getSource(db, request.params.id);
    if (!before || !(await deleteSource(db, request.params.id))) return fail(reply, 404, `no source ${request.params.id}`);
    await audit(db, request.actor!, { action: 'source.delete', subject: { type: 'source', id: String(before.id) }, before });
    return reply.code(204).send();
  });

  /** Runs the source now, whatever its period (still never twice at once): 409 while it runs. */
  app.post('/api/admin/sources/:id/run', { preHandler: adminOnly, schema: { params: OneSource } }, async (request, reply) => {
    const outcome = await runSource(db, request.params.id, { force: true });
    if (!outcome.ran && outcome.reason === 'no-such-source') return fail(reply, 404, `no source ${request.params.id}`);
    if (!outcome.ran) return refuse(reply, 409, 'running', 'this source is running');
    if (outcome.status === 'applied') await cache.refresh();
    return {
      source: await getSource(db, request.params.id),
      status: outcome.status,
      import: outcome.import ?? null,
      error: outcome.error ?? null,
    };
  });
};
