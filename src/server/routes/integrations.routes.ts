import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  linkAnalyticsProject,
  linkPersonAccount,
  listAnalyticsProjects,
  listPersonAccounts,
  unlinkAnalyticsProject,
  unlinkPersonAccount,
} from '../../services/integrations/accounts.service.js';
import { listSources } from '../../services/integrations/sources.service.js';
import { policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';

const personAccountOut = z.object({ provider: z.string(), account: z.string(), person: z.string() });
const analyticsProjectOut = z.object({ project: z.string(), provider: z.string(), client: z.string() });
const sourceOut = z.object({
  source: z.string(),
  kind: z.string(),
  cursor: z.unknown(),
  last_run_at: z.string(),
  last_status: z.string(),
  counts: z.record(z.string(), z.number()),
});

/**
 * Evidence that collects itself (issue 10): who is who outside ladder (GitHub logins of people,
 * analytics projects of clients) and where each source's last sync stopped. Leadership only: the
 * mappings decide whose evidence an import writes.
 */
export function integrationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.get(
      '/api/person-accounts',
      {
        config: { access: policy('builder.list') },
        schema: {
          tags: ['integrations'],
          summary: "People's GitHub logins",
          querystring: z.object({ person: z.string().optional() }),
          response: { 200: z.object({ items: z.array(personAccountOut) }) },
        },
      },
      async (request) => ({ items: await listPersonAccounts(services, request.actor, request.query.person) }),
    );
    app.post(
      '/api/person-accounts',
      {
        config: { access: policy('builder.manage') },
        schema: {
          tags: ['integrations'],
          summary: 'Link a GitHub login to a person (moves it when already linked)',
          body: z.object({ provider: z.string(), account: z.string(), person: z.string() }),
          response: { 200: personAccountOut, 400: errorBody },
        },
      },
      async (request) => linkPersonAccount(services, request.actor, request.body),
    );
    app.delete(
      '/api/person-accounts/:provider/:account',
      {
        config: { access: policy('builder.manage') },
        schema: {
          tags: ['integrations'],
          summary: 'Unlink a GitHub login',
          params: z.object({ provider: z.string(), account: z.string() }),
          response: { 204: z.null(), 404: errorBody },
        },
      },
      async (request, reply) => {
        await unlinkPersonAccount(services, request.actor, request.params.provider, request.params.account);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/analytics-projects',
      {
        config: { access: policy('client.manage') },
        schema: {
          tags: ['integrations'],
          summary: "Clients' analytics projects",
          querystring: z.object({ client: z.string().optional() }),
          response: { 200: z.object({ items: z.array(analyticsProjectOut) }) },
        },
      },
      async (request) => ({
        items: await listAnalyticsProjects(services, request.actor, request.query.client),
      }),
    );
    app.post(
      '/api/analytics-projects',
      {
        config: { access: policy('client.manage') },
        schema: {
          tags: ['integrations'],
          summary: 'Link an analytics project (PostHog, Mixpanel) to a client',
          body: z.object({ provider: z.string(), project: z.string(), client: z.string() }),
          response: { 200: analyticsProjectOut, 400: errorBody },
        },
      },
      async (request) => linkAnalyticsProject(services, request.actor, request.body),
    );
    app.delete(
      '/api/analytics-projects/:project',
      {
        config: { access: policy('client.manage') },
        schema: {
          tags: ['integrations'],
          summary: 'Unlink an analytics project (its imported counts stay)',
          params: z.object({ project: z.string() }),
          response: { 204: z.null(), 404: errorBody },
        },
      },
      async (request, reply) => {
        await unlinkAnalyticsProject(services, request.actor, request.params.project);
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/sources',
      {
        config: { access: policy('organisation.import') },
        schema: {
          tags: ['integrations'],
          summary:
            'Sync state of every evidence source (GitHub repositories, analytics projects, ADR folders)',
          response: { 200: z.object({ items: z.array(sourceOut) }) },
        },
      },
      async (request) => ({ items: await listSources(services, request.actor) }),
    );
  };
}
