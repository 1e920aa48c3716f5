import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DataController } from '../../base/data-controller.js';
import { addChunkStyles } from '../../base/chunk-styles.js';
import { FormController } from '../../base/form/form-controller.js';
import { checkAssessment, checkAssessmentReceipt, checkReferentiel } from '../../data/checks/referentiel.js';
import { fail, ok, type Failure, type Result } from '../../data/failure.js';
import { localize } from '../../data/localize.js';
import type { Referentiel } from '../../data/schemas/referentiel.js';
import type { Answer, Assessment } from '../../data/schemas/submissions.js';
import { assessmentCsv, assessmentIssues, questionsOf, referentielIssues } from './model.js';
import {
  emptyDraft,
  fromImported,
  renderAnswerActions,
  renderAnswerMessages,
  renderQuestion,
  renderRespondent,
  reviveDraft,
  toAssessment,
  type AnswerDraft,
} from './internal/answers.js';
import { download, loadAssessmentFile, readAssessments } from './internal/files.js';
import { renderGrid, renderReadQuestion, renderScale, renderThemeFilter } from './internal/grid.js';
import { renderSummary } from './internal/summary.js';
import type { CampaignData } from './internal/campaign.js';
import type { CoordinatorController } from './internal/coordinator.js';
import type { Campaign } from '../../data/schemas/campaigns.js';
import type { MessageKey } from '../../i18n/index.js';
import type { View } from './internal/view.js';
import { referentielStyles } from './ptce-referentiel.styles.js';
import { heading } from '../../base/heading.js';
import { registerMessages } from '../../i18n/index.js';
import { referentiel as referentielMessages } from '../../i18n/fr/referentiel.js';

registerMessages('fr', referentielMessages);

type CampaignUi = typeof import('./internal/campaign-ui.js');
type CompareUi = typeof import('./internal/compare.js');

interface ReferentielData extends CampaignData {
  referentiel: Referentiel;
  canSend: boolean;
  endpoint: string;
  /** Assessments read from `assessments-src` (compare mode). */
  loaded: Assessment[];
}

/**
 * @tag ptce-referentiel
 * @summary The PTCE action référentiel as an interactive grid: read it, answer it, see the
 * summary, and compare the views of one pole's actors ("regards croisés").
 *
 * @csspart notice - The "contenu indicatif" notice of an illustrative référentiel.
 * @csspart scale - What each answer level means, above the questions.
 * @csspart grid - The questions.
 * @csspart progress - The "24 / 36" progress line.
 * @csspart send - The button that sends the answers.
 * @csspart summary - The summary (means, radar, strengths, points to work on).
 * @csspart compare - The comparison of several respondents.
 * @csspart campaign - The campaign's title, pole and dates.
 * @csspart coordinator - The coordinator's bar: answers received, refresh, publish, export.
 * @csspart refresh-button - The coordinator's "Actualiser" button.
 * @csspart publish-button - The coordinator's publish / unpublish button.
 * @csspart over-time - Two campaigns of one pole compared over time.
 *
 * @fires ptce-assessment-sent - The answers were stored by the endpoint; `detail` is `{reference}`.
 */
export class PtceReferentiel extends PtceElement {
  static override styles = [...(PtceElement.styles as []), referentielStyles];

  /** `read` (default), `answer`, `summary` (of `assessment`) or `compare` (several respondents of one pole). */
  @property({ reflect: true }) mode: 'read' | 'answer' | 'summary' | 'compare' = 'read';
  /** The pole being assessed: part of what is sent, and of the draft's key. */
  @property({ attribute: 'pole-id' }) poleId?: string;
  @property({ attribute: 'pole-name' }) poleName?: string;
  /** An assessment to summarise (`summary` mode). */
  @property({ attribute: false }) assessment?: unknown;
  /** Assessments to compare (`compare` mode), all of the same pole. */
  @property({ attribute: false }) assessments?: unknown[];
  /** URL of a file of assessments (`{"assessments": […]}`) to compare, relative to the page. */
  @property({ attribute: 'assessments-src' }) assessmentsSrc?: string;
  /**
   * A campaign of one pole. `answer` mode: its respondent code (the answers go into it);
   * `compare` mode: its id, read with `key`.
   */
  @property() campaign?: string;
  /** The campaign's coordinator key (`compare` mode); with `compare-campaigns`, the two keys in the same order. */
  @property({ attribute: 'key' }) coordinatorKey?: string;
  /** The same as `key`, for frameworks that keep `key` for themselves (React). */
  @property({ attribute: 'coordinator-key' }) coordinatorKeyAlias?: string;
  /** `compare` mode: two campaign ids of one pole, "EARLIER LATER": what changed between them. */
  @property({ attribute: 'compare-campaigns' }) compareCampaigns?: string;
  /** Do not keep answers in the browser's storage. */
  @property({ type: Boolean, attribute: 'no-draft' }) noDraft = false;

