// Versions of the référentiel. The current one is the `referentiel` document (referentiel.json);
// every version ever current is kept in `referentiel_versions`, so that a campaign is answered,
// exported, published and compared in its own. The seeded version enters the table when the first
// new one is uploaded; until then it is found as the current document.
import type { Kysely } from 'kysely';
import { mappingIssues, referentielChanges, type ReferentielChanges } from '../../../src/data/referentiel-versions.js';
import type { Referentiel } from '../../../src/data/schemas/referentiel.js';
import type { Actor } from '../http/actor.js';
import { audit } from '../http/audit.js';
import type { Database } from '../store/schema.js';
import { bump } from '../store/store.js';
import type { Store } from '../store/types.js';

type Db = Kysely<Database>;

/** The public path of a stored version, under the discovery document (`referentielVersions`). */
export const VERSION_PATH_TEMPLATE = 'referentiels/{id}/{version}.json';
export const versionPath = (id: string, version: string) =>
  VERSION_PATH_TEMPLATE.replace('{id}', encodeURIComponent(id)).replace('{version}', encodeURIComponent(version));

async function current(db: Db): Promise<{ referentiel: Referentiel; updatedAt: string } | undefined> {
  const row = await db.selectFrom('documents').select(['body', 'updated_at']).where('kind', '=', 'referentiel').executeTakeFirst();
  return row ? { referentiel: JSON.parse(row.body) as Referentiel, updatedAt: row.updated_at } : undefined;
}

/** One version, kept or current; undefined if this server never had it. */
export async function referentielVersion(db: Db, id: string, version: string): Promise<Referentiel | undefined> {
  const row = await db
    .selectFrom('referentiel_versions')
    .select('body')
    .where('referentiel_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (row) return JSON.parse(row.body) as Referentiel;
  const now = await current(db);
  return now && now.referentiel.id === id && now.referentiel.version === version ? now.referentiel : undefined;
}

export interface VersionListing {
  referentielId: string;
  version: string;
  status: Referentiel['status'];
  uploadedAt: string;
  uploadedBy: string;
  current: boolean;
}

/** Every version, oldest first, the current one marked. */
export async function listVersions(db: Db): Promise<VersionListing[]> {
  const rows = await db.selectFrom('referentiel_versions').selectAll().orderBy('uploaded_at').orderBy('version').execute();
  const now = await current(db);
  const listing = rows.map((row) => ({ row, referentiel: JSON.parse(row.body) as Referentiel }));
  const isCurrent = (r: Referentiel) => !!now && now.referentiel.id === r.id && now.referentiel.version === r.version;
  const versions = listing.map(({ row, referentiel }) => ({
    referentielId: row.referentiel_id,
    version: row.version,
    status: referentiel.status,
    uploadedAt: row.uploaded_at,
    uploadedBy: row.uploaded_by,
    current: isCurrent(referentiel),
  }));
  if (now && !versions.some((v) => v.current)) {
    versions.push({
      referentielId: now.referentiel.id,
      version: now.referentiel.version,
      status: now.referentiel.status,
      uploadedAt: now.updatedAt,
      uploadedBy: 'seed',
      current: true,
    });
  }
  return versions;
}

/** Every version as a public document, by its path (the static export writes them all). */
export async function referentielVersionDocuments(db: Db): Promise<Map<string, unknown>> {
  const documents = new Map<string, unknown>();
  for (const row of await db.selectFrom('referentiel_versions').select(['referentiel_id', 'version', 'body']).execute()) {
    documents.set(versionPath(row.referentiel_id, row.version), JSON.parse(row.body));
  }
  const now = await current(db);
  if (now) documents.set(versionPath(now.referentiel.id, now.referentiel.version), now.referentiel);
  return documents;
}

export type UploadOutcome =
  | { kind: 'uploaded'; previous: { referentielId: string; version: string } | null; changes: ReferentielChanges | null }
  | { kind: 'exists' }
  | { kind: 'invalid'; issues: { path: string; message: string }[] };

/**
 * Makes `referentiel` the current version, keeping the one it replaces; refused if this id and
 * version were ever served (a version never changes once answered), or if its mappings name
 * objectives or versions that do not exist. One transaction, with its audit entry.
 */
export function uploadVersion(store: Pick<Store, 'db' | 'kind'>, actor: Actor, referentiel: Referentiel): Promise<UploadOutcome> {
  return store.db.transaction().execute(async (trx) => {
    // Uploads take turns (PostgreSQL; SQLite's write transaction holds the file already).
    if (store.kind === 'postgres') await trx.selectFrom('documents').select('kind').where('kind', '=', 'referentiel').forUpdate().execute();
    if (await referentielVersion(trx, referentiel.id, referentiel.version)) return { kind: 'exists' as const };
    const stored = new Map<string, Referentiel>();
    for (const row of await trx.selectFrom('referentiel_versions').select('body').execute()) {
      const r = JSON.parse(row.body) as Referentiel;
      stored.set(`${r.id}\u0000${r.version}`, r);
    }
    const now = await current(trx);
    if (now) stored.set(`${now.referentiel.id}\u0000${now.referentiel.version}`, now.referentiel);
    const issues = mappingIssues(referentiel, (id, version) => stored.get(`${id}\u0000${version}`));
    if (issues.length) return { kind: 'invalid' as const, issues };

    const at = new Date().toISOString();
    // The version being replaced is kept (the seeded one enters the table now).
    if (now) {
      await trx
        .insertInto('referentiel_versions')
        .values({
          referentiel_id: now.referentiel.id,
          version: now.referentiel.version,
          body: JSON.stringify(now.referentiel),
          uploaded_at: now.updatedAt,
          uploaded_by: 'seed',
        })
        .onConflict((c) => c.columns(['referentiel_id', 'version']).doNothing())
        .execute();
    }
    const body = JSON.stringify(referentiel);
    await trx
      .insertInto('referentiel_versions')
      .values({ referentiel_id: referentiel.id, version: referentiel.version, body, uploaded_at: at, uploaded_by: actor.label })
      .execute();
    await trx
      .insertInto('documents')
      .values({ kind: 'referentiel', body, updated_at: at })
      .onConflict((c) => c.column('kind').doUpdateSet({ body, updated_at: at }))
      .execute();
    await bump(trx);
    const previous = now ? { referentielId: now.referentiel.id, version: now.referentiel.version } : null;
    const changes = now ? referentielChanges(now.referentiel, referentiel) : null;
    await audit(trx, actor, {
      action: 'referentiel.upload',
      subject: { type: 'referentiel', id: `${referentiel.id} ${referentiel.version}` },
      before: previous,
      after: { referentielId: referentiel.id, version: referentiel.version, changes },
    });
    return { kind: 'uploaded' as const, previous, changes };
  });
}
