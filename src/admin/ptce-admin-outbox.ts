import { html, type PropertyValues } from 'lit';
import { DataController } from '../base/data-controller.js';
import { AdminElement } from './admin-element.js';

interface Outbox {
  /** True when an SMTP server sends the mail (the outbox then stays empty). */
  sends: boolean;
  messages: { id: number | string; createdAt: string; to: string; subject: string; text: string; kind: string }[];
}

/**
 * @tag ptce-admin-outbox
 * @summary The e-mails the server wrote (`GET /api/admin/outbox`): without an SMTP server they
 * wait here, the demo's default, each readable in full.
 */
export class PtceAdminOutbox extends AdminElement {
  private readonly data = new DataController<Outbox>(this, () => this.api!.get<Outbox>('api/admin/outbox'));

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && changed.has('api')) void this.data.run();
  }

  protected override render() {
    return html`<section aria-labelledby="outbox-title">
      <h2 id="outbox-title">${this.t('outbox.title')}</h2>
      ${this.renderData(this.data, (outbox) => this.renderList(outbox))}
    </section>`;
  }

  private renderList({ sends, messages }: Outbox) {
    const rows = messages.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return html`<p class="intro">${this.t(sends ? 'outbox.intro-smtp' : 'outbox.intro-outbox')}</p>
      ${this.renderCountedTable({
        id: 'outbox',
        count: this.t('outbox.count', { count: rows.length }),
        caption: this.t('outbox.caption'),
        columns: [this.t('outbox.when'), this.t('outbox.to'), this.t('outbox.kind'), this.t('outbox.subject')],
        rows: rows.map(
          (message) =>
            html`<tr>
              <td>${this.when(message.createdAt)}</td>
              <td>${message.to}</td>
              <td>${message.kind}</td>
              <td>
                <details>
                  <summary>${message.subject}</summary>
                  <pre>${message.text}</pre>
                </details>
              </td>
            </tr>`,
        ),
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-outbox': PtceAdminOutbox;
  }
}
