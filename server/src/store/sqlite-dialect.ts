import Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';

/** A connection to the file, with the settings of every one (the main thread's and the writer's). */
export function openSqlite(file: string): Database.Database {
  const db = new Database(file);
  // First, so that even opening waits for another process rather than failing.
  db.pragma('busy_timeout = 15000');
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged write is on disk before the answer leaves, even if the machine stops.
  db.pragma('synchronous = FULL');
  return db;
}

/** Kysely's driver prepares each query again every time: here, once per connection. */
function preparedOnce(db: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        // The queries are a fixed set; should they not be, the cache starts again.
        if (statements.size > 500) statements.clear();
        statements.set(sql, (statement = db.prepare(sql)));
      }
      return statement;
    },
  };
}

/**
 * A write transaction takes the write lock at once (`BEGIN IMMEDIATE`): another process holding
 * it makes this one wait (busy timeout) instead of failing when its first write comes. A read-only
 * transaction takes no lock, so reads never wait for writes.
 */
class LockFirstDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'BEGIN' : 'BEGIN IMMEDIATE'));
  }
}

/** SQLite does run schema changes in transactions: Kysely's Migrator then migrates atomically. */
class TransactionalDdlAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect over better-sqlite3, with the two changes above. */
export class StoreSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  /** A connection, or a promise of one (the first query waits for it). */
  constructor(db: Database.Database | (() => Promise<Database.Database>)) {
    const config = { database: typeof db === 'function' ? async () => preparedOnce(await db()) : preparedOnce(db) };
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new LockFirstDriver(this.#config);
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlAdapter();
  }
}
