import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { newKey, type KeyedDraft } from '../../../base/form/form-kit.js';
import { localize } from '../../../data/localize.js';
import type { Campaign } from '../../../data/schemas/campaigns.js';
import type { LocalizedText } from '../../../data/schemas/common.js';
import type { Referentiel } from '../../../data/schemas/referentiel.js';
import type { Answer, Assessment } from '../../../data/schemas/submissions.js';
import type { Question } from '../model.js';
import { renderTags } from './grid.js';
import type { View } from './view.js';

/** One respondent's answers as typed, with the idempotency key of this draft. */
export interface AnswerDraft extends KeyedDraft {
  role: string;
  roleOther: string;
  name: string;
  answers: Record<string, Answer>;
}

/** The value of the roles list's last option: the role is typed. */
export const OTHER_ROLE = '__other';

export const emptyDraft = (): AnswerDraft => ({ key: newKey('assessment'), role: '', roleOther: '', name: '', answers: {} });

/** A saved draft made whole again. */
export const reviveDraft = (saved: unknown): AnswerDraft | undefined =>
  saved && typeof saved === 'object' ? { ...emptyDraft(), ...(saved as AnswerDraft) } : undefined;

/** The assessment the draft stands for, of the given pole (or the campaign's). */
export function toAssessment(
  draft: AnswerDraft,
  referentiel: Referentiel,
  { poleId, poleName, campaign }: { poleId?: string; poleName?: string; campaign?: Campaign },
): Assessment {
  const role = draft.role === OTHER_ROLE ? draft.roleOther.trim() : draft.role;
  const id = poleId ?? campaign?.poleId;
  const name = poleName ?? campaign?.poleName;
  return {
    referentielId: referentiel.id,
    referentielVersion: referentiel.version,
    ...(id ? { poleId: id } : {}),
    ...(name ? { poleName: name } : {}),
    respondent: { role, ...(draft.name.trim() ? { name: draft.name.trim() } : {}) },
    answers: draft.answers,
  };
}

/** The respondent's role (from the référentiel's or the campaign's list, or typed) and name. */
export function renderRespondent(
  draft: AnswerDraft,
  roles: readonly { id: string; label: LocalizedText }[],
  edit: (patch: Partial<AnswerDraft>) => void,
  { lang, t }: View,
) {
  return html`<label class="inline"
      >${t('ref.role')}
      <select id="role" @change=${(e: Event) => edit({ role: (e.target as HTMLSelectElement).value })}>
        <option value="">${t('ref.role-choose')}</option>
        ${roles.map((role) => html`<option value=${role.id} ?selected=${role.id === draft.role}>${localize(role.label, lang)}</option>`)}
        <option value=${OTHER_ROLE} ?selected=${draft.role === OTHER_ROLE}>${t('ref.role-other')}</option>
      </select>
    </label>
    ${
      draft.role === OTHER_ROLE
        ? html`<label class="inline"
            >${t('ref.role-free')}
            <input
              type="text"
              .value=${live(draft.roleOther)}
              @input=${(e: Event) => edit({ roleOther: (e.target as HTMLInputElement).value })}
            />
          </label>`
        : nothing
    }
    <label class="inline"
      >${t('ref.name')}
      <input
        type="text"
        autocomplete="name"
        .value=${live(draft.name)}
        @input=${(e: Event) => edit({ name: (e.target as HTMLInputElement).value })}
      />
    </label>`;
}

/** One question: its levels as radio buttons (each level's meaning is the scale's, above the grid), and a comment. */
export function renderQuestion(
  referentiel: Referentiel,
  q: Question,
  answer: Answer | undefined,
  change: (answer: Answer) => void,
  { lang, t }: View,
) {
  const id = q.indicator.id;
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
  // A comment goes with an answer: without one, it is not kept.
  const comment = (text: string) => void (answer && change(text ? { ...answer, comment: text } : { value: answer.value }));
  return html`<fieldset class="question" data-id=${id}>
    <legend><span class="qid">${id}</span> ${localize(q.indicator.question, lang)}</legend>
    ${renderTags(referentiel, q, lang)}
    <div class="levels" @keydown=${onLevelKey}>
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
              @change=${() => change({ ...answer, value: choice.value })}
            />
            <span>${choice.label}</span>
          </label>`,
      )}
    </div>
    <details ?open=${!!answer?.comment}>
      <summary>${t('ref.comment')}</summary>
      <textarea
        aria-label="${t('ref.comment')} — ${id}"
        .value=${live(answer?.comment ?? '')}
        @input=${(e: Event) => comment((e.target as HTMLTextAreaElement).value)}
      ></textarea>
    </details>
  </fieldset>`;
}

/** Up and down move to the same choice of the previous or next question: the grid's rows. */
function onLevelKey(event: KeyboardEvent): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const current = event.target as HTMLInputElement;
  const root = current.getRootNode() as ParentNode;
  const groups = [...root.querySelectorAll<HTMLElement>('fieldset.question')];
  const index = groups.indexOf(current.closest('fieldset.question') as HTMLElement);
  const next = groups[index + (event.key === 'ArrowDown' ? 1 : -1)];
  if (!next) return;
  event.preventDefault();
  const radios = [...next.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
  (radios.find((r) => r.checked) ?? radios[Number(current.dataset.index)] ?? radios[0]).focus();
}

/** What an imported answers file puts in the draft (a role the référentiel does not list is typed). */
export function fromImported(imported: Assessment, referentiel: Referentiel): Partial<AnswerDraft> {
  const known = (referentiel.roles ?? []).some((r) => r.id === imported.respondent.role);
  return {
    answers: imported.answers,
    name: imported.respondent.name ?? '',
    role: known ? imported.respondent.role : OTHER_ROLE,
    roleOther: known ? '' : imported.respondent.role,
  };
}

/** Send (when the endpoint takes answers), export as JSON or CSV, import a JSON file. */
export function renderAnswerActions(
  { canSend, sending, closed }: { canSend: boolean; sending: boolean; closed: boolean },
  on: { send: () => void; exportAs: (extension: 'json' | 'csv') => void; importFile: (event: Event) => void },
  { t }: View,
) {
  return html`<div class="actions">
    ${
      canSend
        ? html`<button type="button" part="send" aria-busy=${sending ? 'true' : 'false'} ?disabled=${sending || closed} @click=${on.send}>
            ${sending ? t('ref.sending') : t('ref.send')}
          </button>`
        : html`<p class="muted">${t('ref.no-send')}</p>`
    }
    <button type="button" class="secondary" @click=${() => on.exportAs('json')}>${t('ref.export-json')}</button>
    <button type="button" class="secondary" @click=${() => on.exportAs('csv')}>${t('ref.export-csv')}</button>
    <label class="inline"
      >${t('ref.import')}
      <input type="file" accept="application/json,.json" @change=${on.importFile} />
    </label>
  </div>`;
}

/** Below the actions: the reference of the answers sent, why sending failed, an import's outcome. */
export function renderAnswerMessages(
  reference: string | undefined,
  failure: string | undefined,
  message: { text: string; error: boolean } | undefined,
  { t }: View,
) {
  return html`${reference ? html`<p class="message" role="status">${t('ref.sent', { reference })}</p>` : nothing}
  ${failure ? html`<p class="message error" role="alert">${failure}</p>` : nothing}
  ${message ? html`<p class="message ${message.error ? 'error' : ''}" role=${message.error ? 'alert' : 'status'}>${message.text}</p>` : nothing}`;
}
