import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { admin, backEnd, post, repo, signature, startProcess, stopProcess, tempDatabase, type ServerProcess } from './helpers.js';

/** A command as an operator types it, at the top of the repository: its exit code and output. */
function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const databaseEnv = (database: string): Record<string, string> =>
  database.startsWith('postgres') ? { PTCE_DATABASE_URL: database } : { PTCE_DB: database, PTCE_DATABASE_URL: '' };

/**
 * Signatures posted by 6 clients until `backup` has run; the references acknowledged before it
 * began (those the backup must hold) and all of them.
 */
async function burstDuring(server: ServerProcess, backup: () => Promise<void>) {
  const acknowledged: string[] = [];
  let before: string[] | undefined;
  let done = false;
  const sender = async (worker: number) => {
    for (let i = 0; !done; i++) {
      const response = await post(`${server.url}/api/signatures`, signature({ place: `Sauvegarde ${worker}-${i}` }));
      assert.equal(response.status, 201);
      acknowledged.push((await response.json()).reference);
    }
  };
  const backupRun = (async () => {
    while (acknowledged.length < 40) await new Promise((r) => setImmediate(r));
    before = [...acknowledged];
    try {
      await backup();
    } finally {
      done = true;
    }
  })();
  await Promise.all([backupRun, ...[0, 1, 2, 3, 4, 5].map(sender)]);
  return { before: before!, acknowledged };
}

async function storedReferences(database: string): Promise<Set<string>> {
  const restored = await startProcess(database, { PTCE_LOG: 'off' });
  try {
    const { signatures } = await (await admin(`${restored.url}/api/admin/signatures`)).json();
    return new Set(signatures.map((s: { reference: string }) => s.reference));
  } finally {
    await stopProcess(restored);
  }
}

describe(`backup and restore (${backEnd})`, () => {
  it(
    'npm run backup copies SQLite during a burst of POSTs; restored into an empty folder, every signature acknowledged before is there',
    { skip: backEnd !== 'sqlite' },
    async () => {
      const database = await tempDatabase();
      const server = await startProcess(database, { PTCE_LOG: 'off' });
      const backupFile = join(mkdtempSync(join(tmpdir(), 'ptce-backup-')), 'ptce-backup.sqlite');
      let result: { code: number | null; output: string } | undefined;
      try {
        const { before, acknowledged } = await burstDuring(server, async () => {
          result = await run('npm', ['run', '--silent', 'backup', '--', backupFile], databaseEnv(database));
        });
        assert.equal(result!.code, 0, result!.output);
        assert.match(result!.output, /backup of .* written to .*ptce-backup\.sqlite \(\d+ signatures/);
        assert.ok(acknowledged.length > before.length, 'the server kept taking signatures during the backup');

        const folder = mkdtempSync(join(tmpdir(), 'ptce-restore-'));
        assert.deepEqual(readdirSync(folder), []);
        copyFileSync(backupFile, join(folder, 'ptce.sqlite'));
        const stored = await storedReferences(join(folder, 'ptce.sqlite'));
        const lost = before.filter((reference) => !stored.has(reference));
        assert.deepEqual(lost, [], `${lost.length} acknowledged signatures missing from the backup`);
        // Nothing the server never acknowledged either.
        const known = new Set(acknowledged);
        assert.ok([...stored].every((reference) => known.has(reference)));
      } finally {
        await stopProcess(server);
      }
      // The same name again: refused, the backup left as it is.
      const again = await run('npm', ['run', '--silent', 'backup', '--', backupFile], databaseEnv(database));
      assert.notEqual(again.code, 0);
      assert.match(again.output, /exists already/);
    },
  );

  it('refuses to back up a SQLite file that does not exist (and creates none)', { skip: backEnd !== 'sqlite' }, async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'ptce-none-')), 'typo.sqlite');
    const target = join(mkdtempSync(join(tmpdir(), 'ptce-backup-')), 'b.sqlite');
    const result = await run('npm', ['run', '--silent', 'backup', '--', target], databaseEnv(missing));
    assert.notEqual(result.code, 0);
    assert.match(result.output, /no database at/);
    assert.ok(!existsSync(missing) && !existsSync(target));
  });

  it(
    'on PostgreSQL, names pg_dump and its command; that command, run during a burst, restores every acknowledged signature',
    { skip: backEnd !== 'postgres' },
    async () => {
      const database = await tempDatabase();
      const server = await startProcess(database, { PTCE_LOG: 'off' });
      const dumpFile = join(mkdtempSync(join(tmpdir(), 'ptce-backup-')), 'ptce.dump');
      const advice = await run('npm', ['run', '--silent', 'backup', '--', dumpFile], databaseEnv(database));
      assert.notEqual(advice.code, 0, 'nothing was written: not a success');
      assert.match(advice.output, /pg_dump/);
      const dump = /^\s*(pg_dump .*)$/m.exec(advice.output)![1];
      const restore = /^\s*(pg_restore .*)$/m.exec(advice.output)![1];
      try {
        const { before } = await burstDuring(server, async () => {
          const dumped = await run('bash', ['-c', dump], databaseEnv(database));
          assert.equal(dumped.code, 0, dumped.output);
        });
        const empty = await tempDatabase();
        const restored = await run('bash', ['-c', restore], { NEW_DATABASE_URL: empty });
        assert.equal(restored.code, 0, restored.output);
        const stored = await storedReferences(empty);
        const lost = before.filter((reference) => !stored.has(reference));
        assert.deepEqual(lost, [], `${lost.length} acknowledged signatures missing from the restored database`);
      } finally {
        await stopProcess(server);
      }
    },
  );
});
