import type { ColumnDefinitionBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The one place where the back ends' SQL differs: a row id. SQLite's `INTEGER PRIMARY KEY` is the
 * row id itself; PostgreSQL numbers rows with an identity column.
 */
export const identity = (dialect: Dialect) => (column: ColumnDefinitionBuilder) =>
  dialect === 'postgres' ? column.primaryKey().generatedByDefaultAsIdentity() : column.primaryKey();
