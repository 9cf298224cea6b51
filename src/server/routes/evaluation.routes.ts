import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getRankingText } from '../../services/ranking.service.js';
import { getReadinessText } from '../../services/readiness.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { buildServices } from '../../services/composition-root.js';
import { isoDateSchema } from '../../core/input/safe-input.js';

const isoDay = isoDateSchema; // one date rule everywhere (src/core/input/safe-input.ts)
const errorBody = z.object({ error: z.string(), message: z.string(), details: z.unknown().optional() });

const metricResult = z.object({
  id: z.string(),
  status: z.enum(['met', 'not_met', 'insufficient']),
  value: z.number().nullable(),
  threshold: z.number(),
  evidence: z.array(z.string()),
  features: z
    .array(
      z.object({
        id: z.string(),
        shipped_on: isoDay,
        seen_by: isoDay,
        declared: z.array(z.string()),
        seen: z.array(z.string()),
        status: z.enum(['seen', 'missing', 'pending']),
      }),
    )
    .optional(),
});

const requirementResult = z.object({
  id: z.string(),
  status: z.enum(['met', 'not_met', 'not_assessed']),
  evidence: z.array(z.string()),
  met_on: isoDay.optional(),
});

const moduleStatus = z.enum(['not_started', 'in_progress', 'done']);

/** The readiness answer (issue 4's shape, plus curriculum and self-evaluation). */
export const readinessResponse = z.object({
  builder: z.string(),
  level: z.string(),
  target_level: z.string().nullable(),
  target_levels: z
    .array(z.string())
    .optional()
    .meta({ description: 'Every target of the promotion, target_level first; only when there are several' }),
  labels: z.record(z.string(), z.string()).optional().meta({
    description: 'How the levels named here are shown (their label), by id; only when one has a label',
  }),
  level_since: isoDay,
  at: isoDay,
  ladder_version: z.string(),
  months_at_level: z.number().int(),
  metrics: z.array(metricResult),
  requirements: z.array(requirementResult),
  eligible_for_case: z.boolean(),
  gaps: z.array(z.string()),
  gap_details: z
    .array(z.object({ code: z.string(), params: z.record(z.string(), z.unknown()), text: z.string() }))
    .optional()
    .meta({
      description:
        'Each gap as a stable code with its parameters and its text in the ladder’s language (the same order as gaps); only when the ladder declares its locale',
    }),
  standard: z.enum(['defined', 'judgment', 'none']).meta({
    description:
      'What the level defines: metrics or requirements to meet (defined), a panel judgment (judgment), or no standard yet (none: no metric and no requirement, so nobody is close or far)',
  }),
  typical_tenure: z
    .object({ from_months: z.number().int(), to_months: z.number().int(), from_on: isoDay, to_on: isoDay })
    .nullable()
    .meta({ description: 'Typical time in level from the ladder: advice, never a gap' }),
  weighs: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        kinds: z.array(z.string()),
        evidence: z.array(z.string()),
      }),
    )
    .meta({ description: 'What the panel weighs, with the builder’s records of the kinds the ladder names' }),
  curriculum: z.object({
    phases: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        months: z.object({ from: z.number().int(), to: z.number().int() }),
        starts_on: isoDay,
        ends_on: isoDay,
        modules: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            status: moduleStatus,
            overdue: z.boolean(),
            evidence: z.array(z.string()),
          }),
        ),
      }),
    ),
    done: z.array(z.string()),
    in_progress: z.array(z.string()),
    overdue: z.array(z.string()),
  }),
  self_evaluation: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        text: z.string(),
        answer: z.enum(['yes', 'partly', 'no']).nullable(),
        claimed: z.boolean(),
        evidence: z.array(z.string()),
        record: z.string().nullable(),
      }),
    ),
    claimed: z.array(z.string()),
    without_evidence: z.array(z.string()),
  }),
});

/** One row of a level's ranking (issue 4's shape). */
export const rankingEntry = z.object({
  rank: z.number().int(),
  builder: z.string(),
  level: z.string(),
  metrics_met: z.number().int(),
  months_at_level: z.number().int(),
});

/**
 * Sends `text`, already the JSON of the route's 200 shape, as the body: the typed reply only accepts the
 * schema's object, so the reply is used as a plain one here (test/api/ranking-route.test.ts and
 * readiness-route.test.ts check the shape).
 */
function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}

/** Promotion readiness of a builder and the ranking of a level, each on a date `at` (default today). */
export function evaluationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  // The assessment requirement's link to promotion cases is wired by the composition root.
  const services = buildServices(deps);
  return async (app) => {
    app.get(
      '/api/builders/:email/readiness',
      {
        config: { access: policy('readiness.read', fromParams({ builderId: 'email' })) },
        schema: {
          tags: ['readiness'],
          summary:
            'Where a builder stands on a date: metrics, requirements, gaps, curriculum, self-evaluation',
          params: z.object({ email: z.string().min(1) }),
          querystring: z.object({ at: isoDay.optional() }),
          response: { 200: readinessResponse, 400: errorBody, 404: errorBody },
        },
      },
      // The answer's JSON text as stored, sent as is (like the ranking below): no parse, no response
      // validation, no stringify on the serving thread. test/api/readiness-route.test.ts checks the text
      // against the schema above, which still documents the shape.
      async (request, reply) =>
        sendJsonText(
          reply,
          await getReadinessText(services, request.actor, request.params.email, request.query.at),
        ),
    );

    app.get(
      '/api/levels/:level/ranking',
      {
        config: { access: policy('ranking.read') },
        schema: {
          tags: ['readiness'],
          summary: 'The builders of a level on a date, ordered by metrics met, tenure, email',
          description:
            'rank = 1 + the number of builders with strictly more metrics met. The ladder version used is in the `ladder-version` header.',
          params: z.object({ level: z.string().min(1) }),
          querystring: z.object({ at: isoDay.optional() }),
          response: { 200: z.array(rankingEntry), 400: errorBody, 404: errorBody },
        },
      },
      async (request, reply) => {
        const ranking = await getRankingText(services, request.actor, request.params.level, request.query.at);
        // The stored JSON text of the entries, sent as is: a string with a JSON content type skips the
        // response serialiser, so 10 000 entries are neither validated nor stringified on the serving
        // thread. The schema above still documents the shape; test/api/ranking-route.test.ts checks it.
        void reply.header('ladder-version', ranking.ladder_version);
        return sendJsonText(reply, ranking.body);
      },
    );
  };
}
