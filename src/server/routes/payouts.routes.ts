import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mentorPayouts, payoutStatement } from '../../services/mentorship.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody } from './roster-http.js';

const month = z.string().regex(/^\d{4}-\d{2}$/, 'expected a month YYYY-MM');

/** One accrual row: the JSON contract of payouts (docs/payouts.md). */
export const accrualOut = z.object({
  mentor: z.string(),
  mentee: z.string(),
  placement: z.string(),
  mentorship: z.string(),
  month_index: z.number().int(),
  months: z.number().int(),
  percent: z.number(),
  rate_minor: z.number().int(),
  amount_minor: z.number().int(),
  currency: z.string(),
  month_start: z.string(),
  payable_month: z.string(),
  mentor_level: z.string(),
  ladder_version: z.string(),
});

const totalOut = z.object({
  mentor: z.string(),
  currency: z.string(),
  amount_minor: z.number().int(),
  rows: z.number().int(),
});

const statementOut = z.object({ month: z.string(), rows: z.array(accrualOut), totals: z.array(totalOut) });

const referralOut = z.object({
  mentorship: z.string(),
  mentor: z.string(),
  mentee: z.string(),
  status: z.enum(['earning', 'not_giving', 'no_placement', 'no_terms']),
  placement: z.string().optional(),
  reason: z.string().optional(),
  terms: z
    .object({
      percent: z.number(),
      months: z.number().int(),
      mentorLevel: z.string(),
      ladderVersion: z.string(),
    })
    .optional(),
});

/** Referral payouts: a month's statement, and one mentor's months. Money: leadership and the mentor only. */
export function payoutRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = { db: deps.database.db, clock: deps.clock };
  return async (app) => {
    app.get(
      '/api/payouts',
      {
        config: { access: policy('payout.read') },
        schema: {
          tags: ['payouts'],
          summary:
            'The referral payout statement of a calendar month: every accrual payable in it, totals per mentor and currency',
          querystring: z.object({ month, mentor: z.string().optional() }),
          response: { 200: statementOut, 400: errorBody, 404: errorBody },
        },
      },
      async (request) => payoutStatement(services, request.actor, request.query.month, request.query.mentor),
    );
    app.get(
      '/api/mentors/:email/payouts',
      {
        config: { access: policy('payout.read', fromParams({ builderId: 'email' })) },
        schema: {
          tags: ['payouts'],
          summary:
            "One mentor's referral payouts month by month (from/to inclusive, default this year so far)",
          params: z.object({ email: z.string() }),
          querystring: z.object({ from: month.optional(), to: month.optional() }),
          response: {
            200: z.object({
              mentor: z.string(),
              from: z.string(),
              to: z.string(),
              months: z.array(statementOut),
              totals: z.array(totalOut),
              referrals: z.array(referralOut),
            }),
            400: errorBody,
            404: errorBody,
          },
        },
      },
      async (request) => {
        const range: { from?: string; to?: string } = {};
        if (request.query.from !== undefined) range.from = request.query.from;
        if (request.query.to !== undefined) range.to = request.query.to;
        const result = await mentorPayouts(services, request.actor, request.params.email, range);
        return {
          ...result,
          referrals: result.referrals.map((r) =>
            r.status === 'earning'
              ? {
                  mentorship: r.mentorship,
                  mentor: r.mentor,
                  mentee: r.mentee,
                  status: r.status,
                  placement: r.placement,
                  terms: r.terms,
                }
              : r,
          ),
        };
      },
    );
  };
}
