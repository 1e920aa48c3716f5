import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DEFAULT_HEADING_LEVEL } from '../../base/heading.js';
import { DataController } from '../../base/data-controller.js';
import { addChunkStyles } from '../../base/chunk-styles.js';
import { checkPole } from '../../data/checks/poles.js';
import { checkLeniently, loadPoles } from '../../data/poles.js';
import { fail, ok, type Result } from '../../data/failure.js';
import { chunk } from '../../data/chunk.js';
import type { Pole, Theme } from '../../data/schemas/pole.js';
import { cardStyles } from './ptce-pole-card.styles.js';
import type { RequestKind } from './internal/pole-request.js';

type PoleView = typeof import('./internal/pole-view.js');

// What draws a loaded pole (its sections, their styles and sentences) is a chunk of its own,
// requested as soon as this module runs: beside the data, so a first view waits for no extra
// round trip, and ready for a card that appears later (the map's panel). This file keeps the
// loading state. A failed download is the card's failure, and "Réessayer" asks for it again.
let poleView: PoleView | undefined;
const loadPoleView = chunk((retry) => (retry ? import(`./internal/pole-view.js${retry}`) : import('./internal/pole-view.js')));
void loadPoleView();

/** What draws a pole, loaded now: a server calls it before rendering cards. @internal */
export async function loadCardView(): Promise<PoleView> {
  const view = await loadPoleView();
  if (!view.ok) throw new Error(`the card's drawing did not load (${view.failure.kind})`);
  return (poleView = view.value);
}

interface CardData {
  pole?: Pole;
  themes: Theme[];
  /** Where the data came from: logos are shown only from there (no third-party requests). */
  origin: string;
}

declare module '../../base/events.js' {
  interface PtceEventMap {
    /** A compact card (or a map marker) was activated. */
    'ptce-pole-select': { id: string; name: string };
  }
}

/**
 * @tag ptce-pole-card
 * @summary A pole's profile card: name, territory, status, description, themes, figures, neutral
 * facts (charter signature, national calls), its projects and what it offers other poles (fiches
 * action), and contacts. Shows what the pole has, nothing else.
 *
 * @slot actions - Buttons or links under the card's content (e.g. "Voir sur la carte").
 * @slot footer - A footer line.
 *
 * @csspart card - The card's frame (an `article`).
 * @csspart name - The pole's name (a heading).
 * @csspart select - In the compact variant, the button inside the heading that selects the pole.
 * @csspart logo - The logo image.
 * @csspart carrier - The carrier structure.
 * @csspart territory - Commune, departments and region.
 * @csspart badges - Status and origin.
 * @csspart description - The description.
 * @csspart themes - The theme tags.
 * @csspart figures - Key figures.
 * @csspart facts - Charter signature and national calls.
 * @csspart summary - The published référentiel summary chart.
 * @csspart actions - The "Projets et actions" section (full variant), or the line saying the pole offers an action (compact).
 * @csspart action - One fiche action of that section.
 * @csspart offer - The action a fiche offers the other poles ("Propose : …").
 * @csspart address - The street address, postcode and commune.
 * @csspart hours - Opening hours.
 * @csspart contact - Website, email and phone.
 * @csspart links - Social networks and the pole's page in the directory it comes from.
 * @csspart provenance - The quiet line saying where the record comes from and when it was updated.
 * @csspart themes-source - Who chose the themes (the pole, the publisher, a document), when the data says.
 * @csspart skeleton - The loading placeholder.
 * @csspart requests - The opt-in requests' buttons and their open form (`report-error`, `claim`, `contact`).
 * @csspart request-button - One of those buttons ("Signaler une erreur", "Je gère ce pôle", "Contacter ce pôle").
 *
 * @fires ptce-pole-select - A compact card was activated (click, Enter or Space); `detail` is `{id, name}`.
 * @fires ptce-pole-request-sent - A request of the card was received; `detail` is `{kind, poleId, reference}`.
 */
export class PtcePoleCard extends PtceElement {
  static override styles = [...(PtceElement.styles as []), cardStyles];

  /** Id of the pole to show, looked up in the endpoint's poles. */
  @property({ attribute: 'pole-id' }) poleId?: string;

  /** A pole given directly (validated like endpoint data); wins over `pole-id`. */
  @property({ attribute: false }) pole?: unknown;

  /** Theme vocabulary for a pole given as a property (labels of its theme ids). */
  @property({ attribute: false }) themes?: Theme[];

  /** `full` (default): the whole profile; `compact`: for lists and map popups, activatable. */
  @property({ reflect: true }) variant: 'full' | 'compact' = 'full';

  /** Level of the card's heading (1–6, default 2 like every element's top heading), to fit the page's outline. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel: number = DEFAULT_HEADING_LEVEL;

  /** Offer "Signaler une erreur": a correction sent to the endpoint's `contributions` URL (off by default). */
  @property({ type: Boolean, attribute: 'report-error' }) reportError = false;

  /** Offer "Je gère ce pôle": the pole's manager asks for a link to edit its card (the `claim` URL). */
  @property({ type: Boolean }) claim = false;

  /** Offer "Contacter ce pôle": a message relayed to the pole, whose address stays hidden (the `contact` URL). */
  @property({ type: Boolean }) contact = false;

  @state() private expanded = false;
  /** The request whose form is open, once its module is loaded. */
  @state() private openRequest?: RequestKind;

  readonly data = new DataController<CardData>(
    this,
    (signal) => this.load(signal),
    (value) => this.loaded(value),
  );

