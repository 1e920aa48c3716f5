import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { PtceElement } from '../../base/ptce-element.js';
import { DataController } from '../../base/data-controller.js';
import { addChunkStyles } from '../../base/chunk-styles.js';
import { DraftStore } from '../../base/draft-store.js';
import { checkAssessment, checkAssessmentBundle, checkAssessmentReceipt, checkReferentiel } from '../../data/checks/referentiel.js';
import { fail, ok, type Failure, type Result } from '../../data/failure.js';
import { localize } from '../../data/localize.js';
import type { Referentiel } from '../../data/schemas/referentiel.js';
import type { Answer, Assessment } from '../../data/schemas/submissions.js';
import { assessmentCsv, assessmentIssues, questionsOf, referentielIssues, type Question } from './model.js';
import { download, readAssessments } from './internal/files.js';
import { renderGrid, renderScale, renderTags, renderThemeFilter } from './internal/grid.js';
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

/** One respondent's answers as typed, with the idempotency key of this draft. */
interface AnswerDraft {
  key: string;
  sent?: string;
  role: string;
  roleOther: string;
  name: string;
  answers: Record<string, Answer>;
}

const newKey = () => `assessment-${crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`}`;
const emptyDraft = (): AnswerDraft => ({ key: newKey(), role: '', roleOther: '', name: '', answers: {} });
const OTHER_ROLE = '__other';

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
  @state() private draft: AnswerDraft = emptyDraft();
  @state() private sending = false;
  @state() private sent?: string;
  @state() private sendFailure?: Failure;
  @state() private formMessage?: { text: string; error: boolean };
  @state() private imported: Assessment[] = [];
  /** The campaign being answered (answer mode), and the coordinator's view of one (compare mode). */
  @state() private campaignInfo?: Campaign;
  /** The campaigns' code, loaded when the element names a campaign. */
  private campaignUi?: CampaignUi;
  private compareUi?: CompareUi;
  private coordinator?: CoordinatorController;

  private store?: DraftStore<AnswerDraft>;

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
      const referentiel = found.value.value;
      const issues = referentielIssues(referentiel);
      if (issues.length) return fail({ kind: 'invalid', url: found.value.url, issues });
      const canSend = (await client.locate('assessments', signal)).ok;
      let loaded: Assessment[] = [];
      if (this.assessmentsSrc) {
        const url = new URL(this.assessmentsSrc, document.baseURI).href;
        const raw = await client.getJson(url, signal);
        if (!raw.ok) return raw;
        const bundle = checkAssessmentBundle(raw.value);
        if (!bundle.ok) return fail({ kind: 'invalid', url, issues: bundle.issues });
        loaded = bundle.value.assessments;
      }
      let campaigns: CampaignData = {};
      if (this.campaign || this.compareCampaigns) {
        const ui = (this.campaignUi ??= await import('./internal/campaign-ui.js'));
        this.coordinator ??= new ui.CoordinatorController(this, {
          withClient: (load) => this.withClient(load),
          failureText: (failure) => this.describeFailure(failure).message,
          key: () => this.campaignOptions.coordinatorKey ?? '',
        });
        const found = await ui.loadCampaignData(client, { ...this.campaignOptions, mode: this.mode }, signal);
        if (!found.ok) return found;
        campaigns = found.value;
      }
      if (compareUi && !this.compareUi) {
        this.compareUi = await compareUi;
        addChunkStyles(this, this.compareUi.compareStyles);
      }
      return ok({ referentiel, canSend, endpoint: client.endpoint, loaded, ...campaigns });
    });
  }

  private loaded({ referentiel, endpoint, campaign, answers }: ReferentielData): void {
    this.campaignInfo = campaign;
    this.coordinator?.set(answers);
    const where = campaign ? `${campaign.poleId}:${campaign.id}` : (this.poleId ?? '');
    this.store = this.noDraft
      ? undefined
      : new DraftStore<AnswerDraft>(`ptce-referentiel-draft:${endpoint}:${referentiel.id}:${referentiel.version}:${where}`, (saved) =>
          saved && typeof saved === 'object' ? { ...emptyDraft(), ...(saved as AnswerDraft) } : undefined,
        );
    this.draft = this.store?.load() ?? emptyDraft();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const campaignChanged = (['campaign', 'coordinatorKey', 'coordinatorKeyAlias', 'compareCampaigns', 'mode'] as const).some((name) =>
      changed.has(name),
    );
    if (this.clientChanged() || changed.has('assessmentsSrc') || (campaignChanged && this.hasUpdated)) void this.data.run();
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
    const lang = this.resolvedLang;
    return html`<div class="toolbar">${renderThemeFilter(referentiel, this.theme_, (theme) => (this.theme_ = theme), this.view)}</div>
      ${renderGrid(
        referentiel,
        this.theme_,
        (q) =>
          html`<p><span class="qid">${q.indicator.id}</span> <strong>${localize(q.indicator.label, lang)}</strong></p>
            <p>${localize(q.indicator.question, lang)}</p>
            ${renderTags(referentiel, q, lang)}`,
        this.view,
      )}`;
  }

  // ——— Answer ———

  private renderAnswer(data: ReferentielData) {
    const { referentiel } = data;
    const lang = this.resolvedLang;
    const total = questionsOf(referentiel).length;
    const answered = Object.keys(this.draft.answers).length;
    const roles = data.campaign?.roles ?? referentiel.roles ?? [];
    return html`
      ${data.campaign ? this.campaignUi!.renderCampaignHeader(data.campaign, this.view) : nothing}
      <fieldset class="toolbar">
        <legend>${this.t('ref.respondent')}</legend>
        <label class="inline"
          >${this.t('ref.role')}
          <select id="role" @change=${(e: Event) => this.update_({ role: (e.target as HTMLSelectElement).value })}>
            <option value="">${this.t('ref.role-choose')}</option>
            ${roles.map((role) => html`<option value=${role.id} ?selected=${role.id === this.draft.role}>${localize(role.label, lang)}</option>`)}
            <option value=${OTHER_ROLE} ?selected=${this.draft.role === OTHER_ROLE}>${this.t('ref.role-other')}</option>
          </select>
        </label>
        ${
          this.draft.role === OTHER_ROLE
            ? html`<label class="inline"
                >${this.t('ref.role-free')}
                <input
                  type="text"
                  .value=${live(this.draft.roleOther)}
                  @input=${(e: Event) => this.update_({ roleOther: (e.target as HTMLInputElement).value })}
                />
              </label>`
            : nothing
        }
        <label class="inline"
          >${this.t('ref.name')}
          <input
            type="text"
            autocomplete="name"
            .value=${live(this.draft.name)}
            @input=${(e: Event) => this.update_({ name: (e.target as HTMLInputElement).value })}
          />
        </label>
        ${renderThemeFilter(referentiel, this.theme_, (theme) => (this.theme_ = theme), this.view)}
      </fieldset>
      <div class="progress" part="progress">
        <p class="message" role="status" aria-live="polite">${this.t('ref.progress', { answered, total })}</p>
        <progress max=${total} .value=${answered} aria-hidden="true"></progress>
      </div>
      ${renderScale(referentiel, this.view)} ${renderGrid(referentiel, this.theme_, (q) => this.renderQuestion(referentiel, q), this.view)}
      <div class="actions">
        ${
          data.canSend
            ? html`<button
                type="button"
                part="send"
                aria-busy=${this.sending ? 'true' : 'false'}
                ?disabled=${this.sending || !!data.campaign?.closed}
                @click=${() => this.send(referentiel)}
              >
                ${this.sending ? this.t('ref.sending') : this.t('ref.send')}
              </button>`
            : html`<p class="muted">${this.t('ref.no-send')}</p>`
        }
        <button type="button" class="secondary" @click=${() => this.exportJson(referentiel)}>${this.t('ref.export-json')}</button>
        <button type="button" class="secondary" @click=${() => this.exportCsv(referentiel)}>${this.t('ref.export-csv')}</button>
        <label class="inline"
          >${this.t('ref.import')}
          <input type="file" accept="application/json,.json" @change=${(e: Event) => this.importFile(e, referentiel)} />
        </label>
      </div>
      ${this.sent ? html`<p class="message" role="status">${this.t('ref.sent', { reference: this.sent })}</p>` : nothing}
      ${
        this.sendFailure
          ? html`<p class="message error" role="alert">
              ${this.campaignRefusal(this.sendFailure) ?? this.t('ref.send-failed', { reason: this.describeFailure(this.sendFailure).message })}
            </p>`
          : nothing
      }
      ${this.formMessage ? html`<p class="message ${this.formMessage.error ? 'error' : ''}" role=${this.formMessage.error ? 'alert' : 'status'}>${this.formMessage.text}</p>` : nothing}
      ${answered ? renderSummary(referentiel, this.draft.answers, this.view) : nothing}
    `;
  }

  /** What each answer level means, visible to all (not a hover-only title). */
  private renderQuestion(referentiel: Referentiel, q: Question) {
    const lang = this.resolvedLang;
    const id = q.indicator.id;
    const answer = this.draft.answers[id];
    // Each level's meaning is shown once, in the scale above the grid, and is each choice's description.
    const choices: { value: Answer['value']; label: string; meaning?: string }[] = [
      ...referentiel.scale.levels.map((l) => ({
        value: l.value,
        label: localize(l.label, lang),
        meaning: l.description ? `level-${l.value}` : undefined,
      })),
      {
        value: 'na',
        label: localize(referentiel.scale.notApplicable.label, lang),
        meaning: referentiel.scale.notApplicable.description ? 'level-na' : undefined,
      },
    ];
    return html`<fieldset class="question" data-id=${id}>
      <legend><span class="qid">${id}</span> ${localize(q.indicator.question, lang)}</legend>
      ${renderTags(referentiel, q, this.resolvedLang)}
      <div class="levels" @keydown=${this.onLevelKey}>
        ${choices.map(
          (choice, index) =>
            html`<label class="level">
              <input
                type="radio"
                aria-describedby=${choice.meaning ?? nothing}
                name="q-${id}"
                data-index=${index}
                .value=${String(choice.value)}
                .checked=${live(answer?.value === choice.value)}
                @change=${() => this.answer(id, { ...answer, value: choice.value })}
              />
              <span>${choice.label}</span>
            </label>`,
        )}
      </div>
      <details ?open=${!!answer?.comment}>
        <summary>${this.t('ref.comment')}</summary>
        <textarea
          aria-label="${this.t('ref.comment')} — ${id}"
          .value=${live(answer?.comment ?? '')}
          @input=${(e: Event) => this.comment(id, (e.target as HTMLTextAreaElement).value)}
        ></textarea>
      </details>
    </fieldset>`;
  }

  /** Up and down move to the same choice of the previous or next question: the grid's rows. */
  private onLevelKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const current = event.target as HTMLInputElement;
    const groups = [...this.renderRoot.querySelectorAll<HTMLElement>('fieldset.question')];
    const index = groups.indexOf(current.closest('fieldset.question') as HTMLElement);
    const next = groups[index + (event.key === 'ArrowDown' ? 1 : -1)];
    if (!next) return;
    event.preventDefault();
    const radios = [...next.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    (radios.find((r) => r.checked) ?? radios[Number(current.dataset.index)] ?? radios[0]).focus();
  };

  private update_(patch: Partial<AnswerDraft>): void {
    this.draft = { ...this.draft, ...patch };
    this.store?.save(this.draft);
  }

  private answer(id: string, answer: Answer): void {
    this.update_({ answers: { ...this.draft.answers, [id]: answer } });
    this.sent = undefined;
  }

  private comment(id: string, text: string): void {
    const current = this.draft.answers[id];
    if (!current) return; // A comment goes with an answer: answer first.
    this.answer(id, text ? { ...current, comment: text } : { value: current.value });
  }

  private toAssessment(referentiel: Referentiel): Assessment {
    const role = this.draft.role === OTHER_ROLE ? this.draft.roleOther.trim() : this.draft.role;
    return {
      referentielId: referentiel.id,
      referentielVersion: referentiel.version,
      ...(this.poleId || this.campaignInfo ? { poleId: this.poleId ?? this.campaignInfo!.poleId } : {}),
      ...(this.poleName || this.campaignInfo?.poleName ? { poleName: this.poleName ?? this.campaignInfo!.poleName } : {}),
      respondent: { role, ...(this.draft.name.trim() ? { name: this.draft.name.trim() } : {}) },
      answers: this.draft.answers,
    };
  }

  private async send(referentiel: Referentiel): Promise<void> {
    const assessment = this.toAssessment(referentiel);
    this.formMessage = undefined;
    if (!assessment.respondent.role) {
      this.formMessage = { text: this.t('ref.need-role'), error: true };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#role')?.focus();
      return;
    }
    const body = JSON.stringify(assessment);
    // The same answers sent again keep their key (the endpoint stores them once); changed ones get a new key.
    if (this.draft.sent && this.draft.sent !== body) this.update_({ key: newKey() });
    this.update_({ sent: body });
    this.sending = true;
    this.sendFailure = undefined;
    // Into the campaign when there is one: its code goes with the answers (the server never stores it).
    const sent = this.campaignInfo && this.campaign ? { ...assessment, campaign: this.campaign } : assessment;
    const result = await this.withClient((client) => client.post('assessments', sent, this.draft.key));
    this.sending = false;
    if (!result.ok) {
      if (result.failure.kind !== 'aborted') this.sendFailure = result.failure;
      return;
    }
    const receipt = checkAssessmentReceipt(result.value);
    this.sent = receipt.ok ? receipt.value.reference : '—';
    this.emit('ptce-assessment-sent', { reference: this.sent });
  }

  private download(text: string, type: string, extension: string, referentiel: Referentiel): void {
    const date = new Date().toISOString().slice(0, 10);
    download(this.renderRoot, text, type, `${referentiel.id}-${this.poleId ?? 'reponses'}-${date}.${extension}`);
  }

  private exportJson(referentiel: Referentiel): void {
    this.download(
      `${JSON.stringify({ ...this.toAssessment(referentiel), createdAt: new Date().toISOString() }, null, 2)}\n`,
      'application/json',
      'json',
      referentiel,
    );
  }

  /** Also used by tests, which check the bytes. */
  csvOf(referentiel: Referentiel): string {
    return assessmentCsv(referentiel, this.toAssessment(referentiel), this.resolvedLang, this.t('ref.csv-headers').split(';'));
  }

  private exportCsv(referentiel: Referentiel): void {
    this.download(this.csvOf(referentiel), 'text/csv;charset=utf-8', 'csv', referentiel);
  }

  private async importFile(event: Event, referentiel: Referentiel): Promise<void> {
    const input = event.target as HTMLInputElement;
    const { assessments, error } = await readAssessments(input.files, referentiel, this.view);
    input.value = '';
    if (error || !assessments.length) {
      this.formMessage = { text: error ?? this.t('ref.import-bad', { reason: '—' }), error: true };
      return;
    }
    const [imported] = assessments;
    const known = (referentiel.roles ?? []).some((r) => r.id === imported.respondent.role);
    this.update_({
      answers: imported.answers,
      name: imported.respondent.name ?? '',
      role: known ? imported.respondent.role : OTHER_ROLE,
      roleOther: known ? '' : imported.respondent.role,
    });
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
    if (data.history) return this.campaignUi!.renderOverTime(referentiel, data.history[0], data.history[1], this.view);
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
