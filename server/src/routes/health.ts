// For orchestrators and load balancers: `/healthz` says the process answers (restart it if not),
// `/readyz` that it can serve writes now (send it no traffic if not: 503).
import type { Store } from '../store/types.js';
import type { Area } from '../http/schemas.js';

/** Longer than this and the database counts as not ready (a probe must not hang). */
const READY_TIMEOUT_MS = 1000;

export const healthRoutes: Area<{ store: Store }> = async (app, { store }) => {
  app.get('/healthz', async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        store.check(),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer from the database in ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
        }),
      ]);
      return reply.send({ status: 'ready' });
    } catch (error) {
      // The cause in the log only: a database's error may name hosts or users.
      request.log.warn({ message: (error as Error).message }, 'not ready');
      return reply.code(503).header('Retry-After', '1').send({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
};
