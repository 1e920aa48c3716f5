// The reference server (server/src/main.ts) for the bench's cold loads of its rendered pages: a
// fresh database seeded from demo/data (the same 40 poles as the widget pages), the built
// bundles (dist/cdn), on a free port of 127.0.0.1.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** Starts it; resolves with its URL and a `stop()` once it answers. */
export async function startReferenceServer() {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PTCE_DB: join(mkdtempSync(join(tmpdir(), 'ptce-bench-')), 'ptce.sqlite'),
      PTCE_ADMIN_TOKEN: `bench-${randomBytes(24).toString('hex')}`,
      PTCE_CDN_DIR: 'dist/cdn',
      PTCE_LOG: 'off',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: () => child.kill('SIGTERM') };
}
