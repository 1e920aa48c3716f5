/**
 * Everything that can go wrong between a widget and its endpoint, as values: the data client never
 * throws, it returns one of these and the widget renders it.
 */
export type Failure =
  | { kind: 'no-endpoint' }
  | { kind: 'no-resource'; resource: string }
  | { kind: 'network'; url: string }
  /** A part of the library loaded on demand (a chunk: the map's or the card's drawing) did not download. */
  | { kind: 'chunk' }
  | { kind: 'timeout'; url: string; timeoutMs: number }
  /** `reason`: the server's word for a refusal it names (`campaign-closed`, `coordinator-key`…). */
  | { kind: 'http'; url: string; status: number; issues?: DataIssue[]; reason?: string }
  | { kind: 'not-json'; url: string }
  /** `endpoint` names neither a discovery document nor a list of poles (an HTML page…). */
  | { kind: 'not-endpoint'; url: string }
  | { kind: 'too-large'; url: string; maxBytes: number }
  | { kind: 'invalid'; url: string; issues: DataIssue[] }
  | { kind: 'unsupported-version'; url: string; version: unknown }
  /** The caller stopped waiting (element disconnected, newer request): never shown. */
  | { kind: 'aborted' };

export type FailureKind = Failure['kind'];

/** One problem in received data: where ("poles[3].name") and what. */
export interface DataIssue {
  path: string;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(failure: Failure): Result<T> => ({ ok: false, failure });
