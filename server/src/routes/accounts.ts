// Named accounts and their sessions (accounts/): login, logout, the password link, the account
// itself (/api/me), the administrators' management of accounts, and the audit log.
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import * as z from 'zod/mini';
import type { DataIssue } from '../../../src/data/failure.js';
import { DEPARTMENTS, REGIONS } from '../../../src/data/geography.js';
import {
  accountView,
  closeSession,
  createAccount,
  findAccount,
  findByEmail,
  listAccounts,
  mailPasswordLink,
  newPasswordLink,
  openSession,
  setPassword,
  updateAccount,
  type AccountRow,
} from '../accounts/accounts.js';
import { eraseAccount } from '../accounts/erasure.js';
import { PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from '../accounts/passwords.js';
import { LoginThrottle } from '../accounts/throttle.js';
import { adminOnly } from '../http/admin-auth.js';
import { fail } from '../http/errors.js';
import type { Area, ZodTypeProvider } from '../http/schemas.js';
import type { Mailer } from '../mail/mailer.js';
import type { Store } from '../store/types.js';

export interface AccountOptions {
  store: Store;
  admin: onRequestAsyncHookHandler;
  mailer: Mailer;
  /** Where the password links point (PTCE_PUBLIC_URL); else the request's own origin. */
  publicUrl?: string;
}

const Role = z.enum(['admin', 'moderator']);
const Notify = z.enum(['immediate', 'daily', 'off']);
const Codes = z.array(z.string().check(z.maxLength(3))).check(z.maxLength(120));
const Name = z.nullish(z.string().check(z.maxLength(200)));
const NewAccount = z.object({
  email: z.email().check(z.maxLength(254)),
  name: Name,
  role: Role,
  regions: z.optional(Codes),
  departements: z.optional(Codes),
  notify: z.optional(Notify),
});
const AccountChanges = z.object({
  name: Name,
  role: z.optional(Role),
  regions: z.optional(Codes),
  departements: z.optional(Codes),
  disabled: z.optional(z.boolean()),
  notify: z.optional(Notify),
});
const OneAccount = z.object({ id: z.string().check(z.regex(/^[1-9]\d{0,8}$/, 'expected an account id')) });
const Login = z.object({ email: z.string().check(z.maxLength(254)), password: z.string().check(z.maxLength(PASSWORD_MAX)) });
const NewPassword = z.object({
  link: z.string().check(z.maxLength(200)),
  password: z
    .string()
    .check(
      z.minLength(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`),
      z.maxLength(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`),
    ),
});

/** Unknown region or département codes, and a moderator left without a territory. */
function territoryIssues(role: string, regions: string[], departements: string[]): DataIssue[] {
  const issues: DataIssue[] = [];
  regions.forEach((code, i) => REGIONS[code] === undefined && issues.push({ path: `regions[${i}]`, message: `unknown region ${code}` }));
  departements.forEach(
    (code, i) => !DEPARTMENTS.has(code) && issues.push({ path: `departements[${i}]`, message: `unknown département ${code}` }),
  );
  if (role === 'moderator' && !regions.length && !departements.length)
    issues.push({ path: 'regions', message: 'a moderator needs a region or a département' });
  return issues;
}

const bearer = (request: FastifyRequest) => /^Bearer (\S+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];

/** The PTCE_ADMIN_TOKEN's "account", for GET /api/me. */
const TOKEN_ACCOUNT = { id: null, email: null, name: null, role: 'admin', regions: [], departements: [], token: true };

export const accountRoutes: Area<AccountOptions> = async (app, { store, admin, mailer, publicUrl }) => {
  const { db } = store;
  const throttle = new LoginThrottle(db);
  const originOf = (request: FastifyRequest) => publicUrl ?? `${request.protocol}://${request.host}`;
  /** Mails the link; false (logged) if the mail could not leave: the admin sends a new one. */
  const sendLink = async (request: FastifyRequest, account: AccountRow, link: string) => {
    try {
      await mailPasswordLink(mailer, account, originOf(request), link);
      return true;
    } catch (error) {
      request.log.error({ message: (error as Error).message }, 'password link not sent');
      return false;
    }
  };

  app.post('/api/login', { schema: { body: Login } }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    const email = request.body.email.trim().toLowerCase();
    const wait = await throttle.blocked(request.ip, email);
    if (wait) {
      reply.header('Retry-After', String(wait));
      return fail(reply, 429, 'too many failed attempts');
    }
    const account = await findByEmail(db, email);
    // Always one scrypt, account or not: the timing does not tell which addresses have one.
    const right = await verifyPassword(request.body.password, account?.password_hash ?? null);
    if (!account || !right || account.disabled || account.erased_at) {
      await throttle.failed(request.ip, email);
      return fail(reply, 401, 'wrong e-mail or password');
    }
    await throttle.succeeded(request.ip, email);
    const session = await openSession(db, account.id);
    return { token: session.token, expiresAt: session.expiresAt, account: accountView(account) };
  });

  app.post(
    '/api/password',
    { schema: { body: NewPassword }, config: { invalid: { error: 'invalid password' } } },
    async (request, reply) => {
      if (!(await setPassword(db, request.body.link, request.body.password)))
        return fail(reply, 410, 'this link is no longer valid: ask an administrator for a new one');
      return reply.code(204).send();
    },
  );

  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.addHook('onRequest', admin);

    scope.post('/api/logout', async (request, reply) => {
      // The admin token is not a session: nothing to end.
      if (request.actor?.kind === 'account') await closeSession(db, bearer(request)!);
      return reply.code(204).send();
    });

    scope.get('/api/me', async (request) => {
      const row = request.actor?.kind === 'account' ? await findAccount(db, Number(request.actor.id)) : undefined;
      return { account: row ? accountView(row) : TOKEN_ACCOUNT };
    });

    // An account's own preference for notifications (and its name): no administrator needed.
    scope.patch('/api/me', { schema: { body: z.object({ name: Name, notify: z.optional(Notify) }) } }, async (request, reply) => {
      if (request.actor?.kind !== 'account') return fail(reply, 409, 'the admin token has no account to change');
      const row = await updateAccount(db, request.actor, Number(request.actor.id), request.body);
      return { account: accountView(row!) };
    });

    scope.get('/api/admin/accounts', async (request, reply) => {
      if (!adminOnly(request, reply)) return reply;
      return { accounts: (await listAccounts(db)).map(accountView) };
    });

    scope.post(
      '/api/admin/accounts',
      { schema: { body: NewAccount }, config: { invalid: { error: 'invalid account' } } },
      async (request, reply) => {
        if (!adminOnly(request, reply)) return reply;
        const { regions = [], departements = [], ...rest } = request.body;
        const issues = territoryIssues(rest.role, regions, departements);
        if (issues.length) return fail(reply, 400, 'invalid account', issues);
        const created = await createAccount(db, request.actor!, { ...rest, regions, departements });
        if (!created) return fail(reply, 409, 'an account has this e-mail address');
        const linkSent = await sendLink(request, created.account, created.link);
        return reply.code(201).send({ ...accountView(created.account), linkSent });
      },
    );

    scope.patch(
      '/api/admin/accounts/:id',
      { schema: { params: OneAccount, body: AccountChanges }, config: { invalid: { error: 'invalid account' } } },
      async (request, reply) => {
        if (!adminOnly(request, reply)) return reply;
        const id = Number(request.params.id);
        const current = await findAccount(db, id);
        if (!current || current.erased_at) return fail(reply, 404, 'no account with this id');
        const role = request.body.role ?? current.role;
        const regions = request.body.regions ?? JSON.parse(current.regions);
        const departements = request.body.departements ?? JSON.parse(current.departements);
        const issues = territoryIssues(role, regions, departements);
        if (issues.length) return fail(reply, 400, 'invalid account', issues);
        // An administrator cannot lock themselves out (the admin token could still undo it, but rarely by the same person).
        if (request.actor?.id === String(id) && (request.body.disabled || role !== 'admin'))
          return fail(reply, 409, 'you cannot disable your own account or remove your own admin role');
        return accountView((await updateAccount(db, request.actor!, id, request.body))!);
      },
    );

    // "Send a new link": the earlier unused links stop working.
    scope.post('/api/admin/accounts/:id/password-link', { schema: { params: OneAccount } }, async (request, reply) => {
      if (!adminOnly(request, reply)) return reply;
      const account = await findAccount(db, Number(request.params.id));
      if (!account || account.erased_at) return fail(reply, 404, 'no account with this id');
      if (account.disabled) return fail(reply, 409, 'this account is disabled: enable it first');
      const link = await newPasswordLink(db, account.id);
      return reply.code(202).send({ linkSent: await sendLink(request, account, link) });
    });

    scope.post('/api/admin/accounts/:id/erase', { schema: { params: OneAccount } }, async (request, reply) => {
      if (!adminOnly(request, reply)) return reply;
      const id = Number(request.params.id);
      if (request.actor?.id === String(id)) return fail(reply, 409, 'you cannot erase your own account');
      const row = await eraseAccount(db, request.actor!, id);
      return row ? accountView(row) : fail(reply, 404, 'no account with this id');
    });

    scope.get(
      '/api/admin/audit',
      { schema: { querystring: z.object({ subjectType: z.optional(z.string()), subjectId: z.optional(z.string()) }) } },
      async (request, reply) => {
        if (!adminOnly(request, reply)) return reply;
        const { subjectType, subjectId } = request.query;
        const rows = await db
          .selectFrom('audit_log')
          .selectAll()
          .$if(!!subjectType, (q) => q.where('subject_type', '=', subjectType!))
          .$if(!!subjectId, (q) => q.where('subject_id', '=', subjectId!))
          .orderBy('id', 'desc')
          .limit(1000)
          .execute();
        return {
          entries: rows.map((row) => ({
            id: row.id,
            at: row.at,
            actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
            action: row.action,
            subject: { type: row.subject_type, id: row.subject_id },
            before: row.before === null ? null : JSON.parse(row.before),
            after: row.after === null ? null : JSON.parse(row.after),
          })),
        };
      },
    );
  });
};
