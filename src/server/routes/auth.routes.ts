import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import {
  ROLES,
  changePassword,
  createAccount,
  createApiToken,
  listAccounts,
  listApiTokens,
  revokeApiToken,
  signIn,
  signOut,
  type AccountView,
  type ApiTokenView,
} from '../../services/access/accounts.service.js';
import { SESSION_COOKIE } from '../access/install-access.js';
import { policy, publicAccess, signedIn } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { buildServices } from '../../services/composition-root.js';

const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });
const role = z.enum(ROLES as [string, ...string[]]);

const account = z.object({
  id: z.string(),
  email: z.string(),
  role,
  client_id: z.string().nullable(),
  created_at: z.string(),
});

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
        config: { access: signedIn() },
        schema: {
          tags: ['auth'],
          summary: 'Who is signed in, and the CSRF token for writes',
          response: {
            200: z.object({
              email: z.string(),
              role,
              builder_id: z.string().nullable(),
              client_id: z.string().nullable(),
              via: z.enum(['session', 'token', 'injected', 'none']),
              csrf_token: z.string().nullable(),
            }),
          },
        },
      },
      async (request) => {
        const actor = request.actor;
        if (actor.kind !== 'person') throw new DomainError('unauthenticated', 'Sign in first');
        return {
          email: actor.email,
          role: actor.role,
          builder_id: actor.builderId ?? null,
          client_id: actor.clientId ?? null,
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
          summary: 'Every account',
          response: { 200: z.object({ accounts: z.array(account) }) },
        },
      },
      async (request) => ({ accounts: (await listAccounts(services, request.actor)).map(accountJson) }),
    );

    app.post(
      '/api/accounts',
      {
        config: { access: policy('account.manage') },
        bodyLimit: 8_192,
        schema: {
          tags: ['auth'],
          summary: 'Create an account (email, role, initial password; client for a client stakeholder)',
          body: z.object({
            email: z.string().min(1).max(320),
            role,
            password: z.string().min(1).max(1_024),
            client_id: z.string().min(1).optional(),
          }),
          response: { 201: account, 400: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        const created = await createAccount(services, request.actor, {
          email: request.body.email,
          role: request.body.role,
          password: request.body.password,
          clientId: request.body.client_id ?? null,
        });
        return reply.status(201).send(accountJson(created));
      },
    );
  };
}

function personAccountId(request: FastifyRequest): string | undefined {
  const actor = request.actor;
  return actor.kind === 'person' ? actor.accountId : undefined;
}
