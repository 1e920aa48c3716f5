import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { AdminElement } from './admin-element.js';
import { AdminApi, TOKEN_KEY, whoIs, type Account } from './api.js';
import type { AdminKey } from './i18n/index.js';
import type { Session } from './ptce-admin-login.js';

type Section = 'queue' | 'poles' | 'imports' | 'sources' | 'referentiel' | 'campaigns' | 'audit' | 'outbox' | 'accounts';
/** The sections, and those only an admin sees (the server refuses them to moderators too). */
const SECTIONS: { id: Section; adminOnly: boolean }[] = [
  { id: 'queue', adminOnly: false },
  { id: 'poles', adminOnly: false },
  // Moderators import into their territory; sources and the référentiel are admins'.
  { id: 'imports', adminOnly: false },
  { id: 'sources', adminOnly: true },
  { id: 'referentiel', adminOnly: true },
  { id: 'campaigns', adminOnly: true },
  { id: 'audit', adminOnly: true },
  { id: 'outbox', adminOnly: true },
  { id: 'accounts', adminOnly: true },
];

/**
 * @tag ptce-admin-app
 * @summary The admin page: the login, then the sections a role may see — the moderation queue
 * (signatures, fiches action, claims, owners' edits, contributions), the poles with their editor
 * and revisions, imports, sources, the référentiel's versions, campaigns, the audit log, the outbox and the accounts. The session's token lives
 * in the tab's sessionStorage (gone with the tab); a `401` brings the login back. French by
 * default, English with `lang="en"` (on the element or the page) or its language switch.
 */
export class PtceAdminApp extends AdminElement {
  static override styles = [
    ...AdminElement.styles,
    css`
      :host {
        max-inline-size: 78rem;
        margin-inline: auto;
        padding: var(--_space);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1.5rem;
        align-items: baseline;
        justify-content: space-between;
        border-block-end: 1px solid var(--_border);
      }
      h1 {
        font-size: 1.5rem;
        margin-block: 0.5rem;
      }
      .session {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: center;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        list-style: none;
        padding: 0;
        margin: 0.75rem 0;
      }
      nav button[aria-current='page'] {
        background: var(--_accent);
        color: var(--_on-accent);
        border-color: var(--_accent);
        font-weight: 700;
      }
    `,
  ];

  @state() private session?: { api: AdminApi; account: Account };
  @state() private section: Section = 'queue';
  /** Said above the login: logged out, or the session expired. */
  @state() private notice?: AdminKey;
  /** A stored token being checked (no login flashes meanwhile). */
  @state() private checking = false;

  override connectedCallback(): void {
    super.connectedCallback();
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token && !this.session) void this.resume(token);
  }

  /** A reload of the tab: the stored token, if the server still takes it. */
  private async resume(token: string): Promise<void> {
    this.checking = true;
    const api = this.apiFor(token);
    const account = await whoIs(api);
    this.checking = false;
    if (account.ok) this.session = { api, account: account.value };
    else sessionStorage.removeItem(TOKEN_KEY);
  }

  private apiFor(token: string): AdminApi {
    return new AdminApi(token, () => this.end('app.expired'));
  }

  private readonly loggedIn = (event: CustomEvent<Session>): void => {
    const { token, account } = event.detail;
    sessionStorage.setItem(TOKEN_KEY, token);
    this.notice = undefined;
    this.section = 'queue';
    this.session = { api: this.apiFor(token), account };
    void this.focusHeading();
  };

  private readonly logout = async (): Promise<void> => {
    // An account's session ends on the server too; the bootstrap token has none to end.
    if (this.session?.account.email) await this.session.api.post('api/logout');
    this.end('app.logged-out');
  };

  private end(notice: AdminKey): void {
    if (!this.session) return;
    sessionStorage.removeItem(TOKEN_KEY);
    this.session = undefined;
    this.notice = notice;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#notice')?.focus());
  }

  private async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private readonly switchLang = (event: Event): void => {
    this.lang = (event.target as HTMLSelectElement).value;
  };

  protected override render() {
    const session = this.session;
    return html`<header>
        <h1>${this.t('app.title')}</h1>
        <div class="session">
          <label>
            ${this.t('app.lang')}
            <select @change=${this.switchLang}>
              <option value="fr" ?selected=${this.language === 'fr'} lang="fr">Français</option>
              <option value="en" ?selected=${this.language === 'en'} lang="en">English</option>
            </select>
          </label>
          ${
            session
              ? html`<span id="who"
                    >${this.t('app.logged-in', {
                      who: session.account.email ?? this.t('app.token-admin'),
                      role: this.t(`role.${session.account.role}`),
                    })}</span
                  >
                  <button type="button" @click=${this.logout}>${this.t('app.logout')}</button>`
              : nothing
          }
        </div>
      </header>
      ${session ? this.renderNav(session.account) : nothing}
      <main tabindex="-1">
        ${
          session
            ? this.renderSection(session)
            : this.checking
              ? this.renderLoading()
              : html`${this.notice ? html`<p class="status" id="notice" role="status" tabindex="-1">${this.t(this.notice)}</p>` : nothing}
                  <ptce-admin-login @ptce-admin-login=${this.loggedIn}></ptce-admin-login>`
        }
      </main>`;
  }

  private renderNav(account: Account) {
    const visible = SECTIONS.filter((section) => !section.adminOnly || account.role === 'admin');
    return html`<nav aria-label=${this.t('app.nav')}>
      <ul>
        ${visible.map(
          ({ id }) =>
            html`<li>
              <button
                type="button"
                data-section=${id}
                aria-current=${this.section === id ? 'page' : 'false'}
                @click=${() => {
                  this.section = id;
                  void this.focusHeading();
                }}
              >
                ${this.t(`section.${id}`)}
              </button>
            </li>`,
        )}
      </ul>
    </nav>`;
  }

  private renderSection({ api, account }: { api: AdminApi; account: Account }) {
    switch (this.section) {
      case 'queue':
        return html`<ptce-admin-queue .api=${api} .account=${account}></ptce-admin-queue>`;
      case 'poles':
        return html`<ptce-admin-poles .api=${api} .account=${account}></ptce-admin-poles>`;
      case 'imports':
        return html`<ptce-admin-imports .api=${api} .account=${account}></ptce-admin-imports>`;
      case 'sources':
        return html`<ptce-admin-sources .api=${api} .account=${account}></ptce-admin-sources>`;
      case 'referentiel':
        return html`<ptce-admin-referentiel .api=${api} .account=${account}></ptce-admin-referentiel>`;
      case 'campaigns':
        return html`<ptce-admin-campaigns .api=${api} .account=${account}></ptce-admin-campaigns>`;
      case 'audit':
        return html`<ptce-admin-audit .api=${api} .account=${account}></ptce-admin-audit>`;
      case 'outbox':
        return html`<ptce-admin-outbox .api=${api} .account=${account}></ptce-admin-outbox>`;
      case 'accounts':
        return html`<ptce-admin-accounts .api=${api} .account=${account}></ptce-admin-accounts>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-app': PtceAdminApp;
  }
}
