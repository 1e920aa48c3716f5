import { common } from './fr/common.js';
import { errors } from './fr/errors.js';
import { card } from './fr/card.js';
import { pole } from './fr/pole.js';
import { charter } from './fr/charter.js';
import { map } from './fr/map.js';
import { referentiel } from './fr/referentiel.js';
import { campaign } from './fr/campaign.js';
import { compare } from './fr/compare.js';
import { actionForm } from './fr/action-form.js';
import { poleForm } from './fr/pole-form.js';
import { poleRequest } from './fr/pole-request.js';

/**
 * French, the default language, in one object: the reference every other catalog must match
 * (checked by the type of `Catalog`). At run time each widget loads only its own part (fr/*.ts)
 * with `registerMessages`, so a page with a card does not carry the map's sentences.
 */
export const fr = {
  ...common,
  ...errors,
  ...pole,
  ...card,
  ...charter,
  ...map,
  ...referentiel,
  ...compare,
  ...campaign,
  ...actionForm,
  ...poleForm,
  ...poleRequest,
} as const;
