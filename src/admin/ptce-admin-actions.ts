import { html, nothing } from 'lit';
import { ok, type Result } from '../data/failure.js';
import { closeNames } from './internal/pole-match.js';
import { QueueSection } from './queue-section.js';

interface ActionEntry {
  reference: string;
  status: string;
  receivedAt: string;
  /** Its personal fields were erased. */
  erased?: boolean;
  poleName: string;
  poleListed: boolean;
  proposal: {
    pole: { id?: string; name: string };
    action: { title: string; offer: string };
    contact: { name: string; email: string };
  };
}
interface ListedPole {
  id: string;
  name: string;
}
interface Loaded {
  actions: ActionEntry[];
  poles: ListedPole[];
}

/**
 * @tag ptce-admin-actions
 * @summary The fiches action in the moderation queue (`/api/admin/actions`): approve or reject;
 * for a fiche whose pole was typed, the listed pole to show it on, close names first.
 */
export class PtceAdminActions extends QueueSection<Loaded> {
  protected readonly path = 'api/admin/actions';
  /** The pole chosen for each typed fiche, by reference. */
  private readonly chosen = new Map<string, string>();

  protected override async load(): Promise<Result<Loaded>> {
    const listed = await super.load();
    if (!listed.ok) return listed;
    const { actions } = listed.value as unknown as { actions: ActionEntry[] };
    // The public list of poles, only when a typed pole waits for a choice.
    const poles = actions.some((entry) => !entry.poleListed && entry.status === 'pending') ? await this.listedPoles() : [];
    return ok({ actions, poles });
  }

  private async listedPoles(): Promise<ListedPole[]> {
    try {
      const response = await fetch('poles.json');
      const poles = response.ok ? ((await response.json()) as { poles?: ListedPole[] }).poles : undefined;
      return Array.isArray(poles) ? poles.filter((pole) => typeof pole?.id === 'string' && typeof pole.name === 'string') : [];
    } catch {
      return [];
    }
  }

  protected override render() {
    return html`<section aria-labelledby="actions-title">
      <h3 id="actions-title">${this.t('actions.title')}</h3>
      <p class="intro">${this.t('actions.intro')}</p>
      ${this.renderStatus(this.said, 'actions-status')} ${this.renderData(this.data, (loaded) => this.renderTable(loaded))}
    </section>`;
  }

  private renderTable({ actions, poles }: Loaded) {
    const rows = actions.slice().reverse();
    return this.renderCountedTable({
      id: 'actions',
      count: this.t('actions.count', { count: rows.length }),
      caption: this.t('actions.caption'),
      columns: [
        this.t('common.reference'),
        this.t('common.received'),
        this.t('common.pole'),
        this.t('actions.fiche'),
        this.t('actions.contact'),
        this.t('common.status'),
        this.t('common.decision'),
      ],
      rows: rows.map((entry) => this.renderRow(entry, poles)),
    });
  }

  private renderRow(entry: ActionEntry, poles: ListedPole[]) {
    const { pole, action, contact } = entry.proposal;
    const pending = entry.status === 'pending';
    const choose = !entry.poleListed && pending && poles.length;
    return html`<tr>
      <td>${entry.reference}</td>
      <td>${this.when(entry.receivedAt)}</td>
      <td>
        ${entry.poleListed ? entry.poleName : this.t('actions.unlisted', { name: pole.name })}
        ${choose ? this.renderChoice(entry, poles) : nothing}
      </td>
      <td>${action.title}<br />${this.t('actions.offer', { offer: action.offer })}</td>
      <td>${contact.name}<br />${contact.email}</td>
      <td>${this.statusLabel(entry.status)}</td>
      <td>
        ${this.renderDecisions({
          pending,
          label: (verb) => this.t(`actions.${verb}`, { reference: entry.reference }),
          decide: (verb) => this.decideOn(entry.reference, verb),
          erase: entry.erased
            ? undefined
            : { label: this.t('actions.erase', { reference: entry.reference }), run: () => this.erase(entry.reference) },
        })}
      </td>
    </tr>`;
  }

  private renderChoice(entry: ActionEntry, poles: ListedPole[]) {
    const id = `pole-${entry.reference}`;
    const close = closeNames(entry.proposal.pole.name, poles);
    const all = poles.slice().sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    return html`<br /><label for=${id}>${this.t('actions.choose', { reference: entry.reference })}</label>
      <select id=${id} @change=${(e: Event) => this.chosen.set(entry.reference, (e.target as HTMLSelectElement).value)}>
        <option value="">${this.t('actions.choose-none')}</option>
        ${
          close.length
            ? html`<optgroup label=${this.t('actions.close-names')}>
                ${close.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
              </optgroup>`
            : nothing
        }
        <optgroup label=${this.t('actions.all-poles')}>${all.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</optgroup>
      </select>`;
  }

  private erase(reference: string) {
    return this.decide(
      `api/admin/actions/${encodeURIComponent(reference)}/erase`,
      undefined,
      () => this.t('actions.erased', { reference }),
      (reason) => this.t('actions.failed', { reference, reason }),
    );
  }

  private decideOn(reference: string, verb: 'approve' | 'reject') {
    const poleId = verb === 'approve' ? this.chosen.get(reference) : undefined;
    return this.decide<ActionEntry>(
      `api/admin/actions/${encodeURIComponent(reference)}/${verb}`,
      poleId ? { poleId } : undefined,
      (answer) => {
        const status = this.statusLabel(answer.status);
        return poleId && answer.poleListed
          ? this.t('actions.decided-on', { reference, status, pole: answer.poleName })
          : this.t('actions.decided', { reference, status });
      },
      (reason) => this.t('actions.failed', { reference, reason }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-actions': PtceAdminActions;
  }
}
