import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { ACTIONS, decide } from '../../core/access/policy.js';
import type { Actor } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import { resolveFacts } from '../../services/access/relations.service.js';
import type { AppDeps } from '../app.js';
import type { RouteAccess } from './route-access.js';

/** Who is calling and how they proved it. */
export interface Authentication {
  actor: Actor;
  method: FastifyRequest['authMethod'];
}

/** Resolves the caller of a request (session cookie, API token, or a fixed actor in tests). */
export type Authenticator = (request: FastifyRequest) => Promise<Authentication>;

const anonymous: Authentication = { actor: { kind: 'anonymous' }, method: 'none' };

/**
 * Routes that need no declaration, listed one by one: the probes, the API document and reference,
 * and the web app's shell and static files (registered by @fastify/static, which marks them with
 * `config.rootPath`). Everything else must declare `config.access`.
 */
const EXEMPT_EXACT = new Set(['/healthz', '/readyz', '/api/openapi.json', '/*']);
const EXEMPT_PREFIXES = ['/api/docs'];

/** True when the route needs no access declaration (see EXEMPT_EXACT). */
export function isExemptRoute(route: Pick<RouteOptions, 'url' | 'config'>): boolean {
  const url = route.url;
  if (EXEMPT_EXACT.has(url)) return true;
  if (EXEMPT_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`))) return true;
  const config = route.config as { rootPath?: unknown } | undefined;
  return typeof config?.rootPath === 'string' && !url.startsWith('/api');
}

function checkDeclaration(route: RouteOptions): void {
  const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
  if (isExemptRoute(route)) return;
  const access = (route.config as { access?: RouteAccess } | undefined)?.access;
  if (access === undefined) {
    throw new Error(
      `${methods} ${route.url} declares no access: add config.access (publicAccess, signedIn or policy) — ` +
        'see AGENTS.md "How to declare a route\'s access"',
    );
  }
  if (access.kind === 'policy' && !(ACTIONS as readonly string[]).includes(access.action)) {
    throw new Error(`${methods} ${route.url} declares an unknown access action ${String(access.action)}`);
  }
}

/**
 * Installs access control on the app, before any route is registered:
 * - every route added later must declare `config.access`, or the app refuses to start;
 * - every request gets `request.actor` (anonymous until proven otherwise);
 * - before validation, the route's declaration is enforced: 401 for anonymous callers of non-public
 *   routes, 403 with the policy's reason when the policy denies.
 */
export function installAccessControl(app: FastifyInstance, deps: AppDeps, authenticate?: Authenticator): void {
  // Null here (Fastify shares no objects between requests); the onRequest hook below sets it first thing.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authMethod', 'none');
  app.addHook('onRoute', checkDeclaration);

  app.addHook('onRequest', async (request) => {
    const result = authenticate === undefined ? anonymous : await authenticate(request);
    request.actor = result.actor;
    request.authMethod = result.method;
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access.kind === 'public') return;
    const actor = request.actor;
    if (actor.kind === 'anonymous') throw new DomainError('unauthenticated', 'Sign in first');
    if (access.kind === 'signed_in') return;
    const ref = access.locate === undefined ? {} : await access.locate(request);
    const facts = await resolveFacts(deps.database.db, actor, ref);
    const decision = decide(actor, access.action, facts);
    if (!decision.allow) throw new DomainError(decision.code, `Not allowed: ${decision.reason}`);
  });
}
