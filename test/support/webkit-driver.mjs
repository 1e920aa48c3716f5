// Starts WebKitGTK's WebDriver under a virtual X display (MiniBrowser has no headless mode) on a
// free port, for the WebKit run of the browser tests; it is stopped when the test runner exits.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

export async function startWebKitDriver() {
  const port = await freePort();
  const driver = process.env.WEBKIT_DRIVER_PATH || 'WebKitWebDriver';
  const child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', driver, `--port=${port}`, '--host=127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => (stop(), process.exit(130)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${child.exitCode}); is webkit2gtk-driver installed?`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) return port;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
