import { property } from 'lit/decorators.js';
import { PtceElement } from '../../src/base/ptce-element.js';
import { define } from '../../src/base/define.js';
import type { Failure } from '../../src/data/failure.js';

/** Shows one of the shared states exactly as every data widget renders it (for Storybook only). */
export class PtceStatePreview extends PtceElement {
  @property() state: 'loading' | 'empty' | 'error' = 'loading';
  @property({ attribute: false }) failure: Failure = { kind: 'network', url: '' };

  protected override render() {
    if (this.state === 'loading') return this.renderLoading();
    if (this.state === 'empty') return this.renderEmpty();
    return this.renderError(this.failure, () => this.requestUpdate());
  }
}

define('ptce-state-preview', PtceStatePreview);

declare global {
  interface HTMLElementTagNameMap {
    'ptce-state-preview': PtceStatePreview;
  }
}
