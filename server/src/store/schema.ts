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
  pole_revisions: PoleRevisionsTable;
  owner_claims: OwnerClaimsTable;
  owners: OwnersTable;
  imports: ImportsTable;
  pole_source_ids: PoleSourceIdsTable;
  import_sources: ImportSourcesTable;
  login_attempts: LoginAttemptsTable;
  owner_links: OwnerTokensTable;
  owner_sessions: OwnerTokensTable;
  owner_edits: OwnerEditsTable;
  referentiel_versions: ReferentielVersionsTable;
  contributions: ContributionsTable;
  pole_contacts: PoleContactsTable;
  contact_log: ContactLogTable;
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
  /** The number of its latest revision (pole_revisions.n). */
  version: Generated<number>;
  /** Set while the pole is archived (off the public list). */
  archived_at: string | null;
  updated_at: Generated<string>;
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
  /** The pole record its approval created (directory/signature-poles.ts), or null. */
  pole_id: Generated<string | null>;
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
  /** Set when the pole withdrew the fiche (off the public list). */
  withdrawn_at: Generated<string | null>;
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

export type RevisionAction = 'create' | 'update' | 'archive' | 'restore' | 'revert' | 'import' | 'owner';

/** One change of a pole (directory/poles.ts): revision n brings the pole to version n. */
export interface PoleRevisionsTable {
  id: Generated<number>;
  pole_id: string;
  n: number;
  at: string;
  author_kind: string;
  author_id: string | null;
  author_label: string;
  action: RevisionAction;
  /** JSON of the pole before and after; before is null for a creation. */
  before: string | null;
  after: string | null;
}

/** "Je gère ce pôle" (directory/owners.ts). */
export interface OwnerClaimsTable {
  id: Generated<number>;
  reference: string;
  pole_id: string;
  name: string;
  email: string;
  message: string | null;
  status: Generated<Decision>;
  received_at: string;
  decided_at: string | null;
  erased_at: string | null;
  owner_id: number | null;
}

export interface OwnersTable {
  id: Generated<number>;
  pole_id: string;
  name: string;
  email: string;
  /** 1: their edits apply at once (still a revision). */
  trusted: Generated<number>;
  created_at: string;
  disabled_at: string | null;
}

/** Owners' single-use links and sessions: the SHA-256 of the token, never the token. */
export interface OwnerTokensTable {
  token_hash: string;
  owner_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OwnerEditsTable {
  id: Generated<number>;
  pole_id: string;
  owner_id: number;
  received_at: string;
  status: Generated<'pending' | 'decided'>;
  /** The pole's version the owner edited. */
  base_version: number;
  /** JSON: [{ field, before, after, decision: 'pending' | 'accepted' | 'refused' }]. */
  fields: string;
  decided_at: string | null;
}

/** Every version of the référentiel kept (referentiels/versions.ts). */
export interface ReferentielVersionsTable {
  referentiel_id: string;
  version: string;
  /** JSON of the référentiel. */
  body: string;
  uploaded_at: string;
  /** The actor's label (audit log), or `seed` for the version the database was seeded with. */
  uploaded_by: string;
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

/** A contribution from the public (directory/contributions.ts); the contributor's fields go on erasure. */
export interface ContributionsTable {
  id: Generated<number>;
  /** Shown to the contributor: CON-7K2M-QX9D. */
  reference: string;
  idempotency_key: string;
  request_hash: string;
  kind: 'new-pole' | 'correction';
  status: Generated<'pending' | 'approved' | 'rejected' | 'merged'>;
  received_at: string;
  decided_at: string | null;
  /** A correction's pole; the pole created (approve) or merged into (merge). */
  pole_id: string | null;
  /** JSON list of the département codes it concerns (a moderator's territory). */
  departements: string;
  /** JSON: `{pole}` for a new pole, `{message}` for a correction (without the contributor). */
  body: string;
  contributor_name: string | null;
  contributor_email: string | null;
  erased_at: string | null;
}

/** A pole's private contact: where contact messages are relayed, never in poles.json. */
export interface PoleContactsTable {
  pole_id: string;
  email: string;
  name: string | null;
  updated_at: string;
}

/** One contact message relayed: who, when, to which pole; never its text. */
export interface ContactLogTable {
  id: Generated<number>;
  reference: string;
  at: string;
  pole_id: string;
  sender_name: string | null;
  sender_email: string | null;
  offer: string | null;
}

/** An import into the directory (imports/): previewed, then applied, discarded or held. */
export interface ImportsTable {
  id: string;
  status: 'preview' | 'held' | 'applied' | 'discarded' | 'failed';
  format: string;
  /** What the source's own ids are kept under: the source's URL, a name given, or `file:<format>`. */
  source_key: string;
  /** The scheduled source that ran it, if any. */
  source_id: number | null;
  /** JSON of the Actor who previewed it. */
  actor: string;
  created_at: string;
  decided_at: string | null;
  rows_read: number;
  matched: number;
  written: number;
  /** JSON of the preview (imports/preview.ts), with what apply writes. */
  preview: string;
  error: string | null;
}

/** Which pole a source's own id became (the second matching rule of imports). */
export interface PoleSourceIdsTable {
  source_key: string;
  external_id: string;
  pole_id: string;
}

/** A source kept in step: re-imported every period (imports/sources.ts). */
export interface ImportSourcesTable {
  id: Generated<number>;
  name: string;
  url: string;
  format: string;
  taxonomy_url: string | null;
  period_minutes: number;
  /** A run that would archive more than this share of the source's poles is held (0.2 by default). */
  max_archive_share: number;
  created_at: string;
  next_run_at: string;
  last_success_at: string | null;
  last_failure_at: string | null;
  last_failure: string | null;
  last_import_id: string | null;
  lock_owner: string | null;
  lock_expires_at: string | null;
}

/** Wrong passwords in the current window, per hashed key (accounts/throttle.ts). */
export interface LoginAttemptsTable {
  key: string;
  failures: number;
  reset_at: string;
}
