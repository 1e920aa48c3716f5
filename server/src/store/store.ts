/**
 * The store, once for both back ends: every query is written here with Kysely's query builder
 * over the typed schema (schema.ts), and Kysely's dialect turns it into SQLite's or PostgreSQL's
 * SQL. The migrations are Kysely's too (migrations/).
 *
 * PostgreSQL (postgres.ts) runs everything through its pool. SQLite (sqlite.ts) runs reads and
 * the rare admin writes on the main thread's connection, and submissions on a writer thread
 * (sqlite-writer.ts) that has its own Kysely over its own connection and runs the same
 * `storeOne` below, many submissions to a transaction (group commit): the main thread never waits
 * for a sync to disk, and a submission is acknowledged only once its transaction is committed.
 */
import { sql, type CompiledQuery, type Kysely, type NotNull, type Selectable, type Transaction } from 'kysely';
import type { Pole } from '../../../src/data/schemas/pole.js';
import { schemaVersion, SETUP_LOCK } from './migrations/index.js';
import type { Database, Decision, SubmissionTable } from './schema.js';
import {
  readSeed,
  replayOf,
  submissionValues,
  summariesOf,
  type ActionRow,
  type AssessmentRow,
  type CampaignListRow,
  type CampaignRow,
  type PublicData,
  type SignatureRow,
  type Store,
  type StoreResult,
  type Submission,
  type Summarize,
  type Within,
} from './types.js';

export type SubmissionRow = Selectable<Database[SubmissionTable]>;

const DECISIONS: readonly string[] = ['pending', 'approved', 'rejected'] satisfies Decision[];
const isDecision = (status: string): status is Decision => DECISIONS.includes(status);

/** A submission's insert, built and compiled (its reference, hash and date drawn). */
export interface SubmissionInsert {
  hash: string;
  query: CompiledQuery<SubmissionRow>;
}

export function submissionInsert(db: Kysely<Database>, submission: Submission): SubmissionInsert {
  const values = submissionValues(submission);
  const query = db
    .insertInto(submission.table)
    .values(values)
    .onConflict((conflict) => conflict.doNothing())
    .returningAll()
    .compile();
  return { hash: values.request_hash, query };
}

/**
 * Stores a submission unless its idempotency key is known: the key's unique constraint decides
 * (`INSERT … ON CONFLICT DO NOTHING`), then the row that won is read back. One statement writes,
 * so a submission that fails undoes nothing else of its transaction. `insert` may come built
 * already (the SQLite writer builds its batch's before it takes the write lock).
 */
export async function storeOne(
  db: Kysely<Database>,
  submission: Submission,
  insert = submissionInsert(db, submission),
): Promise<StoreResult<SubmissionRow>> {
  const { table, idempotencyKey } = submission;
  // A second try only if the random reference itself collided (the key did not).
  for (let attempt = 0; attempt < 3; attempt++, insert = submissionInsert(db, submission)) {
    const [created] = (await db.executeQuery(insert.query)).rows;
    if (created) return { kind: 'created', row: created };
    const existing = await db.selectFrom(table).selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
    if (existing) return replayOf(existing, insert.hash);
  }
  throw new Error(`${table}: could not store a submission`);
}

/** Revision 1 of a pole the seed (or the demo) brings: by the system. */
const seedRevision = (poleId: string, body: string, at: string) => ({
  pole_id: poleId,
  n: 1,
  at,
  author_kind: 'system',
  author_id: null,
  author_label: 'système',
  action: 'import' as const,
  before: null,
  after: body,
});

