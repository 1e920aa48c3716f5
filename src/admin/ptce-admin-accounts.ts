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
 * territory; it receives a link to choose its password), change its name, role and territory,
 * disable or enable it, send the link again, erase it (its personal data).
 */
export class PtceAdminAccounts extends AdminElement {
  @state() private said?: string;
  /** The account whose role and territory are being changed, in a form under its row. */
  @state() private editing?: AccountRow['id'];

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
        ${this.renderFields('account')}
        <button type="submit" class="primary">${this.t('accounts.create')}</button>
      </fieldset>
    </form>`;
  }

  /** Name, role and territory: the same fields to create an account and to change one (ids prefixed). */
  private renderFields(prefix: string, account?: AccountRow) {
    return html`<label
        >${this.t('accounts.name')} ${this.t('common.optional')}
        <input id="${prefix}-name" autocomplete="off" .value=${account?.name ?? ''} />
      </label>
      <label>
        ${this.t('accounts.role')}
        <select id="${prefix}-role">
          ${(['moderator', 'admin'] as const).map(
            (role) => html`<option value=${role} ?selected=${account?.role === role}>${this.t(`role.${role}`)}</option>`,
          )}
        </select>
      </label>
      <label>
        ${this.t('accounts.regions')}
        <select id="${prefix}-regions" multiple size="5">
          ${REGION_CHOICES.map(
            ({ code, name }) => html`<option value=${code} ?selected=${account?.regions.includes(code) ?? false}>${name}</option>`,
          )}
        </select>
      </label>
      <label>
        ${this.t('accounts.departements')}
        <input id="${prefix}-departements" autocomplete="off" .value=${account?.departements.join(', ') ?? ''} />
      </label>`;
  }

  /** What the fields say, as the routes take it. */
  private fieldsOf(form: HTMLFormElement, prefix: string) {
    const name = form.querySelector<HTMLInputElement>(`#${prefix}-name`)!.value.trim();
    return {
      name,
      role: form.querySelector<HTMLSelectElement>(`#${prefix}-role`)!.value,
      regions: [...form.querySelector<HTMLSelectElement>(`#${prefix}-regions`)!.selectedOptions].map((option) => option.value),
      departements: parseCodes(form.querySelector<HTMLInputElement>(`#${prefix}-departements`)!.value),
    };
  }

  private renderEditor(account: AccountRow) {
    return html`<tr class="editor">
      <td colspan="5">
        <form id="edit-account" @submit=${(event: Event) => this.change(event, account)}>
          <fieldset class="filters">
            <legend>${this.t('accounts.edit-legend', { email: account.email })}</legend>
            ${this.renderFields('edit', account)}
            <div class="buttons">
              <button type="submit" class="primary">${this.t('common.save')}</button>
              <button type="button" @click=${() => (this.editing = undefined)}>${this.t('common.cancel')}</button>
            </div>
          </fieldset>
        </form>
      </td>
    </tr>`;
  }

  private renderTable(accounts: AccountRow[]) {
    return this.renderCountedTable({
      id: 'accounts',
      count: this.t('accounts.count', { count: accounts.length }),
      caption: this.t('accounts.caption'),
      columns: [
        this.t('accounts.email'),
        this.t('accounts.role'),
        this.t('accounts.territory'),
        this.t('accounts.state'),
        html`<span class="hint">${this.t('common.decision')}</span>`,
      ],
      rows: accounts.map(
        (account) =>
          html`<tr>
              <td>${account.email}${account.name ? html`<br />${account.name}` : nothing}</td>
              <td>${this.t(`role.${account.role}`)}</td>
              <td>${account.role === 'admin' ? this.t('accounts.everywhere') : territoryText(account.regions, account.departements)}</td>
              <td>
                ${this.t(account.erased ? 'accounts.erased' : account.disabled ? 'accounts.disabled' : 'accounts.active')}
                ${account.passwordSet === false && !account.erased ? html`<br />${this.t('accounts.no-password')}` : nothing}
              </td>
              <td>${account.erased ? nothing : this.renderActions(account)}</td>
            </tr>
            ${this.editing === account.id && !account.erased ? this.renderEditor(account) : nothing}`,
      ),
    });
  }

  private renderActions(account: AccountRow) {
    const email = account.email;
    return html`<div class="buttons">
      <button type="button" aria-expanded=${this.editing === account.id ? 'true' : 'false'} @click=${() => this.edit(account)}>
        ${this.t('accounts.edit', { email })}
      </button>
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
    const email = form.querySelector<HTMLInputElement>('#account-email')!.value.trim();
    const { name, ...fields } = this.fieldsOf(form, 'account');
    const body = { email, ...(name ? { name } : {}), ...fields };
    const created = await this.api!.post('api/admin/accounts', body);
    this.said = created.ok
      ? this.t('accounts.created', { email })
      : this.t('accounts.failed', { email, reason: this.failureText(created.failure) });
    if (created.ok) form.reset();
    await this.data.run();
  };

  private async edit(account: AccountRow): Promise<void> {
    this.editing = this.editing === account.id ? undefined : account.id;
    if (this.editing === undefined) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#edit-name')?.focus();
  }

  private async change(event: Event, account: AccountRow): Promise<void> {
    event.preventDefault();
    const email = account.email;
    const { name, ...fields } = this.fieldsOf(event.target as HTMLFormElement, 'edit');
    const changed = await this.api!.patch(`api/admin/accounts/${encodeURIComponent(account.id)}`, { ...(name ? { name } : {}), ...fields });
    // The list read again first: when the message says so, the row shows it.
    if (changed.ok) await this.data.run();
    this.said = changed.ok
      ? this.t('accounts.updated', { email })
      : this.t('accounts.failed', { email, reason: this.failureText(changed.failure) });
    if (changed.ok) this.editing = undefined;
  }

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
