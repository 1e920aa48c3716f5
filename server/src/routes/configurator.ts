// The embed configurator's page (GET /configurer): an editor chooses a widget and its options, sees
// the real widget, and copies a snippet (script with SRI hash, iframe, WordPress shortcode). Its
// script is the configurator's own bundle (dist/configurator/, beside the embed bundles' folder).
import type { FastifyPluginAsync } from 'fastify';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from '../paths.js';

const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'";

export const configuratorPage: FastifyPluginAsync<{ bundle: string }> = async (app, { bundle }) => {
  const html = readFileSync(join(repo, 'server', 'pages', 'configurer.html'));
  app.get('/configurer', async (_request, reply) =>
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', PAGE_POLICY)
      .header('Cache-Control', 'no-cache')
      .send(html),
  );
  // Read at each request: a rebuilt bundle is served without a restart.
  app.get('/configurer.js', async (_request, reply) => {
    const script = await readFile(bundle).catch(() => undefined);
    if (!script) return reply.code(404).send({ error: 'the configurator is not built (npm run build)', reason: 'not-found' });
    return reply.header('Content-Type', 'text/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(script);
  });
};
