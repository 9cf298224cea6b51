import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERSON_ROLES } from '../../core/roster/roster.types.js';
import { personSchema } from '../../core/roster/roster.schema.js';
import { createPerson, getPerson, listPeople } from '../../services/roster.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody, pageBody, pageQuery, pageSchema } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';

const personOut = z.object({ email: z.string(), name: z.string(), role: z.enum(PERSON_ROLES) });

/** People who are not builders (leadership, client stakeholders): create, list by role, get. */
export function peopleRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.post(
      '/api/people',
      {
        config: { access: policy('builder.manage') },
        schema: {
          tags: ['roster'],
          summary: 'Add a person who is not a builder (leadership, client stakeholder)',
          body: personSchema,
          response: { 201: personOut, 400: errorBody, 409: errorBody },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createPerson(services, request.actor, request.body)),
    );
    app.get(
      '/api/people',
      {
        config: { access: policy('builder.list') },
        schema: {
          tags: ['roster'],
          summary: 'List people (every role), by email',
          querystring: z.object({ role: z.enum(PERSON_ROLES).optional(), ...pageQuery }),
          response: { 200: pageSchema(personOut) },
        },
      },
      async (request) => {
        const { role, limit, offset } = request.query;
        const page = await listPeople(services, request.actor, role === undefined ? {} : { role }, {
          limit,
          offset,
        });
        return pageBody(page, request.query);
      },
    );
    app.get(
      '/api/people/:email',
      {
        config: { access: policy('builder.read', fromParams({ builderId: 'email' })) },
        schema: {
          tags: ['roster'],
          summary: 'One person',
          params: z.object({ email: z.string() }),
          response: { 200: personOut, 404: errorBody },
        },
      },
      async (request) => getPerson(services, request.actor, request.params.email),
    );
  };
}