  /** Level of the title (default 2); objectives, summary and lists come below it. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private theme_ = '';
  @state() private formMessage?: { text: string; error: boolean };
  @state() private imported: Assessment[] = [];
  /** The campaign being answered (answer mode), and the coordinator's view of one (compare mode). */
  @state() private campaignInfo?: Campaign;
  /** The campaigns' code, loaded when the element names a campaign. */
  private campaignUi?: CampaignUi;
  private compareUi?: CompareUi;
  private coordinator?: CoordinatorController;

  /**
   * The answers: kept in the browser's storage, sent with an idempotency key; the receipt is the
   * reference. They stay once sent (a respondent may change and send them again).
   */
  private readonly form: FormController<AnswerDraft, string> = new FormController(this, {
    prefix: 'assessment',
    empty: emptyDraft,
    revive: reviveDraft,
    keepSent: true,
    focus: { failure: null, receipt: null },
  });

  /** The draft being answered. */
  private get draft(): AnswerDraft {
    return this.form.draft;
  }

  /** Language, heading level and messages, for the render helpers in internal/. */
  private get view(): View {
    return { lang: this.resolvedLang, headingLevel: this.headingLevel, t: this.t };
  }

  readonly data = new DataController<ReferentielData>(
    this,
    (signal) => this.load(signal),
    (value) => this.loaded(value),
  );

  private async load(signal: AbortSignal): Promise<Result<ReferentielData>> {
    return this.withClient(async (client) => {
      // Compare mode's code is fetched beside the référentiel, only by a référentiel in that mode.
      const compareUi = this.mode === 'compare' ? import('./internal/compare.js') : undefined;
      const found = await client.document('referentiel', checkReferentiel, signal);
      if (!found.ok) return found;
      let referentiel = found.value.value;
      const issues = referentielIssues(referentiel);
      if (issues.length) return fail({ kind: 'invalid', url: found.value.url, issues });
      const canSend = (await client.locate('assessments', signal)).ok;
      const file = this.assessmentsSrc ? await loadAssessmentFile(client, this.assessmentsSrc, signal) : ok([]);
      if (!file.ok) return file;
      let campaigns: CampaignData = {};
      if (this.campaign || this.compareCampaigns) {
        const ui = (this.campaignUi ??= await import('./internal/campaign-ui.js'));
        this.coordinator ??= new ui.CoordinatorController(this, {
          withClient: (load) => this.withClient(load),
          failureText: (failure) => this.describeFailure(failure).message,
          key: () => this.campaignOptions.coordinatorKey ?? '',
        });
        const found = await ui.loadCampaignData(client, { ...this.campaignOptions, mode: this.mode }, referentiel, signal);
        if (!found.ok) return found;
        campaigns = found.value;
        // A campaign is answered and read in its own version of the référentiel.
        referentiel = campaigns.referentiel ?? referentiel;
      }
      if (compareUi && !this.compareUi) {
        this.compareUi = await compareUi;
        addChunkStyles(this, this.compareUi.compareStyles);
      }
      return ok({ referentiel, canSend, endpoint: client.endpoint, loaded: file.value, ...campaigns });
    });
  }

  private loaded({ referentiel, endpoint, campaign, answers }: ReferentielData): void {
    this.campaignInfo = campaign;
    this.coordinator?.set(answers);
    const where = campaign ? `${campaign.poleId}:${campaign.id}` : (this.poleId ?? '');
    this.form.open(this.noDraft ? undefined : `ptce-referentiel-draft:${endpoint}:${referentiel.id}:${referentiel.version}:${where}`);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const campaignChanged = (['campaign', 'coordinatorKey', 'coordinatorKeyAlias', 'compareCampaigns', 'mode'] as const).some((name) =>
      changed.has(name),
    );
    if (this.clientChanged() || changed.has('assessmentsSrc') || (campaignChanged && this.hasUpdated)) this.startLoad(this.data);
  }

