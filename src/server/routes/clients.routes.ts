import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clientSchema } from '../../core/roster/roster.schema.js';
import { createClient, getClient, listClients } from '../../services/roster.service.js';
import { policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody, pageBody, pageQuery, pageSchema } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';

const clientOut = z.object({ id: z.string(), name: z.string() });

/** Clients: create, list, get. */
export function clientRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.post(
      '/api/clients',
      {
        config: { access: policy('client.manage') },
        schema: {
          tags: ['roster'],
          summary: 'Add a client',
          body: clientSchema,
          response: { 201: clientOut, 400: errorBody, 409: errorBody },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createClient(services, request.actor, request.body)),
    );
    app.get(
      '/api/clients',
      {
        config: { access: policy('client.read') },
        schema: {
          tags: ['roster'],
          summary: 'List clients by id',
          querystring: z.object(pageQuery),
          response: { 200: pageSchema(clientOut) },
        },
      },
      async (request) => pageBody(await listClients(services, request.actor, request.query), request.query),
    );
    app.get(
      '/api/clients/:id',
      {
        config: { access: policy('client.read') },
        schema: {
          tags: ['roster'],
          summary: 'One client',
          params: z.object({ id: z.string() }),
          response: { 200: clientOut, 404: errorBody },
        },
      },
      async (request) => getClient(services, request.actor, request.params.id),
    );
  };
}
