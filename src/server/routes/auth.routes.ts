import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import {
  ROLES,
  changeAccountRole,
  changePassword,
  createAccount,
  createApiToken,
  disableAccount,
  enableAccount,
  inviteAccount,
  listAccountDirectory,
  resetPassword,
  revokeAccountTokens,
  listApiTokens,
  revokeApiToken,
  signIn,
  signOut,
  type AccountListing,
  type AccountView,
  type ApiTokenView,
} from '../../services/access/accounts.service.js';
import { SESSION_COOKIE } from '../access/install-access.js';
import { policy, publicAccess, signedIn } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { buildServices } from '../../services/composition-root.js';
import { isOnRoster } from '../../services/roster.service.js';

const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });
const role = z.enum(ROLES as [string, ...string[]]);

const account = z.object({
  id: z.string(),
  email: z.string(),
  role,
  client_id: z.string().nullable(),
  created_at: z.string(),
  must_change_password: z
    .boolean()
    .describe(
      'on a temporary password: every call but the password change answers 403 until they set their own',
    ),
});

const accountListing = account.extend({
  name: z.string().nullable().describe('the roster’s name for this email; null without a person record'),
  status: z.enum(['active', 'disabled']),
  disabled_at: z.string().nullable(),
  last_sign_in_at: z.string().nullable().describe('the last successful sign-in (API-token use not counted)'),
  live_api_tokens: z.number().int(),
});

const accountParams = z.object({ id: z.string().min(1).max(320) });

const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  role,
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

function accountJson(view: AccountView): z.infer<typeof account> {
  return {
    id: view.id,
    email: view.email,
    role: view.role,
    client_id: view.clientId,
    created_at: view.createdAt,
    must_change_password: view.mustChangePassword,
  };
}

function listingJson(view: AccountListing): z.infer<typeof accountListing> {
  return {
    ...accountJson(view),
    name: view.name,
    status: view.status,
    disabled_at: view.disabledAt,
    last_sign_in_at: view.lastSignInAt,
    live_api_tokens: view.liveApiTokens,
  };
}

function tokenJson(view: ApiTokenView): z.infer<typeof apiToken> {
  return {
    id: view.id,
    name: view.name,
    role: view.role,
    created_at: view.createdAt,
    expires_at: view.expiresAt,
    last_used_at: view.lastUsedAt,
    revoked_at: view.revokedAt,
  };
}

