// Campaigns ("regards croisés"): one pole's round of answers to one version of the référentiel.
// Every route here reads or writes ONE campaign, hence one pole: nothing ever returns two poles'
// answers together. Answers are private to the campaign's coordinator; only the summary the
// coordinator publishes reaches the public poles document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { campaignSummary, questionsOf } from '../../src/data/referentiel.js';
import { CampaignRequest, type Campaign, type CampaignCreated, type CampaignRole } from '../../src/data/schemas/campaigns.js';
import type { PolesDocument } from '../../src/data/schemas/pole.js';
import type { Referentiel } from '../../src/data/schemas/referentiel.js';
import type { Assessment } from '../../src/data/schemas/submissions.js';
import { validate } from '../../src/data/validate.js';
import type { DataIssue } from '../../src/data/failure.js';
import { csvCell } from './csv.js';
import type { PublicCache } from './public-documents.js';
import { RateLimiter } from './rate-limit.js';
import { secretHash, type AssessmentRow, type CampaignListRow, type CampaignRow, type Store } from './store/types.js';

/** Wrong respondent codes or coordinator keys allowed per client address in SECRET_WINDOW_MS, then 429. */
const SECRET_FAILURES = 10;
const SECRET_WINDOW_MS = 15 * 60_000;

export interface CampaignContext {
  store: Store;
  cache: PublicCache;
  /** A pole's coordinator may open a campaign without the admin token (PTCE_OPEN_CAMPAIGNS=1). */
  openCampaigns: boolean;
  secretAttempts?: number;
}

/** A refusal with a short `reason` the widgets turn into a localized message. */
export const refuse = (reply: FastifyReply, status: number, reason: string, error: string, errors?: DataIssue[]) =>
  reply.code(status).send({ error, reason, ...(errors ? { errors } : {}) });

const today = () => new Date().toISOString().slice(0, 10);

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
const adminCampaignView = (row: CampaignListRow, poles: PolesDocument['poles']) => ({
  ...campaignView(row, poles),
  createdAt: row.created_at,
  ...(row.closed_at ? { closedAt: row.closed_at } : {}),
  answers: Number(row.answers),
});

/** The answer set as stored (the respondent code is never part of it), with its reference. */
const assessmentOf = (row: AssessmentRow) => ({
  ...(JSON.parse(row.body) as Assessment),
  reference: row.reference,
  receivedAt: row.received_at,
});

