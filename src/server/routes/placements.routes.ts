import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { placementSchema } from '../../core/roster/roster.schema.js';
import {
  createPlacement,
  getPlacement,
  listPlacements,
  type PlacementFilter,
} from '../../services/roster.service.js';
import { fromQuery, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody, isoDay, pageBody, pageQuery, pageSchema } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';

const placementOut = z.object({
  id: z.string(),
  builder: z.string(),
  client: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  rate_minor: z.number().int(),
  currency: z.string(),
  extended: z.boolean(),
  requested_back: z.boolean(),
});

/** Placements (a builder at a client, with the monthly rate in minor units): create, list, get. */
export function placementRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.post(
      '/api/placements',
      {
        config: { access: policy('placement.manage') },
        schema: {
          tags: ['roster'],
          summary: 'Place a builder at a client (rate_minor in minor units)',
          body: placementSchema,
          response: { 201: placementOut, 400: errorBody, 409: errorBody },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createPlacement(services, request.actor, request.body)),
    );
    app.get(
      '/api/placements',
      {
        // A builder may list their own placements (`?builder=` their email); everything else is leadership's.
        config: { access: policy('placement.read', fromQuery({ builderId: 'builder' })) },
        schema: {
          tags: ['roster'],
          summary:
            'List placements by start date, filtered by builder, client and/or a date they are active on',
          querystring: z.object({
            builder: z.string().optional(),
            client: z.string().optional(),
            active_on: isoDay.optional(),
            ...pageQuery,
          }),
          response: { 200: pageSchema(placementOut) },
        },
      },
      async (request) => {
        const { builder, client, active_on, limit, offset } = request.query;
        const filter: PlacementFilter = {};
        if (builder !== undefined) filter.builder = builder.toLowerCase();
        if (client !== undefined) filter.client = client;
        if (active_on !== undefined) filter.activeOn = active_on;
        return pageBody(
          await listPlacements(services, request.actor, filter, { limit, offset }),
          request.query,
        );
      },
    );
    app.get(
      '/api/placements/:id',
      {
        config: { access: policy('placement.read') },
        schema: {
          tags: ['roster'],
          summary: 'One placement',
          params: z.object({ id: z.string() }),
          response: { 200: placementOut, 404: errorBody },
        },
      },
      async (request) => getPlacement(services, request.actor, request.params.id),
    );
  };
}
