import { html, css, type PropertyValues } from 'lit';
import { PtceElement } from '../../base/ptce-element.js';
import { announceProvider, provideContext, type ProviderValue } from '../../base/context.js';
import { clientFor } from '../../data/client.js';

/**
 * @tag ptce-provider
 * @summary Shares one endpoint, one language and one data cache with every ptce widget inside it.
 *
 * @slot - The widgets (and any other content) that use this provider's endpoint and language.
 *
 * @example
 * <ptce-provider endpoint="https://example.org/ptce/ptce.json" lang="fr">
 *   <ptce-pole-map></ptce-pole-map>
 *   <ptce-pole-card pole-id="domb-innov"></ptce-pole-card>
 * </ptce-provider>
 */
export class PtceProvider extends PtceElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  protected shared: ProviderValue = {};

  /** Sends `shared` to the widgets again. */
  #notify = provideContext(this, () => this.shared);

  override connectedCallback(): void {
    super.connectedCallback();
    // For the widgets that asked before this element was defined.
    announceProvider(this);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.endpoint ? clientFor(this.endpoint) : undefined;
    const lang = this.getAttribute('lang') ?? undefined;
    if (client === this.shared.client && lang === this.shared.lang) return;
    this.shared = { client, lang };
    this.#notify();
  }

  override refreshLang(): void {
    super.refreshLang();
    // The provider re-renders on lang changes so that `shared.lang` follows the attribute.
    this.requestUpdate();
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-provider': PtceProvider;
  }
}
