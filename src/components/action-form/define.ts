import { define } from '../../base/define.js';
import { PtceActionForm } from './ptce-action-form.js';

export { PtceActionForm };
define('ptce-action-form', PtceActionForm);
