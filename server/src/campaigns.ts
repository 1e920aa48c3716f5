// Campaigns ("regards croisés"): one pole's round of answers to one version of the référentiel.
// Every campaign route (routes/campaigns.ts) reads or writes ONE campaign, hence one pole: nothing
// ever returns two poles' answers together. Answers are private to the campaign's coordinator; only the summary the
// coordinator publishes reaches the public poles document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { campaignSummary, questionsOf } from '../../src/data/referentiel.js';
import type { Campaign, CampaignCreated, CampaignRequest, CampaignRole } from '../../src/data/schemas/campaigns.js';
import type { PolesDocument } from '../../src/data/schemas/pole.js';
import type { Referentiel } from '../../src/data/schemas/referentiel.js';
import type { Assessment } from '../../src/data/schemas/submissions.js';
import { csvCell } from './csv.js';
import { refuse } from './http/errors.js';
import { FailedAttempts } from './http/rate-limits.js';
import type { PublicCache } from './public-documents.js';
import { referentielVersion } from './referentiels/versions.js';
import { secretHash, type AssessmentRow, type CampaignListRow, type CampaignRow, type Store, type Within } from './store/types.js';

/** Wrong respondent codes or coordinator keys allowed per client address in 15 minutes, then 429. */
const SECRET_FAILURES = 10;
/** Answer sets one campaign takes at most, by default (PTCE_CAMPAIGN_MAX_ANSWERS). */
export const MAX_ANSWERS = 500;

