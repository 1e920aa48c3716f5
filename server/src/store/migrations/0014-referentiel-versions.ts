import type { Kysely } from 'kysely';

/**
 * Every version of the référentiel ever served (referentiels/versions.ts): campaigns are answered,
 * exported and published in their own. The current one stays in `documents` (referentiel.json).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referentiel_versions')
    .addColumn('referentiel_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('referentiel_versions_pk', ['referentiel_id', 'version'])
    .execute();
}
