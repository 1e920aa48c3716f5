import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { DataIssue, Failure } from '../../data/failure.js';
import type { FormController } from './form-controller.js';
import { fieldId, focusField, renderErrorSummary, renderFieldError, type KeyedDraft } from './form-kit.js';

/**
 * The pieces of a form drawn from its FormController: text fields with their error lines, the
 * summary of errors, the send failure, the submit button and the honeypot.
 */

type Form = FormController<KeyedDraft, unknown>;

/** The autofill tokens our forms use (the browser fills these fields from the reader's details). */
export type Autocomplete =
  | 'off'
  | 'name'
  | 'given-name'
  | 'family-name'
  | 'email'
  | 'tel'
  | 'url'
  | 'organization'
  | 'organization-title'
  | 'street-address'
  | 'postal-code'
  | 'address-level2';

/** A text field's label (with its required or optional mark), kind and what typing does. */
export interface TextField {
  label: string;
  input: (value: string) => void;
  required?: boolean;
  multiline?: boolean;
  type?: 'text' | 'email' | 'tel' | 'url';
  autocomplete?: Autocomplete;
  inputmode?: string;
  hint?: string;
}

/** The line under a field: its problem once it may show (see FormController.visible), else empty. */
export function fieldError(form: Form, issues: DataIssue[], path: string): TemplateResult {
  const issue = form.visible(issues, path);
  return renderFieldError(path, issue && form.options.message?.(issue));
}

/** A labelled text field (or text area), its hint and its error line, tied by `aria-describedby`. */
export function textField(form: Form, issues: DataIssue[], path: string, value: string, field: TextField): TemplateResult {
  const id = fieldId(path);
  const invalid = form.invalid(issues, path);
  const describedBy = `${id}-error${field.hint ? ` ${id}-hint` : ''}`;
  const input = (e: Event) => field.input((e.target as HTMLInputElement).value);
  return html`<div class="field">
    <label for=${id}>${field.label}</label>
    ${field.hint ? html`<p class="hint" id="${id}-hint">${field.hint}</p>` : nothing}
    ${
      field.multiline
        ? html`<textarea
            id=${id}
            rows="4"
            ?required=${!!field.required}
            .value=${live(value)}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            @input=${input}
          ></textarea>`
        : html`<input
            id=${id}
            type=${field.type ?? 'text'}
            autocomplete=${field.autocomplete ?? 'off'}
            inputmode=${field.inputmode ?? nothing}
            ?required=${!!field.required}
            .value=${live(value)}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            @input=${input}
          />`
    }
    ${fieldError(form, issues, path)}
  </div>`;
}

/** The summary at the top once submitted (`refused`: the note when the server refused fields). */
export function errorSummary(
  form: Form,
  issues: DataIssue[],
  title: (count: number) => string,
  refused: string,
): TemplateResult | typeof nothing {
  if (!form.submitted || !issues.length) return nothing;
  const { label = (path: string) => path, message = (issue: DataIssue) => issue.message } = form.options;
  return renderErrorSummary(
    issues,
    title(issues.length),
    form.serverIssues.length ? refused : undefined,
    (issue) => `${label(issue.path)} : ${message(issue)}`,
    (event, path) => focusField(form.host.renderRoot, event, path),
  );
}

/** The send failure, said as `text` says it: an alert that takes focus. */
export function sendFailure(form: Form, text: (failure: Failure) => string): TemplateResult | typeof nothing {
  return form.failure ? html`<p class="error send-failure" role="alert" tabindex="-1">${text(form.failure)}</p>` : nothing;
}

/** The submit button, busy while sending. */
export function submitButton(form: Form, label: string, sendingLabel: string): TemplateResult {
  return html`<div class="actions">
    <button type="submit" part="submit" aria-busy=${form.sending ? 'true' : 'false'} ?disabled=${form.sending}>
      ${form.sending ? sendingLabel : label}
    </button>
  </div>`;
}

/** The hidden field a person never sees nor reaches, and bots fill. */
export function honeypot(form: Form): TemplateResult {
  return html`<div class="honeypot" aria-hidden="true">
    <label for="f-nickname">Ne pas remplir</label>
    <input
      id="f-nickname"
      name="nickname"
      tabindex="-1"
      autocomplete="off"
      @input=${(e: Event) => (form.honeypot = (e.target as HTMLInputElement).value)}
    />
  </div>`;
}
