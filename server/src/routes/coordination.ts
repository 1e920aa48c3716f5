// The coordinator's page: a campaign's answers read, exported, deleted and published with the key
// typed there (server/pages/), so that no page of a pole's site ever holds the key in its HTML.
import type { FastifyPluginAsync } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from '../paths.js';

// From the repository's top, so the page is found from the sources and from the build alike.
const pages = join(repo, 'server', 'pages');
const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

export const coordinationPage: FastifyPluginAsync = async (app) => {
  const html = readFileSync(join(pages, 'coordination.html'));
  const script = readFileSync(join(pages, 'coordination.js'));
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
