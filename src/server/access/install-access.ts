import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { ACTIONS, decide } from '../../core/access/policy.js';
import type { Actor } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import { authenticateApiToken, authenticateSession } from '../../services/access/accounts.service.js';
import { resolveFacts } from '../../services/access/relations.service.js';
import type { AppDeps } from '../app.js';
import type { RouteAccess } from './route-access.js';
import { buildServices } from '../../services/composition-root.js';

/** Who is calling and how they proved it. */
export interface Authentication {
  actor: Actor;
  method: FastifyRequest['authMethod'];
  /** The account is on a temporary password: only the routes of PASSWORD_CHANGE_ROUTES answer it. */
  passwordChangeRequired?: boolean;
}

/** Resolves the caller of a request (session cookie, API token, or a fixed actor in tests). */
export type Authenticator = (request: FastifyRequest) => Promise<Authentication>;

const anonymous: Authentication = { actor: { kind: 'anonymous' }, method: 'none' };

/** The HttpOnly session cookie. */
export const SESSION_COOKIE = 'ladder_session';
/** The header that carries the CSRF token on cookie-authenticated writes. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * What an account on a temporary password may still call besides public routes: setting its own
 * password, and signing out. Everything else answers 403 `password_change_required` (the server
 * enforces it, so a script or a stale tab cannot work around the web's change form).
 */
const PASSWORD_CHANGE_ROUTES = new Set(['POST /api/auth/password', 'POST /api/auth/sign-out']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The session behind a cookie-authenticated request (token and its CSRF token), else null. */
    session: { token: string; csrfToken: string } | null;
    /** The caller's account is on a temporary password and must set its own first. */
    passwordChangeRequired: boolean;
  }
}

/**
 * The real authenticator: `Authorization: Bearer ldr_…` (an API token) or the session cookie. A bad or
 * revoked token is a 401 even when a cookie is present too, so a script never silently acts as a browser.
 */
function authenticateFromRequest(deps: AppDeps): Authenticator {
  const services = buildServices(deps);
  return async (request) => {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match?.[1] === undefined ? null : await authenticateApiToken(services, match[1]);
      if (actor === null)
        throw new DomainError('unauthenticated', 'The API token is unknown, expired or revoked');
      return { actor, method: 'token' };
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie === undefined || cookie === '') return anonymous;
    const found = await authenticateSession(services, cookie);
    if (found === null) return anonymous;
    request.session = { token: cookie, csrfToken: found.csrfToken };
    return {
      actor: found.actor,
      method: 'session',
      passwordChangeRequired: found.account.mustChangePassword,
    };
  };
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** True when the request's Origin (if the browser sent one) is this server. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || origin === '') return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * CSRF: a write authenticated by the session cookie must carry the session's token in `x-csrf-token`
 * (a cross-site form or fetch cannot read it) and must not come from another origin. SameSite cookies
 * already stop most of this; the token also covers same-site subdomains and old browsers.
 */
function checkCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  // A bearer token is no ambient credential: a page on another site cannot make the browser send it.
  if (request.authMethod === 'token') return;
  if (!sameOrigin(request)) throw new DomainError('csrf_failed', 'Cross-site request refused');
  if (request.authMethod !== 'session' || request.session === null) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameToken(sent, request.session.csrfToken)) {
    throw new DomainError('csrf_failed', `Missing or wrong ${CSRF_HEADER} header for a signed-in write`);
  }
}

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

/** One declared route, as the access-matrix test and `routeTable` see it. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

const routeTables = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route with its access declaration (HEAD twins of GET routes left out), in registration order. */
export function routeTable(app: FastifyInstance): readonly DeclaredRoute[] {
  return routeTables.get(app) ?? [];
}

