// Folders served as files: the demo page, its data and the embed bundle.
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';

const PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

export const staticFiles: FastifyPluginAsync<{ dirs: { root: string; prefix: string }[] }> = async (app, { dirs }) => {
  for (const { root, prefix } of dirs) {
    if (!existsSync(root)) continue;
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: false,
      index: 'index.html',
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) res.setHeader('Content-Security-Policy', PAGE_POLICY);
      },
    });
  }
};
