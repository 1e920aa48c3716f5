import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { PtceClient } from '../../../data/client.js';
import { ok, type Failure, type Result } from '../../../data/failure.js';
import type { CampaignAnswers } from '../../../data/schemas/campaigns.js';
import { formatDate } from '../../../i18n/index.js';
import { answersCsv, loadCampaignAnswers, renderCampaignHeader, renderCoordinatorBar, setPublished } from './campaign.js';
import { download } from './files.js';
import type { View } from './view.js';

/** What the coordinator's view needs from the element. */
export interface CoordinatorAccess {
  withClient<T>(load: (client: PtceClient) => Promise<Result<T>>): Promise<Result<T>>;
  /** The failure in words: a campaign's named refusal, or the generic message. */
  failureText(failure: Failure): string;
  key(): string;
}

/**
 * A campaign's answers as its coordinator sees them, kept up to date: refresh, publish or
 * withdraw the summary, export; each outcome said in the bar's live region, the view kept.
 */
export class CoordinatorController implements ReactiveController {
  answers?: CampaignAnswers;
  #busy = false;
  #message?: { text: string; error: boolean };

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
    private readonly access: CoordinatorAccess,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  set(answers: CampaignAnswers | undefined): void {
    this.answers = answers;
    this.#message = undefined;
    this.host.requestUpdate();
  }

  render(view: View) {
    const answers = this.answers;
    if (!answers) return null;
    const key = this.access.key;
    return html`${renderCampaignHeader(answers.campaign, view)}
    ${renderCoordinatorBar(
      answers,
      {
        busy: this.#busy,
        message: this.#message,
        refresh: () => this.#act(view, async () => view.t('campaign.refreshed')),
        togglePublished: () =>
          this.#act(view, (client, current) => setPublished(client, current.campaign.id, key(), !current.campaign.publishedAt)),
        exportCsv: () => this.#exportCsv(view),
      },
      view,
    )}`;
  }

  /** An action (or none), then the answers read again; `action` gives the message of success or a failed result. */
  async #act(view: View, action: (client: PtceClient, answers: CampaignAnswers) => Promise<Result<unknown> | string>) {
    const answers = this.answers;
    if (!answers || this.#busy) return;
    this.#busy = true;
    this.#message = undefined;
    this.host.requestUpdate();
    const outcome = await this.access.withClient(async (client) => {
      const done = await action(client, answers);
      if (typeof done !== 'string' && !done.ok) return done;
      const fresh = await loadCampaignAnswers(client, answers.campaign.id, this.access.key());
      if (!fresh.ok) return fresh;
      // Said in the live region: the refresh, or the summary's new state after (un)publishing.
      const publishedAt = fresh.value.campaign.publishedAt;
      const message =
        typeof done === 'string'
          ? done
          : publishedAt
            ? view.t('campaign.published', { date: formatDate(view.lang, publishedAt.slice(0, 10)) })
            : view.t('campaign.not-published');
      return ok({ fresh: fresh.value, message });
    });
    this.#busy = false;
    if (outcome.ok) {
      this.answers = outcome.value.fresh;
      this.#message = { text: outcome.value.message, error: false };
    } else {
      this.#message = { text: view.t('campaign.action-failed', { reason: this.access.failureText(outcome.failure) }), error: true };
    }
    this.host.requestUpdate();
  }

  async #exportCsv(view: View): Promise<void> {
    const answers = this.answers;
    if (!answers) return;
    const csv = await this.access.withClient((client) => answersCsv(client, answers.campaign.id, this.access.key()));
    if (csv.ok) download(this.host.renderRoot, csv.value, 'text/csv;charset=utf-8', `${answers.campaign.id}.csv`);
    else {
      this.#message = { text: view.t('campaign.action-failed', { reason: this.access.failureText(csv.failure) }), error: true };
      this.host.requestUpdate();
    }
  }
}
