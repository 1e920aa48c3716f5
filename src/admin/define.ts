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
import { PtceAdminClaims } from './ptce-admin-claims.js';
import { PtceAdminOwnerEdits } from './ptce-admin-owner-edits.js';
import { PtceAdminContributions } from './ptce-admin-contributions.js';
import { PtceAdminPoles } from './ptce-admin-poles.js';
import { PtceAdminPoleEditor } from './ptce-admin-pole-editor.js';
import { PtceAdminRevisions } from './ptce-admin-revisions.js';
import { PtceAdminAudit } from './ptce-admin-audit.js';
import { PtceAdminAccounts } from './ptce-admin-accounts.js';

define('ptce-admin-login', PtceAdminLogin);
define('ptce-admin-signatures', PtceAdminSignatures);
define('ptce-admin-actions', PtceAdminActions);
define('ptce-admin-claims', PtceAdminClaims);
define('ptce-admin-owner-edits', PtceAdminOwnerEdits);
define('ptce-admin-contributions', PtceAdminContributions);
define('ptce-admin-queue', PtceAdminQueue);
define('ptce-admin-pole-editor', PtceAdminPoleEditor);
define('ptce-admin-revisions', PtceAdminRevisions);
define('ptce-admin-poles', PtceAdminPoles);
define('ptce-admin-audit', PtceAdminAudit);
define('ptce-admin-accounts', PtceAdminAccounts);
define('ptce-admin-campaigns', PtceAdminCampaigns);
define('ptce-admin-outbox', PtceAdminOutbox);
define('ptce-admin-app', PtceAdminApp);
