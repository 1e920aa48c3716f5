// Starts the real reference server (server/src/main.ts) for the browser tests, on a free port with
// a fresh database, allowing POSTs from the test page's origin. Tests ask for its URL and admin
// token with the `real-server` command.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

export function realServer() {
  let child;
  let info;
  return {
    /**
     * `/real/<path>` on the test server is the real server's `/<path>`: a page of the real server
     * (the admin page) then runs in a frame of the test page's origin, where real input reaches it.
     */
    async middleware(ctx, next) {
      if (!ctx.path.startsWith('/real/') || !info) return next();
      await proxy(ctx, `${info.url}${ctx.url.slice('/real'.length)}`);
    },
    name: 'ptce-real-server',
    async serverStart({ config }) {
      const token = `test-${randomBytes(24).toString('hex')}`;
      // The server's own pages (the coordinator's) load the embed bundle from /cdn/: the quick one.
      execFileSync(process.execPath, ['scripts/build-demo.mjs'], { stdio: 'ignore' });
      const started = await startRealServer(config.port, { PTCE_ADMIN_TOKEN: token });
      child = started.child;
      const url = started.url;
      info = { url, token };
    },
    async serverStop() {
      child?.kill('SIGTERM');
    },
    async executeCommand({ command, payload }) {
      if (command === 'real-server') return info;
      // The admin API is called from the Node side, as an administrator's tool would (a JSON body
      // is POSTed with an Idempotency-Key, as the submission routes want).
      if (command === 'real-server-admin') {
        const { path, method = 'GET', body } = payload;
        const headers = { Authorization: `Bearer ${info.token}` };
        if (body) Object.assign(headers, { 'Content-Type': 'application/json', 'Idempotency-Key': `test-${Date.now()}-${Math.random()}` });
        const response = await fetch(`${info.url}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
        return { status: response.status, body: await response.json() };
      }
      return undefined;
    },
  };
}

/**
 * One instance of the real server on a free port with a fresh database, allowing writes from the
 * test page's origin (`webPort`); `env` adds or overrides variables. Resolves once it answers.
 */
export async function startRealServer(webPort, env = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ptce-wtr-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PTCE_DB: join(dir, 'ptce.sqlite'),
      PTCE_ALLOWED_ORIGINS: `http://localhost:${webPort},http://127.0.0.1:${webPort}`,
      PTCE_LOG: 'off',
      PTCE_CDN_DIR: 'dist-demo/cdn',
      // Several test files send answers to this one server within a minute.
      PTCE_POSTS_PER_MINUTE: '1000',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/ptce.json`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { child, url };
}

/** Answers the test server's request with the real server's answer to the same request at `target`. */
export async function proxy(ctx, target) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const headers = {};
  for (const name of ['authorization', 'content-type', 'idempotency-key', 'origin']) if (ctx.get(name)) headers[name] = ctx.get(name);
  const response = await fetch(target, { method: ctx.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  ctx.status = response.status;
  ctx.type = response.headers.get('content-type') ?? 'application/octet-stream';
  ctx.body = Buffer.from(await response.arrayBuffer());
}
