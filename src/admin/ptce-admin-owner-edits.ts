import { html, nothing } from 'lit';
import { shown } from './internal/diff.js';
import { QueueSection } from './queue-section.js';

interface OwnerEdit {
  id: string;
  poleId: string;
  poleName: string;
  owner: { name: string; email: string };
  receivedAt: string;
  status: string;
  fields: { field: string; before: unknown; after: unknown; decision: 'pending' | 'accepted' | 'refused' }[];
}
type Choice = 'accept' | 'refuse';

/**
 * @tag ptce-admin-owner-edits
 * @summary A pole manager's edits in the moderation queue (`/api/admin/owner-edits`): each field
 * before → after, accepted or refused one by one; the accepted ones become one revision signed
 * by the manager (a manager is trusted, or not, from their claim).
 */
export class PtceAdminOwnerEdits extends QueueSection<{ edits: OwnerEdit[] }> {
  protected readonly path = 'api/admin/owner-edits';
  /** The moderator's choices, by edit and field (accept unless changed). */
  private readonly choices = new Map<string, Map<string, Choice>>();

  protected override render() {
    return html`<section aria-labelledby="edits-title">
      <h3 id="edits-title">${this.t('edits.title')}</h3>
      <p class="intro">${this.t('edits.intro')}</p>
      ${this.renderStatus(this.said, 'edits-status')}
      ${this.renderData(
        this.data,
        ({ edits }) =>
          html`<p class="count">${this.t('edits.count', { count: edits.length })}</p>
            ${edits.map((edit) => this.renderEdit(edit))}`,
      )}
    </section>`;
  }

  private choice(edit: OwnerEdit, field: string): Choice {
    return this.choices.get(edit.id)?.get(field) ?? 'accept';
  }

  private renderEdit(edit: OwnerEdit) {
    const pending = edit.fields.some((field) => field.decision === 'pending');
    const headingId = `edit-${edit.id}`;
    return html`<article class="card" aria-labelledby=${headingId}>
      <h4 id=${headingId}>
        ${this.t('edits.heading', { pole: edit.poleName, owner: `${edit.owner.name} (${edit.owner.email})`, date: this.when(edit.receivedAt) })}
      </h4>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${this.t('common.field')}</th>
              <th scope="col">${this.t('common.before')}</th>
              <th scope="col">${this.t('common.after')}</th>
              <th scope="col">${this.t('common.decision')}</th>
            </tr>
          </thead>
          <tbody>
            ${edit.fields.map((field, index) => {
              const name = `edit-${edit.id}-${index}`;
              return html`<tr>
                <th scope="row">${field.field}</th>
                <td><del>${shown(field.before, this.t)}</del></td>
                <td><ins>${shown(field.after, this.t)}</ins></td>
                <td>
                  ${
                    field.decision === 'pending'
                      ? html`<fieldset class="filters">
                          <legend>${this.t('edits.field-choice', { field: field.field })}</legend>
                          ${(['accept', 'refuse'] as const).map(
                            (choice) =>
                              html`<span class="inline">
                                <input
                                  type="radio"
                                  id="${name}-${choice}"
                                  name=${name}
                                  .checked=${this.choice(edit, field.field) === choice}
                                  @change=${() => this.choose(edit, field.field, choice)}
                                />
                                <label for="${name}-${choice}">${this.t(`edits.${choice}`)}</label>
                              </span>`,
                          )}
                        </fieldset>`
                      : this.statusLabel(field.decision === 'accepted' ? 'approved' : 'rejected')
                  }
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <div class="buttons">
        ${pending ? html`<button type="button" class="primary" @click=${() => this.save(edit)}>${this.t('edits.decide', { pole: edit.poleName })}</button>` : nothing}
      </div>
    </article>`;
  }

  private choose(edit: OwnerEdit, field: string, choice: Choice): void {
    if (!this.choices.has(edit.id)) this.choices.set(edit.id, new Map());
    this.choices.get(edit.id)!.set(field, choice);
  }

  private save(edit: OwnerEdit) {
    const pending = edit.fields.filter((field) => field.decision === 'pending').map((field) => field.field);
    const accept = pending.filter((field) => this.choice(edit, field) === 'accept');
    const refuse = pending.filter((field) => this.choice(edit, field) === 'refuse');
    return this.decide(
      `api/admin/owner-edits/${encodeURIComponent(edit.id)}/decide`,
      { accept, refuse },
      () => this.t('edits.decided', { pole: edit.poleName }),
      (reason) => this.t('edits.failed', { pole: edit.poleName, reason }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-owner-edits': PtceAdminOwnerEdits;
  }
}
