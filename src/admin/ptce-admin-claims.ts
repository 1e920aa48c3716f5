import { html, nothing } from 'lit';
import { QueueSection } from './queue-section.js';

interface Claim {
  id: number | string;
  reference: string;
  poleId: string;
  poleName: string;
  name: string;
  email: string;
  message?: string;
  status: string;
  receivedAt: string;
  erased?: boolean;
  /** The owner an approved claim made, and whether their edits apply without moderation. */
  ownerId?: number | null;
  trusted?: boolean;
}

/**
 * @tag ptce-admin-claims
 * @summary Claims to manage a pole ("Je gère ce pôle") in the moderation queue
 * (`/api/admin/claims`): approving one mails the claimant a single-use link to edit the card;
 * the owner it made may be trusted (their edits then apply at once); a claim's personal data erased.
 */
export class PtceAdminClaims extends QueueSection<{ claims: Claim[] }> {
  protected readonly path = 'api/admin/claims';

  protected override render() {
    return html`<section aria-labelledby="claims-title">
      <h3 id="claims-title">${this.t('claims.title')}</h3>
      <p class="intro">${this.t('claims.intro')}</p>
      ${this.renderStatus(this.said, 'claims-status')} ${this.renderData(this.data, ({ claims }) => this.renderTable(claims))}
    </section>`;
  }

  private renderTable(claims: Claim[]) {
    return this.renderCountedTable({
      id: 'claims',
      count: this.t('claims.count', { count: claims.length }),
      caption: this.t('claims.caption'),
      columns: [
        this.t('common.reference'),
        this.t('common.received'),
        this.t('common.pole'),
        this.t('claims.person'),
        this.t('claims.message'),
        this.t('common.status'),
        this.t('common.decision'),
      ],
      rows: claims.map(
        (claim) =>
          html`<tr>
            <td>${claim.reference}</td>
            <td>${this.when(claim.receivedAt)}</td>
            <td>${claim.poleName}</td>
            <td>${claim.erased ? this.t('claims.erased-label') : html`${claim.name}<br />${claim.email}`}</td>
            <td>${claim.message ? html`<pre>${claim.message}</pre>` : nothing}</td>
            <td>${this.statusLabel(claim.status)}</td>
            <td>
              ${this.renderDecisions({
                pending: claim.status === 'pending',
                label: (verb) => this.t(`claims.${verb}`, { reference: claim.reference }),
                decide: (verb) => this.decideOn(claim, verb),
                more: claim.ownerId && !claim.erased ? this.trustButton(claim) : nothing,
                erase: claim.erased
                  ? undefined
                  : { label: this.t('claims.erase', { reference: claim.reference }), run: () => this.erase(claim) },
              })}
            </td>
          </tr>`,
      ),
    });
  }

  private trustButton(claim: Claim) {
    const trusted = !!claim.trusted;
    return html`<button type="button" aria-pressed=${trusted ? 'true' : 'false'} @click=${() => this.trust(claim, !trusted)}>
      ${this.t(trusted ? 'claims.distrust' : 'claims.trust', { name: claim.name })}
    </button>`;
  }

  private trust(claim: Claim, trusted: boolean) {
    return this.decide(
      `api/admin/owners/${encodeURIComponent(String(claim.ownerId))}/trust`,
      { trusted },
      () => this.t(trusted ? 'claims.trusted' : 'claims.distrusted', { name: claim.name }),
      (reason) => this.t('claims.failed', { reference: claim.reference, reason }),
    );
  }

  private erase(claim: Claim) {
    return this.decide(
      `api/admin/claims/${encodeURIComponent(String(claim.id))}/erase`,
      undefined,
      () => this.t('claims.erased', { reference: claim.reference }),
      (reason) => this.t('claims.failed', { reference: claim.reference, reason }),
    );
  }

  private decideOn(claim: Claim, verb: 'approve' | 'reject') {
    const reference = claim.reference;
    return this.decide<{ status?: string }>(
      `api/admin/claims/${encodeURIComponent(String(claim.id))}/${verb}`,
      undefined,
      (answer) =>
        this.t('claims.decided', { reference, status: this.statusLabel(answer?.status ?? (verb === 'approve' ? 'approved' : 'rejected')) }),
      (reason) => this.t('claims.failed', { reference, reason }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-claims': PtceAdminClaims;
  }
}
