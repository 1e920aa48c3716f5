import { html, nothing } from 'lit';
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
    return html`<p class="count">${this.t('signatures.count', { count: rows.length })}</p>
      ${
        rows.length
          ? html`<div class="table-wrap">
              <table id="signatures">
                <caption>
                  ${this.t('signatures.caption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${this.t('common.reference')}</th>
                    <th scope="col">${this.t('common.received')}</th>
                    <th scope="col">${this.t('common.pole')}</th>
                    <th scope="col">${this.t('signatures.representative')}</th>
                    <th scope="col">${this.t('signatures.place')}</th>
                    <th scope="col">${this.t('signatures.listed')}</th>
                    <th scope="col">${this.t('common.status')}</th>
                    <th scope="col">${this.t('common.decision')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map((entry) => this.renderRow(entry))}
                </tbody>
              </table>
            </div>`
          : ''
      }`;
  }

  private renderRow(entry: SignatureEntry) {
    const { pole, representative: who, place, date } = entry.signature;
    const pending = entry.status === 'pending';
    return html`<tr>
      <td>${entry.reference}</td>
      <td>${this.when(entry.receivedAt)}</td>
      <td>${pole.name} — ${pole.postcode ?? ''} ${pole.city ?? ''}</td>
      <td>${who.firstName} ${who.lastName} (${who.email}${who.phone ? `, ${who.phone}` : ''})</td>
      <td>${place}, ${date}</td>
      <td>${this.t(entry.consentToList ? 'common.yes' : 'common.no')}</td>
      <td>${this.statusLabel(entry.status)}</td>
      <td>
        <div class="buttons">
          ${(['approve', 'reject'] as const).map(
            (verb) =>
              html`<button
                type="button"
                ?disabled=${!pending}
                aria-label=${this.t(`signatures.${verb}`, { reference: entry.reference })}
                @click=${() => this.decideOn(entry.reference, verb)}
              >
                ${this.t(`common.${verb}`)}
              </button>`,
          )}
          ${
            entry.erased
              ? nothing
              : html`<button type="button" @click=${() => this.erase(entry.reference)}>
                  ${this.t('signatures.erase', { reference: entry.reference })}
                </button>`
          }
        </div>
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