/** The public documents change: every server process rebuilds its copy. */
export const bump = (trx: Transaction<Database>) =>
  trx
    .updateTable('public_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .where('id', '=', 1)
    .execute();

export class KyselyStore implements Store {
  constructor(
    readonly kind: 'sqlite' | 'postgres',
    readonly db: Kysely<Database>,
  ) {}

  async check(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  schemaVersion(): Promise<number> {
    return schemaVersion(this.db, this.kind);
  }

  async seedIfEmpty(dir: string): Promise<boolean> {
    const seed = readSeed(dir);
    return this.db.transaction().execute(async (trx) => {
      // SQLite's write transaction already excludes another process; PostgreSQL's does not.
      if (this.kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`.execute(trx);
      if (await trx.selectFrom('documents').select('kind').limit(1).executeTakeFirst()) return false;
      const now = new Date().toISOString();
      await trx
        .insertInto('documents')
        .values(seed.documents.map(([kind, body]) => ({ kind, body, updated_at: now })))
        .execute();
      if (seed.poles.length) {
        await trx
          .insertInto('poles')
          .values(seed.poles.map((pole) => ({ ...pole, updated_at: now })))
          .execute();
        // Each seeded pole's history starts here: revision 1, by the system.
        await trx
          .insertInto('pole_revisions')
          .values(seed.poles.map((pole) => seedRevision(pole.id, pole.body, now)))
          .execute();
      }
      await bump(trx);
      return true;
    });
  }

  async revision(): Promise<number> {
    return (await this.db.selectFrom('public_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow()).revision;
  }

  publicData(): Promise<PublicData> {
    // One snapshot for all the reads, and no write lock taken.
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const documents = new Map<string, unknown>();
        for (const row of await trx.selectFrom('documents').select(['kind', 'body']).execute())
          documents.set(row.kind, JSON.parse(row.body));
        // Archived records are off the public list (directory/poles.ts).
        const poles = (await trx.selectFrom('poles').select('body').where('archived_at', 'is', null).orderBy('position').execute()).map(
          (r): Pole => JSON.parse(r.body),
        );
        const listed = await trx
          .selectFrom('signatures')
          .selectAll()
          .where('status', '=', 'approved')
          .where('consent_to_list', '=', 1)
          .orderBy('decided_at')
          .orderBy('id')
          .execute();
        const published = await trx
          .selectFrom('campaigns')
          .select(['pole_id', 'summary'])
          .where('summary', 'is not', null)
          .$narrowType<{ summary: NotNull }>()
          .orderBy('published_at')
          .orderBy('id')
          .execute();
        const actions = await trx
          .selectFrom('actions')
          .selectAll()
          .where('status', '=', 'approved')
          // A fiche its pole withdrew is off the public list.
          .where('withdrawn_at', 'is', null)
          .orderBy('decided_at')
          .orderBy('id')
          .execute();
        return { documents, poles, listed, summaries: summariesOf(published), actions };
      });
  }

  async storeOnce<Row extends { request_hash: string }>(submission: Submission): Promise<StoreResult<Row>> {
    // The caller names the row type of the table it writes to (Store's signature).
    return (await storeOne(this.db, submission)) as StoreResult<Row>;
  }

  async listSignatures(status?: string): Promise<SignatureRow[]> {
    const all = this.db.selectFrom('signatures').selectAll().orderBy('id');
    if (!status) return all.execute();
    return isDecision(status) ? all.where('status', '=', status).execute() : [];
  }

  listAssessments(): Promise<AssessmentRow[]> {
    return this.db.selectFrom('assessments').selectAll().orderBy('id').execute();
  }

  decideSignature(reference: string, status: 'approved' | 'rejected', within?: Within<SignatureRow>): Promise<SignatureRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('signatures')
        .set({ status, decided_at: new Date().toISOString() })
        .where('reference', '=', reference)
        .returningAll()
        .executeTakeFirst();
      if (row) await bump(trx);
      if (row && within) await within(trx, row);
      return row;
    });
  }

  addPole(id: string, body: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const { numInsertedOrUpdatedRows } = await trx
        .insertInto('poles')
        .columns(['id', 'position', 'body'])
        .expression((eb) =>
          eb
            .selectFrom('poles')
            .select((eb) => [
              eb.val(id).as('id'),
              eb(eb.fn.coalesce(eb.fn.max('position'), eb.lit(-1)), '+', 1).as('position'),
              eb.val(body).as('body'),
            ])
            // SQLite reads `ON CONFLICT` right after `FROM poles` as a join's; a WHERE ends the FROM.
            .where(eb.lit(true)),
        )
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirstOrThrow();
      const added = (numInsertedOrUpdatedRows ?? 0n) > 0n;
      if (added) {
        await trx
          .insertInto('pole_revisions')
          .values(seedRevision(id, body, new Date().toISOString()))
          .execute();
        await bump(trx);
      }
      return added;
    });
  }

  async createCampaign(row: CampaignRow, within?: Within<CampaignRow>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('campaigns').values(row).execute();
      if (within) await within(trx, row);
    });
  }

  listCampaigns(): Promise<CampaignListRow[]> {
    return this.db
      .selectFrom('campaigns as c')
      .leftJoin('assessments as a', 'a.campaign_id', 'c.id')
      .selectAll('c')
      .select((eb) => eb.cast<number>(eb.fn.count('a.id'), 'integer').as('answers'))
      .groupBy('c.id')
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
  }

  campaign(id: string): Promise<CampaignRow | undefined> {
    return this.db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  campaignByCode(hash: string): Promise<CampaignRow | undefined> {
    return this.db.selectFrom('campaigns').selectAll().where('respondent_code_hash', '=', hash).executeTakeFirst();
  }

  closeCampaign(id: string, at: string, within?: Within<CampaignRow>): Promise<CampaignRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('campaigns')
        .set((eb) => ({ closed_at: eb.fn.coalesce('closed_at', eb.val(at)) }))
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (row && within) await within(trx, row);
      return row;
    });
  }

  campaignAssessments(campaignId: string): Promise<AssessmentRow[]> {
    return this.db.selectFrom('assessments').selectAll().where('campaign_id', '=', campaignId).orderBy('id').execute();
  }

  async campaignAnswerCount(campaignId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('assessments')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    return Number(count);
  }

  async setRespondentCodeHash(id: string, hash: string): Promise<void> {
    await this.db.updateTable('campaigns').set({ respondent_code_hash: hash }).where('id', '=', id).execute();
  }

  deleteAssessment(campaignId: string, reference: string, summarize: Summarize): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const campaign = await this.#lockCampaign(trx, campaignId);
      const { numDeletedRows } = await trx
        .deleteFrom('assessments')
        .where('campaign_id', '=', campaignId)
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      if (numDeletedRows === 0n) return false;
      // A published summary would still count the deleted answers: brought up to date at once.
      if (campaign?.published_at) await this.#publish(trx, campaignId, summarize);
      return true;
    });
  }

  publishCampaign(id: string, summarize: Summarize): Promise<string | null> {
    return this.db.transaction().execute(async (trx) => {
      await this.#lockCampaign(trx, id);
      return this.#publish(trx, id, summarize);
    });
  }

  unpublishCampaign(id: string, within?: Within): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('campaigns').set({ summary: null, published_at: null }).where('id', '=', id).execute();
      await bump(trx);
      if (within) await within(trx, id);
    });
  }

  /**
   * The campaign's row, held until the transaction ends: publishing, unpublishing and deleting
   * its answers take turns. (SQLite's write transactions take the whole file's lock already.)
   */
  #lockCampaign(trx: Transaction<Database>, id: string) {
    return trx
      .selectFrom('campaigns')
      .select('published_at')
      .where('id', '=', id)
      .$if(this.kind === 'postgres', (query) => query.forUpdate())
      .executeTakeFirst();
  }

  async #publish(trx: Transaction<Database>, id: string, summarize: Summarize): Promise<string | null> {
    const rows = await trx.selectFrom('assessments').selectAll().where('campaign_id', '=', id).orderBy('id').execute();
    const at = new Date().toISOString();
    const summary = summarize(rows, at);
    await trx
      .updateTable('campaigns')
      .set({ summary, published_at: summary ? at : null })
      .where('id', '=', id)
      .execute();
    await bump(trx);
    return summary;
  }

  async listActions(status?: string): Promise<ActionRow[]> {
    const all = this.db.selectFrom('actions').selectAll().orderBy('id');
    if (!status) return all.execute();
    return isDecision(status) ? all.where('status', '=', status).execute() : [];
  }

  /** `pole`: the listed pole a fiche joins when its proposer typed a name the list lacked. */
  decideAction(
    reference: string,
    status: 'approved' | 'rejected',
    pole?: { id: string; name: string },
    within?: Within<ActionRow>,
  ): Promise<ActionRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('actions')
        .set({ status, decided_at: new Date().toISOString(), ...(pole ? { pole_id: pole.id, pole_name: pole.name } : {}) })
        .where('reference', '=', reference)
        .returningAll()
        .executeTakeFirst();
      if (row) await bump(trx);
      if (row && within) await within(trx, row);
      return row;
    });
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
