// The server's logs: a request's method, path and status only (no query strings, bodies,
// addresses or headers: personal data).
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import pino from 'pino';

const serializers = {
  req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
  res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
};

/**
 * Fastify's logger options for `true` (every request and error), 'errors' (PTCE_LOG=off: errors
 * only) or false (none); with 'errors', also the logger for what is not a request's (timers, a
 * crash), to put in `app.log`. Errors only is not given to Fastify as its logger: with one, it
 * watches the end of every response in order to log it, which cost each request about a
 * microsecond (8 % of a public document's GET). Each request takes it from `childLoggerFactory`.
 */
export function logging(mode: boolean | 'errors'): {
  options: Pick<FastifyServerOptions, 'logger' | 'childLoggerFactory'>;
  errorLog?: FastifyBaseLogger;
} {
  if (mode !== 'errors') return { options: { logger: mode ? { level: 'info', serializers } : false } };
  const errorLog = pino({ level: 'error', serializers: { err: pino.stdSerializers.err, ...serializers } });
  return { options: { logger: false, childLoggerFactory: () => errorLog }, errorLog };
}
