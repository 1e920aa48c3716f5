/**
 * The demo's accounts (`npm start`, PTCE_DEMO_ACCOUNTS=1, never in production): on a database
 * without accounts, an admin and one moderator per region of the poles listed, each with a random
 * password, returned so that the console can print them once.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { regionName, regionsOf } from '../../../src/data/geography.js';
import type { Pole } from '../../../src/data/schemas/pole.js';
import { SYSTEM } from '../http/actor.js';
import type { Database } from '../store/schema.js';
import { createAccount } from './accounts.js';

export interface DemoAccount {
  email: string;
  password: string;
  role: 'admin' | 'moderator';
  /** The region's name, for a moderator. */
  region?: string;
}

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The accounts created, or none if the database had accounts already. */
export async function seedDemoAccounts(db: Kysely<Database>): Promise<DemoAccount[]> {
  if (await db.selectFrom('accounts').select('id').limit(1).executeTakeFirst()) return [];
  const poles = (await db.selectFrom('poles').select('body').execute()).map((row): Pole => JSON.parse(row.body));
  const regions = regionsOf(poles.flatMap((pole) => pole.departments ?? [])).sort((a, b) =>
    (regionName(a) ?? a).localeCompare(regionName(b) ?? b, 'fr'),
  );
  const wanted: (DemoAccount & { regions: string[] })[] = [
    { email: 'admin@demo.example.org', role: 'admin', regions: [], password: '' },
    ...regions.map((code) => ({
      email: `moderation-${slug(regionName(code) ?? code)}@demo.example.org`,
      role: 'moderator' as const,
      region: regionName(code) ?? code,
      regions: [code],
      password: '',
    })),
  ];
  const created: DemoAccount[] = [];
  for (const account of wanted) {
    const password = randomBytes(12).toString('base64url');
    const name = account.region ? `Modération ${account.region}` : 'Administration (démo)';
    await createAccount(db, SYSTEM, {
      email: account.email,
      name,
      role: account.role,
      regions: account.regions,
      departements: [],
      password,
    });
    created.push({ email: account.email, password, role: account.role, ...(account.region ? { region: account.region } : {}) });
  }
  return created;
}
