import { sql, type Kysely } from 'kysely';

/**
 * A counter bumped with every change to the public documents, so that each server process knows
 * when to rebuild its copy of them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('public_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO public_revision (id, revision) VALUES (1, 0)`.execute(db);
}
