// The coordinator's page: a campaign's answers read, exported, deleted and published with the key
// typed there (server/pages/), so that no page of a pole's site ever holds the key in its HTML.
import type { FastifyPluginAsync } from 'fastify';
import { readFileSync } from 'node:fs';

const pages = new URL('../../pages/', import.meta.url);
const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

export const coordinationPage: FastifyPluginAsync = async (app) => {
  const html = readFileSync(new URL('coordination.html', pages));
  const script = readFileSync(new URL('coordination.js', pages));
  app.get('/coordination', async (_request, reply) =>
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', PAGE_POLICY)
      .header('Cache-Control', 'no-store')
      .send(html),
  );
  app.get('/coordination.js', async (_request, reply) =>
    reply.header('Content-Type', 'text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(script),
  );
};