  protected override render() {
    return this.renderData(this.data, (data) => {
      const { referentiel } = data;
      const lang = this.resolvedLang;
      return html`
        ${heading(this.headingLevel, 0, localize(referentiel.title, lang))}
        ${
          referentiel.status === 'illustrative'
            ? html`<p class="notice" part="notice" role="note">
                ${referentiel.notice ? localize(referentiel.notice, lang) : this.t('ref.illustrative')}
              </p>`
            : nothing
        }
        ${referentiel.source ? html`<p class="muted">${this.t('ref.source', { source: localize(referentiel.source, lang) })}</p>` : nothing}
        ${
          this.mode === 'answer'
            ? this.renderAnswer(data)
            : this.mode === 'summary'
              ? this.renderGivenSummary(referentiel)
              : this.mode === 'compare'
                ? this.renderCompare(data)
                : this.renderRead(referentiel)
        }
      `;
    });
  }

  // ——— Read ———

  private renderRead(referentiel: Referentiel) {
    return html`<div class="toolbar">${renderThemeFilter(referentiel, this.theme_, (theme) => (this.theme_ = theme), this.view)}</div>
      ${renderGrid(referentiel, this.theme_, (q) => renderReadQuestion(referentiel, q, this.resolvedLang), this.view)}`;
  }

  // ——— Answer ———

  private renderAnswer(data: ReferentielData) {
    const { referentiel } = data;
    const total = questionsOf(referentiel).length;
    const answered = Object.keys(this.draft.answers).length;
    const roles = data.campaign?.roles ?? referentiel.roles ?? [];
    return html`
      ${data.campaign ? this.campaignUi!.renderCampaignHeader(data.campaign, this.view) : nothing}
      <fieldset class="toolbar">
        <legend>${this.t('ref.respondent')}</legend>
        ${renderRespondent(this.draft, roles, (patch) => this.form.edit(patch), this.view)}
        ${renderThemeFilter(referentiel, this.theme_, (theme) => (this.theme_ = theme), this.view)}
      </fieldset>
      <div class="progress" part="progress">
        <p class="message" role="status" aria-live="polite">${this.t('ref.progress', { answered, total })}</p>
        <progress max=${total} .value=${answered} aria-hidden="true"></progress>
      </div>
      ${renderScale(referentiel, this.view)}
      ${renderGrid(
        referentiel,
        this.theme_,
        (q) =>
          renderQuestion(referentiel, q, this.draft.answers[q.indicator.id], (answer) => this.answer(q.indicator.id, answer), this.view),
        this.view,
      )}
      ${renderAnswerActions(
        { canSend: data.canSend, sending: this.form.sending, closed: !!data.campaign?.closed },
        {
          send: () => this.send(referentiel),
          exportAs: (extension) => this.exportAs(referentiel, extension),
          importFile: (event) => this.importFile(event, referentiel),
        },
        this.view,
      )}
      ${renderAnswerMessages(this.form.receipt, this.form.failure && this.sendFailureText(this.form.failure), this.formMessage, this.view)}
      ${answered ? renderSummary(referentiel, this.draft.answers, this.view) : nothing}
    `;
  }

  private answer(id: string, answer: Answer): void {
    this.form.edit({ answers: { ...this.draft.answers, [id]: answer } });
    // Changed answers are not the ones sent: their reference goes.
    this.form.receipt = undefined;
  }

  private toAssessment(referentiel: Referentiel): Assessment {
    return toAssessment(this.draft, referentiel, { poleId: this.poleId, poleName: this.poleName, campaign: this.campaignInfo });
  }

  private async send(referentiel: Referentiel): Promise<void> {
    const assessment = this.toAssessment(referentiel);
    this.formMessage = undefined;
    if (!assessment.respondent.role) {
      this.formMessage = { text: this.t('ref.need-role'), error: true };
      return this.form.focus('#role');
    }
    // Into the campaign when there is one: its code goes with the answers (the server never stores it).
    const sent = this.campaignInfo && this.campaign ? { ...assessment, campaign: this.campaign } : assessment;
    const reference = await this.form.send({
      // The key follows the answers; the campaign's code is not kept in the draft.
      body: assessment,
      post: (_, key) => this.withClient((client) => client.post('assessments', sent, key)),
      receipt: (value) => {
        const checked = checkAssessmentReceipt(value);
        return checked.ok ? checked.value.reference : undefined;
      },
      fallback: () => '—',
    });
    if (reference) this.emit('ptce-assessment-sent', { reference });
  }

  /** Saves the answers as a file: JSON (to import again) or CSV (for a spreadsheet). */
  private exportAs(referentiel: Referentiel, extension: 'json' | 'csv'): void {
    const json = () => `${JSON.stringify({ ...this.toAssessment(referentiel), createdAt: new Date().toISOString() }, null, 2)}\n`;
    const text = extension === 'json' ? json() : this.csvOf(referentiel);
    const type = extension === 'json' ? 'application/json' : 'text/csv;charset=utf-8';
    const date = new Date().toISOString().slice(0, 10);
    download(this.renderRoot, text, type, `${referentiel.id}-${this.poleId ?? 'reponses'}-${date}.${extension}`);
  }

