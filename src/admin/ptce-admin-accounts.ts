import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { DataController } from '../base/data-controller.js';
import { AdminElement } from './admin-element.js';
import { REGION_CHOICES, parseCodes, territoryText } from './internal/territory.js';

interface AccountRow {
  id: number | string;
  email: string;
  name?: string;
  role: 'admin' | 'moderator';
  regions: string[];
  departements: string[];
  disabled?: boolean;
  passwordSet?: boolean;
  erased?: boolean;
}

/**
 * @tag ptce-admin-accounts
 * @summary The accounts, for admins (`/api/admin/accounts`): create one (its e-mail, role and
 * territory; it receives a link to choose its password), disable or enable it, send the link
 * again, erase it (its personal data).
 */
export class PtceAdminAccounts extends AdminElement {
  @state() private said?: string;

  private readonly data = new DataController<{ accounts: AccountRow[] }>(this, () => this.api!.get('api/admin/accounts'));

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && changed.has('api')) void this.data.run();
  }

  protected override render() {
    return html`<section aria-labelledby="accounts-title">
      <h2 id="accounts-title">${this.t('accounts.title')}</h2>
      <p class="intro">${this.t('accounts.intro')}</p>
      ${this.renderForm()} ${this.renderStatus(this.said, 'accounts-status')}
      ${this.renderData(this.data, ({ accounts }) => this.renderTable(accounts))}
    </section>`;
  }

  private renderForm() {
    return html`<form id="new-account" class="card" @submit=${this.create}>
      <fieldset class="filters">
        <legend>${this.t('accounts.new')}</legend>
        <label>${this.t('accounts.email')} <input id="account-email" type="email" autocomplete="off" required /></label>
        <label>${this.t('accounts.name')} ${this.t('common.optional')} <input id="account-name" autocomplete="off" /></label>
        <label>
          ${this.t('accounts.role')}
          <select id="account-role">
            <option value="moderator">${this.t('role.moderator')}</option>
            <option value="admin">${this.t('role.admin')}</option>
          </select>
        </label>
        <label>
          ${this.t('accounts.regions')}
          <select id="account-regions" multiple size="5">
            ${REGION_CHOICES.map(({ code, name }) => html`<option value=${code}>${name}</option>`)}
          </select>
        </label>
        <label>${this.t('accounts.departements')} <input id="account-departements" autocomplete="off" /></label>
        <button type="submit" class="primary">${this.t('accounts.create')}</button>
      </fieldset>
    </form>`;
  }

  private renderTable(accounts: AccountRow[]) {
    return html`<p class="count">${this.t('accounts.count', { count: accounts.length })}</p>
      ${
        accounts.length
          ? html`<div class="table-wrap">
              <table id="accounts">
                <caption>
                  ${this.t('accounts.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('accounts.email')}</th>
                    <th scope="col">${this.t('accounts.role')}</th>
                    <th scope="col">${this.t('accounts.territory')}</th>
                    <th scope="col">${this.t('accounts.state')}</th>
                    <th scope="col"><span class="hint">${this.t('common.decision')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${accounts.map(
                    (account) =>
                      html`<tr>
                        <td>${account.email}${account.name ? html`<br />${account.name}` : nothing}</td>
                        <td>${this.t(`role.${account.role}`)}</td>
                        <td>
                          ${account.role === 'admin' ? this.t('accounts.everywhere') : territoryText(account.regions, account.departements)}
                        </td>
                        <td>
                          ${this.t(account.erased ? 'accounts.erased' : account.disabled ? 'accounts.disabled' : 'accounts.active')}
                          ${account.passwordSet === false && !account.erased ? html`<br />${this.t('accounts.no-password')}` : nothing}
                        </td>
                        <td>${account.erased ? nothing : this.renderActions(account)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }`;
  }

  private renderActions(account: AccountRow) {
    const email = account.email;
    return html`<div class="buttons">
      <button type="button" @click=${() => this.toggle(account)}>
        ${this.t(account.disabled ? 'accounts.enable' : 'accounts.disable', { email })}
      </button>
      ${
        account.disabled
          ? nothing
          : html`<button type="button" @click=${() => this.act(account, 'password-link', 'accounts.link-sent')}>
              ${this.t('accounts.send-link', { email })}
            </button>`
      }
      <button type="button" @click=${() => this.act(account, 'erase', 'accounts.erased-done')}>
        ${this.t('accounts.erase', { email })}
      </button>
    </div>`;
  }

  private async act(
    account: AccountRow,
    verb: 'password-link' | 'erase',
    done: 'accounts.link-sent' | 'accounts.erased-done',
  ): Promise<void> {
    const email = account.email;
    const result = await this.api!.post(`api/admin/accounts/${encodeURIComponent(account.id)}/${verb}`);
    await this.data.run();
    this.said = result.ok ? this.t(done, { email }) : this.t('accounts.failed', { email, reason: this.failureText(result.failure) });
  }

  private readonly create = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const field = (id: string) => form.querySelector<HTMLInputElement>(`#${id}`)!;
    const email = field('account-email').value.trim();
    const body = {
      email,
      ...(field('account-name').value.trim() ? { name: field('account-name').value.trim() } : {}),
      role: form.querySelector<HTMLSelectElement>('#account-role')!.value,
      regions: [...form.querySelector<HTMLSelectElement>('#account-regions')!.selectedOptions].map((option) => option.value),
      departements: parseCodes(field('account-departements').value),
    };
    const created = await this.api!.post('api/admin/accounts', body);
    this.said = created.ok
      ? this.t('accounts.created', { email })
      : this.t('accounts.failed', { email, reason: this.failureText(created.failure) });
    if (created.ok) form.reset();
    await this.data.run();
  };

  private async toggle(account: AccountRow): Promise<void> {
    const email = account.email;
    const changed = await this.api!.patch(`api/admin/accounts/${encodeURIComponent(account.id)}`, { disabled: !account.disabled });
    this.said = changed.ok
      ? this.t('accounts.updated', { email })
      : this.t('accounts.failed', { email, reason: this.failureText(changed.failure) });
    await this.data.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-accounts': PtceAdminAccounts;
  }
}
