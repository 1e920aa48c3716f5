import type { Generated } from 'kysely';

/** The tables as the migrations leave them (migrations/), for Kysely's typed queries. */
export interface Database {
  documents: DocumentsTable;
  poles: PolesTable;
  signatures: SignaturesTable;
  assessments: AssessmentsTable;
  public_revision: PublicRevisionTable;
  campaigns: CampaignsTable;
  actions: ActionsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  accounts: AccountsTable;
  password_links: PasswordLinksTable;
  sessions: SessionsTable;
  digest_items: DigestItemsTable;
}

export type Decision = 'pending' | 'approved' | 'rejected';

export interface DocumentsTable {
  kind: string;
  /** JSON. */
  body: string;
  updated_at: string;
}

export interface PolesTable {
  id: string;
  position: number;
  /** JSON of the pole. */
  body: string;
}

/** The columns every submission has (signatures, assessments, actions). */
interface SubmissionColumns {
  id: Generated<number>;
  /** Shown to the sender: SIG-7K2M-QX9D. */
  reference: string;
  idempotency_key: string;
  /** SHA-256 of the body, to tell a replay from a reused key. */
  request_hash: string;
  received_at: string;
  /** JSON of what was sent. */
  body: string;
  /** When its personal fields were erased (accounts/erasure.ts), or null. */
  erased_at: Generated<string | null>;
}

export interface SignaturesTable extends SubmissionColumns {
  status: Generated<Decision>;
  decided_at: string | null;
  pole_name: string;
  /** 1 if the pole agreed to be listed, else 0. */
  consent_to_list: number;
  place: string;
  signed_on: string;
}

export interface AssessmentsTable extends SubmissionColumns {
  referentiel_id: string;
  referentiel_version: string;
  pole_id: string | null;
  campaign_id: string | null;
}

export interface ActionsTable extends SubmissionColumns {
  status: Generated<Decision>;
  decided_at: string | null;
  pole_id: string | null;
  pole_name: string;
}

/** One row (id 1): a counter bumped with every change to the public documents. */
export interface PublicRevisionTable {
  id: number;
  revision: number;
}

export interface CampaignsTable {
  id: string;
  pole_id: string;
  referentiel_id: string;
  referentiel_version: string;
  title: string;
  opens_on: string | null;
  closes_on: string | null;
  /** JSON list of roles, or null: the référentiel's. */
  roles: string | null;
  respondent_code_hash: string;
  coordinator_key_hash: string;
  created_at: string;
  closed_at: string | null;
  published_at: string | null;
  /** JSON of the published summary, or null. */
  summary: string | null;
}

/** The tables a submission goes into. */
export type SubmissionTable = 'signatures' | 'assessments' | 'actions';

/** Messages kept instead of sent (no SMTP server set): mail/mailer.ts. */
export interface OutboxTable {
  id: Generated<number>;
  created_at: string;
  recipient: string;
  subject: string;
  body: string;
  /** What the message is for: `password`, `claim`, `owner-link`, `contact`, `digest`… */
  kind: string;
}

/** One decision (http/audit.ts). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  /** JSON, or null. */
  before: string | null;
  after: string | null;
}

/** A named admin or moderator (accounts/). */
export interface AccountsTable {
  id: Generated<number>;
  /** Case-folded; null once erased. */
  email: string | null;
  name: string | null;
  role: 'admin' | 'moderator';
  /** JSON lists of INSEE region codes and département codes. */
  regions: string;
  departements: string;
  /** `scrypt$N$r$p$salt$hash` (accounts/passwords.ts), or null until set through a link. */
  password_hash: string | null;
  disabled: number;
  notify: 'immediate' | 'daily' | 'off';
  created_at: string;
  digest_sent_at: string | null;
  erased_at: string | null;
}

/** A single-use link to set an account's password, stored as the SHA-256 of its token. */
export interface PasswordLinksTable {
  token_hash: string;
  account_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A login's Bearer token, stored as its SHA-256. */
export interface SessionsTable {
  token_hash: string;
  account_id: number;
  created_at: string;
  expires_at: string;
}

/** A notification kept for an account's daily digest. */
export interface DigestItemsTable {
  id: Generated<number>;
  account_id: number;
  created_at: string;
  subject: string;
  body: string;
}
