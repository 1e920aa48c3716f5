import type { Kysely } from 'kysely';
import { identity, type Dialect } from './columns.js';

/**
 * What waits for a moderator's daily digest (accounts/notify.ts), and the mark of a submission
 * whose personal fields were erased (accounts/erasure.ts): the row stays, so counts and decisions do.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('digest_items')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('account_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('digest_items_account').on('digest_items').column('account_id').execute();
  for (const table of ['signatures', 'actions', 'assessments']) {
    await db.schema.alterTable(table).addColumn('erased_at', 'text').execute();
  }
}
