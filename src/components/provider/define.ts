import { define } from '../../base/define.js';
import { PtceProvider } from './ptce-provider.js';

export { PtceProvider };
define('ptce-provider', PtceProvider);
