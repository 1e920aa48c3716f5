import type { Kysely } from 'kysely';

/**
 * Wrong passwords counted per window (accounts/throttle.ts), in the database so that every server
 * process and machine counts the same attempts. Keys are hashes of the e-mail and address, and a
 * row goes once its window has passed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .execute();
}
