import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LOCALES, pageText } from '../../core/ladder/ladder-locale.js';
import { demoStatus } from '../../services/demo/demo-database.service.js';
import { organisationLocale } from '../../services/organisation-locale.service.js';
import { publicAccess } from '../access/route-access.js';
import type { AppDeps } from '../app.js';

/** GET /api/instance: what this installation is. The web app's `InstanceInfo` must equal its inferred type. */
export const instanceResponse = z.object({
  /** True when the database holds the invented demo organisation (its accounts' password is public). */
  demo: z.boolean(),
  /** When the demo was loaded; null for a real organisation's database. */
  demo_loaded_at: z.string().nullable(),
  /** The web app's language: the `locale` of the organisation's ladder (issue 16, ADR 0027). */
  locale: z.enum(LOCALES),
  /** The ladder the language comes from (the one holding most builders); null when there is none. */
  locale_ladder: z.string().nullable(),
  /**
   * How each evidence kind reads in a sentence, plural ("code reviews", « revues de code »), in `locale`:
   * the one list of these words (core ladder-locale.ts, the rendered page's), so the web keeps no copy.
   */
  // Keyed by string, not the kinds' enum: the generated contract says `{ [key: string]: string }` either way.
  evidence_kinds: z.record(z.string(), z.string()),
});

/** Facts about this installation every screen may show, signed in or not (the demo banner, the language). */
export function instanceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = { db: deps.database.db, clock: deps.clock };
  return async (app) => {
    app.get(
      '/api/instance',
      {
        config: {
          access: publicAccess('the sign-in page must say a database is the demo before anyone signs in'),
        },
        schema: {
          tags: ['instance'],
          summary:
            "Whether this database is the demo organisation (a banner on every page) and the web app's language (its ladder's)",
          response: { 200: instanceResponse },
        },
      },
      async (): Promise<z.infer<typeof instanceResponse>> => {
        const status = await demoStatus(services);
        const language = await organisationLocale(services);
        return {
          demo: status.demo,
          demo_loaded_at: status.loadedAt,
          locale: language.locale,
          locale_ladder: language.ladderId,
          evidence_kinds: pageText(language.locale).evidenceKinds,
        };
      },
    );
  };
}