function checkDeclaration(route: RouteOptions, table: DeclaredRoute[]): void {
  const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
  if (isExemptRoute(route)) return;
  const access = route.config?.access;
  if (access === undefined) {
    throw new Error(
      `${methods} ${route.url} declares no access: add config.access (publicAccess, signedIn or policy) — ` +
        'see AGENTS.md "How to declare a route\'s access"',
    );
  }
  if (access.kind === 'policy' && !(ACTIONS as readonly string[]).includes(access.action)) {
    throw new Error(`${methods} ${route.url} declares an unknown access action ${String(access.action)}`);
  }
  for (const method of Array.isArray(route.method) ? route.method : [route.method]) {
    if (method !== 'HEAD') table.push({ method, url: route.url, access });
  }
}

const SECURITY_HEADER_OPTIONS: HelmetOptions = {
  // The web app loads only its own scripts; charts and the API reference use inline styles.
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      // `npm start` serves plain HTTP on localhost: upgrading would break every asset. TLS sits in front.
      upgradeInsecureRequests: null,
    },
  },
  // Sent only over HTTPS by browsers; harmless on plain HTTP in development.
  strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: true },
};

/**
 * The headers helmet sets for `options`, in its order. @fastify/helmet built helmet's middleware again
 * on every request (parsing the CSP directives each time: 8 % of a warm readiness, issue 15); no option
 * here depends on the request (no nonce, no function directive), so helmet runs once against a recorder.
 */
function securityHeaders(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string) {
      headers.set(name, value);
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
  };
  let failure: unknown = null;
  // helmet's middleware only sets and removes headers on the response; the request is never read.
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    failure = error ?? null;
  });
  if (failure !== null) throw new Error('helmet refused the security header options', { cause: failure });
  return [...headers];
}

/**
 * Installs access control on the app, before any route is registered:
 * - every route added later must declare `config.access`, or the app refuses to start;
 * - every request gets `request.actor` (anonymous until proven otherwise);
 * - before validation, the route's declaration is enforced: 401 for anonymous callers of non-public
 *   routes, 403 with the policy's reason when the policy denies.
 */
export async function installAccessControl(
  app: FastifyInstance,
  deps: AppDeps,
  authenticate: Authenticator = authenticateFromRequest(deps),
): Promise<void> {
  // Null here (Fastify shares no objects between requests); the onRequest hook below sets it first thing.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authMethod', 'none');
  app.decorateRequest('session', null);
  app.decorateRequest('passwordChangeRequired', false);
  const table: DeclaredRoute[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route) => checkDeclaration(route, table));
  await app.register(fastifyCookie);
  // The security headers are the same for every answer: computed once here, then copied onto each.
  const headers = securityHeaders(SECURITY_HEADER_OPTIONS);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });

  app.addHook('onRequest', async (request, reply) => {
    // Exempt routes (probes, API document, the web app's files) and unknown paths answer the same to
    // everyone: no session lookup, and a stale token cannot break loading the sign-in page.
    if (request.routeOptions.config.access === undefined) {
      request.actor = anonymous.actor;
      request.authMethod = 'none';
      return;
    }
    const result = await authenticate(request);
    request.actor = result.actor;
    request.authMethod = result.method;
    request.passwordChangeRequired = result.passwordChangeRequired === true;
    // Answers that depend on who asks must never be cached by a shared cache.
    if (result.method !== 'none') reply.header('cache-control', 'no-store');
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    checkCsrf(request);
    if (access.kind === 'public') return;
    const actor = request.actor;
    if (actor.kind === 'anonymous') throw new DomainError('unauthenticated', 'Sign in first');
    if (
      request.passwordChangeRequired &&
      !PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.routeOptions.url ?? ''}`)
    )
      throw new DomainError(
        'password_change_required',
        'You are signed in with a temporary password: set your own first (POST /api/auth/password)',
      );
    if (access.kind === 'signed_in') return;
    const ref = access.locate === undefined ? {} : await access.locate(request);
    const facts = await resolveFacts(deps.database.db, actor, ref, deps.clock.now());
    const decision = decide(actor, access.action, facts);
    if (!decision.allow) throw new DomainError(decision.code, `Not allowed: ${decision.reason}`);
  });
}
