// The demo's campaign (npm start, PTCE_DEMO_CAMPAIGN=1): a FICTITIOUS pole and a dozen FICTITIOUS
// answer sets, so that a new user sees the "regards croisés" at once. Its secrets are written in
// demo/data/campagne-demo.json and on the demo page: never use this on a real server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pole } from '../../src/data/schemas/pole.js';
import { CampaignRole } from '../../src/data/schemas/campaigns.js';
import { Assessment } from '../../src/data/schemas/submissions.js';
import { validate } from '../../src/data/validate.js';
import * as z from 'zod/mini';
import { assessmentSubmission } from './signatures.js';
import { setPrivateContact } from './directory/contact.js';
import { secretHash, type Store } from './store/types.js';

const DemoCampaign = z.object({
  pole: Pole,
  campaign: z.object({
    id: z.string(),
    title: z.string(),
    respondentCode: z.string(),
    coordinatorKey: z.string(),
    roles: z.array(CampaignRole),
  }),
  assessments: z.array(Assessment),
});

/** Adds the demo campaign once (its pole, its answers); false when it was there already. */
export async function seedDemoCampaign(store: Store, dir: string): Promise<boolean> {
  const checked = validate(DemoCampaign, JSON.parse(readFileSync(join(dir, 'campagne-demo.json'), 'utf8')));
  if (!checked.ok) throw new Error(`campagne-demo.json: ${JSON.stringify(checked.issues)}`);
  const { pole, campaign, assessments } = checked.value;
  if (await store.campaign(campaign.id)) return false;
  await store.addPole(pole.id, JSON.stringify(pole));
  // Its "Contacter ce pôle" works in the demo: the messages land in the outbox, for a fictitious address.
  await setPrivateContact(store.db, pole.id, { email: `contact@${pole.id}.invalid`, name: pole.name });
  const [first] = assessments;
  await store.createCampaign({
    id: campaign.id,
    pole_id: pole.id,
    referentiel_id: first.referentielId,
    referentiel_version: first.referentielVersion,
    title: campaign.title,
    opens_on: null,
    closes_on: null,
    roles: JSON.stringify(campaign.roles),
    respondent_code_hash: secretHash(campaign.respondentCode),
    coordinator_key_hash: secretHash(campaign.coordinatorKey),
    created_at: new Date().toISOString(),
    closed_at: null,
    published_at: null,
    summary: null,
  });
  for (const [index, assessment] of assessments.entries()) {
    await store.storeOnce(
      assessmentSubmission({ ...assessment, poleId: pole.id, poleName: pole.name }, `demo-campaign-${index + 1}`, campaign.id),
    );
  }
  return true;
}
