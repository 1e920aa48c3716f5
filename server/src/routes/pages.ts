// The server-rendered pages (src/ssr/): a pole's page, the map (France, a region), the charter, and
// their embed pages, the only pages any site may frame. Rendered from the public documents in
// memory (PublicCache), once per version of the data and set of options.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { PublicCache } from '../public-documents.js';
import { encodingFor } from './public-documents.js';
import { embedStyle, type EmbedWidget } from '../ssr/embed-options.js';
import { FRAME_HEIGHT_SCRIPT } from '../ssr/frame-height.js';
import { pageLang } from '../ssr/page-text.js';
import {
  charterPage,
  embedAttributes,
  mapPage,
  polePage,
  referentielEmbed,
  regionGeneration,
  serverElements,
  type Documents,
  type Rendered,
  type Site,
} from '../ssr/render.js';
import type { RegionGeneration } from '../../../src/data/regions-2015.js';

/** Our pages' policy: their own scripts and data only; framed by nobody (the embed pages by anybody). */
const policy = (frameAncestors: string) =>
  `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors ${frameAncestors}; form-action 'self'`;

/** A page ready to send: compressed once (a map page is about 200 KB, 60 KB compressed). */
interface Compressed {
  status: number;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

function compressed({ status, html }: Rendered): Compressed {
  const identity = Buffer.from(html);
  // Quality 5: a few milliseconds, within 5 % of the best for these pages.
  const br = brotliCompressSync(identity, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length },
  });
  return { status, identity, gzip: gzipSync(identity, { level: 6 }), br };
}

/** Rendered pages kept per version of the documents (a new poles document is a new object). */
const MOST_KEPT = 500;

export const pagesRoutes: FastifyPluginAsync<{ cache: PublicCache; publicUrl?: string }> = async (app, { cache, publicUrl }) => {
  await serverElements;
  const docs: Documents = (name) => cache.document(name);
  let kept = new Map<string, Compressed>();
  let keptFor: unknown;

  /**
   * Links relative to the page (`../poles/x`, `../cdn/…`): they work wherever the server is
   * mounted (behind a proxy, under a path). Canonical addresses are absolute.
   */
  const site = (request: FastifyRequest): Site => {
    const origin = publicUrl ? new URL(publicUrl).origin : `${request.protocol}://${request.host}`;
    const root = publicUrl ? new URL(publicUrl).href.replace(/\/?$/, '/') : `${origin}/`;
    const up = '../'.repeat(request.url.split('?')[0].split('/').length - 2);
    return { page: (path) => `${up}${path}`, file: (path) => `${up}${path}`, absolute: (path) => new URL(path, root).href, origin };
  };

  /** Renders once per version of the data, origin and key (the options, normalized). */
  const rendered = (request: FastifyRequest, key: string, render: (site: Site) => Rendered): Compressed => {
    const version = cache.document('poles.json');
    if (version !== keptFor || kept.size >= MOST_KEPT) {
      kept = new Map();
      keptFor = version;
    }
    const where = site(request);
    const full = `${where.origin} ${where.page('')} ${key}`;
    let page = kept.get(full);
    if (!page) kept.set(full, (page = compressed(render(where))));
    return page;
  };

  const send = (reply: FastifyReply, page: Compressed, embed = false) => {
    if (embed) reply.removeHeader('X-Frame-Options');
    const encoding = encodingFor(reply.request);
    if (encoding) reply.header('Content-Encoding', encoding);
    return reply
      .code(page.status)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', policy(embed ? '*' : "'none'"))
      .header('Cache-Control', 'public, no-cache')
      .header('Vary', 'Accept-Encoding')
      .send(encoding ? page[encoding] : page.identity);
  };

  type Query = { Querystring: Record<string, string> };
  type WithId = Query & { Params: { id: string } };

  app.get<WithId>('/poles/:id', (request, reply) => {
    const lang = pageLang(request.query.lang);
    const { id } = request.params;
    return send(
      reply,
      rendered(request, `pole ${lang} ${id}`, (where) => polePage(docs, where, id, { lang })),
    );
  });

  app.get<Query>('/carte', (request, reply) => {
    const lang = pageLang(request.query.lang);
    return send(
      reply,
      rendered(request, `map ${lang}`, (where) => mapPage(docs, where, { lang })),
    );
  });

  app.get<Query & { Params: { region: string } }>('/carte/:region', (request, reply) => {
    const lang = pageLang(request.query.lang);
    const region = request.params.region;
    // The 2015 regions by their code; `?regions=2015` for a code both generations use.
    const regions = request.query.regions === '2015' ? ('2015' as RegionGeneration) : undefined;
    // Unknown codes share one key (all answered 404): no entry per string a client makes up.
    const key = `map ${lang} ${regions ?? ''} ${regionGeneration(region) ? region : '?'}`;
    return send(
      reply,
      rendered(request, key, (where) => mapPage(docs, where, { lang, region, regions })),
    );
  });

  app.get<Query>('/charte', (request, reply) => {
    const lang = pageLang(request.query.lang);
    return send(
      reply,
      rendered(request, `charter ${lang}`, (where) => charterPage(docs, where, { lang })),
    );
  });

  // ——— Embed pages: the widgets' options in the query, named as the elements' attributes, and
  // their colours named as the custom properties (`ptce-color-accent`) ———

  const options = (widget: EmbedWidget, query: Record<string, unknown>) => {
    const attributes = embedAttributes(widget, query);
    const headingLevel = attributes['heading-level'] ? Number(attributes['heading-level']) : undefined;
    const style = embedStyle(query);
    return { attributes, lang: pageLang(attributes.lang), theme: attributes.theme, headingLevel, style };
  };

  app.get<Query>('/embed/carte', (request, reply) => {
    const { attributes: a, ...common } = options('carte', request.query);
    const key = `embed map ${JSON.stringify(a)} ${common.style ?? ''}`;
    const render = (where: Site) =>
      mapPage(docs, where, {
        ...common,
        embed: true,
        region: a.region,
        department: a.department,
        regions: a.regions as RegionGeneration | undefined,
        view: a.view,
        mode: a.mode,
      });
    return send(reply, rendered(request, key, render), true);
  });

  app.get<WithId>('/embed/poles/:id', (request, reply) => {
    const { id } = request.params;
    const { attributes, ...common } = options('poles', request.query);
    const key = `embed pole ${JSON.stringify(attributes)} ${common.style ?? ''} ${id}`;
    return send(
      reply,
      rendered(request, key, (where) => polePage(docs, where, id, { ...common, embed: true })),
      true,
    );
  });

  app.get<Query>('/embed/charte', (request, reply) => {
    const { attributes, ...common } = options('charte', request.query);
    const key = `embed charter ${JSON.stringify(attributes)} ${common.style ?? ''}`;
    return send(
      reply,
      rendered(request, key, (where) => charterPage(docs, where, { ...common, embed: true })),
      true,
    );
  });

  app.get<Query>('/embed/referentiel', (request, reply) => {
    const { attributes, lang, style } = options('referentiel', request.query);
    const key = `embed referentiel ${JSON.stringify(attributes)} ${style ?? ''}`;
    return send(
      reply,
      rendered(request, key, (where) => referentielEmbed(where, style ? { ...attributes, style } : attributes, lang)),
      true,
    );
  });

  app.get('/embed/frame-height.js', (_request, reply) =>
    reply.header('Content-Type', 'text/javascript; charset=utf-8').header('Cache-Control', 'public, no-cache').send(FRAME_HEIGHT_SCRIPT),
  );
};
