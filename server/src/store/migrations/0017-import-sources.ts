import type { Kysely } from 'kysely';
import { identity, type Dialect } from './columns.js';

/**
 * Sources kept in step (imports/sources.ts): a URL, a format and a period. `lock_owner` and
 * `lock_expires_at` make a run the only one of its source across processes and machines;
 * `next_run_at`, taken with the lock, makes it the only one of its period.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('import_sources')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('taxonomy_url', 'text')
    .addColumn('period_minutes', 'integer', (c) => c.notNull())
    .addColumn('max_archive_share', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'text')
    .addColumn('last_failure_at', 'text')
    .addColumn('last_failure', 'text')
    .addColumn('last_import_id', 'text')
    .addColumn('lock_owner', 'text')
    .addColumn('lock_expires_at', 'text')
    .execute();
}
