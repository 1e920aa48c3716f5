import type { Kysely } from 'kysely';
import { identity, type Dialect } from './columns.js';

/** E-mails the server would send, kept when no SMTP server is set (the demo): the admin page shows them. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', identity(dialect))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .execute();
}
