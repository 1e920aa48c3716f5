import Fastify, { type FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { CampaignAccess } from './campaigns.js';
import { adminAuth, MIN_ADMIN_TOKEN } from './http/admin-auth.js';
import { BODY_LIMIT, errorReplies, frameworkErrors } from './http/errors.js';
import { logging } from './http/logging.js';
import { originPolicy, proxyTrust, submissionOrigins } from './http/origins.js';
import { repo } from './paths.js';
import { rateLimits } from './http/rate-limits.js';
import { zodSchemas } from './http/schemas.js';
import { createMailer, type MailOptions } from './mail/mailer.js';
import { discoveryDocument, PublicCache } from './public-documents.js';
import { startMaintenance } from './accounts/maintenance.js';
import { moderatorNotifier } from './accounts/notify.js';
import { DEFAULT_PURGE_DAYS } from './accounts/erasure.js';
import { accountRoutes } from './routes/accounts.js';
import { actionRoutes } from './routes/actions.js';
import { adminRoutes } from './routes/admin.js';
import { adminPoleRoutes } from './routes/admin-poles.js';
import { adminOwnerRoutes } from './routes/admin-owners.js';
import { adminImportRoutes } from './routes/admin-imports.js';
import { cronScheduler } from './imports/scheduler.js';
import { startSourceSync } from './imports/sources.js';
import { ownerRoutes } from './routes/owners.js';
import { ownerPage } from './routes/owner-page.js';
import { personalDataRoutes } from './routes/personal-data.js';
import { campaignRoutes } from './routes/campaigns.js';
import { configuratorPage } from './routes/configurator.js';
import { notifyModerators } from './accounts/notify.js';
import { contactRoutes } from './routes/contact.js';
import { contributionRoutes } from './routes/contributions.js';
import { coordinationPage } from './routes/coordination.js';
import { healthRoutes } from './routes/health.js';
import { pagesRoutes } from './routes/pages.js';
import { publicDocumentRoutes } from './routes/public-documents.js';
import { referentielRoutes } from './routes/referentiels.js';
import { staticFiles } from './routes/static-files.js';
import { submissionRoutes } from './routes/submissions.js';
import type { Store } from './store/types.js';
import type { StaticDir } from './routes/static-files.js';
import type { OpenDataOptions } from './open-data/index.js';

export { MIN_ADMIN_TOKEN };

export interface AppOptions {
  store: Store;
  /** Bearer token of the admin routes: 32 characters at least. */
  adminToken: string;
  /**
   * The address the public reaches the server at (`https://ptce.example.org`), behind a proxy
   * that terminates TLS: the origin that may POST to the admin routes.
   */
  publicUrl?: string;
  /**
   * Believe X-Forwarded-* headers (client address, protocol, host) from these proxies: a number
   * of hops (the closest ones; `true` is one), or their addresses and CIDR ranges.
   */
  trustProxy?: boolean | number | string[];
  /** Seconds browsers and CDNs may keep the public documents without asking (default 0: ask each time, 304 if unchanged). */
  cacheMaxAge?: number;
  /** How often to look for changes made by another server process (default 1 s). */
  revisionPollMs?: number;
  /** Origins allowed to POST (the server's own origin always is). */
  allowedOrigins?: string[];
  /** POSTs allowed per client address and minute. */
  postsPerMinute?: number;
  /** Contact messages ("Contacter ce pôle") one client address may send per hour (default 10). */
  contactsPerHour?: number;
  /** Answer sets one campaign takes at most (default 500). */
  campaignMaxAnswers?: number;
  /** Wrong campaign codes or coordinator keys allowed per client address in 15 minutes (default 10). */
  secretAttempts?: number;
  /** Outgoing e-mail (PTCE_SMTP_URL, PTCE_MAIL_FROM); without an SMTP URL, messages wait in the outbox. */
  mail?: MailOptions;
  /** The open data's licence and sources (PTCE_DATA_LICENCE, PTCE_DATA_SOURCES). */
  openData?: OpenDataOptions;
  /** Days a rejected submission keeps its personal fields (PTCE_PURGE_DAYS, default 90). */
  purgeDays?: number;
  /** Folders served as static files: the demo page and the embed bundle. */
  staticDirs?: StaticDir[];
  /** The configurator's bundle (/configurer.js); default dist/configurator/ptce-configurator.js. */
  configuratorBundle?: string;
  /** true: request and error logs; 'errors': errors only (PTCE_LOG=off); false: none (tests). */
  logger?: boolean | 'errors';
  /** Time a client has to send a whole request, headers and body (default 30 s); also the longest silence on a connection with a request open. */
  requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open (default 72 s: longer than the usual proxies'). */
  keepAliveTimeoutMs?: number;
  /** How often to look for sources due to re-import (PTCE_SOURCES_CHECK_SECONDS); absent or 0: never (tests). */
  sourceCheckMs?: number;
}

/**
 * The server: shared pieces on the root instance (error answers, zod schemas, rate limits), then
 * one plugin per area (routes/), all but the public documents behind the origin policy.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, adminToken } = options;
  if (adminToken.length < MIN_ADMIN_TOKEN) throw new Error(`the admin token must have ${MIN_ADMIN_TOKEN} characters at least`);

  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const { options: loggerOptions, errorLog } = logging(options.logger ?? false);
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    // A client that stalls (slow headers, a body that never ends, a silent connection) is cut off.
    requestTimeout,
    connectionTimeout: requestTimeout,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 72_000,
    // Node checks the request timeouts every 30 s by default: a stalled client would stay that long.
    http: { headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) },
    trustProxy: proxyTrust(options.trustProxy),
    frameworkErrors,
    // Method, path and status only (http/logging.ts); errors only without a request id to tie them to.
    ...loggerOptions,
  });
  // What is not a request's (timers, a crash) logs through app.log: with errors only, the same logger.
  if (errorLog) app.log = errorLog;
  // JSON only: a text/plain body is refused with 415 rather than parsed.
  app.removeContentTypeParser('text/plain');
  errorReplies(app);
  zodSchemas(app);
  // Every answer, whoever asks: no guessing its type, no referrer sent from a page of the server.
  // (Hooks with a callback, not async: a promise per hook per request is measurable on the busiest routes.)
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    // Framed by no site: only the embed pages (routes/pages.ts) say otherwise.
    reply.header('X-Frame-Options', 'DENY');
    done();
  });
  // The same for browsers that read only the policy, on the answers that set none of their own.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('Content-Security-Policy') && !reply.raw.hasHeader('Content-Security-Policy')) {
      reply.header('Content-Security-Policy', "frame-ancestors 'none'");
    }
    done(null, payload);
  });
  await app.register(healthRoutes, { store });
  await app.register(rateLimits, { postsPerMinute: options.postsPerMinute ?? 20 });

  // The public documents, in memory, rebuilt when the data changes (here or in another process).
  const discovery = discoveryDocument();
  const cache = new PublicCache(store, discovery, { publisher: discovery.name, ...options.openData });
  await cache.refresh();
  cache.watch(options.revisionPollMs ?? 1000);
  app.addHook('onClose', async () => cache.stop());
  await app.register(publicDocumentRoutes, { cache, cacheMaxAge: options.cacheMaxAge });
  // The server-rendered pages and the embed pages (src/ssr/).
  await app.register(pagesRoutes, { cache, publicUrl: options.publicUrl });

  const mailer = createMailer(store.db, options.mail);
  // Moderators hear of each new submission in their territory (accounts/notify.ts); what waits is
  // sent before the mailer stops.
  const notify = moderatorNotifier(store.db, mailer, options.publicUrl);
  app.addHook('onClose', async () => {
    await notify.flush();
    await mailer.close();
  });

  const admin = adminAuth(app, adminToken, store.db);
  const purgeDays = options.purgeDays ?? DEFAULT_PURGE_DAYS;
  startMaintenance(app, store.db, mailer, { purgeDays });
  const campaigns = new CampaignAccess(app, store, cache, options.secretAttempts, options.campaignMaxAnswers);
  const origins = { publicUrl: options.publicUrl, allowedOrigins: options.allowedOrigins };
  // The widgets' submissions, the busiest writes: the origin policy without the plugin (see http/origins.ts).
  await app.register(async (submissions) => {
    await submissions.register(submissionOrigins, origins);
    await submissions.register(submissionRoutes, { store, cache, campaigns, notify });
  });
  // Everything else behind the origin policy and @fastify/cors (see http/origins.ts).
  await app.register(async (api) => {
    await api.register(originPolicy, origins);
    await api.register(campaignRoutes, { store, access: campaigns, admin });
    await api.register(actionRoutes, { store, cache, admin, notify });
    await api.register(adminRoutes, { store, cache, admin, mailer });
    await api.register(adminPoleRoutes, { db: store.db, cache, admin });
    await api.register(adminOwnerRoutes, { db: store.db, cache, admin, mailer, publicUrl: options.publicUrl });
    await api.register(ownerRoutes, { db: store.db, cache, notify });
    await api.register(adminImportRoutes, { db: store.db, cache, admin });
    await api.register(referentielRoutes, { store, cache, admin, cacheMaxAge: options.cacheMaxAge });
    await api.register(accountRoutes, { store, admin, mailer, publicUrl: options.publicUrl });
    await api.register(personalDataRoutes, { store, cache, admin, purgeDays });
    await api.register(contributionRoutes, {
      store,
      cache,
      admin,
      notify: async (departements, subject, text) => void (await notifyModerators(store.db, mailer, { departements, subject, text })),
    });
    await api.register(contactRoutes, { store, cache, admin, mailer, contactsPerHour: options.contactsPerHour });
    await api.register(coordinationPage);
    await api.register(ownerPage);
    await api.register(configuratorPage, {
      bundle: options.configuratorBundle ?? join(repo, 'dist', 'configurator', 'ptce-configurator.js'),
    });
    await api.register(staticFiles, { dirs: options.staticDirs ?? [] });
  });
  if (options.sourceCheckMs) {
    const sync = startSourceSync(store.db, cronScheduler(), options.sourceCheckMs, () => cache.refresh());
    app.addHook('onClose', () => sync.stop());
  }
  return app;
}
