import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { FormController } from '../base/form/form-controller.js';
import { errorSummary, sendFailure, submitButton, textField } from '../base/form/form-view.js';
import { formStyles } from '../base/form/form-styles.js';
import { ok, type DataIssue, type Failure, type Result } from '../data/failure.js';
import { AdminElement } from './admin-element.js';
import { AdminApi, login, whoIs, type Account } from './api.js';

interface LoginDraft {
  key: string;
  sent?: string;
  mode: 'account' | 'token';
  email: string;
  password: string;
  token: string;
  /** The password link's two fields. */
  newPassword: string;
  confirm: string;
}

export interface Session {
  token: string;
  account: Account;
}

declare global {
  interface HTMLElementEventMap {
    /** A login succeeded: the session's token and account. */
    'ptce-admin-login': CustomEvent<Session>;
  }
}

const empty = (): LoginDraft => ({ key: 'login', mode: 'account', email: '', password: '', token: '', newPassword: '', confirm: '' });
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The password link an account's creation mails: `admin.html#mot-de-passe=<token>`. */
const LINK = /^#mot-de-passe=(.+)$/;

/**
 * @tag ptce-admin-login
 * @summary The admin page's login: an account's e-mail and password (`POST /api/login`), or the
 * bootstrap admin token; and, from the e-mailed link, the choice of a new account's password
 * (`POST /api/password`). Fires `ptce-admin-login` with the session. Nothing here is stored: the
 * shell keeps the token in the tab's sessionStorage.
 */
export class PtceAdminLogin extends AdminElement {
  static override styles = [
    ...AdminElement.styles,
    formStyles,
    css`
      .modes {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        border: 0;
        padding: 0;
      }
    `,
  ];

  /** Set once a password was chosen: the login then says so. */
  @state() private notice?: string;

  /** The password link's token, when the page was opened from it. */
  @state() private link = LINK.exec(location.hash)?.[1];

  private readonly form = new FormController<LoginDraft, Session | true>(this, {
    prefix: 'login',
    empty,
    paths: () => ['email', 'password', 'token', 'newPassword', 'confirm'],
    label: (path) => this.label(path),
    message: (issue) => issue.message,
    focus: { receipt: null },
  });

  private label(path: string): string {
    const labels: Record<string, string> = {
      email: this.t('login.email'),
      password: this.t('login.password'),
      token: this.t('login.token'),
      newPassword: this.t('password.new'),
      confirm: this.t('password.confirm'),
    };
    return labels[path] ?? path;
  }

  private issues(): DataIssue[] {
    const d = this.form.draft;
    const required = this.t('login.required');
    const issues: DataIssue[] = [];
    if (this.link) {
      if (d.newPassword.length < 12) issues.push({ path: 'newPassword', message: this.t('password.short') });
      if (d.confirm !== d.newPassword) issues.push({ path: 'confirm', message: this.t('password.mismatch') });
    } else if (d.mode === 'account') {
      if (!d.email.trim()) issues.push({ path: 'email', message: required });
      else if (!EMAIL.test(d.email.trim())) issues.push({ path: 'email', message: this.t('login.email-invalid') });
      if (!d.password) issues.push({ path: 'password', message: required });
    } else if (!d.token.trim()) issues.push({ path: 'token', message: required });
    return this.form.issues(issues);
  }

  protected override render() {
    const form = this.form;
    const issues = this.issues();
    const d = form.draft;
    const field = (path: 'email' | 'password' | 'token' | 'newPassword' | 'confirm') =>
      textField(form, issues, path, d[path], {
        label: this.label(path),
        required: true,
        ...(path === 'email' ? { type: 'email', autocomplete: 'email' } : {}),
        input: (value) => form.input(path, { [path]: value }),
      });
    return html`<section aria-labelledby="login-title">
      <h2 id="login-title">${this.t(this.link ? 'password.title' : 'login.title')}</h2>
      <p class="intro">${this.t(this.link ? 'password.intro' : 'login.intro')}</p>
      ${this.notice ? html`<p class="status" role="status">${this.notice}</p>` : nothing}
      <form novalidate @submit=${this.submit} @focusout=${form.onFocusOut} @pointerdown=${form.onPointerDown}>
        ${errorSummary(form, issues, (count) => this.t('errors.title', { count }), this.t('errors.server'))}
        ${sendFailure(form, (failure) => this.refusal(failure))}
        ${
          this.link
            ? html`${field('newPassword')} ${field('confirm')}`
            : html`<fieldset class="modes">
                  <legend>${this.t('login.mode')}</legend>
                  ${(['account', 'token'] as const).map(
                    (mode) =>
                      html`<div class="choice">
                        <input
                          type="radio"
                          name="mode"
                          id="mode-${mode}"
                          .checked=${d.mode === mode}
                          @change=${() => form.edit({ mode })}
                        />
                        <label for="mode-${mode}">${this.t(`login.mode.${mode}`)}</label>
                      </div>`,
                  )}
                </fieldset>
                ${d.mode === 'account' ? html`${field('email')} ${field('password')}` : field('token')}`
        }
        ${submitButton(form, this.t(this.link ? 'password.submit' : 'login.submit'), this.t('login.sending'))}
      </form>
    </section>`;
  }

  /** Secret fields are password inputs: textField draws text ones, so their type is set once drawn. */
  protected override updated(): void {
    for (const id of ['f-password', 'f-token', 'f-newPassword', 'f-confirm']) {
      const input = this.renderRoot.querySelector<HTMLInputElement>(`#${id}`);
      if (input && input.type !== 'password') {
        input.type = 'password';
        input.autocomplete = id === 'f-password' ? 'current-password' : id === 'f-token' ? 'off' : 'new-password';
      }
    }
  }

  private refusal(failure: Failure): string {
    const status = failure.kind === 'http' ? failure.status : 0;
    if (this.link)
      return this.t('password.refused', {
        reason: status === 400 || status === 404 || status === 410 ? this.t('password.expired') : this.failureText(failure),
      });
    const mode = this.form.draft.mode;
    const reason =
      status === 401 || status === 403
        ? this.t(mode === 'account' ? 'login.bad-credentials' : 'login.bad-token')
        : status === 404 && mode === 'account'
          ? this.t('login.no-accounts')
          : this.failureText(failure);
    return this.t('login.refused', { reason });
  }

  private readonly submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const d = this.form.draft;
    const done = await this.form.submit(this.issues(), {
      body: this.link ? { link: this.link } : { mode: d.mode, email: d.email.trim() },
      post: () => this.send(),
      receipt: (value) => value as Session | true,
      fallback: () => true,
    });
    if (done === true) {
      history.replaceState(null, '', location.pathname + location.search);
      this.link = undefined;
      this.notice = this.t('password.done');
      this.form.reset(empty());
    } else if (done) {
      this.dispatchEvent(new CustomEvent('ptce-admin-login', { detail: done, bubbles: true, composed: true }));
    }
  };

  private async send(): Promise<Result<Session | true>> {
    const d = this.form.draft;
    if (this.link) {
      const set = await new AdminApi('').post<unknown>('api/password', { link: this.link, password: d.newPassword });
      return set.ok ? ok(true) : set;
    }
    if (d.mode === 'account') return login(d.email.trim(), d.password);
    const token = d.token.trim();
    const account = await whoIs(new AdminApi(token));
    return account.ok ? ok({ token, account: account.value }) : account;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-login': PtceAdminLogin;
  }
}
