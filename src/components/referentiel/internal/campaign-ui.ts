// Everything campaigns need, loaded only by a widget that names a campaign: a page that shows the
// grid or one respondent's answers does not carry it.
import { registerMessages } from '../../../i18n/index.js';
import { campaign } from '../../../i18n/fr/campaign.js';

registerMessages('fr', campaign);

export { CAMPAIGN_REASONS, loadCampaignData, renderCampaignHeader } from './campaign.js';
export { CoordinatorController } from './coordinator.js';
export { renderOverTime } from './over-time.js';
