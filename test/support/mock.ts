import { executeServerCommand } from '@web/test-runner-commands';

/** What the test server answers on `path` (see mock-server.mjs). */
export interface MockRoute {
  path: string;
  status?: number;
  json?: unknown;
  text?: string;
  repeat?: number;
  delay?: number;
  /** Close the connection without answering: the browser sees a network error. */
  drop?: boolean;
  contentType?: string;
}

export interface RecordedRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
  at: number;
  /** When the server finished answering, or saw the browser go (0 while it is still waiting). */
  answeredAt: number;
}

export async function mockRoute(route: MockRoute): Promise<string> {
  await executeServerCommand('mock-route', route);
  return route.path;
}

export function mockRequests(path: string): Promise<RecordedRequest[]> {
  return executeServerCommand('mock-requests', { path }) as Promise<RecordedRequest[]>;
}

let counter = 0;
/** A path prefix no other test uses. */
export function uniquePrefix(name = 't'): string {
  counter++;
  return `/mock/${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${counter}`;
}

export const samplePoles = {
  themes: [{ id: 'emploi', label: { fr: 'Emploi', en: 'Employment' } }],
  poles: [
    { id: 'domb-innov', name: 'Domb’Innov', departments: ['01'], status: 'established' },
    { id: 'coursive', name: 'La Coursive Boutaric', departments: ['21'] },
    { id: 'sud-aquitain', name: 'PTCE Sud Aquitain', departments: ['40', '64'], territory: 'Landes, Pays Basque' },
  ],
};

/**
 * Publishes an endpoint (discovery document + resources) under a fresh prefix and returns the
 * discovery URL. Each resource is either JSON to serve or a full route.
 */
export async function mockEndpoint(
  resources: { poles?: unknown; discovery?: Partial<MockRoute> } = { poles: samplePoles },
): Promise<{ url: string; prefix: string }> {
  const prefix = uniquePrefix();
  const discovery: Record<string, unknown> = { ptce: 1 };
  if (resources.poles !== undefined) {
    discovery.poles = 'poles.json';
    const route = resources.poles as Partial<MockRoute>;
    const isRoute = route && typeof route === 'object' && ('status' in route || 'drop' in route || 'text' in route || 'delay' in route);
    await mockRoute(isRoute ? { ...route, path: `${prefix}/poles.json` } : { path: `${prefix}/poles.json`, json: resources.poles });
  }
  await mockRoute({ path: `${prefix}/ptce.json`, json: discovery, ...resources.discovery });
  return { url: `${prefix}/ptce.json`, prefix };
}

/** The real reference server the test runner started (test/support/real-server.mjs). */
export function realServer(): Promise<{ url: string; token: string }> {
  return executeServerCommand('real-server') as Promise<{ url: string; token: string }>;
}

/** Calls a route of the real server with its admin token, from the Node side (GET unless told). */
export function realServerAdmin(
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<{ status: number; body: any }> {
  return executeServerCommand('real-server-admin', { path, ...init }) as Promise<{ status: number; body: any }>;
}
