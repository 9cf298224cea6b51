import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../core/actor.js';
import { builderSchema } from '../../core/roster/roster.schema.js';
import type { Builder } from '../../core/roster/roster.types.js';
import { createBuilder, getBuilder, listBuilders } from '../../services/roster.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody, mayAbout, pageBody, pageQuery, pageSchema } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';

const builderOut = z.object({
  email: z.string(),
  name: z.string(),
  track: z.string(),
  level: z.string(),
  level_since: z.string(),
  levels: z.array(z.object({ level: z.string(), since: z.string() })),
  /** Monthly rates in minor units; left out for callers who may not read rates. */
  rates: z
    .array(z.object({ since: z.string(), rate_minor: z.number().int(), currency: z.string() }))
    .optional(),
});

/** Builders: create (with level and rate histories), list by level/track, get; rates only for who may see money. */
export function builderRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  const shown = async (actor: Actor, builder: Builder): Promise<z.infer<typeof builderOut>> => {
    if (await mayAbout(deps.database.db, actor, 'rate.read', builder.email, deps.clock.now())) return builder;
    const { rates: _rates, ...rest } = builder;
    return rest;
  };
  return async (app) => {
    app.post(
      '/api/builders',
      {
        config: { access: policy('builder.manage') },
        schema: {
          tags: ['roster'],
          summary: 'Add a builder with level history and monthly rate history (minor units)',
          body: builderSchema,
          response: { 201: builderOut, 400: errorBody, 409: errorBody },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createBuilder(services, request.actor, request.body)),
    );
    app.get(
      '/api/builders',
      {
        config: { access: policy('builder.list') },
        schema: {
          tags: ['roster'],
          summary: 'List builders by email, filtered by current level and/or track',
          querystring: z.object({ level: z.string().optional(), track: z.string().optional(), ...pageQuery }),
          response: { 200: pageSchema(builderOut) },
        },
      },
      async (request) => {
        const { level, track, limit, offset } = request.query;
        const filter: { level?: string; track?: string } = {};
        if (level !== undefined) filter.level = level;
        if (track !== undefined) filter.track = track;
        const page = await listBuilders(services, request.actor, filter, { limit, offset });
        const items = await Promise.all(page.items.map((builder) => shown(request.actor, builder)));
        return pageBody({ items, total: page.total }, request.query);
      },
    );
    app.get(
      '/api/builders/:email',
      {
        config: { access: policy('builder.read', fromParams({ builderId: 'email' })) },
        schema: {
          tags: ['roster'],
          summary: 'One builder with level history (and rates, for who may see them)',
          params: z.object({ email: z.string() }),
          response: { 200: builderOut, 404: errorBody },
        },
      },
      async (request) =>
        shown(request.actor, await getBuilder(services, request.actor, request.params.email)),
    );
  };
}
