import Fastify, { type FastifyInstance, type onRequestAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { Actor } from '../src/http/actor.js';
import { errorReplies, fail } from '../src/http/errors.js';
import { zodSchemas } from '../src/http/schemas.js';
import { discoveryDocument, PublicCache } from '../src/public-documents.js';
import type { Database } from '../src/store/schema.js';
import type { Store } from '../src/store/types.js';

/** A moderator of Provence-Alpes-Côte d'Azur (region 93) and one of Occitanie (76), as accounts would be. */
export const PACA: Actor = {
  kind: 'account',
  role: 'moderator',
  id: '101',
  label: 'moderatrice.paca@example.org',
  regions: ['93'],
  departements: [],
};
export const OCCITANIE: Actor = { ...PACA, id: '102', label: 'moderateur.occitanie@example.org', regions: ['76'] };

/**
 * The admin routes of one area with moderators signed in: the same plugins as buildApp registers,
 * on the same store, with an admin hook that knows one bearer token per moderator (accounts and
 * their login are another branch's; their hook sets `request.actor` the same way).
 */
export async function startAsModerators(
  store: Store,
  register: (
    app: FastifyInstance,
    options: { db: Kysely<Database>; cache: PublicCache; admin: onRequestAsyncHookHandler },
  ) => Promise<void>,
) {
  const tokens = new Map([
    ['paca', PACA],
    ['occitanie', OCCITANIE],
  ]);
  const app = Fastify();
  errorReplies(app);
  zodSchemas(app);
  const cache = new PublicCache(store, discoveryDocument());
  await cache.refresh();
  const admin: onRequestAsyncHookHandler = async (request, reply) => {
    const actor = tokens.get(/^Bearer (\S+)$/.exec(String(request.headers.authorization))?.[1] ?? '');
    if (!actor) return fail(reply, 401, 'admin token required');
    request.actor = actor;
  };
  await register(app, { db: store.db, cache, admin });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  /** A request as this moderator. */
  const as = (who: 'paca' | 'occitanie', path: string, method = 'GET', body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${who}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { url, as, close: () => app.close() };
}
