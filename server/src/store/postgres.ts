import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrate } from './migrations/index.js';
import type { Database } from './schema.js';
import { KyselyStore } from './store.js';

/**
 * PostgreSQL, for several server processes or machines on one database: the store (store.ts)
 * through a pool. Idempotency rests on the unique constraints.
 */
export class PostgresStore extends KyselyStore {
  private constructor(db: Kysely<Database>) {
    super('postgres', db);
  }

  static async open(url: string): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PTCE_DATABASE_POOL ?? 10) });
    // An idle connection that the database drops must not take the process down.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      await migrate(db, 'postgres');
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return new PostgresStore(db);
  }
}
