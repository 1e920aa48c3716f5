import { LitElement, isServer, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { VERSION } from '../version.js';
import { tokens, stateStyles } from '../styles/tokens.js';
import { loadLang, translate, type MessageKey, type Params } from '../i18n/index.js';
import { clientFor, type LoadedList, type PtceClient } from '../data/client.js';
import { fail, type Failure, type Result } from '../data/failure.js';
import { ensureContextRoot, providerContext, type ProviderValue } from './provider-context.js';
import { LangController } from './lang-controller.js';
import { describeFailure, renderEmptyState, renderErrorState, renderLoadingState } from './states.js';
import type { PtceEventMap } from './events.js';
import type { DataController } from './data-controller.js';

/**
 * The base of every ptce-widgets element: theme, endpoint, events and the shared loading / error /
 * empty states. The language is a LangController's, the provider comes through @lit/context, the
 * loads are DataControllers and the forms' sending a FormController.
 *
 * @cssprop --ptce-font-family - Font of the widget (default: the page's).
 * @cssprop --ptce-color-text - Text colour (default: the page's).
 * @cssprop --ptce-color-surface - Background of the widget (default: transparent).
 * @cssprop --ptce-color-surface-raised - Background of blocks such as states and cards.
 * @cssprop --ptce-color-border - Borders (default: the text colour at 22 %).
 * @cssprop --ptce-color-muted - Secondary text (default: the text colour at 72 %).
 * @cssprop --ptce-color-accent - Buttons, links and highlights.
 * @cssprop --ptce-color-on-accent - Text on the accent colour.
 * @cssprop --ptce-color-danger - Errors.
 * @cssprop --ptce-color-focus - Focus ring.
 * @cssprop --ptce-radius - Corner radius.
 * @cssprop --ptce-space - Base spacing.
 *
 * @csspart state - Every loading, empty or error block.
 * @csspart state-loading - The loading block (a polite live region).
 * @csspart state-empty - The block shown when there is nothing to show.
 * @csspart state-error - The error block (an alert).
 * @csspart retry-button - The "Réessayer" button of the error block.
 *
 * @fires ptce-data-warning - Some records of a list were invalid and skipped, or kept without some
 * unusable optional fields; `detail` has the URL, the skipped count, `records` (index, id, offending
 * fields) and `fields` (index, id, field, reason).
 */
export class PtceElement extends LitElement {
  static version = VERSION;
  static override styles: CSSResultGroup = [tokens, stateStyles];

  /**
   * Colour scheme: `auto` follows the host page's declared `color-scheme` (light when it declares
   * none), `system` follows the reader's operating system, `light` or `dark` force one.
   */
  @property({ reflect: true }) theme: 'auto' | 'system' | 'light' | 'dark' = 'auto';

  /**
   * URL of the endpoint's discovery document, or of a poles document itself (ours, a Carteco /
   * GoGoCarto export, a CSV file) for the map and cards. Wins over the one of an enclosing
   * `<ptce-provider>`.
   */
  @property() endpoint?: string;

  /** What the closest `<ptce-provider>` shares (or a provider of another copy of this library). */
  @consume({ context: providerContext, subscribe: true })
  @state()
  protected provided?: ProviderValue;

  readonly #lang = new LangController(this, () => this.provided?.lang);

  /**
   * Server rendering (server/src/ssr): what the element's data load would give, set by the server
   * before the element renders, so that it renders the data rather than its loading state. @internal
   */
  serverData?: unknown;

  /**
   * The element came with its shadow root rendered by a server (declarative shadow DOM) and
   * hydrates it: its first render must be the server's, so measurements and the URL wait until
   * after it. @internal
   */
  protected readonly serverRendered = !isServer && this.shadowRoot !== null;

  override connectedCallback(): void {
    // Before the controllers ask for a provider: the root keeps a request no provider answers yet.
    // (Here rather than in the constructor: a server rendering the element has no document.)
    ensureContextRoot();
    super.connectedCallback();
  }

  /** The language the element speaks: its `lang`, an ancestor's (across shadow roots), its provider's, else French. */
  protected get resolvedLang(): string {
    return this.#lang.lang;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (isServer) this.#lang.resolveOnServer();
    else if (changed.has('provided' as keyof PtceElement)) this.#lang.refresh();
  }

  /**
   * Before a server-rendered element hydrates (its `defer-hydration` removed): its language's
   * catalog and its data, loaded as the element would, so that its first render is the server's.
   * `load` is the element's main data load. @internal
   */
  async prepareHydration(): Promise<void> {
    await loadLang(this.#lang.resolve()).catch(() => {});
    this.#lang.refresh();
    const data = (this as unknown as { data?: DataController<unknown> }).data;
    if (data && this.clientChanged()) await data.run();
    this.#prepared = true;
  }

  #prepared = false;

  /** Starts the element's data load; on a server, takes the data it was given instead (or stays loading). */
  protected startLoad<T>(data: DataController<T>): void {
    if (isServer) {
      if (this.serverData !== undefined) data.settle(this.serverData as T);
      return;
    }
    // Prepared for hydration: the first render shows what was loaded then.
    if (this.#prepared && !this.hasUpdated) return;
    void data.run();
  }

  /**
   * A message in the element's language. An arrow, so the render helpers of `internal/` modules take
   * it as it is. @internal
   */
  readonly t = (key: MessageKey, params?: Params): string => translate(this.resolvedLang, key, params);

  /** The client for this element: its own `endpoint` first, else its provider's. */
  protected get client(): PtceClient | undefined {
    return this.endpoint ? clientFor(this.endpoint) : this.provided?.client;
  }

  /** The client read last: `null` before the first check. */
  #lastClient?: PtceClient | null = null;

  /**
   * True on the first call, then whenever the client this element reads from has changed (its own
   * `endpoint`, or its provider's). Data widgets reload when it says so.
   */
  protected clientChanged(): boolean {
    // A server has no clients (no document to resolve URLs against): its data is given.
    if (isServer) {
      const first = this.#lastClient === null;
      this.#lastClient = undefined;
      return first;
    }
    const client = this.client;
    if (client === this.#lastClient) return false;
    this.#lastClient = client;
    return true;
  }

  /** Runs `load` with this element's client, or fails with "no endpoint" when it has none. */
  protected async withClient<T>(load: (client: PtceClient) => Promise<Result<T>>): Promise<Result<T>> {
    const client = this.client;
    return client ? load(client) : fail({ kind: 'no-endpoint' });
  }

  /** Fires one of our events; they bubble and cross shadow roots so a host page can listen anywhere. */
  protected emit<K extends keyof PtceEventMap>(type: K, detail: PtceEventMap[K], cancelable = false): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  /** Tells the page that some records were left out of a list, and why. */
  protected reportSkipped(list: LoadedList<unknown>): void {
    const fields = list.dropped ?? [];
    if (!list.skipped.length && !fields.length) return;
    console.warn(`ptce-widgets: left out of ${list.url || 'the given pole'} (records, fields):`, list.skipped, fields);
    this.emit('ptce-data-warning', { url: list.url, skipped: list.skipped.length, records: list.skipped, fields });
  }

  /** Renders a data load: the shared states around `ready`, which renders the loaded value. */
  protected renderData<T>(data: DataController<T>, ready: (value: T) => unknown, isEmpty: (value: T) => boolean = () => false): unknown {
    const state = data.state;
    switch (state.status) {
      case 'idle':
      case 'loading':
        return this.renderLoading();
      case 'error':
        return this.renderError(state.failure, () => void data.run());
      case 'ready':
        return isEmpty(state.value) ? this.renderEmpty() : ready(state.value);
    }
  }

  protected renderLoading(): TemplateResult {
    return renderLoadingState(this.t);
  }

  protected renderEmpty(message = this.t('state.empty')): TemplateResult {
    return renderEmptyState(message);
  }

  protected renderError(failure: Failure, retry: () => void): TemplateResult {
    return renderErrorState(this.t, this.describeFailure(failure), retry);
  }

  /** The failure in the element's language: its sentence, and the fields at fault if any. */
  protected describeFailure(failure: Failure): { message: string; detail?: string } {
    return describeFailure(failure, this.t, this.resolvedLang);
  }
}
