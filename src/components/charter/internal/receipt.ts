import { html } from 'lit';
import { heading } from '../../../base/heading.js';
import type { Signature, SignatureReceipt } from '../../../data/schemas/submissions.js';
import { formatDate } from '../../../i18n/index.js';
import type { Translate } from '../../../i18n/index.js';

/** What the signer sees once the signature is stored: its reference and what was signed, to print. */
export function renderReceipt(
  receipt: SignatureReceipt,
  signature: Signature,
  { lang, headingLevel, t }: { lang: string; headingLevel: number; t: Translate },
) {
  return html`<section class="receipt" part="receipt" tabindex="-1" aria-labelledby="receipt-title">
    ${heading(headingLevel, 1, t('charter.thanks'), 'receipt-title')}
    <p><strong>${t('charter.reference', { reference: receipt.reference })}</strong></p>
    <p>
      ${t('charter.receipt-summary', {
        pole: receipt.poleName,
        place: signature.place,
        date: formatDate(lang, signature.date),
        signatories: signature.signatories.map((s) => `${s.name} (${s.role})`).join(', '),
      })}
    </p>
    <p>${t('charter.pending')}</p>
    <div class="actions no-print"><button type="button" @click=${() => window.print()}>${t('charter.print')}</button></div>
  </section>`;
}
