import { sql, type Kysely } from 'kysely';
import { identity, type Dialect } from './columns.js';

/**
 * Poles become records: a version (the number of their latest revision), archived or not, dated;
 * every change is a row of `pole_revisions`. The poles already stored get their revision 1
 * (action `import`, author the system). A signature approved into a new pole names it (`pole_id`).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const now = new Date().toISOString();
  await db.schema
    .alterTable('poles')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('poles').addColumn('archived_at', 'text').execute();
  await db.schema
    .alterTable('poles')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable('pole_revisions')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('pole_id', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) =>
      c.notNull().check(sql`action IN ('create', 'update', 'archive', 'restore', 'revert', 'import', 'owner')`),
    )
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    // Two writers of the same version: the second fails instead of forking the history.
    .addUniqueConstraint('pole_revisions_pole_n', ['pole_id', 'n'])
    .execute();
  await sql`INSERT INTO pole_revisions (pole_id, n, at, author_kind, author_id, author_label, action, before, after)
    SELECT id, 1, ${now}, 'system', NULL, 'système', 'import', NULL, body FROM poles`.execute(db);
  await db.schema.alterTable('signatures').addColumn('pole_id', 'text').execute();
}
