import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listClientBuilders } from '../../services/client-home.service.js';
import { signedIn } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody } from './roster-http.js';

const clientBuilderOut = z.object({
  builder: z.string(),
  name: z.string(),
  placement: z.string(),
  start: z.string(),
  end: z.string().nullable(),
  active: z.boolean(),
});

/** A client contact's home: the builders placed at their own client (the service filters by the caller). */
export function clientHomeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = { db: deps.database.db, clock: deps.clock };
  return async (app) => {
    app.get(
      '/api/client/builders',
      {
        // The answer is the caller's own client's builders; the service refuses anyone who is not a
        // client contact, so no list of someone else's is ever served.
        config: { access: signedIn() },
        schema: {
          tags: ['roster'],
          summary: "The builders placed at the signed-in client contact's client (no rates), current first",
          response: { 200: z.object({ builders: z.array(clientBuilderOut) }), 403: errorBody },
        },
      },
      async (request) => ({ builders: await listClientBuilders(services, request.actor) }),
    );
  };
}
