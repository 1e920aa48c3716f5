import { html, nothing } from 'lit';
import { checkCampaign, checkCampaignAnswers } from '../../../data/checks/campaigns.js';
import { checkReferentiel } from '../../../data/checks/referentiel.js';
import { referentielIssues } from '../../../data/referentiel.js';
import type { Referentiel } from '../../../data/schemas/referentiel.js';
import type { PtceClient } from '../../../data/client.js';
import { fail, ok, type Result } from '../../../data/failure.js';
import type { Campaign, CampaignAnswers } from '../../../data/schemas/campaigns.js';
import { formatDate } from '../../../i18n/index.js';
import type { View } from './view.js';

// A pole's campaign, as the widget reads it from the endpoint's `campaigns` address. Secrets go in
// headers, never in a URL (URLs end up in logs and histories); nothing here is cached or shared.

async function campaignsUrl(client: PtceClient, signal?: AbortSignal): Promise<Result<string>> {
  const where = await client.locate('campaigns', signal);
  return where.ok ? ok(where.value.url.replace(/\/$/, '')) : where;
}

/** The reasons a server gives for refusing a campaign's request, each with its own message. */
export const CAMPAIGN_REASONS = [
  'campaign-code',
  'coordinator-key',
  'campaign-closed',
  'campaign-not-open',
  'wrong-pole',
  'too-many-attempts',
  'no-answers',
  'referentiel-changed',
  'other-campaign-published',
  'campaign-full',
] as const;

export interface CampaignData {
  /** Answer mode: the campaign the respondent code opens. */
  campaign?: Campaign;
  /** Compare mode: the campaign's answers, for its coordinator. */
  answers?: CampaignAnswers;
  /** Over time: two campaigns of one pole, the earlier first. */
  history?: [CampaignAnswers, CampaignAnswers];
  /** The campaign's own version of the référentiel, when it is not the current one. */
  referentiel?: Referentiel;
  /** Over time: each campaign's version of the référentiel, in the same order. */
  historyReferentiels?: [Referentiel, Referentiel];
}

/**
 * A version of the référentiel, from the discovery document's `referentielVersions` template
 * (`referentiels/{id}/{version}.json`): a campaign answered on an earlier version is read in it.
 */
export async function loadReferentielVersion(
  client: PtceClient,
  id: string,
  version: string,
  signal?: AbortSignal,
): Promise<Result<Referentiel>> {
  const discovery = await client.discovery(signal);
  if (!discovery.ok) return discovery;
  const template = discovery.value.referentielVersions;
  if (!template) return fail({ kind: 'no-resource', resource: 'referentielVersions' });
  const url = new URL(
    template.replace('{id}', encodeURIComponent(id)).replace('{version}', encodeURIComponent(version)),
    discovery.value.url,
  ).href;
  const raw = await client.getJson(url, signal);
  if (!raw.ok) return raw;
  const checked = checkReferentiel(raw.value);
  if (!checked.ok) return fail({ kind: 'invalid', url, issues: checked.issues });
  const issues = [...referentielIssues(checked.value)];
  if (checked.value.id !== id || checked.value.version !== version) issues.push({ path: 'version', message: `expected ${id} ${version}` });
  return issues.length ? fail({ kind: 'invalid', url, issues }) : ok(checked.value);
}

/** The campaigns' versions of the référentiel (the current one is not fetched again). */
async function withVersions(
  client: PtceClient,
  data: CampaignData,
  current: Referentiel,
  signal: AbortSignal,
): Promise<Result<CampaignData>> {
  const versionOf = (campaign: Campaign): Promise<Result<Referentiel>> =>
    campaign.referentielId === current.id && campaign.referentielVersion === current.version
      ? Promise.resolve(ok(current))
      : loadReferentielVersion(client, campaign.referentielId, campaign.referentielVersion, signal);
  const one = data.campaign ?? data.answers?.campaign;
  if (one) {
    const referentiel = await versionOf(one);
    return referentiel.ok ? ok({ ...data, referentiel: referentiel.value }) : referentiel;
  }
  if (data.history) {
    const both = await Promise.all(data.history.map((answers) => versionOf(answers.campaign)));
    for (const version of both) if (!version.ok) return version;
    return ok({ ...data, historyReferentiels: both.map((v) => (v as { value: Referentiel }).value) as [Referentiel, Referentiel] });
  }
  return ok(data);
}

/** What the element's campaign attributes ask for, loaded; nothing when it names no campaign. */
export async function loadCampaignData(
  client: PtceClient,
  options: { mode: string; campaign?: string; coordinatorKey?: string; compareCampaigns?: string },
  current: Referentiel,
  signal: AbortSignal,
): Promise<Result<CampaignData>> {
  const found = await loadCampaigns(client, options, signal);
  return found.ok ? withVersions(client, found.value, current, signal) : found;
}

async function loadCampaigns(
  client: PtceClient,
  options: { mode: string; campaign?: string; coordinatorKey?: string; compareCampaigns?: string },
  signal: AbortSignal,
): Promise<Result<CampaignData>> {
  const words = (text?: string) => (text ?? '').split(/\s+/).filter(Boolean);
  if (options.mode === 'answer' && options.campaign) {
    const campaign = await loadRespondentCampaign(client, options.campaign, signal);
    return campaign.ok ? ok({ campaign: campaign.value }) : campaign;
  }
  if (options.mode !== 'compare') return ok({});
  const ids = words(options.compareCampaigns);
  if (ids.length === 2) {
    const keys = words(options.coordinatorKey);
    const both = await Promise.all(ids.map((id, i) => loadCampaignAnswers(client, id, keys[i] ?? '', signal)));
    for (const one of both) if (!one.ok) return one;
    return ok({ history: both.map((one) => (one as { value: CampaignAnswers }).value) as [CampaignAnswers, CampaignAnswers] });
  }
  if (options.campaign) {
    const answers = await loadCampaignAnswers(client, options.campaign, options.coordinatorKey ?? '', signal);
    return answers.ok ? ok({ answers: answers.value }) : answers;
  }
  return ok({});
}

