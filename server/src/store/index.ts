import { PostgresStore, type PostgresTimeouts } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type { Store } from './types.js';

/** `postgres://…` (or `postgresql://…`) opens PostgreSQL; anything else is a SQLite file path. */
export function openStore(database: string, timeouts?: PostgresTimeouts): Promise<Store> {
  return /^postgres(ql)?:\/\//.test(database) ? PostgresStore.open(database, timeouts) : SqliteStore.open(database);
}
