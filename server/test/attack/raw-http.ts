// A bare HTTP/1.1 client on a TCP socket: the attack cases send bytes that fetch and node:http
// refuse to write (invalid header bytes, bodies that lie about their encoding, paths as is).
import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface RawRequest {
  method: string;
  path: string;
  /** Sent in this order, as given; a Buffer value is sent byte for byte. */
  headers?: [string, string | Buffer][];
  body?: string | Buffer;
  /** No Content-Length added (the case sets its own framing, or lies). */
  noLength?: boolean;
}

export interface RawResponse {
  /** 0: the connection ended without an HTTP answer. */
  status: number;
  headers: Record<string, string>;
  /** Decoded (chunked, gzip, br, deflate) and read as UTF-8. */
  body: string;
  error?: string;
}

export function sendRaw(port: number, request: RawRequest, timeoutMs = 20_000): Promise<RawResponse> {
  const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
  const headers = request.headers ?? [];
  const has = (name: string) => headers.some(([n]) => n.toLowerCase() === name);
  const lines: Buffer[] = [Buffer.from(`${request.method} ${request.path} HTTP/1.1\r\n`, 'latin1')];
  if (!has('host')) lines.push(Buffer.from(`Host: 127.0.0.1:${port}\r\n`));
  lines.push(Buffer.from('Connection: close\r\n'));
  for (const [name, value] of headers) {
    lines.push(Buffer.from(`${name}: `, 'latin1'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1'), Buffer.from('\r\n'));
  }
  if (body && !request.noLength && !has('content-length') && !has('transfer-encoding')) {
    lines.push(Buffer.from(`Content-Length: ${body.length}\r\n`));
  }
  lines.push(Buffer.from('\r\n'));
  if (body) lines.push(body);

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parse(Buffer.concat(chunks), request.method === 'HEAD'), ...(error ? { error } : {}) });
    };
    // Written without ending our side: Node's server drops a connection whose client half-closed.
    const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.concat(lines)));
    // The server may answer (413, 431) and close before the whole request is written.
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => finish());
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
  });
}

function parse(raw: Buffer, head: boolean): Omit<RawResponse, 'error'> {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: raw.toString('latin1') };
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let body = head ? Buffer.alloc(0) : raw.subarray(end + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  try {
    const encoding = (headers['content-encoding'] ?? '').toLowerCase();
    if (encoding === 'gzip') body = gunzipSync(body);
    else if (encoding === 'br') body = brotliDecompressSync(body);
    else if (encoding === 'deflate') body = inflateSync(body);
  } catch {
    // Left as sent: the leak check then reads the compressed bytes, and the case fails loudly.
  }
  return { status, headers, body: body.toString('utf8') };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** A seeded generator (mulberry32): the same seed gives the same cases. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  };
}
