import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Database } from '../schema.js';
import type { Dialect } from './columns.js';
import * as initial from './0001-initial.js';
import * as publicRevision from './0002-public-revision.js';
import * as campaigns from './0003-campaigns.js';
import * as actions from './0004-actions.js';
import * as outbox from './0005-outbox.js';
import * as auditLog from './0006-audit.js';
import * as poleRecords from './0007-pole-records.js';
import * as owners from './0008-owners.js';
import * as referentielVersions from './0014-referentiel-versions.js';
import * as accounts from './0010-accounts.js';
import * as digestErasure from './0011-digest-erasure.js';
import * as contributions from './0012-contributions.js';
import * as poleContact from './0013-pole-contact.js';
import * as imports from './0016-imports.js';
import * as importSources from './0017-import-sources.js';
import * as loginAttempts from './0018-login-attempts.js';

/**
 * Schema changes, in order, for both back ends. Never edit a released one: add the next file and
 * its line here. Kysely's Migrator records in `kysely_migration` which ran, so an existing
 * database is brought up to date at start.
 */
const MIGRATIONS: [string, (db: Kysely<unknown>, dialect: Dialect) => Promise<void>][] = [
  ['0001-initial', initial.up],
  ['0002-public-revision', publicRevision.up],
  ['0003-campaigns', campaigns.up],
  ['0004-actions', actions.up],
  ['0005-outbox', outbox.up],
  ['0006-audit', auditLog.up],
  ['0007-pole-records', poleRecords.up],
  ['0008-owners', owners.up],
  ['0010-accounts', accounts.up],
  ['0011-digest-erasure', digestErasure.up],
  ['0012-contributions', contributions.up],
  ['0013-pole-contact', poleContact.up],
  ['0014-referentiel-versions', referentielVersions.up],
  ['0016-imports', imports.up],
  ['0017-import-sources', importSources.up],
  ['0018-login-attempts', loginAttempts.up],
];

/** How many migrations this release has: a database brought up to date reports this version. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Held while migrating or seeding PostgreSQL, so that processes starting together take turns. */
export const SETUP_LOCK = 0x70746365;

/** The bookkeeping tables: ours before Kysely (version numbers), and Kysely's. */
type Bookkeeping = {
  schema_migrations: { version: number; applied_at: string };
  kysely_migration: { name: string; timestamp: string };
};

function migrator(db: Kysely<Database>, dialect: Dialect): Migrator {
  const migrations = Object.fromEntries(MIGRATIONS.map(([name, up]): [string, Migration] => [name, { up: (db) => up(db, dialect) }]));
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/**
 * Brings the database up to date (both tables of bookkeeping, the old one adopted first).
 * Forward only: there are no down migrations, and a database that a newer release migrated
 * further is refused rather than used with a schema this code does not know.
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  await adoptVersions(db, dialect);
  await refuseNewer(db);
  const { error } = await migrator(db, dialect).migrateToLatest();
  if (error) throw error;
}

/** How many migrations the database has had (SCHEMA_VERSION once up to date). */
export async function schemaVersion(db: Kysely<Database>, dialect: Dialect): Promise<number> {
  return (await migrator(db, dialect).getMigrations()).filter((migration) => migration.executedAt).length;
}

/** Throws if the database ran a migration this code does not have: it is newer than the code. */
async function refuseNewer(db: Kysely<Database>): Promise<void> {
  if (!(await db.introspection.getTables({ withInternalKyselyTables: true })).some((t) => t.name === 'kysely_migration')) return;
  const known = new Set(MIGRATIONS.map(([name]) => name));
  const ran = await db.withTables<Bookkeeping>().selectFrom('kysely_migration').select('name').orderBy('name').execute();
  const unknown = ran.map((row) => row.name).filter((name) => !known.has(name));
  if (unknown.length) {
    throw new Error(
      `this database was upgraded by a newer release of the server (migrations unknown to this one: ${unknown.join(', ')}); ` +
        'run that release or a later one, or restore a backup taken before the upgrade (migrations only go forward)',
    );
  }
}

/**
 * Databases created before Kysely recorded their migrations as version numbers in
 * `schema_migrations`: version n is the n-th migration of the list. They are written into
 * Kysely's table (with the date each ran), and the old table goes, in one transaction.
 */
async function adoptVersions(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`.execute(trx);
    const tables = await trx.introspection.getTables();
    if (!tables.some((table) => table.name === 'schema_migrations')) return;
    const old = trx.withTables<Bookkeeping>();
    const versions = await old.selectFrom('schema_migrations').select(['version', 'applied_at']).orderBy('version').execute();
    let last = '';
    const rows = versions.map(({ version, applied_at }, index) => {
      if (version !== index + 1 || version > MIGRATIONS.length) throw new Error(`schema_migrations: unknown version ${version}`);
      // Kysely orders the migrations that ran by date: never earlier than the one before.
      last = applied_at > last ? applied_at : last;
      return { name: MIGRATIONS[index][0], timestamp: last };
    });
    // The table as Kysely's Migrator creates it.
    await old.schema
      .createTable('kysely_migration')
      .ifNotExists()
      .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute();
    if (rows.length) await old.insertInto('kysely_migration').values(rows).execute();
    await old.schema.dropTable('schema_migrations').execute();
  });
}
