import type { Kysely } from 'kysely';

/**
 * Imports into the directory (imports/): each import is previewed, then applied or discarded;
 * `pole_source_ids` remembers which pole a source's own id became, so that the next import of
 * that source finds the same pole (ids stay stable across imports).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('written', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('preview', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createTable('pole_source_ids')
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('pole_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pole_source_ids_pk', ['source_key', 'external_id'])
    .execute();
  await db.schema.createIndex('pole_source_ids_pole').on('pole_source_ids').column('pole_id').execute();
}
