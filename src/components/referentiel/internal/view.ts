import type { Translate } from '../../../i18n/index.js';

/** What the référentiel's render helpers need from the element. */
export interface View {
  lang: string;
  /** Level of the element's title; sections come below it. */
  headingLevel: number;
  t: Translate;
}
