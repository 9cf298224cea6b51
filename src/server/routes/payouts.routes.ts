import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mentorPayouts, payoutStatement } from '../../services/mentorship.service.js';
import { payoutRowsToCsv } from '../../services/payout-csv.service.js';
import type { Actor } from '../../core/actor.js';
import { authorize } from '../../services/access/relations.service.js';
import { fromParams, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';

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
  /** The mentee's monthly rate: left out for callers who may not read it (a mentor reading their own payouts). */
  rate_minor: z.number().int().optional(),
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

/** Payouts name people (issue 17): the roster's name beside each email, the email when no name. */
const mentorName = z.string().describe("The mentor's name on the roster, else the email");
const menteeName = z.string().describe("The mentee's name on the roster, else the email");

const namedAccrualOut = accrualOut.extend({ mentor_name: mentorName, mentee_name: menteeName });
const namedTotalOut = totalOut.extend({ mentor_name: mentorName });

const namedStatementOut = z.object({
  month: z.string(),
  rows: z.array(namedAccrualOut),
  totals: z.array(namedTotalOut),
});

const referralOut = z.object({
  mentorship: z.string(),
  mentor: z.string(),
  mentor_name: mentorName,
  mentee: z.string(),
  mentee_name: menteeName,
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
  const services = buildServices(deps);
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
          response: { 200: namedStatementOut, 400: errorBody, 404: errorBody },
        },
      },
      async (request) => payoutStatement(services, request.actor, request.query.month, request.query.mentor),
    );
    app.get(
      '/api/payouts.csv',
      {
        config: { access: policy('payout.read') },
        schema: {
          tags: ['payouts'],
          summary: 'The same statement as CSV (amounts in minor units), for accounting',
          querystring: z.object({ month, mentor: z.string().optional() }),
          response: { 200: z.string(), 400: errorBody, 404: errorBody },
        },
      },
      async (request, reply) => {
        const statement = await payoutStatement(
          services,
          request.actor,
          request.query.month,
          request.query.mentor,
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="payouts-${statement.month}.csv"`)
          .send(payoutRowsToCsv(statement.rows));
      },
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
              mentor_name: mentorName,
              from: z.string(),
              to: z.string(),
              months: z.array(namedStatementOut),
              totals: z.array(namedTotalOut),
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
          months: await withoutUnreadableRates(deps, request.actor, result.months),
          referrals: result.referrals.map((r) =>
            r.status === 'earning'
              ? {
                  mentorship: r.mentorship,
                  mentor: r.mentor,
                  mentor_name: r.mentor_name,
                  mentee: r.mentee,
                  mentee_name: r.mentee_name,
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

/**
 * A mentor sees what they earn, never what their mentee is paid: `rate_minor` stays only on rows whose
 * mentee's rate the caller may read (leadership, or the mentee themself).
 */
async function withoutUnreadableRates<
  Row extends { mentee: string; rate_minor?: number },
  Month extends { rows: Row[] },
>(deps: AppDeps, actor: Actor, months: Month[]): Promise<Month[]> {
  const readable = new Map<string, boolean>();
  for (const mentee of new Set(months.flatMap((m) => m.rows.map((row) => row.mentee)))) {
    const decision = await authorize(
      deps.database.db,
      actor,
      'rate.read',
      { builderId: mentee },
      deps.clock.now(),
    );
    readable.set(mentee, decision.allow);
  }
  return months.map((m) => ({
    ...m,
    rows: m.rows.map((row) => {
      if (readable.get(row.mentee) === true) return row;
      const { rate_minor: _hidden, ...rest } = row;
      return rest as Row;
    }),
  }));
}
