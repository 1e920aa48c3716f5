/**
 * Moderators hear of what waits in their territory: at once (an e-mail per item), in a daily
 * digest (kept in `digest_items`, sent by the server's timer or `npm run -w server digest`), or
 * not at all — each account's choice (`notify`). Admins' accounts cover every département.
 * Messages name the item and where to moderate it, never the sender's personal data.
 */
import type { FastifyRequest } from 'fastify';
import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import { inTerritory } from '../http/actor.js';
import type { Mailer } from '../mail/mailer.js';
import type { AccountsTable, Database } from '../store/schema.js';
import { actorOf } from './accounts.js';

export interface Notification {
  /** Where the item belongs (its pole's départements); none: admins only. */
  departements: readonly string[];
  subject: string;
  text: string;
}

export const DAY_MS = 24 * 3600_000;

/** The accounts that hear of new items, as a query built once per database (it runs on every submission). */
const notifiable = new WeakMap<Kysely<Database>, CompiledQuery<Selectable<AccountsTable>>>();
function notifiableQuery(db: Kysely<Database>): CompiledQuery<Selectable<AccountsTable>> {
  let query = notifiable.get(db);
  if (!query) {
    query = db
      .selectFrom('accounts')
      .selectAll()
      .where('disabled', '=', 0)
      .where('erased_at', 'is', null)
      .where('email', 'is not', null)
      .where('notify', '!=', 'off')
      .orderBy('id')
      .compile();
    notifiable.set(db, query);
  }
  return query;
}

/** Mails or queues the notification for every account whose territory covers it: how many of each. */
export function notifyModerators(db: Kysely<Database>, mailer: Mailer, notification: Notification) {
  return notifyAll(db, mailer, [notification]);
}

/** The same for several notifications, the accounts read once for all of them. */
export async function notifyAll(
  db: Kysely<Database>,
  mailer: Mailer,
  notifications: readonly Notification[],
): Promise<{ mailed: number; queued: number; failed: number }> {
  const { rows: accounts } = await db.executeQuery(notifiableQuery(db));
  const result = { mailed: 0, queued: 0, failed: 0 };
  if (!accounts.length) return result;
  const moderators = accounts.map((row) => ({ row, actor: actorOf(row) }));
  for (const { departements, subject, text } of notifications) {
    for (const { row: account } of moderators.filter(({ actor }) => inTerritory(actor, departements))) {
      if (account.notify === 'daily') {
        await db
          .insertInto('digest_items')
          .values({ account_id: account.id, created_at: new Date().toISOString(), subject, body: text })
          .execute();
        result.queued++;
        continue;
      }
      // One unreachable address does not keep the others from hearing.
      try {
        await mailer.send({ to: account.email!, subject, text, kind: 'notification' });
        result.mailed++;
      } catch {
        result.failed++;
      }
    }
  }
  return result;
}

/**
 * Sends each account's digest of what it queued, when its last digest (or its creation) is a
 * day old or more — or at once with `force` (the cron command). The items are taken out in a
 * transaction, so two processes never send them twice; put back if the mail fails.
 */
export async function sendDigests(db: Kysely<Database>, mailer: Mailer, { force = false, now = Date.now() } = {}): Promise<number> {
  const due = new Date(now - DAY_MS).toISOString();
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'email', 'digest_sent_at', 'created_at'])
    .where('disabled', '=', 0)
    .where('erased_at', 'is', null)
    .where('email', 'is not', null)
    .where((eb) => eb.exists(eb.selectFrom('digest_items').select('id').whereRef('digest_items.account_id', '=', 'accounts.id')))
    .execute();
  let sent = 0;
  for (const account of accounts) {
    if (!force && (account.digest_sent_at ?? account.created_at) > due) continue;
    const items = await db.transaction().execute(async (trx) => {
      const taken = await trx.deleteFrom('digest_items').where('account_id', '=', account.id).returningAll().execute();
      if (taken.length)
        await trx
          .updateTable('accounts')
          .set({ digest_sent_at: new Date(now).toISOString() })
          .where('id', '=', account.id)
          .execute();
      return taken.sort((a, b) => a.id - b.id);
    });
    if (!items.length) continue;
    try {
      await mailer.send({
        to: account.email!,
        kind: 'digest',
        subject: `Annuaire des PTCE : ${items.length} ${items.length > 1 ? 'éléments' : 'élément'} à modérer`,
        text:
          `Bonjour,\n\nVoici ce qui est arrivé dans votre territoire depuis le dernier récapitulatif.\n\n` +
          items.map((item) => `— ${item.subject}\n${item.body}`).join('\n\n') +
          '\n',
      });
      sent++;
    } catch (error) {
      await db
        .insertInto('digest_items')
        .values(items.map(({ account_id, created_at, subject, body }) => ({ account_id, created_at, subject, body })))
        .execute();
      throw error;
    }
  }
  return sent;
}

/** For the submission routes: tells the moderators without making the sender wait, a failure logged. */
export type Notifier = (request: FastifyRequest, notification: Notification) => void;

/** Notifications wait this long to go together (see moderatorNotifier). */
const GATHER_MS = 100;

/**
 * Notifications go out in groups, a tenth of a second after the first of them: under a flow of
 * submissions, the accounts are read once for the group rather than on every POST (each read after
 * another connection's write costs the main thread tens of microseconds). `flush` sends what waits
 * (the server's close awaits it before the mailer stops).
 */
export function moderatorNotifier(db: Kysely<Database>, mailer: Mailer, publicUrl?: string): Notifier & { flush(): Promise<void> } {
  let pending: { notification: Notification; log: FastifyRequest['log'] }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const sending = new Set<Promise<unknown>>();
  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (!batch.length) return;
    const sent = notifyAll(
      db,
      mailer,
      batch.map(({ notification }) => notification),
    )
      .catch((error: Error) => batch[0].log.error({ message: error.message, notifications: batch.length }, 'moderators not notified'))
      .finally(() => sending.delete(sent));
    sending.add(sent);
  };
  const notifier = (request: FastifyRequest, notification: Notification) => {
    const origin = publicUrl ?? `${request.protocol}://${request.host}`;
    const text = `${notification.text}\n\nÀ modérer sur ${origin.replace(/\/$/, '')}/admin.html`;
    pending.push({ notification: { ...notification, text }, log: request.log });
    timer ??= setTimeout(send, GATHER_MS).unref();
  };
  return Object.assign(notifier, {
    async flush() {
      send();
      await Promise.all(sending);
    },
  });
}
