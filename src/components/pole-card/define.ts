import { define } from '../../base/define.js';
import { PtcePoleCard } from './ptce-pole-card.js';

export { PtcePoleCard };
define('ptce-pole-card', PtcePoleCard);
