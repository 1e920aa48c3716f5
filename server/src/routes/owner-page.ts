// The owners' page (/gerer): the e-mailed link (?lien=…) opens it, and `<ptce-pole-form
// mode="owner">` from the embed bundle does the rest (POST /api/owner/session, then PATCH
// /api/owner/pole). The link's token is in the address: no referrer leaves the page (the server
// sends Referrer-Policy: no-referrer) and the logs keep paths without their query.
import type { FastifyPluginAsync } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repo } from '../paths.js';

const PAGE_POLICY =
  "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

export const ownerPage: FastifyPluginAsync = async (app) => {
  const html = readFileSync(join(repo, 'server', 'pages', 'gerer.html'));
  app.get('/gerer', async (_request, reply) =>
    reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', PAGE_POLICY)
      .header('Cache-Control', 'no-store')
      .send(html),
  );
};
