// The admin page's entry (its own bundle, never part of the public embed one): every element of
// the admin application, registered once.
import { define } from '../base/define.js';
import { PtceAdminApp } from './ptce-admin-app.js';
import { PtceAdminLogin } from './ptce-admin-login.js';
import { PtceAdminQueue } from './ptce-admin-queue.js';
import { PtceAdminSignatures } from './ptce-admin-signatures.js';
import { PtceAdminActions } from './ptce-admin-actions.js';
import { PtceAdminCampaigns } from './ptce-admin-campaigns.js';
import { PtceAdminOutbox } from './ptce-admin-outbox.js';

define('ptce-admin-login', PtceAdminLogin);
define('ptce-admin-signatures', PtceAdminSignatures);
define('ptce-admin-actions', PtceAdminActions);
define('ptce-admin-queue', PtceAdminQueue);
define('ptce-admin-campaigns', PtceAdminCampaigns);
define('ptce-admin-outbox', PtceAdminOutbox);
define('ptce-admin-app', PtceAdminApp);