  /** Also used by tests, which check the bytes. */
  csvOf(referentiel: Referentiel): string {
    return assessmentCsv(referentiel, this.toAssessment(referentiel), this.resolvedLang, this.t('ref.csv-headers').split(';'));
  }

  private sendFailureText(failure: Failure): string {
    return this.campaignRefusal(failure) ?? this.t('ref.send-failed', { reason: this.describeFailure(failure).message });
  }

  private async importFile(event: Event, referentiel: Referentiel): Promise<void> {
    const input = event.target as HTMLInputElement;
    const { assessments, error } = await readAssessments(input.files, referentiel, this.view);
    input.value = '';
    if (error || !assessments.length) {
      this.formMessage = { text: error ?? this.t('ref.import-bad', { reason: '—' }), error: true };
      return;
    }
    this.form.edit(fromImported(assessments[0], referentiel));
    this.formMessage = { text: this.t('ref.import-ok'), error: false };
  }

  // ——— Summary ———

  private renderGivenSummary(referentiel: Referentiel) {
    const checked = this.assessment === undefined ? undefined : checkAssessment(this.assessment, 'assessment');
    if (!checked) return html`<p>${this.t('ref.none-yet')}</p>`;
    if (!checked.ok) return this.renderError({ kind: 'invalid', url: '', issues: checked.issues }, () => this.requestUpdate());
    const issues = assessmentIssues(referentiel, checked.value);
    if (issues.length) return this.renderError({ kind: 'invalid', url: '', issues }, () => this.requestUpdate());
    return renderSummary(referentiel, checked.value.answers, this.view);
  }

  // ——— Compare ———

  private renderCompare(data: ReferentielData) {
    const { referentiel } = data;
    if (data.history)
      return this.campaignUi!.renderOverTime(data.historyReferentiels ?? [referentiel, referentiel], data.history, this.view);
    if (this.compareCampaigns) return html`<p class="message error" role="alert">${this.t('over.need-two')}</p>`;
    const fromCampaign = this.coordinator?.answers?.assessments ?? [];
    const { comparedAssessments, renderCompare } = this.compareUi!;
    const { assessments, otherPole } = comparedAssessments(referentiel, [this.assessments ?? [], data.loaded, fromCampaign, this.imported]);
    const coordinator = this.coordinator?.render(this.view) ?? nothing;
    const toolbar = html`${coordinator}<label class="inline no-print"
        >${this.t('ref.compare-import')}
        <input type="file" multiple accept="application/json,.json" @change=${(e: Event) => this.importForCompare(e, referentiel)} />
      </label>`;
    const messages = html`${otherPole ? html`<p class="message error" role="alert">${this.t('ref.compare-other-pole', { pole: otherPole })}</p>` : nothing}
    ${this.formMessage ? html`<p class="message error" role="alert">${this.formMessage.text}</p>` : nothing}`;
    return renderCompare(referentiel, assessments, { ...this.view, toolbar, messages });
  }

  // ——— Campaigns ———

  private get campaignOptions() {
    return {
      campaign: this.campaign,
      coordinatorKey: this.coordinatorKey ?? this.coordinatorKeyAlias,
      compareCampaigns: this.compareCampaigns,
    };
  }

  /** The localized refusal a campaign's server named (closed campaign, wrong key…), if any. */
  private campaignRefusal(failure: Failure): string | undefined {
    const reason = failure.kind === 'http' ? failure.reason : undefined;
    return reason && (this.campaignUi?.CAMPAIGN_REASONS as readonly string[] | undefined)?.includes(reason)
      ? this.t(`campaign.refused.${reason}` as MessageKey)
      : undefined;
  }

  protected override describeFailure(failure: Failure): { message: string; detail?: string } {
    const refusal = this.campaignRefusal(failure);
    return refusal ? { message: refusal } : super.describeFailure(failure);
  }

  private async importForCompare(event: Event, referentiel: Referentiel): Promise<void> {
    const input = event.target as HTMLInputElement;
    const { assessments, error } = await readAssessments(input.files, referentiel, this.view);
    input.value = '';
    this.formMessage = error ? { text: error, error: true } : undefined;
    this.imported = [...this.imported, ...assessments];
  }
}

declare module '../../base/events.js' {
  interface PtceEventMap {
    /** The answers were stored by the endpoint. */
    'ptce-assessment-sent': { reference: string };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-referentiel': PtceReferentiel;
  }
}
