import { PtcePoleCard } from '../../src/components/pole-card/ptce-pole-card.js';
import { define } from '../../src/base/define.js';

/** A card that never starts loading, so designers can see its skeleton (Storybook only). */
export class PtceCardLoadingPreview extends PtcePoleCard {
  protected override willUpdate(): void {
    // No load: the card stays in its loading state.
  }
}

define('ptce-story-card-loading', PtceCardLoadingPreview);

declare global {
  interface HTMLElementTagNameMap {
    'ptce-story-card-loading': PtceCardLoadingPreview;
  }
}
