import type { FastifyPluginAsync } from 'fastify';

/** Registers a plugin on the instance itself, not in a scope of its own (Fastify's 'skip-override', as fastify-plugin does). */
export function unencapsulated<T extends FastifyPluginAsync<never>>(plugin: T): T {
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
