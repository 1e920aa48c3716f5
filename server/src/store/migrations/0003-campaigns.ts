import type { Kysely } from 'kysely';

/** Campaigns ("regards croisés"), and the campaign each answer set went into. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pole_id', 'text', (c) => c.notNull())
    .addColumn('referentiel_id', 'text', (c) => c.notNull())
    .addColumn('referentiel_version', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text')
    .addColumn('closes_on', 'text')
    .addColumn('roles', 'text')
    .addColumn('respondent_code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('coordinator_key_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('summary', 'text')
    .execute();
  await db.schema.createIndex('campaigns_pole').on('campaigns').column('pole_id').execute();
  await db.schema
    .alterTable('assessments')
    .addColumn('campaign_id', 'text', (c) => c.references('campaigns.id'))
    .execute();
  await db.schema.createIndex('assessments_campaign').on('assessments').column('campaign_id').execute();
}
