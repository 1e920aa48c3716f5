import type Database from 'better-sqlite3';

/** Settings of every connection to the file, the main thread's and the writer's. */
export function configure(db: Database.Database): void {
  // First, so that even opening waits for another process rather than failing.
  db.pragma('busy_timeout = 15000');
  db.pragma('journal_mode = WAL');
  // FULL: an acknowledged write is on disk before the answer leaves, even if the machine stops.
  db.pragma('synchronous = FULL');
}
