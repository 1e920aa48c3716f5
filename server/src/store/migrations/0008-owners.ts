import { sql, type Kysely } from 'kysely';
import { identity, type Dialect } from './columns.js';

/**
 * Owners (a pole's managers): their claims, the owners approved, single-use links and sessions
 * (both stored as the SHA-256 of the token), their edits waiting for moderation; a fiche action
 * its pole withdrew.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('owner_claims')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('pole_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status IN ('pending', 'approved', 'rejected')`),
    )
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('erased_at', 'text')
    .addColumn('owner_id', 'integer')
    .execute();
  await db.schema
    .createTable('owners')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('pole_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('trusted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'text')
    .execute();
  for (const table of ['owner_links', 'owner_sessions']) {
    await db.schema
      .createTable(table)
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
  }
  await db.schema
    .createTable('owner_edits')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('pole_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status IN ('pending', 'decided')`),
    )
    .addColumn('base_version', 'integer', (c) => c.notNull())
    // JSON: [{ field, before, after, decision }]
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.alterTable('actions').addColumn('withdrawn_at', 'text').execute();
}
