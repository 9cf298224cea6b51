import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateSchema } from '../../core/input/safe-input.js';
import { buildServices } from '../../services/composition-root.js';
import { getPoints } from '../../services/points.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';

const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

const band = z.object({
  id: z.string(),
  from: z.number(),
  to: z.number().nullable(),
  level: z.string(),
  title: z.string(),
});

const competencyPoints = z.object({
  area: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  milestone: z.number().describe('the highest milestone assessed by someone else (0: none)'),
  points: z.number(),
  text: z.string().nullable(),
  assessment: z
    .object({
      id: z.string(),
      date: isoDateSchema,
      recorded_by: z.string(),
      confirmed_by: z.string().nullable(),
      milestone: z.number(),
      note: z.string(),
    })
    .nullable(),
  other_assessments: z.array(z.string()),
  next: z
    .object({ milestone: z.number(), points: z.number(), gain: z.number(), text: z.string() })
    .nullable(),
  milestones: z.number(),
});

const step = z.object({ area: z.string(), name: z.string(), milestone: z.number(), gain: z.number() });

/** The points answer (ADR 0021); `points` is null when the builder's ladder scores no points. */
export const pointsResponse = z.object({
  builder: z.string(),
  at: isoDateSchema,
  ladder: z.object({
    id: z.string(),
    name: z.string(),
    version: z.string(),
    version_id: z.number().nullable(),
  }),
  level: z.object({ id: z.string(), since: isoDateSchema }).nullable(),
  points: z
    .object({
      at: isoDateSchema,
      total: z.number(),
      max_total: z.number(),
      band: band.nullable(),
      competencies: z.array(competencyPoints),
      next: z
        .object({
          band,
          needed: z.number(),
          fewest: z.number().nullable(),
          sets: z.array(z.object({ steps: z.array(step), gain: z.number() })),
          more_sets: z.boolean(),
          all_next_gain: z.number(),
        })
        .nullable(),
      not_counted: z.array(
        z.object({
          id: z.string(),
          date: isoDateSchema,
          competency: z.string(),
          milestone: z.number(),
          reason: z.string(),
        }),
      ),
      summary: z.array(z.string()),
    })
    .nullable(),
  message: z.string().nullable(),
});

/** A builder's points and band on a date `at` (default today): read like readiness. */
export function pointsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.get(
      '/api/builders/:email/points',
      {
        config: { access: policy('readiness.read', fromParams({ builderId: 'email' })) },
        schema: {
          tags: ['readiness'],
          summary:
            "A builder's points per competency, their band, and the fewest next milestones that reach the next band",
          params: z.object({ email: z.string().min(1) }),
          querystring: z.object({
            at: isoDateSchema.optional(),
            ladder: z
              .string()
              .min(1)
              .optional()
              .describe("a ladder id; default the ladder of the builder's track"),
          }),
          response: { 200: pointsResponse, 400: errorBody, 404: errorBody },
        },
      },
      async (request) => getPoints(services, request.params.email, request.query.at, request.query.ladder),
    );
  };
}
