import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { demoStatus } from '../../services/demo/demo-database.service.js';
import { publicAccess } from '../access/route-access.js';
import type { AppDeps } from '../app.js';

/** GET /api/instance: what this installation is. The web app's `InstanceInfo` must equal its inferred type. */
export const instanceResponse = z.object({
  /** True when the database holds the invented demo organisation (its accounts' password is public). */
  demo: z.boolean(),
  /** When the demo was loaded; null for a real organisation's database. */
  demo_loaded_at: z.string().nullable(),
});

/** Facts about this installation every screen may show, signed in or not (the demo banner). */
export function instanceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = { db: deps.database.db };
  return async (app) => {
    app.get(
      '/api/instance',
      {
        config: {
          access: publicAccess('the sign-in page must say a database is the demo before anyone signs in'),
        },
        schema: {
          tags: ['instance'],
          summary: 'Whether this database is the demo organisation (shown as a banner on every page)',
          response: { 200: instanceResponse },
        },
      },
      async (): Promise<z.infer<typeof instanceResponse>> => {
        const status = await demoStatus(services);
        return { demo: status.demo, demo_loaded_at: status.loadedAt };
      },
    );
  };
}
