import type { Kysely } from 'kysely';
import { identity, type Dialect } from './columns.js';

/**
 * A pole's private contact (where "Contacter ce pôle" messages go, never published), and the log
 * of the messages relayed: who, when, to which pole, never what they said.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('pole_contacts')
    .addColumn('pole_id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('contact_log')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('pole_id', 'text', (c) => c.notNull())
    .addColumn('sender_name', 'text')
    .addColumn('sender_email', 'text')
    .addColumn('offer', 'text')
    .execute();
}
