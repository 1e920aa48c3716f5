// The endpoint contract (docs/endpoint.md): the discovery document and the public documents,
// served from memory (PublicCache), pre-compressed, with an ETag.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PublicCache, Prepared } from '../public-documents.js';
import { fail } from '../http/errors.js';
import { openToEveryOrigin } from '../http/origins.js';
import type { Area } from '../http/schemas.js';
import { openDataLinks } from '../open-data/index.js';

export const PUBLIC_DOCUMENTS = [
  '/ptce.json',
  '/poles.json',
  '/referentiel.json',
  '/charter.json',
  ...Object.values(openDataLinks()).map((path) => `/${path}`),
];

export const publicDocumentRoutes: Area<{ cache: PublicCache; cacheMaxAge?: number }> = async (app, { cache, cacheMaxAge }) => {
  const cacheControl = cacheMaxAge ? `public, max-age=${cacheMaxAge}` : 'public, no-cache';
  for (const path of PUBLIC_DOCUMENTS) {
    app.get(path, (request, reply) => {
      openToEveryOrigin(reply);
      const document = cache.get(path);
      if (!document) return fail(reply, 404, 'not found');
      return sendPrepared(request, reply, document, cacheControl);
    });
  }
};

/** The best encoding the client accepts (a `q=0` refuses one). */
export function encodingFor(request: FastifyRequest): 'br' | 'gzip' | undefined {
  const accepted = String(request.headers['accept-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => !/;\s*q=0(\.0*)?$/.test(part))
    .map((part) => part.split(';')[0]);
  return accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : undefined;
}

function sendPrepared(request: FastifyRequest, reply: FastifyReply, document: Prepared, cacheControl: string) {
  reply.header('ETag', document.etag).header('Cache-Control', cacheControl).header('Vary', 'Accept-Encoding');
  const match = request.headers['if-none-match'];
  if (match && (match === '*' || match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === document.etag))) {
    return reply.code(304).send();
  }
  reply.header('Content-Type', document.type);
  const encoding = encodingFor(request);
  if (encoding) reply.header('Content-Encoding', encoding);
  return reply.send(encoding ? document[encoding] : document.identity);
}
