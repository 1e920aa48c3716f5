// Folders served as files: the demo page, its data and the embed bundle.
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';

const PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

/** A folder served at `prefix`; with `only`, just those paths of it (`/admin.html`…). */
export interface StaticDir {
  root: string;
  prefix: string;
  only?: string[];
  /** Files that never change at this path (a versioned bundle): cached for a year. */
  immutable?: boolean;
}

export const staticFiles: FastifyPluginAsync<{ dirs: StaticDir[] }> = async (app, { dirs }) => {
  for (const { root, prefix, only, immutable } of dirs) {
    if (!existsSync(root)) continue;
    await app.register(fastifyStatic, {
      root,
      prefix,
      decorateReply: false,
      index: 'index.html',
      ...(immutable ? { maxAge: '365d', immutable: true } : {}),
      ...(only ? { allowedPath: (path: string) => only.includes(path) } : {}),
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) res.setHeader('Content-Security-Policy', PAGE_POLICY);
      },
    });
  }
};