  private async load(signal: AbortSignal): Promise<Result<CardData>> {
    const [result, view] = await Promise.all([this.loadPole(signal), loadPoleView()]);
    if (!result.ok) return result;
    if (!view.ok) return view;
    poleView = view.value;
    // Server-rendered: the server's styles hold the drawing's already (server/src/ssr/elements.ts).
    if (!this.styled && !this.serverRendered) addChunkStyles(this, view.value.viewStyles);
    this.styled = true;
    return result;
  }

  /** The drawing's styles are in this element's shadow root. */
  private styled = false;

  private async loadPole(signal: AbortSignal): Promise<Result<CardData>> {
    if (this.pole !== undefined) {
      // Like endpoint data: unusable optional fields are left out (and reported), not the pole.
      const checked = await checkLeniently(checkPole, this.pole, 'pole');
      if (!checked.ok) return fail({ kind: 'invalid', url: '', issues: checked.issues });
      if (checked.dropped.length) this.reportSkipped({ url: '', value: undefined, skipped: [], dropped: checked.dropped });
      return ok({ pole: checked.value, themes: this.themes ?? [], origin: location.origin });
    }
    const result = await this.withClient((client) => loadPoles(client, signal));
    if (!result.ok) return result;
    this.reportSkipped(result.value);
    const { poles, themes } = result.value.value;
    const pole = poles.find((p) => p.id === this.poleId);
    // The pole is in the source but its record is invalid: say so rather than "no such pole".
    const invalid = pole ? undefined : result.value.skipped.find((record) => record.id === this.poleId);
    if (invalid) return fail({ kind: 'invalid', url: result.value.url, issues: invalid.issues });
    return ok({ pole, themes, origin: new URL(result.value.url).origin });
  }

  private loaded(_value: CardData): void {
    this.expanded = false;
  }

  /** Set when the select button had focus as the card turned full (the button is then gone). */
  private refocus = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.refocus = changed.get('variant') === 'compact' && this.shadowRoot?.activeElement?.getAttribute('part') === 'select';
    if (this.clientChanged() || changed.has('poleId') || changed.has('pole') || changed.has('themes')) this.startLoad(this.data);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Focus stays on the card, not lost to the page, and its name is read again.
    const article = this.refocus && this.renderRoot.querySelector<HTMLElement>('article');
    if (!article) return;
    // Focusable only for this: a click on the card must not ring it afterwards.
    article.tabIndex = -1;
    article.addEventListener('blur', () => article.removeAttribute('tabindex'), { once: true });
    article.focus();
  }

  protected override renderLoading(): TemplateResult {
    return html`<div class="card skeleton" part="skeleton" role="status" aria-live="polite">
      <span class="visually-hidden">${this.t('state.loading')}</span>
      <div class="line"></div>
      <div class="line"></div>
      <div class="line"></div>
    </div>`;
  }

  protected override render() {
    return this.renderData(this.data, ({ pole, themes, origin }) =>
      pole
        ? poleView!.renderPole(
            {
              t: this.t,
              lang: this.resolvedLang,
              compact: this.variant === 'compact',
              headingLevel: this.headingLevel,
              expanded: this.expanded,
              toggleExpanded: this.toggleExpanded,
              select: this.select,
              onCardClick: this.onCardClick,
              requests: this.renderRequests(pole),
            },
            pole,
            themes,
            origin,
          )
        : this.renderEmpty(this.t('card.not-found', { id: this.poleId ?? '' })),
    );
  }

  /** The opt-in requests' buttons (a disclosure each) and the open one's form, for a card with an endpoint. */
  private renderRequests(pole: Pole) {
    const offered: Record<RequestKind, boolean> = { correction: this.reportError, claim: this.claim, contact: this.contact };
    const kinds = (Object.keys(offered) as RequestKind[]).filter((kind) => offered[kind]);
    // No request offered: no client read either (on the server, where there is no document to resolve the endpoint against).
    if (!kinds.length) return nothing;
    const client = this.client;
    if (!client) return nothing;
    const open = this.openRequest;
    return html`<div class="requests" part="requests">
      <div class="request-buttons">
        ${kinds.map(
          (kind) =>
            html`<button
              type="button"
              part="request-button"
              aria-expanded=${open === kind ? 'true' : 'false'}
              aria-controls=${open === kind ? 'request-panel' : nothing}
              @click=${() => this.toggleRequest(kind)}
            >
              ${this.t(`request.${kind}`)}
            </button>`,
        )}
      </div>
      ${
        open
          ? html`<div id="request-panel">
              <ptce-pole-request
                kind=${open}
                pole-id=${pole.id}
                endpoint=${client.endpoint}
                lang=${this.resolvedLang}
                .offers=${(pole.actions ?? []).map((action) => action.title)}
              ></ptce-pole-request>
            </div>`
          : nothing
      }
    </div>`;
  }

  private async toggleRequest(kind: RequestKind): Promise<void> {
    if (this.openRequest === kind) {
      this.openRequest = undefined;
      return;
    }
    await import('./internal/pole-request.js');
    this.openRequest = kind;
    await this.updateComplete;
    await this.renderRoot.querySelector('ptce-pole-request')?.focusFirst();
  }

  private toggleExpanded = () => {
    this.expanded = !this.expanded;
  };

  private select = () => {
    const state = this.data.state;
    if (state.status !== 'ready' || !state.value.pole) return;
    this.emit('ptce-pole-select', { id: state.value.pole.id, name: state.value.pole.name });
  };

  /** A click anywhere on a compact card selects it, except on its own links and buttons. */
  private onCardClick = (event: MouseEvent) => {
    const interactive = event.composedPath().find((node) => node instanceof HTMLElement && /^(A|BUTTON)$/.test(node.tagName));
    if (!interactive) this.select();
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-pole-card': PtcePoleCard;
  }
}
