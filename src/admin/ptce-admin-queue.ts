import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { AdminElement } from './admin-element.js';

/**
 * @tag ptce-admin-queue
 * @summary One moderation queue: charter signatures, fiches action, claims to manage a pole,
 * owners' edits (field by field) and contributions from the public, pending ones by default. Each
 * kind is its own element, loaded and failing on its own (a server without one of them still
 * shows the others).
 */
export class PtceAdminQueue extends AdminElement {
  /** `pending` (the queue), or `''` for every status. */
  @state() private status = 'pending';

  protected override render() {
    const { api, account, status } = this;
    return html`<h2>${this.t('queue.title')}</h2>
      <p class="intro">${this.t('queue.intro')}</p>
      <div class="filters">
        <label>
          ${this.t('filter.status')}
          <select id="queue-status" @change=${(e: Event) => (this.status = (e.target as HTMLSelectElement).value)}>
            <option value="pending" ?selected=${status === 'pending'}>${this.t('status.pending')}</option>
            <option value="" ?selected=${status === ''}>${this.t('status.all')}</option>
          </select>
        </label>
      </div>
      <ptce-admin-signatures .api=${api} .account=${account} .status=${status}></ptce-admin-signatures>
      <ptce-admin-actions .api=${api} .account=${account} .status=${status}></ptce-admin-actions>
      <ptce-admin-claims .api=${api} .account=${account} .status=${status}></ptce-admin-claims>
      <ptce-admin-owner-edits .api=${api} .account=${account} .status=${status}></ptce-admin-owner-edits>
      <ptce-admin-contributions .api=${api} .account=${account} .status=${status}></ptce-admin-contributions>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-queue': PtceAdminQueue;
  }
}