function answersCsv(referentiel: Referentiel | undefined, rows: AssessmentRow[]): string {
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

export function campaignRoutes(app: FastifyInstance, { store, cache, openCampaigns, secretAttempts }: CampaignContext) {
  const failures = new RateLimiter(secretAttempts ?? SECRET_FAILURES, SECRET_WINDOW_MS);
  const poles = () => cache.document<PolesDocument>('poles.json')?.poles ?? [];
  const referentiel = () => cache.document<Referentiel>('referentiel.json');

  /** Throttled before the secret is even compared; a failure counts against the address. */
  const throttled = (request: FastifyRequest, reply: FastifyReply) => {
    if (!failures.blocked(request.ip)) return false;
    reply.header('Retry-After', String(failures.retryAfterSeconds(request.ip)));
    refuse(reply, 429, 'too-many-attempts', 'too many wrong codes or keys');
    return true;
  };

  /** Opens a campaign: shared by the admin route and the coordinators' one. */
  async function create(request: FastifyRequest, reply: FastifyReply) {
    const checked = validate(CampaignRequest, request.body);
    if (!checked.ok) return refuse(reply, 400, 'invalid', 'invalid campaign', checked.issues);
    const wanted = checked.value;
    const pole = poles().find((p) => p.id === wanted.poleId);
    if (!pole)
      return refuse(reply, 400, 'unknown-pole', 'invalid campaign', [{ path: 'poleId', message: `no pole with id ${wanted.poleId}` }]);
    const current = referentiel();
    if (!current) return refuse(reply, 409, 'no-referentiel', 'no référentiel on this server');
    if (wanted.referentielVersion && wanted.referentielVersion !== current.version) {
      return refuse(reply, 400, 'invalid', 'invalid campaign', [
        { path: 'referentielVersion', message: `this server has version ${current.version}` },
      ]);
    }
    if (wanted.opensOn && wanted.closesOn && wanted.closesOn < wanted.opensOn) {
      return refuse(reply, 400, 'invalid', 'invalid campaign', [{ path: 'closesOn', message: 'before opensOn' }]);
    }
    const roles = wanted.roles ?? current.roles;
    const respondentCode = newRespondentCode();
    const coordinatorKey = randomBytes(24).toString('base64url');
    const row: CampaignRow = {
      id: newCampaignId(),
      pole_id: pole.id,
      referentiel_id: current.id,
      referentiel_version: current.version,
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
    await store.createCampaign(row);
    const created: CampaignCreated = { ...campaignView(row, poles()), respondentCode, coordinatorKey };
    return reply.code(201).header('Cache-Control', 'no-store').send(created);
  }

  /** The campaign a respondent code opens, or a refusal already sent. */
  async function byCode(request: FastifyRequest, reply: FastifyReply, code: string): Promise<CampaignRow | undefined> {
    if (throttled(request, reply)) return undefined;
    const row = code.length <= 100 ? await store.campaignByCode(secretHash(code)) : undefined;
    if (row && secretMatches(code, row.respondent_code_hash)) return row;
    failures.allow(request.ip);
    refuse(reply, 403, 'campaign-code', 'unknown campaign code');
    return undefined;
  }

  /** The campaign whose coordinator key is given (`Authorization: Bearer`), or a refusal already sent. */
  async function asCoordinator(request: FastifyRequest, reply: FastifyReply): Promise<CampaignRow | undefined> {
    reply.header('Cache-Control', 'no-store');
    if (throttled(request, reply)) return undefined;
    const key = /^Bearer (\S{1,200})$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    const row = key ? await store.campaign((request.params as { id: string }).id) : undefined;
    // An unknown campaign and a wrong key get the same answer: ids are not secrets, but this
    // tells nothing either way.
    if (row && key && secretMatches(key, row.coordinator_key_hash)) return row;
    failures.allow(request.ip);
    reply.header('WWW-Authenticate', 'Bearer');
    refuse(reply, 401, 'coordinator-key', key ? 'wrong coordinator key' : 'coordinator key required');
    return undefined;
  }

  /**
   * For POST /api/assessments: the campaign named by the respondent code (`campaign` field or
   * `Campaign-Code` header), and the answer set as it is stored — without the code, with the
   * campaign's pole. Undefined: no campaign named. False: refused (the answer is sent).
   */
  async function admitAssessment(request: FastifyRequest, reply: FastifyReply, assessment: Assessment) {
    const header = request.headers['campaign-code'];
    const code = assessment.campaign ?? (typeof header === 'string' ? header : undefined);
    const { campaign: _code, ...stored } = assessment;
    if (code === undefined) return { value: stored, campaignId: null };
    const row = await byCode(request, reply, code);
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
    const pole = poles().find((p) => p.id === row.pole_id);
    return { value: { ...stored, poleId: row.pole_id, ...(pole ? { poleName: pole.name } : {}) }, campaignId: row.id };
  }

  // What a respondent sees before answering: title, pole, roles; the code in a header, never the URL.
  app.get('/api/campaigns/respondent', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const header = request.headers['campaign-code'];
    if (typeof header !== 'string' || !header) return refuse(reply, 400, 'campaign-code', 'Campaign-Code header required');
    const row = await byCode(request, reply, header);
    return row ? campaignView(row, poles()) : reply;
  });

  app.post('/api/campaigns', async (request, reply) => {
    if (!openCampaigns) return refuse(reply, 403, 'campaigns-not-open', 'campaigns are opened by the administrator on this server');
    return create(request, reply);
  });

  app.get('/api/campaigns/:id/assessments', async (request, reply) => {
    const row = await asCoordinator(request, reply);
    if (!row) return reply;
    const rows = await store.campaignAssessments(row.id);
    const current = referentiel();
    const summary =
      current?.id === row.referentiel_id && current.version === row.referentiel_version
        ? campaignSummary(current, rows.map(assessmentOf), today())
        : undefined;
    if ((request.query as { download?: string }).download !== undefined) {
      reply.header('Content-Disposition', `attachment; filename="${row.id}.json"`);
    }
    return { campaign: campaignView(row, poles()), assessments: rows.map(assessmentOf), ...(summary ? { summary } : {}) };
  });

  app.get('/api/campaigns/:id/assessments.csv', async (request, reply) => {
    const row = await asCoordinator(request, reply);
    if (!row) return reply;
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${row.id}.csv"`)
      .send(answersCsv(referentiel(), await store.campaignAssessments(row.id)));
  });

  app.delete('/api/campaigns/:id/assessments/:reference', async (request, reply) => {
    const row = await asCoordinator(request, reply);
    if (!row) return reply;
    const removed = await store.deleteAssessment(row.id, (request.params as { reference: string }).reference);
    if (!removed) return refuse(reply, 404, 'not-found', 'no answer set with this reference in this campaign');
    // A published summary would still count the deleted answers: it is brought up to date.
    if (row.published_at) await publish(row);
    return reply.code(204).send();
  });

  async function publish(row: CampaignRow) {
    const current = referentiel();
    const rows = await store.campaignAssessments(row.id);
    const at = new Date().toISOString();
    const summary = current ? campaignSummary(current, rows.map(assessmentOf), at.slice(0, 10)) : undefined;
    await store.setCampaignSummary(row.id, summary ? JSON.stringify(summary) : null, summary ? at : null);
    await cache.refresh();
    return summary;
  }

  app.post('/api/campaigns/:id/publish', async (request, reply) => {
    const row = await asCoordinator(request, reply);
    if (!row) return reply;
    const current = referentiel();
    if (current?.id !== row.referentiel_id || current.version !== row.referentiel_version) {
      return refuse(reply, 409, 'referentiel-changed', 'the server now has another version of the référentiel');
    }
    const summary = await publish(row);
    if (!summary) return refuse(reply, 409, 'no-answers', 'nothing to publish: this campaign has no answers');
    return { campaign: campaignView((await store.campaign(row.id))!, poles()), summary };
  });

  app.post('/api/campaigns/:id/unpublish', async (request, reply) => {
    const row = await asCoordinator(request, reply);
    if (!row) return reply;
    await store.setCampaignSummary(row.id, null, null);
    await cache.refresh();
    return { campaign: campaignView((await store.campaign(row.id))!, poles()) };
  });

  /** Admin routes, registered inside the admin scope (token checked there). */
  function adminRoutes(admin: FastifyInstance) {
    admin.post('/api/admin/campaigns', create);
    admin.get('/api/admin/campaigns', async () => ({
      campaigns: (await store.listCampaigns()).map((row) => adminCampaignView(row, poles())),
    }));
    admin.post('/api/admin/campaigns/:id/close', async (request, reply) => {
      const row = await store.closeCampaign((request.params as { id: string }).id, new Date().toISOString());
      if (!row) return refuse(reply, 404, 'not-found', 'no campaign with this id');
      return campaignView(row, poles());
    });
  }

  return { admitAssessment, adminRoutes };
}
