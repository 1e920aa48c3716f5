import { LitElement, html, css, isServer } from 'lit';
import { property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { VERSION } from '../../version.js';
import { providerContext, type ProviderValue } from '../../base/provider-context.js';
import { clientFor } from '../../data/client.js';

/**
 * @tag ptce-provider
 * @summary Shares one endpoint, one language and one data cache with every ptce widget inside it,
 * through @lit/context (any element speaking the community context protocol may use it too).
 *
 * @slot - The widgets (and any other content) that use this provider's endpoint and language.
 *
 * @example
 * <ptce-provider endpoint="https://example.org/ptce/ptce.json" lang="fr">
 *   <ptce-pole-map></ptce-pole-map>
 *   <ptce-pole-card pole-id="domb-innov"></ptce-pole-card>
 * </ptce-provider>
 */
export class PtceProvider extends LitElement {
  static version = VERSION;
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** URL of the endpoint's discovery document, shared by the widgets inside that have none of their own. */
  @property() endpoint?: string;

  /** What the widgets inside receive; a new object on each change, which @lit/context sends them. */
  @provide({ context: providerContext })
  protected shared: ProviderValue = {};

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    // `lang` is the page's own attribute, not a reactive property: an update shares its new value.
    if (name === 'lang' && old !== value) this.requestUpdate();
  }

  protected override willUpdate(): void {
    // A server has no clients (no document to resolve the endpoint against): the widgets are given their data.
    const client = this.endpoint && !isServer ? clientFor(this.endpoint) : undefined;
    const lang = this.getAttribute('lang') ?? undefined;
    if (client !== this.shared.client || lang !== this.shared.lang) this.shared = { client, lang };
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
