import { define } from '../../base/define.js';
import { PtcePoleMap } from './ptce-pole-map.js';

export { PtcePoleMap };
define('ptce-pole-map', PtcePoleMap);
