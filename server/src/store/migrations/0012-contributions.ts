import { sql, type Kysely } from 'kysely';
import { identity, type Dialect } from './columns.js';

/** Contributions from the public (a new pole, a correction), pending until a moderator decides. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('contributions')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('new-pole', 'correction')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status IN ('pending', 'approved', 'rejected', 'merged')`),
    )
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('pole_id', 'text')
    .addColumn('departements', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('contributor_name', 'text')
    .addColumn('contributor_email', 'text')
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema.createIndex('contributions_status').on('contributions').column('status').execute();
}
