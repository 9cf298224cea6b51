import type { FastifyRequest } from 'fastify';
import { ACTIONS, type Action } from '../../core/access/policy.js';
import type { Actor } from '../../core/actor.js';
import type { ResourceRef } from '../../services/access/relations.service.js';

/**
 * How a route declares who may call it. Every route carries one in `config.access`; the app refuses to
 * start when a route has none (see install-access.ts). Three kinds:
 * - `publicAccess(why)`: anyone, signed in or not (sign-in itself). Say why.
 * - `signedIn()`: any signed-in person, whatever their role (sign-out, "who am I").
 * - `policy(action, locate?)`: the policy module decides from the actor, the action and the actor's
 *   relations to the resource that `locate` names (e.g. the builder of `:builderId`).
 */
export type RouteAccess =
  | { kind: 'public'; why: string }
  | { kind: 'signed_in' }
  | { kind: 'policy'; action: Action; locate?: ResourceLocator };

/** Names the resource a request is about, from its params, query or (not yet validated) body. */
export type ResourceLocator = (request: FastifyRequest) => ResourceRef | Promise<ResourceRef>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: who may call it. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** Who is calling: resolved from the session cookie or API token before any handler runs. */
    actor: Actor;
    /** How the caller authenticated; cookie-authenticated writes need the CSRF token. */
    authMethod: 'session' | 'token' | 'none' | 'injected';
  }
}

/** Anyone may call the route, signed in or not. */
export function publicAccess(why: string): RouteAccess {
  return { kind: 'public', why };
}

/** Any signed-in person may call the route. */
export function signedIn(): RouteAccess {
  return { kind: 'signed_in' };
}

/** The policy decides `action` for the resource `locate` names (omit it for actions on no one resource). */
export function policy(action: Action, locate?: ResourceLocator): RouteAccess {
  if (!(ACTIONS as readonly string[]).includes(action)) throw new Error(`unknown access action ${action}`);
  return locate === undefined ? { kind: 'policy', action } : { kind: 'policy', action, locate };
}

type RefField = keyof ResourceRef;

/** Reads one string field of an object that has not been validated yet. */
function stringField(source: unknown, name: string): string | undefined {
  if (typeof source !== 'object' || source === null) return undefined;
  const value = (source as Record<string, unknown>)[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function pick(source: unknown, mapping: Partial<Record<RefField, string>>): ResourceRef {
  const ref: ResourceRef = {};
  for (const [field, name] of Object.entries(mapping) as [RefField, string][]) {
    const value = stringField(source, name);
    if (value !== undefined) ref[field] = value;
  }
  return ref;
}

/**
 * Locators for the common cases: `fromParams({ builderId: 'id' })` reads `:id` as the builder the request
 * is about; `fromBody({ builderId: 'builder_id', evidenceKind: 'kind' })` reads body fields. Combine
 * with `fromAll(...)`. Missing fields are simply absent: the policy then denies whatever needs them.
 */
export function fromParams(mapping: Partial<Record<RefField, string>>): ResourceLocator {
  return (request) => pick(request.params, mapping);
}

/** Reads the resource from query-string fields (see fromParams). */
export function fromQuery(mapping: Partial<Record<RefField, string>>): ResourceLocator {
  return (request) => pick(request.query, mapping);
}

/** Reads the resource from body fields (see fromParams); the body is not validated yet, so only strings and numbers count. */
export function fromBody(mapping: Partial<Record<RefField, string>>): ResourceLocator {
  return (request) => pick(request.body, mapping);
}

/** Merges several locators; later ones win on the same field. */
export function fromAll(...locators: ResourceLocator[]): ResourceLocator {
  return async (request) => {
    const ref: ResourceRef = {};
    for (const locate of locators) Object.assign(ref, await locate(request));
    return ref;
  };
}
