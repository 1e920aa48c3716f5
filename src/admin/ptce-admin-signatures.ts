import { html } from 'lit';
import { QueueSection } from './queue-section.js';

interface SignatureEntry {
  reference: string;
  status: string;
  receivedAt: string;
  /** Its personal fields were erased. */
  erased?: boolean;
  consentToList: boolean;
  signature: {
    pole: { name: string; postcode?: string; city?: string };
    representative: { firstName: string; lastName: string; email: string; phone?: string };
    place: string;
    date: string;
  };
}

/**
 * @tag ptce-admin-signatures
 * @summary The charter's signatures in the moderation queue: who signed for which pole, approve or
 * reject (`/api/admin/signatures`), and the CSV export of them all.
 */
export class PtceAdminSignatures extends QueueSection<{ signatures: SignatureEntry[] }> {
  protected readonly path = 'api/admin/signatures';

  protected override render() {
    return html`<section aria-labelledby="signatures-title">
      <h3 id="signatures-title">${this.t('signatures.title')}</h3>
      <p class="intro">${this.t('signatures.intro')}</p>
      <p><button type="button" id="csv" @click=${this.download}>${this.t('signatures.csv')}</button></p>
      ${this.renderStatus(this.said)} ${this.renderData(this.data, ({ signatures }) => this.renderTable(signatures))}
    </section>`;
  }

  private renderTable(signatures: SignatureEntry[]) {
    const rows = signatures.slice().reverse();
    return this.renderCountedTable({
      id: 'signatures',
      count: this.t('signatures.count', { count: rows.length }),
      caption: this.t('signatures.caption'),
      columns: [
        this.t('common.reference'),
        this.t('common.received'),
        this.t('common.pole'),
        this.t('signatures.representative'),
        this.t('signatures.place'),
        this.t('signatures.listed'),
        this.t('common.status'),
        this.t('common.decision'),
      ],
      rows: rows.map((entry) => this.renderRow(entry)),
    });
  }

  private renderRow(entry: SignatureEntry) {
    const { pole, representative: who, place, date } = entry.signature;
    return html`<tr>
      <td>${entry.reference}</td>
      <td>${this.when(entry.receivedAt)}</td>
      <td>${pole.name} — ${pole.postcode ?? ''} ${pole.city ?? ''}</td>
      <td>${who.firstName} ${who.lastName} (${who.email}${who.phone ? `, ${who.phone}` : ''})</td>
      <td>${place}, ${date}</td>
      <td>${this.t(entry.consentToList ? 'common.yes' : 'common.no')}</td>
      <td>${this.statusLabel(entry.status)}</td>
      <td>
        ${this.renderDecisions({
          pending: entry.status === 'pending',
          label: (verb) => this.t(`signatures.${verb}`, { reference: entry.reference }),
          decide: (verb) => this.decideOn(entry.reference, verb),
          erase: entry.erased
            ? undefined
            : { label: this.t('signatures.erase', { reference: entry.reference }), run: () => this.erase(entry.reference) },
        })}
      </td>
    </tr>`;
  }

  private erase(reference: string) {
    return this.decide(
      `api/admin/signatures/${encodeURIComponent(reference)}/erase`,
      undefined,
      () => this.t('signatures.erased', { reference }),
      (reason) => this.t('signatures.failed', { reference, reason }),
    );
  }

  private decideOn(reference: string, verb: 'approve' | 'reject') {
    return this.decide<{ status: string }>(
      `api/admin/signatures/${encodeURIComponent(reference)}/${verb}`,
      undefined,
      (answer) => this.t('signatures.decided', { reference, status: this.statusLabel(answer.status) }),
      (reason) => this.t('signatures.failed', { reference, reason }),
    );
  }

  private readonly download = async (): Promise<void> => {
    const file = await this.api!.blob('api/admin/signatures.csv');
    if (!file.ok) {
      this.said = this.failureText(file.failure);
      return;
    }
    const url = URL.createObjectURL(file.value);
    const link = Object.assign(document.createElement('a'), { href: url, download: 'signatures-charte-ptce.csv' });
    link.click();
    URL.revokeObjectURL(url);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-signatures': PtceAdminSignatures;
  }
}
