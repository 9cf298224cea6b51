import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateSchema } from '../../core/input/safe-input.js';
import { buildServices } from '../../services/composition-root.js';
import { getReadinessTrend, MAX_TREND_MONTHS } from '../../services/readiness-trend.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';

const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

/** The trend's shape (src/core/trends/readiness-trend.ts). */
export const readinessTrendResponse = z.object({
  builder: z.string(),
  at: isoDateSchema,
  points: z.array(
    z.object({
      day: isoDateSchema.meta({ description: 'A month end, or `at` for the last point' }),
      level: z.string(),
      target_level: z.string().nullable(),
      metrics_met: z.number().int(),
      metrics_total: z.number().int(),
      eligible_for_case: z.boolean(),
      metrics: z.array(
        z.object({
          id: z.string(),
          status: z.enum(['met', 'not_met', 'insufficient']),
          value: z.number().nullable(),
          threshold: z.number(),
          evidence: z.array(z.string()).meta({ description: 'The records the metric counted that day' }),
        }),
      ),
    }),
  ),
});

/** A builder's readiness over the last months (issue 17's trends). */
export function readinessTrendRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.get(
      '/api/builders/:email/readiness/trend',
      {
        // What it shows is the readiness of those days: whoever may read the one may read the other.
        config: { access: policy('readiness.read', fromParams({ builderId: 'email' })) },
        schema: {
          tags: ['readiness'],
          summary: 'A builder’s readiness at each month end of the last months and on `at` (oldest first)',
          description:
            'Each point is the readiness answer of its day reduced to metrics met, eligibility and each metric’s value against its threshold, with the records it counted.',
          params: z.object({ email: z.string().min(1) }),
          querystring: z.object({
            at: isoDateSchema.optional(),
            months: z.coerce.number().int().min(1).max(MAX_TREND_MONTHS).optional(),
          }),
          response: { 200: readinessTrendResponse, 400: errorBody, 404: errorBody },
        },
      },
      async (request) =>
        getReadinessTrend(services, request.actor, request.params.email, {
          at: request.query.at,
          months: request.query.months,
        }),
    );
  };
}
