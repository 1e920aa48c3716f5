/**
 * Who makes a request: every revision and every entry of the audit log names one. The admin
 * hook (admin-auth.ts) sets `request.actor`; accounts, owners' links and the public set theirs
 * where they are checked.
 */
import { regionOf } from '../../../src/data/geography.js';

export interface Actor {
  /** `token`: PTCE_ADMIN_TOKEN (scripts, bootstrap); `account`: a named admin or moderator; `owner`: a pole's manager through their link. */
  kind: 'token' | 'account' | 'owner' | 'public' | 'system';
  role: 'admin' | 'moderator' | 'owner' | 'public' | 'system';
  /** The account's or owner's id; null for the token, the public and the system. */
  id: string | null;
  /** Shown in revisions and the audit log: an e-mail address, or "jeton d'administration". */
  label: string;
  /** A moderator's territory (INSEE region codes, département codes); empty for the other roles. */
  regions: string[];
  departements: string[];
}

export const TOKEN_ADMIN: Actor = { kind: 'token', role: 'admin', id: null, label: 'PTCE_ADMIN_TOKEN', regions: [], departements: [] };
export const SYSTEM: Actor = { kind: 'system', role: 'system', id: null, label: 'système', regions: [], departements: [] };
export const PUBLIC: Actor = { kind: 'public', role: 'public', id: null, label: 'public', regions: [], departements: [] };

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the hook that let the request in (admin-auth.ts for the admin routes). */
    actor?: Actor;
  }
}

/**
 * Whether the actor may see and decide what concerns these départements (a pole's, or the pole's
 * of a signature or fiche): admins everywhere; a moderator where one of them is in their
 * départements or regions (current regions, INSEE codes). Nothing placed is an admin's only.
 */
export function inTerritory(actor: Actor, departements: readonly string[]): boolean {
  if (actor.role === 'admin' || actor.role === 'system') return true;
  if (actor.role !== 'moderator') return false;
  return departements.some((code) => actor.departements.includes(code) || actor.regions.includes(regionOf(code) ?? ''));
}
