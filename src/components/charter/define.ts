import { define } from '../../base/define.js';
import { PtceCharter } from './ptce-charter.js';

export { PtceCharter };
define('ptce-charter', PtceCharter);
