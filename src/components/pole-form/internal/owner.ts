import type { PtceClient } from '../../../data/client.js';
import { fail, ok, type Result } from '../../../data/failure.js';
import type { Pole } from '../../../data/schemas/pole.js';

/** A pole record as the owner's routes give it (the records' `PoleRecord`). */
export interface OwnerRecord {
  id: string;
  pole: Pole;
  version: number;
}

/** An owner's session, kept in the tab (sessionStorage): the e-mailed link opens it once only. */
interface Saved {
  link: string;
  token: string;
  expiresAt: string;
}

const storageKey = (endpoint: string) => `ptce-owner:${endpoint}`;

function saved(endpoint: string): Saved | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(storageKey(endpoint)) ?? 'null') as Saved | null;
    return value && typeof value.token === 'string' && Date.parse(value.expiresAt) > Date.now() ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The link the page was opened with (`?lien=`), taken out of the address bar and history once read. */
export function linkFromPage(): string | undefined {
  const url = new URL(location.href);
  const link = url.searchParams.get('lien') ?? undefined;
  if (link) {
    url.searchParams.delete('lien');
    history.replaceState(history.state, '', url.href);
  }
  return link;
}

/** Where the owner's routes are (`{owner}/session`, `{owner}/pole`). */
async function ownerUrl(client: PtceClient, path: string, signal?: AbortSignal): Promise<Result<string>> {
  const where = await client.locate('owner', signal);
  return where.ok ? ok(`${where.value.url.replace(/\/$/, '')}/${path}`) : where;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

/**
 * The session for this link: the tab's own if it was opened with the same link (or without one),
 * else a new one from `POST {owner}/session` (which spends the link).
 */
export async function openSession(client: PtceClient, link: string | undefined, signal?: AbortSignal): Promise<Result<string>> {
  const kept = saved(client.endpoint);
  if (kept && (!link || link === kept.link)) return ok(kept.token);
  if (!link) return fail({ kind: 'http', url: '', status: 401, reason: 'no-link' });
  const url = await ownerUrl(client, 'session', signal);
  if (!url.ok) return url;
  const opened = await client.request(
    url.value,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ link }) },
    signal,
  );
  if (!opened.ok) return opened;
  const { token, expiresAt } = opened.value as { token?: unknown; expiresAt?: unknown };
  if (typeof token !== 'string') return fail({ kind: 'invalid', url: url.value, issues: [{ path: 'token', message: 'missing' }] });
  sessionStorage.setItem(storageKey(client.endpoint), JSON.stringify({ link, token, expiresAt: String(expiresAt ?? '') }));
  return ok(token);
}

export function endSession(client: PtceClient): void {
  sessionStorage.removeItem(storageKey(client.endpoint));
}

const isRecord = (value: unknown): value is OwnerRecord => {
  const record = value as OwnerRecord | null;
  return !!record && typeof record.version === 'number' && !!record.pole && typeof record.pole.name === 'string';
};

/** `GET {owner}/pole`: the owner's pole as it is now. */
export async function loadRecord(client: PtceClient, token: string, signal?: AbortSignal): Promise<Result<OwnerRecord>> {
  const url = await ownerUrl(client, 'pole', signal);
  if (!url.ok) return url;
  const answer = await client.request(url.value, { method: 'GET', headers: bearer(token) }, signal);
  if (!answer.ok) return answer;
  return isRecord(answer.value)
    ? ok(answer.value)
    : fail({ kind: 'invalid', url: url.value, issues: [{ path: '', message: 'not a pole record' }] });
}

/** What became of the owner's changes: applied at once (a trusted owner), or waiting for a moderator. */
export type OwnerOutcome = { status: 'published'; record: OwnerRecord } | { status: 'moderation' };

/** `PATCH {owner}/pole` `{changes, version}`: 200 the record (published), 202 `{edit}` (to moderation). */
export async function sendChanges(client: PtceClient, token: string, body: unknown, key: string): Promise<Result<OwnerOutcome>> {
  const url = await ownerUrl(client, 'pole');
  if (!url.ok) return url;
  const answer = await client.request(url.value, {
    method: 'PATCH',
    headers: { ...bearer(token), 'Idempotency-Key': key },
    body: JSON.stringify(body),
  });
  if (!answer.ok) return answer;
  return ok(isRecord(answer.value) ? { status: 'published', record: answer.value } : { status: 'moderation' });
}
