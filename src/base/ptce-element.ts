import { LitElement, html, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { VERSION } from '../version.js';
import { tokens, stateStyles } from '../styles/tokens.js';
import {
  DEFAULT_LANG,
  errorTextsStatus,
  isLangLoaded,
  loadErrorTexts,
  loadLang,
  supportedLang,
  translate,
  formatBytes,
  type MessageKey,
  type Params,
} from '../i18n/index.js';
import { clientFor, type LoadedList, type PtceClient } from '../data/client.js';
import { fail, type DataIssue, type Failure, type Result } from '../data/failure.js';
import { providerContext, requestContext, type ContextCallback, type ProviderValue } from './context.js';
import type { PtceEventMap } from './events.js';
import type { DataController } from './data-controller.js';

const connected = new Set<PtceElement>();

// Lets a widget find its <ptce-provider> even when the provider's script runs after the widget's:
// when a provider announces itself, the widgets that have none yet ask again.
document.addEventListener('context-provider', (event) => {
  if ((event as Event & { context?: unknown }).context === providerContext) for (const element of connected) element.requestProvider();
});
let langObserver: MutationObserver | undefined;

/** Any `lang` change on the page may change the language of any widget below it. */
function refreshAllLangs(): void {
  for (const element of connected) element.refreshLang();
}

function watchLangChanges(): void {
  if (langObserver) return;
  langObserver = new MutationObserver(refreshAllLangs);
  langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * The base of every ptce-widgets element: language, theme, endpoint, events and the shared
 * loading / error / empty states.
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
  @state() protected provided?: ProviderValue;

  /** Set while a provider answers: leaves it. */
  #unsubscribe?: () => void;

  // One function for the element's whole life: providers know their subscribers by it.
  #receive: ContextCallback = (value, unsubscribe) => {
    // Another unsubscribe function is another provider (one upgraded closer): leave the old one.
    if (this.#unsubscribe !== unsubscribe) this.#unsubscribe?.();
    this.#unsubscribe = unsubscribe;
    this.provided = value;
  };

  /** Asks for a provider, unless one answers already. @internal */
  requestProvider(): void {
    if (!this.#unsubscribe) requestContext(this, this.#receive);
  }

  /** The language the element speaks, resolved from `lang` attributes (see `resolveLang`). */
  @state() protected resolvedLang: string = DEFAULT_LANG;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' && old !== value) refreshAllLangs();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    connected.add(this);
    this.requestProvider();
    watchLangChanges();
    this.refreshLang();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    connected.delete(this);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** The element's `lang`, else the closest ancestor's (across shadow roots), else French. */
  resolveLang(): string {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk starts at this element
    let node: Node | null = this;
    while (node) {
      const tag = node instanceof Element ? node.getAttribute('lang') : null;
      if (tag) return supportedLang(tag) ?? DEFAULT_LANG;
      node = node instanceof ShadowRoot ? node.host : node.parentNode;
    }
    return supportedLang(this.provided?.lang) ?? DEFAULT_LANG;
  }

  /**
   * Switches to the resolved language once its catalog is there (English loads on first use): until
   * then the element keeps speaking its current language rather than mixing two.
   */
  refreshLang(): void {
    const lang = this.resolveLang();
    if (!isLangLoaded(lang)) {
      void loadLang(lang).then(() => this.refreshLang());
      return;
    }
    if (lang !== this.resolvedLang) this.resolvedLang = lang;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('provided' as keyof PtceElement)) this.refreshLang();
  }

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
    const client = this.client;
    if (client === this.#lastClient) return false;
    this.#lastClient = client;
    return true;
  }

  /**
   * Runs `load` with this element's client, or fails with "no endpoint" when it has none. A failure
   * comes back once its sentences are there (they load on the first one).
   */
  protected async withClient<T>(load: (client: PtceClient) => Promise<Result<T>>): Promise<Result<T>> {
    const client = this.client;
    const result = client ? await load(client) : fail({ kind: 'no-endpoint' });
    if (!result.ok && result.failure.kind !== 'aborted') await loadErrorTexts();
    return result;
  }

  /**
   * A message in the element's language. An arrow, so the render helpers of `internal/` modules take
   * it as it is. @internal
   */
  readonly t = (key: MessageKey, params?: Params): string => translate(this.resolvedLang, key, params);

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
    return html`<div class="state state-loading" part="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true"></span>
      <span>${this.t('state.loading')}</span>
    </div>`;
  }

  protected renderEmpty(message = this.t('state.empty')): TemplateResult {
    return html`<div class="state state-empty" part="state state-empty" role="status"><p>${message}</p></div>`;
  }

  protected renderError(failure: Failure, retry: () => void): TemplateResult {
    // A failure found without the client (an invalid property): its sentences are still on their way.
    if (errorTextsStatus() !== 'ready' && errorTextsStatus() !== 'failed') {
      this.describeFailure(failure);
      return this.renderLoading();
    }
    const { message, detail } = this.describeFailure(failure);
    return html`<div class="state state-error" part="state state-error" role="alert">
      <p class="title">${this.t('error.title')}</p>
      <p class="message">${message}</p>
      ${detail ? html`<p class="detail">${detail}</p>` : null}
      <button type="button" part="retry-button" @click=${retry}>${this.t('state.retry')}</button>
    </div>`;
  }

  protected describeFailure(failure: Failure): { message: string; detail?: string } {
    if (failure.kind === 'aborted') return { message: '' };
    // Without its sentences (offline: their chunk did not come), the error block says its title only.
    if (errorTextsStatus() !== 'ready') {
      if (errorTextsStatus() !== 'failed') void loadErrorTexts().then(() => this.requestUpdate());
      return { message: '' };
    }
    // Each failure's message is `error.<kind>`, filled with what that kind carries.
    const f = failure as Partial<{
      resource: string;
      timeoutMs: number;
      status: number;
      maxBytes: number;
      version: unknown;
      issues: DataIssue[];
    }>;
    return {
      message: this.t(`error.${failure.kind}`, {
        resource: f.resource && this.t(`resource.${f.resource}` as MessageKey),
        seconds: f.timeoutMs && Math.round(f.timeoutMs / 100) / 10,
        status: f.status,
        size: f.maxBytes && formatBytes(this.resolvedLang, f.maxBytes),
        version: f.version,
      } as Params),
      detail: f.issues?.length ? this.issuesText(f.issues) : undefined,
    };
  }

  // The validator's reasons are technical English (kept in the console and in ptce-data-warning);
  // on screen, each field is only said to be missing or invalid, in the reader's language.
  private issuesText(issues: { path: string; message: string }[]): string {
    const reason = (message: string) => this.t(message === 'required' ? 'error.field-missing' : 'error.field-invalid');
    const paths = issues.map((issue) => `${issue.path} (${reason(issue.message)})`).join(', ');
    return this.t('error.invalid-paths', { paths });
  }
}
