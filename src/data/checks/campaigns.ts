import { jsonCheck } from '../validate.js';
import { campaignSchema } from '../json-schemas/campaign.js';
import { campaignAnswersSchema } from '../json-schemas/campaign-answers.js';
import type { Campaign, CampaignAnswers } from '../schemas/campaigns.js';

export const checkCampaign = jsonCheck<Campaign>(campaignSchema);
export const checkCampaignAnswers = jsonCheck<CampaignAnswers>(campaignAnswersSchema);
