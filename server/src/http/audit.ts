/** The audit log: one row per decision, written in the decision's own transaction. */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  /** `pole.update`, `pole.archive`, `signature.approve`, `claim.approve`, `account.create`, `erasure`… */
  action: string;
  /** `pole`, `signature`, `action`, `claim`, `contribution`, `account`… and its id or reference. */
  subject: { type: string; id: string };
  /** The state before and after (JSON-able; personal fields left out where the log need not keep them). */
  before?: unknown;
  after?: unknown;
}

export async function audit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_label: actor.label,
      action: entry.action,
      subject_type: entry.subject.type,
      subject_id: entry.subject.id,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