/** What a respondent code opens: the campaign's title, pole and roles. */
export async function loadRespondentCampaign(client: PtceClient, code: string, signal?: AbortSignal): Promise<Result<Campaign>> {
  const base = await campaignsUrl(client, signal);
  if (!base.ok) return base;
  const url = `${base.value}/respondent`;
  const raw = await client.request(url, { headers: { 'Campaign-Code': code }, cache: 'no-store' }, signal);
  if (!raw.ok) return raw;
  const checked = checkCampaign(raw.value);
  return checked.ok ? ok(checked.value) : fail({ kind: 'invalid', url, issues: checked.issues });
}

const coordinator = (key: string) => ({ Authorization: `Bearer ${key}` });

/** One campaign's answers, for its coordinator. */
export async function loadCampaignAnswers(
  client: PtceClient,
  id: string,
  key: string,
  signal?: AbortSignal,
): Promise<Result<CampaignAnswers>> {
  const base = await campaignsUrl(client, signal);
  if (!base.ok) return base;
  const url = `${base.value}/${encodeURIComponent(id)}/assessments`;
  const raw = await client.request(url, { headers: coordinator(key), cache: 'no-store' }, signal);
  if (!raw.ok) return raw;
  const checked = checkCampaignAnswers(raw.value);
  return checked.ok ? ok(checked.value) : fail({ kind: 'invalid', url, issues: checked.issues });
}

/** Publishes or withdraws the campaign's summary on the pole's public record. */
export async function setPublished(client: PtceClient, id: string, key: string, publish: boolean): Promise<Result<unknown>> {
  const base = await campaignsUrl(client);
  if (!base.ok) return base;
  return client.request(`${base.value}/${encodeURIComponent(id)}/${publish ? 'publish' : 'unpublish'}`, {
    method: 'POST',
    headers: coordinator(key),
  });
}

/** The campaign's answers as a spreadsheet file (fetched with the key, then saved). */
export async function answersCsv(client: PtceClient, id: string, key: string): Promise<Result<string>> {
  const base = await campaignsUrl(client);
  if (!base.ok) return base;
  try {
    const response = await fetch(`${base.value}/${encodeURIComponent(id)}/assessments.csv`, {
      headers: coordinator(key),
      cache: 'no-store',
      credentials: 'same-origin',
    });
    if (!response.ok) return fail({ kind: 'http', url: response.url, status: response.status });
    return ok(await response.text());
  } catch {
    return fail({ kind: 'network', url: base.value });
  }
}

/** Title, pole and dates of a campaign, above the grid or the comparison. */
export function renderCampaignHeader(campaign: Campaign, { lang, t }: View) {
  const date = (d: string) => formatDate(lang, d);
  const dates =
    campaign.opensOn && campaign.closesOn
      ? t('campaign.dates', { from: date(campaign.opensOn), to: date(campaign.closesOn) })
      : campaign.opensOn
        ? t('campaign.from', { from: date(campaign.opensOn) })
        : campaign.closesOn
          ? t('campaign.until', { to: date(campaign.closesOn) })
          : '';
  return html`<div class="campaign" part="campaign">
    <p class="campaign-title">
      <strong>${t('campaign.title', { title: campaign.title, pole: campaign.poleName ?? campaign.poleId })}</strong>
    </p>
    ${dates ? html`<p class="muted">${dates}</p>` : nothing}
    ${campaign.closed ? html`<p class="message error" role="status">${t('campaign.closed')}</p>` : nothing}
  </div>`;
}

export interface CoordinatorActions {
  busy: boolean;
  refresh: () => void;
  togglePublished: () => void;
  exportCsv: () => void;
  /** The result of the last action, said politely (or as an alert when it failed). */
  message?: { text: string; error: boolean };
}

/** The coordinator's bar: how many answers, refresh, publish or withdraw the summary, export. */
export function renderCoordinatorBar(answers: CampaignAnswers, actions: CoordinatorActions, { lang, t }: View) {
  const { campaign } = answers;
  return html`<div class="coordinator" part="coordinator">
    <p role="status">${t('campaign.answers', { count: answers.assessments.length })}</p>
    <p>
      ${campaign.publishedAt ? t('campaign.published', { date: formatDate(lang, campaign.publishedAt.slice(0, 10)) }) : t('campaign.not-published')}
    </p>
    <div class="actions">
      <button type="button" class="secondary" part="refresh-button" ?disabled=${actions.busy} @click=${actions.refresh}>
        ${t('campaign.refresh')}
      </button>
      <button type="button" part="publish-button" ?disabled=${actions.busy} @click=${actions.togglePublished}>
        ${campaign.publishedAt ? t('campaign.unpublish') : t('campaign.publish')}
      </button>
      <button type="button" class="secondary" ?disabled=${actions.busy || !answers.assessments.length} @click=${actions.exportCsv}>
        ${t('campaign.export-csv')}
      </button>
    </div>
    ${
      actions.message
        ? html`<p class="message ${actions.message.error ? 'error' : ''}" role=${actions.message.error ? 'alert' : 'status'}>
            ${actions.message.text}
          </p>`
        : nothing
    }
  </div>`;
}
