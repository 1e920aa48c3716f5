import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { DataController } from '../base/data-controller.js';
import { ok, type Result } from '../data/failure.js';
import { AdminElement } from './admin-element.js';

interface CampaignEntry {
  id: string;
  poleId: string;
  poleName?: string;
  title: string;
  opensOn?: string;
  closesOn?: string;
  answers: number;
  closed: boolean;
  publishedAt?: string;
}
interface Created extends CampaignEntry {
  respondentCode: string;
  coordinatorKey: string;
}
interface Loaded {
  campaigns: CampaignEntry[];
  poles: { id: string; name: string }[];
}

/**
 * @tag ptce-admin-campaigns
 * @summary The référentiel's campaigns (`/api/admin/campaigns`): their number of answers (never the
 * answers), opening one for a pole — its respondent code and coordinator key shown once, with the
 * snippet for the pole's site (the respondent side only) — and closing one.
 */
export class PtceAdminCampaigns extends AdminElement {
  @state() private created?: Created;
  @state() private said?: string;
  @state() private sending = false;

  private readonly data = new DataController<Loaded>(this, () => this.load());

  private async load(): Promise<Result<Loaded>> {
    const listed = await this.api!.get<{ campaigns: CampaignEntry[] }>('api/admin/campaigns');
    if (!listed.ok) return listed;
    let poles: Loaded['poles'] = [];
    try {
      const response = await fetch('poles.json');
      if (response.ok) poles = ((await response.json()) as { poles: Loaded['poles'] }).poles ?? [];
    } catch {
      // The form then offers no pole: the list of campaigns still shows.
    }
    return ok({ campaigns: listed.value.campaigns, poles });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.api && changed.has('api')) void this.data.run();
  }

  protected override render() {
    return html`<section aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">${this.t('campaigns.title')}</h2>
      <p class="intro">${this.t('campaigns.intro')}</p>
      ${this.renderStatus(this.said)} ${this.renderData(this.data, (loaded) => this.renderLoaded(loaded))}
    </section>`;
  }

  private renderLoaded({ campaigns, poles }: Loaded) {
    return html`<form id="new-campaign" class="card" @submit=${this.open}>
        <fieldset class="filters">
          <legend>${this.t('campaigns.new')}</legend>
          <label>
            ${this.t('campaigns.pole')}
            <select id="campaign-pole" required>
              ${poles.map((pole) => html`<option value=${pole.id}>${pole.name}</option>`)}
            </select>
          </label>
          <label>${this.t('campaigns.title-field')} <input id="campaign-title" required maxlength="200" /></label>
          <label>${this.t('campaigns.opens')} ${this.t('common.optional')} <input id="campaign-opens" type="date" /></label>
          <label>${this.t('campaigns.closes')} ${this.t('common.optional')} <input id="campaign-closes" type="date" /></label>
          <button type="submit" class="primary" ?disabled=${this.sending}>${this.t('campaigns.open')}</button>
        </fieldset>
      </form>
      ${this.created ? this.renderCreated(this.created) : nothing} ${this.renderTable(campaigns)}`;
  }

  private renderCreated(created: Created) {
    const origin = location.origin;
    const snippet = `<script type="module" src="${origin}/cdn/ptce-widgets.js"></script>\n<ptce-referentiel endpoint="${origin}/ptce.json" mode="answer" campaign="${created.respondentCode}"></ptce-referentiel>`;
    return html`<div class="card" id="campaign-created">
      <h3>${this.t('campaigns.created')}</h3>
      <p>${this.t('campaigns.once')}</p>
      <dl>
        <dt>${this.t('campaigns.code')}</dt>
        <dd>
          <code id="created-code">${created.respondentCode}</code>
          <button type="button" @click=${() => this.copy(created.respondentCode)}>${this.t('campaigns.copy-code')}</button>
        </dd>
        <dt>${this.t('campaigns.key')}</dt>
        <dd>
          <code id="created-key">${created.coordinatorKey}</code>
          <button type="button" @click=${() => this.copy(created.coordinatorKey)}>${this.t('campaigns.copy-key')}</button>
        </dd>
      </dl>
      <p><label for="created-snippet">${this.t('campaigns.snippet')}</label></p>
      <textarea id="created-snippet" rows="4" cols="80" readonly .value=${snippet}></textarea>
      <button type="button" @click=${() => this.copy(snippet)}>${this.t('campaigns.copy-snippet')}</button>
      <p>
        ${this.t('campaigns.coordination')} <code id="created-id">${created.id}</code> —
        <a id="created-coordination" href="${origin}/coordination">${this.t('campaigns.coordination-link')}</a>
      </p>
    </div>`;
  }

  private renderTable(campaigns: CampaignEntry[]) {
    if (!campaigns.length) return html`<p>${this.t('common.none')}</p>`;
    return html`<div class="table-wrap">
      <table id="campaigns">
        <caption>
          ${this.t('campaigns.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.t('common.pole')}</th>
            <th scope="col">${this.t('campaigns.title-field')}</th>
            <th scope="col">${this.t('campaigns.dates')}</th>
            <th scope="col">${this.t('campaigns.answers')}</th>
            <th scope="col">${this.t('common.status')}</th>
            <th scope="col"><span class="hint">${this.t('campaigns.close-label')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${campaigns
            .slice()
            .reverse()
            .map((campaign) => {
              const pole = campaign.poleName ?? campaign.poleId;
              return html`<tr>
                <td>${pole}</td>
                <td>${campaign.title}</td>
                <td>${campaign.opensOn ?? '…'} → ${campaign.closesOn ?? '…'}</td>
                <td>${campaign.answers}</td>
                <td>
                  ${this.t(campaign.closed ? 'campaigns.state-closed' : 'campaigns.state-open')}${campaign.publishedAt ? this.t('campaigns.published') : ''}
                </td>
                <td>
                  <button
                    type="button"
                    ?disabled=${campaign.closed}
                    aria-label=${this.t('campaigns.close', { title: campaign.title, pole })}
                    @click=${() => this.close(campaign)}
                  >
                    ${this.t('campaigns.close-label')}
                  </button>
                </td>
              </tr>`;
            })}
        </tbody>
      </table>
    </div>`;
  }

  private readonly open = async (event: Event): Promise<void> => {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    if (!form.reportValidity()) return;
    const value = (id: string) => form.querySelector<HTMLInputElement>(`#${id}`)!.value.trim();
    const body: Record<string, string> = { poleId: value('campaign-pole'), title: value('campaign-title') };
    if (value('campaign-opens')) body.opensOn = value('campaign-opens');
    if (value('campaign-closes')) body.closesOn = value('campaign-closes');
    this.sending = true;
    const created = await this.api!.post<Created>('api/admin/campaigns', body);
    this.sending = false;
    if (!created.ok) {
      this.said = this.t('campaigns.failed', { reason: this.failureText(created.failure) });
      return;
    }
    this.created = created.value;
    this.said = this.t('campaigns.opened', { title: created.value.title, pole: created.value.poleName ?? created.value.poleId });
    await this.data.run();
  };

  private async close(campaign: CampaignEntry): Promise<void> {
    const closed = await this.api!.post(`api/admin/campaigns/${encodeURIComponent(campaign.id)}/close`);
    this.said = closed.ok ? this.t('campaigns.closed', { title: campaign.title }) : this.failureText(closed.failure);
    await this.data.run();
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.said = this.t('campaigns.copied');
    } catch {
      this.said = this.t('campaigns.copy-failed');
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ptce-admin-campaigns': PtceAdminCampaigns;
  }
}