function cookieOptions(request: FastifyRequest): {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: string;
} {
  // Lax keeps the cookie on top-level navigation from a link; writes are covered by the CSRF token.
  return { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/' };
}

function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

/** Sign-in, sign-out, session, password change, API tokens, and accounts (leadership). */
export function authRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.post(
      '/api/auth/sign-in',
      {
        config: { access: publicAccess('signing in is how one stops being anonymous') },
        bodyLimit: 8_192,
        schema: {
          tags: ['auth'],
          summary:
            'Sign in with email and password: sets the HttpOnly session cookie, returns the CSRF token',
          body: z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1_024) }),
          response: {
            200: z.object({ account, csrf_token: z.string(), expires_at: z.string() }),
            401: errorBody,
            403: errorBody,
            429: errorBody,
          },
        },
      },
      async (request, reply) => {
        try {
          const result = await signIn(services, { ...request.body, ip: request.ip });
          reply.setCookie(SESSION_COOKIE, result.sessionToken, {
            ...cookieOptions(request),
            expires: result.expiresAt,
          });
          return {
            account: accountJson(result.account),
            csrf_token: result.csrfToken,
            expires_at: result.expiresAt.toISOString(),
          };
        } catch (error) {
          if (error instanceof DomainError && error.code === 'rate_limited') {
            const details = error.details as { retry_after_seconds?: number } | undefined;
            reply.header('retry-after', String(details?.retry_after_seconds ?? 60));
          }
          throw error;
        }
      },
    );

    app.post(
      '/api/auth/sign-out',
      {
        config: { access: signedIn() },
        schema: { tags: ['auth'], summary: 'End this browser session', response: { 204: z.null() } },
      },
      async (request, reply) => {
        if (request.session !== null) await signOut(services, request.actor, request.session.token);
        clearSessionCookie(request, reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/session',
      {
        // Public so the web app can ask "is anyone signed in?" without a failed request in the browser's
        // console on every signed-out page (?optional=true: 204 for nobody); without it nobody is still a 401.
        config: { access: publicAccess('an anonymous caller may learn that nobody is signed in') },
        schema: {
          tags: ['auth'],
          summary:
            'Who is signed in, and the CSRF token for writes (nobody: 401, or 204 with ?optional=true)',
          querystring: z.object({ optional: z.enum(['true', 'false']).optional() }),
          response: {
            204: z.null(),
            200: z.object({
              email: z.string(),
              role,
              builder_id: z.string().nullable(),
              /** A builder account whose builder record is on the roster (false for other roles). */
              on_roster: z.boolean(),
              client_id: z.string().nullable(),
              must_change_password: z
                .boolean()
                .describe(
                  'signed in with a temporary password: set your own (POST /api/auth/password) first',
                ),
              via: z.enum(['session', 'token', 'injected', 'none']),
              csrf_token: z.string().nullable(),
            }),
          },
        },
      },
      async (request, reply) => {
        const actor = request.actor;
        if (actor.kind !== 'person') {
          if (request.query.optional === 'true') return reply.status(204).send(null);
          throw new DomainError('unauthenticated', 'Sign in first');
        }
        return {
          email: actor.email,
          role: actor.role,
          builder_id: actor.builderId ?? null,
          on_roster: await isOnRoster(services, actor),
          client_id: actor.clientId ?? null,
          must_change_password: request.passwordChangeRequired,
          via: request.authMethod,
          csrf_token: request.session?.csrfToken ?? null,
        };
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: policy('account.self', (request) => ({ accountId: personAccountId(request) })) },
        bodyLimit: 8_192,
        schema: {
          tags: ['auth'],
          summary:
            'Change your password; your other sessions end and your API tokens are revoked (unless revoke_api_tokens is false)',
          body: z.object({
            current_password: z.string().min(1).max(1_024),
            new_password: z.string().min(1).max(1_024),
            revoke_api_tokens: z.boolean().default(true),
          }),
          response: { 204: z.null(), 400: errorBody },
        },
      },
      async (request, reply) => {
        const input: {
          current: string;
          next: string;
          keepSessionToken?: string;
          revokeApiTokens: boolean;
        } = {
          current: request.body.current_password,
          next: request.body.new_password,
          revokeApiTokens: request.body.revoke_api_tokens,
        };
        if (request.session !== null) input.keepSessionToken = request.session.token;
        await changePassword(services, request.actor, input);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/auth/tokens',
      {
        config: { access: signedIn() },
        schema: {
          tags: ['auth'],
          summary: 'Your API tokens (leadership: everyone’s); the secrets are never shown again',
          response: { 200: z.object({ tokens: z.array(apiToken) }) },
        },
      },
      async (request) => ({ tokens: (await listApiTokens(services, request.actor)).map(tokenJson) }),
    );

    app.post(
      '/api/auth/tokens',
      {
        config: { access: signedIn() },
        schema: {
          tags: ['auth'],
          summary: 'Create an API token scoped to a role (default: yours); the token is shown once',
          body: z.object({
            name: z.string().min(1).max(100),
            role: role.optional(),
            expires_at: z.iso.datetime({ offset: true }).optional(),
          }),
          response: { 201: apiToken.extend({ token: z.string() }), 400: errorBody, 403: errorBody },
        },
      },
      async (request, reply) => {
        const input: { name: string; role?: string; expiresAt?: Date } = { name: request.body.name };
        if (request.body.role !== undefined) input.role = request.body.role;
        if (request.body.expires_at !== undefined) input.expiresAt = new Date(request.body.expires_at);
        const created = await createApiToken(services, request.actor, input);
        return reply.status(201).send({ ...tokenJson(created.record), token: created.token });
      },
    );

    app.delete(
      '/api/auth/tokens/:id',
      {
        config: { access: signedIn() },
        schema: {
          tags: ['auth'],
          summary: 'Revoke an API token (yours, or anyone’s for leadership); it stops working at once',
          params: z.object({ id: z.string() }),
          response: { 200: apiToken, 403: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (request) => tokenJson(await revokeApiToken(services, request.actor, request.params.id)),
    );

    app.get(
      '/api/accounts',
      {
        config: { access: policy('account.manage') },
        schema: {
          tags: ['auth'],
          summary: 'Every account with its person’s name, status, last sign-in and live API tokens',
          response: { 200: z.object({ accounts: z.array(accountListing) }) },
        },
      },
      async (request) => ({
        accounts: (await listAccountDirectory(services, request.actor)).map(listingJson),
      }),
    );

    app.post(
      '/api/accounts',
      {
        config: { access: policy('account.manage') },
        bodyLimit: 8_192,
        schema: {
          tags: ['auth'],
          summary:
            'Create an account (email, role, client for a client stakeholder): with the initial password given, or without one the server makes a temporary password and answers it once',
          body: z.object({
            email: z.string().min(1).max(320),
            role,
            password: z.string().min(1).max(1_024).optional(),
            client_id: z.string().min(1).optional(),
          }),
          response: {
            201: account.extend({
              temporary_password: z
                .string()
                .optional()
                .describe('only when no password was given; shown this once, stored only hashed'),
            }),
            400: errorBody,
            409: errorBody,
          },
        },
      },
      async (request, reply) => {
        const input = {
          email: request.body.email,
          role: request.body.role,
          clientId: request.body.client_id ?? null,
        };
        if (request.body.password !== undefined) {
          // A password leadership typed is as temporary as one the server made: the person sets their own.
          const created = await createAccount(services, request.actor, {
            ...input,
            password: request.body.password,
            mustChangePassword: true,
          });
          return reply.status(201).send(accountJson(created));
        }
        const invited = await inviteAccount(services, request.actor, input);
        return reply
          .status(201)
          .send({ ...accountJson(invited.account), temporary_password: invited.temporaryPassword });
      },
    );

    app.post(
      '/api/accounts/:id/disable',
      {
        config: { access: policy('account.manage') },
        schema: {
          tags: ['auth'],
          summary:
            'Disable an account: sign-in and its sessions stop, its API tokens are revoked (not your own, not the last leadership account)',
          params: accountParams,
          response: { 200: account, 404: errorBody, 409: errorBody },
        },
      },
      async (request) => accountJson(await disableAccount(services, request.actor, request.params.id)),
    );

    app.post(
      '/api/accounts/:id/role',
      {
        config: { access: policy('account.manage') },
        bodyLimit: 8_192,
        schema: {
          tags: ['auth'],
          summary:
            'Change an account’s role (client_id for a client stakeholder only); not your own, never the last leadership account',
          params: accountParams,
          body: z.object({ role, client_id: z.string().min(1).max(128).optional() }),
          response: { 200: account, 400: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (request) =>
        accountJson(
          await changeAccountRole(services, request.actor, request.params.id, {
            role: request.body.role,
            clientId: request.body.client_id ?? null,
          }),
        ),
    );

    app.post(
      '/api/accounts/:id/enable',
      {
        config: { access: policy('account.manage') },
        schema: {
          tags: ['auth'],
          summary: 'Enable a disabled account again (its old sessions and tokens stay ended)',
          params: accountParams,
          response: { 200: account, 404: errorBody, 409: errorBody },
        },
      },
      async (request) => accountJson(await enableAccount(services, request.actor, request.params.id)),
    );

    app.post(
      '/api/accounts/:id/password-reset',
      {
        config: { access: policy('account.manage') },
        schema: {
          tags: ['auth'],
          summary:
            'Reset someone’s password to a temporary one made by the server (answered once); their sessions end and API tokens are revoked',
          params: accountParams,
          response: {
            200: z.object({
              account,
              temporary_password: z.string(),
              revoked_api_tokens: z.number().int(),
            }),
            404: errorBody,
            409: errorBody,
          },
        },
      },
      async (request) => {
        const reset = await resetPassword(services, request.actor, request.params.id);
        return {
          account: accountJson(reset.account),
          temporary_password: reset.temporaryPassword,
          revoked_api_tokens: reset.revokedApiTokens,
        };
      },
    );

    app.delete(
      '/api/accounts/:id/tokens',
      {
        config: { access: policy('account.manage') },
        schema: {
          tags: ['auth'],
          summary: 'Revoke every live API token of an account (sessions and password stay)',
          params: accountParams,
          response: {
            200: z.object({ account, revoked_api_tokens: z.number().int() }),
            404: errorBody,
          },
        },
      },
      async (request) => {
        const revoked = await revokeAccountTokens(services, request.actor, request.params.id);
        return { account: accountJson(revoked.account), revoked_api_tokens: revoked.revokedApiTokens };
      },
    );
  };
}

function personAccountId(request: FastifyRequest): string | undefined {
  const actor = request.actor;
  return actor.kind === 'person' ? actor.accountId : undefined;
}
