/**
 * The server's own timer for accounts' chores: the daily digests (sent once an account's last one
 * is a day old) and the purge of rejected submissions' personal fields (at start, then daily).
 * Several processes may run it on one database: each chore takes its rows in a transaction.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Mailer } from '../mail/mailer.js';
import type { Database } from '../store/schema.js';
import { purgeRejected } from './erasure.js';
import { DAY_MS, sendDigests } from './notify.js';

export interface MaintenanceOptions {
  /** PTCE_PURGE_DAYS (default 90). */
  purgeDays: number;
  /** How often to look for digests due (default one hour). */
  intervalMs?: number;
}

export function startMaintenance(app: FastifyInstance, db: Kysely<Database>, mailer: Mailer, options: MaintenanceOptions): void {
  let lastPurge = 0;
  const tick = async () => {
    try {
      if (Date.now() - lastPurge >= DAY_MS) {
        lastPurge = Date.now();
        const purged = await purgeRejected(db, options.purgeDays);
        if (purged) app.log.info({ purged }, 'personal fields of rejected submissions purged');
      }
      await sendDigests(db, mailer);
    } catch (error) {
      app.log.error({ message: (error as Error).message }, 'accounts maintenance failed');
    }
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await tick();
    timer = setInterval(tick, options.intervalMs ?? 3600_000);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
