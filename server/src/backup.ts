// `npm run backup -- <file>`: a consistent copy of the server's SQLite database, taken while the
// server runs (`VACUUM INTO` reads one snapshot: every write acknowledged before it began is in
// it, none half-written). Copying the file itself can miss what is still in the -wal file.
// The database is the server's (PTCE_DATABASE_URL or PTCE_DB, as for `npm start`). PostgreSQL has
// its own tool, pg_dump: this prints the command.
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const args = process.argv.slice(2);
if (args.length !== 1 || args[0].startsWith('-')) {
  console.error('usage: npm run backup -- <backup file>');
  process.exit(2);
}
const target = resolve(args[0]);

if (process.env.PTCE_DATABASE_URL) {
  // The URL may hold a password: the command names the variable, not its value.
  console.error(`ptce: the database is PostgreSQL: back it up with pg_dump, while the server runs:
  pg_dump --format=custom --file=${JSON.stringify(target)} "$PTCE_DATABASE_URL"
and restore it into a new, empty database (then point PTCE_DATABASE_URL at it):
  pg_restore --no-owner --dbname="$NEW_DATABASE_URL" ${JSON.stringify(target)}`);
  process.exit(1);
}

const source = resolve(process.env.PTCE_DB ?? `${repo}/data/ptce.sqlite`);
if (!existsSync(source)) {
  console.error(`ptce: no database at ${source} (set PTCE_DB to the server's file)`);
  process.exit(1);
}
if (existsSync(target)) {
  console.error(`ptce: ${target} exists already: name a new file`);
  process.exit(1);
}

const partial = `${target}.partial`;
rmSync(partial, { force: true });
const db = new Database(source, { fileMustExist: true });
try {
  // Wait for a writer rather than fail (the snapshot itself never blocks the server's writes).
  db.pragma('busy_timeout = 15000');
  db.prepare('VACUUM INTO ?').run(partial);
} finally {
  db.close();
}
// Checked, on disk, then given its name: a backup file is never a half-written one.
const copy = new Database(partial, { readonly: true });
let counts: string;
try {
  const check = copy.pragma('integrity_check', { simple: true });
  if (check !== 'ok') throw new Error(`the copy fails its integrity check: ${String(check)}`);
  const count = (table: string) => (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  counts = ['signatures', 'assessments', 'campaigns', 'actions'].map((table) => `${count(table)} ${table}`).join(', ');
} finally {
  copy.close();
}
const fd = openSync(partial, 'r');
fsyncSync(fd);
closeSync(fd);
renameSync(partial, target);
const dir = openSync(dirname(target), 'r');
fsyncSync(dir);
closeSync(dir);
console.log(`ptce: backup of ${source} written to ${target} (${counts})`);
