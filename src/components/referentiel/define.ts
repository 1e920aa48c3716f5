import { define } from '../../base/define.js';
import { PtceReferentiel } from './ptce-referentiel.js';

export { PtceReferentiel };
define('ptce-referentiel', PtceReferentiel);
