import { sql, type Kysely } from 'kysely';
import { identity, type Dialect } from './columns.js';

/** Named accounts (admins, moderators), their password-set links and their sessions (accounts/). */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'integer', identity(dialect))
    // Case-folded; null once the account is erased (UNIQUE lets several nulls be).
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('name', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'moderator')`))
    .addColumn('regions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('departements', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('password_hash', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notify', 'text', (c) =>
      c
        .notNull()
        .defaultTo('immediate')
        .check(sql`notify IN ('immediate', 'daily', 'off')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('digest_sent_at', 'text')
    .addColumn('erased_at', 'text')
    .execute();
  await db.schema
    .createTable('password_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('password_links_account').on('password_links').column('account_id').execute();
  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
}
