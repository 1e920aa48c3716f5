// A scriptable HTTP endpoint inside the test server. Tests declare routes (status, body, delay,
// dropped connection) with the `mock-route` server command, then read what the browser really
// requested with `mock-requests`. Each test uses its own path prefix, so files run in parallel.
// `/cut/<id>/<path>` serves `/<path>`, except what a test cut with `mock-cut` (the URLs containing
// one of the given parts are refused with a 503, until it cuts nothing): a page that loads the
// library from its own prefix can lose a chunk without touching the other test files.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function mockServer() {
  const routes = new Map();
  const requests = new Map();
  /** Cut id → { parts refused, URLs refused so far }. */
  const cuts = new Map();

  const plugin = {
    name: 'ptce-mock-server',
    async executeCommand({ command, payload }) {
      if (command === 'mock-route') {
        // Changing a route's answer keeps what it already received (a retry test needs both).
        routes.set(payload.path, payload);
        if (!requests.has(payload.path)) requests.set(payload.path, []);
        return true;
      }
      if (command === 'mock-requests') return requests.get(payload.path) ?? [];
      if (command === 'mock-cut') {
        const cut = cuts.get(payload.id) ?? { parts: [], refused: [] };
        cut.parts = payload.parts;
        cuts.set(payload.id, cut);
        return cut.refused;
      }
      return undefined;
    },
  };

  async function middleware(ctx, next) {
    const cutPath = /^\/cut\/([\w-]+)(\/.*)$/.exec(ctx.path);
    if (cutPath) {
      const [, id, rest] = cutPath;
      const cut = cuts.get(id);
      const url = rest + (ctx.querystring ? `?${ctx.querystring}` : '');
      if (cut?.parts.some((part) => url.includes(part))) {
        cut.refused.push(url);
        ctx.set('Cache-Control', 'no-store');
        ctx.status = 503;
        ctx.body = 'cut by the test';
        return;
      }
      ctx.url = url;
      return next();
    }
    const route = routes.get(ctx.path);
    if (!route) return next();
    let received = '';
    for await (const chunk of ctx.req) received += chunk;
    const record = { method: ctx.method, headers: ctx.headers, body: received, at: Date.now(), answeredAt: 0 };
    requests.get(ctx.path).push(record);
    // When the answer has gone out, or the browser went away: tests wait for this, not for a delay.
    ctx.res.on('close', () => (record.answeredAt = Date.now()));
    if (route.delay) await sleep(route.delay);
    if (route.drop) {
      ctx.req.socket.destroy();
      ctx.respond = false;
      return;
    }
    // Answered on the raw response: the test runner marks every path with an extension as
    // cacheable for a year, which would hide repeated requests from the tests.
    let body;
    if (route.repeat) body = route.text.repeat(route.repeat);
    else if (typeof route.text === 'string') body = route.text;
    else body = JSON.stringify(route.json ?? null);
    ctx.respond = false;
    ctx.res.writeHead(route.status ?? 200, {
      'Content-Type': route.contentType ?? 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(body),
    });
    ctx.res.end(body);
  }

  return { plugin, middleware };
}