export const today = () => new Date().toISOString().slice(0, 10);

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const readable = (length: number) => [...randomBytes(length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
/** Easy to read out or copy: R-7K2M-QX9D-4TPB (60 bits). */
const newRespondentCode = () => `R-${readable(12).match(/.{4}/g)!.join('-')}`;
const newCampaignId = () => `camp-${readable(10).toLowerCase()}`;

/** Constant-time comparison of a secret with the hash stored for it. */
function secretMatches(given: string, storedHash: string): boolean {
  const a = Buffer.from(secretHash(given), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isClosed(row: CampaignRow, on = today()): boolean {
  return !!row.closed_at || (!!row.closes_on && row.closes_on < on);
}

export function campaignView(row: CampaignRow, poles: PolesDocument['poles']): Campaign {
  const pole = poles.find((p) => p.id === row.pole_id);
  return {
    id: row.id,
    poleId: row.pole_id,
    ...(pole ? { poleName: pole.name } : {}),
    title: row.title,
    referentielId: row.referentiel_id,
    referentielVersion: row.referentiel_version,
    ...(row.opens_on ? { opensOn: row.opens_on } : {}),
    ...(row.closes_on ? { closesOn: row.closes_on } : {}),
    ...(row.roles ? { roles: JSON.parse(row.roles) as CampaignRole[] } : {}),
    closed: isClosed(row),
    ...(row.published_at ? { publishedAt: row.published_at } : {}),
  };
}

/** For the admin list: the campaign and how many answer sets it holds, never the answers. */
export const adminCampaignView = (row: CampaignListRow, poles: PolesDocument['poles']) => ({
  ...campaignView(row, poles),
  createdAt: row.created_at,
  ...(row.closed_at ? { closedAt: row.closed_at } : {}),
  answers: Number(row.answers),
});

/** The answer set as stored (the respondent code is never part of it), with its reference. */
export const assessmentOf = (row: AssessmentRow) => ({
  ...(JSON.parse(row.body) as Assessment),
  reference: row.reference,
  receivedAt: row.received_at,
});

export function answersCsv(referentiel: Referentiel | undefined, rows: AssessmentRow[]): string {
  const ids = referentiel ? questionsOf(referentiel).map((q) => q.indicator.id) : [];
  const header = ['reference', 'receivedAt', 'role', 'name', ...ids.flatMap((id) => [id, `${id} comment`])];
  const lines = rows.map((row) => {
    const a = JSON.parse(row.body) as Assessment;
    return [
      row.reference,
      row.received_at,
      a.respondent.role,
      a.respondent.name ?? '',
      ...ids.flatMap((id) => [a.answers[id]?.value ?? '', a.answers[id]?.comment ?? '']),
    ];
  });
  return `\ufeff${[header, ...lines].map((line) => line.map((cell) => csvCell(String(cell))).join(';')).join('\r\n')}\r\n`;
}

/**
 * What the campaign routes and the assessments' POST share: the secrets (checked in constant
 * time, wrong ones counted per address and per secret), opening a campaign, publishing its summary.
 */
export class CampaignAccess {
  readonly #failures: FailedAttempts;

  constructor(
    app: FastifyInstance,
    private readonly store: Store,
    private readonly cache: PublicCache,
    secretAttempts = SECRET_FAILURES,
    private readonly maxAnswers = MAX_ANSWERS,
  ) {
    this.#failures = new FailedAttempts(app, secretAttempts);
  }

  poles = () => this.cache.document<PolesDocument>('poles.json')?.poles ?? [];
  referentiel = () => this.cache.document<Referentiel>('referentiel.json');

  /**
   * The version of the référentiel the campaign was opened on (kept when a newer one is uploaded):
   * its answers are checked, exported, summarised and published in it. Undefined only if the
   * database lost it.
   */
  async referentielOf(row: Pick<CampaignRow, 'referentiel_id' | 'referentiel_version'>): Promise<Referentiel | undefined> {
    const current = this.referentiel();
    if (current?.id === row.referentiel_id && current.version === row.referentiel_version) return current;
    return referentielVersion(this.store.db, row.referentiel_id, row.referentiel_version);
  }

  /** A wrong secret counted (per address and per secret); the 429 sent when over the limit. */
  async #wrong(request: FastifyRequest, reply: FastifyReply, target: string) {
    const wait = await this.#failures.failed(request, target);
    if (!wait) return false;
    reply.header('Retry-After', String(wait));
    refuse(reply, 429, 'too-many-attempts', 'too many wrong codes or keys');
    return true;
  }

  /** The campaign a respondent code opens, or a refusal already sent. */
  async byCode(request: FastifyRequest, reply: FastifyReply, code: string): Promise<CampaignRow | undefined> {
    const row = code.length <= 100 ? await this.store.campaignByCode(secretHash(code)) : undefined;
    if (row && secretMatches(code, row.respondent_code_hash)) return row;
    // A wrong code names no campaign: the codes are one secret for the counts.
    if (!(await this.#wrong(request, reply, 'campaign-code'))) refuse(reply, 403, 'campaign-code', 'unknown campaign code');
    return undefined;
  }

  /** The campaign `id` when its coordinator key is given (`Authorization: Bearer`), or a refusal already sent. */
  async asCoordinator(request: FastifyRequest, reply: FastifyReply, id: string): Promise<CampaignRow | undefined> {
    reply.header('Cache-Control', 'no-store');
    const key = /^Bearer (\S{1,200})$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    const row = key ? await this.store.campaign(id) : undefined;
    // An unknown campaign and a wrong key get the same answer: ids are not secrets, but this
    // tells nothing either way.
    if (row && key && secretMatches(key, row.coordinator_key_hash)) return row;
    if (await this.#wrong(request, reply, `coordinator:${id.slice(0, 100)}`)) return undefined;
    reply.header('WWW-Authenticate', 'Bearer');
    refuse(reply, 401, 'coordinator-key', key ? 'wrong coordinator key' : 'coordinator key required');
    return undefined;
  }

  /**
   * For POST /api/assessments: the campaign named by the respondent code (`campaign` field or
   * `Campaign-Code` header), and the answer set as it is stored — without the code, with the
   * campaign's pole. `campaignId` null: no campaign named. False: refused (the answer is sent).
   */
  async admitAssessment(
    request: FastifyRequest,
    reply: FastifyReply,
    assessment: Assessment,
  ): Promise<{ value: Assessment; campaignId: string | null; referentiel?: Referentiel } | false> {
    const header = request.headers['campaign-code'];
    const code = assessment.campaign ?? (typeof header === 'string' ? header : undefined);
    const { campaign: _code, ...stored } = assessment;
    if (code === undefined) return { value: stored, campaignId: null };
    const row = await this.byCode(request, reply, code);
    if (!row) return false;
    if (isClosed(row)) return (refuse(reply, 409, 'campaign-closed', 'this campaign is closed'), false);
    if (row.opens_on && row.opens_on > today())
      return (refuse(reply, 409, 'campaign-not-open', `this campaign opens on ${row.opens_on}`), false);
    if (assessment.poleId !== undefined && assessment.poleId !== row.pole_id) {
      return (
        refuse(reply, 400, 'wrong-pole', 'invalid assessment', [{ path: 'poleId', message: 'not the pole of this campaign' }]),
        false
      );
    }
    if (assessment.referentielId !== row.referentiel_id || assessment.referentielVersion !== row.referentiel_version) {
      return (
        refuse(reply, 400, 'invalid', 'invalid assessment', [
          { path: 'referentielVersion', message: `expected ${row.referentiel_id} ${row.referentiel_version}` },
        ]),
        false
      );
    }
    // A code handed out widely admits a bounded number of answer sets (PTCE_CAMPAIGN_MAX_ANSWERS).
    if ((await this.store.campaignAnswerCount(row.id)) >= this.maxAnswers) {
      return (refuse(reply, 409, 'campaign-full', `this campaign takes no more than ${this.maxAnswers} answer sets`), false);
    }
    const pole = this.poles().find((p) => p.id === row.pole_id);
    const referentiel = await this.referentielOf(row);
    return { value: { ...stored, poleId: row.pole_id, ...(pole ? { poleName: pole.name } : {}) }, campaignId: row.id, referentiel };
  }

  /** Opens a campaign: shared by the admin route and the coordinators' one. */
  async create(reply: FastifyReply, wanted: CampaignRequest, within?: Within<CampaignRow>) {
    const pole = this.poles().find((p) => p.id === wanted.poleId);
    if (!pole)
      return refuse(reply, 400, 'unknown-pole', 'invalid campaign', [{ path: 'poleId', message: `no pole with id ${wanted.poleId}` }]);
    const current = this.referentiel();
    if (!current) return refuse(reply, 409, 'no-referentiel', 'no référentiel on this server');
    // Default: the current version; an earlier one of the same référentiel if asked (kept on this server).
    const chosen = wanted.referentielVersion ? await referentielVersion(this.store.db, current.id, wanted.referentielVersion) : current;
    if (!chosen) {
      return refuse(reply, 400, 'invalid', 'invalid campaign', [
        { path: 'referentielVersion', message: `this server has no version ${wanted.referentielVersion} (current: ${current.version})` },
      ]);
    }
    if (wanted.opensOn && wanted.closesOn && wanted.closesOn < wanted.opensOn) {
      return refuse(reply, 400, 'invalid', 'invalid campaign', [{ path: 'closesOn', message: 'before opensOn' }]);
    }
    const roles = wanted.roles ?? chosen.roles;
    const respondentCode = newRespondentCode();
    const coordinatorKey = randomBytes(24).toString('base64url');
    const row: CampaignRow = {
      id: newCampaignId(),
      pole_id: pole.id,
      referentiel_id: chosen.id,
      referentiel_version: chosen.version,
      title: wanted.title,
      opens_on: wanted.opensOn ?? null,
      closes_on: wanted.closesOn ?? null,
      roles: roles ? JSON.stringify(roles) : null,
      respondent_code_hash: secretHash(respondentCode),
      coordinator_key_hash: secretHash(coordinatorKey),
      created_at: new Date().toISOString(),
      closed_at: null,
      published_at: null,
      summary: null,
    };
    await this.store.createCampaign(row, within);
    const created: CampaignCreated = { ...campaignView(row, this.poles()), respondentCode, coordinatorKey };
    return reply.code(201).header('Cache-Control', 'no-store').send(created);
  }

  /** A new respondent code for the campaign, given once; the previous one is refused from now on. */
  async rotateCode(row: CampaignRow): Promise<string> {
    const respondentCode = newRespondentCode();
    await this.store.setRespondentCodeHash(row.id, secretHash(respondentCode));
    return respondentCode;
  }

  /** Another campaign of the same pole whose summary is the published one, if any. */
  async otherPublished(row: CampaignRow): Promise<CampaignRow | undefined> {
    return (await this.store.listCampaigns()).find((other) => other.pole_id === row.pole_id && other.id !== row.id && other.published_at);
  }

  /**
   * How the store summarises these answers, in the campaign's own version of the référentiel
   * (never the current one when it differs: a published summary keeps its version); undefined if
   * that version is not on this server.
   */
  async summarizer(row: CampaignRow): Promise<((rows: AssessmentRow[], at: string) => string | null) | undefined> {
    const referentiel = await this.referentielOf(row);
    if (!referentiel) return undefined;
    return (rows, at) => {
      const summary = campaignSummary(referentiel, rows.map(assessmentOf), at.slice(0, 10));
      return summary ? JSON.stringify(summary) : null;
    };
  }

  /** Publishes the campaign's summary (as its answers now are) on its pole's public record. */
  async publish(row: CampaignRow, summarize: (rows: AssessmentRow[], at: string) => string | null) {
    const summary = await this.store.publishCampaign(row.id, summarize);
    await this.cache.refresh();
    return summary ? (JSON.parse(summary) as ReturnType<typeof campaignSummary>) : undefined;
  }

  /**
   * Deletes one answer set; a published summary is brought up to date in the same transaction, in
   * the campaign's version. 'no-version': that version is missing, nothing deleted.
   */
  async deleteAnswers(row: CampaignRow, reference: string): Promise<boolean | 'no-version'> {
    const summarize = await this.summarizer(row);
    if (!summarize) return 'no-version';
    const removed = await this.store.deleteAssessment(row.id, reference, summarize);
    if (removed) await this.cache.refresh();
    return removed;
  }

  async unpublish(row: CampaignRow, within?: Within) {
    await this.store.unpublishCampaign(row.id, within);
    await this.cache.refresh();
  }
}
