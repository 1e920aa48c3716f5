import { define } from '../../base/define.js';
import { PtcePoleForm } from './ptce-pole-form.js';

export { PtcePoleForm };
define('ptce-pole-form', PtcePoleForm);
