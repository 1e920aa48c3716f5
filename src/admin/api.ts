import { fail, ok, type DataIssue, type Failure, type Result } from '../data/failure.js';

/** Where the admin page keeps its session token: the tab only, gone when it closes. */
export const TOKEN_KEY = 'ptce-admin-token';

/** Who is logged in, as `GET /api/me` and `POST /api/login` say it. */
export interface Account {
  id?: string;
  email: string | null;
  name?: string;
  role: 'admin' | 'moderator';
  regions: string[];
  departements: string[];
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * The admin routes, with the session's bearer token: each call gives a Result, never throws. A
 * `401` (token expired or revoked) also tells the page, which returns to the login. Paths are
 * relative to the page, so it works wherever the server is mounted.
 */
export class AdminApi {
  constructor(
    readonly token: string,
    private readonly onUnauthorized: () => void = () => {},
    /** Prefix of the paths: empty on the admin page (relative to it), a server's address elsewhere. */
    private readonly base = '',
  ) {}

  get<T>(path: string): Promise<Result<T>> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<Result<T>> {
    return this.call<T>('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<Result<T>> {
    return this.call<T>('PATCH', path, body);
  }

  delete(path: string): Promise<Result<undefined>> {
    return this.call<undefined>('DELETE', path);
  }

  /** A file of an admin route (the signatures' CSV), as a Blob. */
  async blob(path: string): Promise<Result<Blob>> {
    const response = await this.fetch('GET', path);
    if (!response.ok) return response;
    return response.value.ok ? ok(await response.value.blob()) : fail(await httpFailure(response.value));
  }

  private async call<T>(method: Method, path: string, body?: unknown): Promise<Result<T>> {
    const sent = await this.fetch(method, path, body);
    if (!sent.ok) return sent;
    const response = sent.value;
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      return fail(await httpFailure(response));
    }
    if (response.status === 204) return ok(undefined as T);
    try {
      return ok((await response.json()) as T);
    } catch {
      return fail({ kind: 'not-json', url: response.url });
    }
  }

  private async fetch(method: Method, path: string, body?: unknown): Promise<Result<Response>> {
    const headers: Record<string, string> = this.token ? { Authorization: `Bearer ${this.token}` } : {};
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      // Some routes take a retried POST once only with a key; a decision is one click.
      headers['Idempotency-Key'] = `admin-${crypto.randomUUID?.() ?? Date.now()}`;
    }
    try {
      return ok(await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
    } catch {
      return fail({ kind: 'network', url: path });
    }
  }
}

/** A refusal as the library's Failure: the status, the server's `reason` and its field errors. */
async function httpFailure(response: Response): Promise<Failure> {
  let answer: { reason?: unknown; errors?: unknown } = {};
  try {
    answer = (await response.json()) as typeof answer;
  } catch {
    // A proxy's HTML page: the status says enough.
  }
  const issues = Array.isArray(answer.errors)
    ? (answer.errors as DataIssue[]).filter((issue) => typeof issue?.path === 'string' && typeof issue?.message === 'string')
    : undefined;
  return {
    kind: 'http',
    url: response.url,
    status: response.status,
    ...(typeof answer.reason === 'string' ? { reason: answer.reason } : {}),
    ...(issues?.length ? { issues } : {}),
  };
}

/** Logs in with an e-mail and a password: the session's token and account. */
export async function login(email: string, password: string): Promise<Result<{ token: string; account: Account }>> {
  return new AdminApi('').post('api/login', { email, password });
}

/** The account behind a token (`GET /api/me`); the bootstrap token is an admin with no e-mail. */
export async function whoIs(api: AdminApi): Promise<Result<Account>> {
  const me = await api.get<{ account: Account }>('api/me');
  return me.ok ? ok(me.value.account) : me;
}
