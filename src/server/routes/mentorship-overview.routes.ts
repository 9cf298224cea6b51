import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkinsDueOn, mentorshipOverview } from '../../services/mentorship.service.js';
import { fromQuery, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody, isoDay } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';

const checkinStanding = z.object({
  period_days: z.number().int(),
  at: z.string(),
  with_checkin: z.number().int(),
  without_checkin: z.number().int(),
  streak: z.number().int(),
  missed_in_a_row: z.number().int(),
  status: z.enum(['done', 'due', 'overdue', 'ended', 'not_started']),
  due_by: z.string().nullable(),
  overdue_since: z.string().nullable(),
  last_checkin: z.string().nullable(),
});

const relation = z.enum(['gives', 'receives']).nullable();
const cadence = z.enum(['weekly', 'biweekly']).nullable();

/** Mentorships as the ladder sees them (relation, cadence, check-ins, referral) and check-ins due. */
export function mentorshipOverviewRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.get(
      '/api/mentorships/overview',
      {
        config: { access: policy('mentorship.read', fromQuery({ builderId: 'mentor' })) },
        schema: {
          tags: ['mentorship'],
          summary:
            'Mentorships with their relation (gives/receives), cadence, check-in standing on `at` and referral status',
          querystring: z.object({ mentor: z.string().optional(), at: isoDay.optional() }),
          response: {
            200: z.object({
              at: z.string(),
              mentorships: z.array(
                z.object({
                  id: z.string(),
                  mentor: z.string(),
                  mentor_name: z.string(),
                  mentee: z.string(),
                  mentee_name: z.string(),
                  start: z.string(),
                  end: z.string().nullable(),
                  active: z.boolean(),
                  relation,
                  cadence,
                  mentor_level: z.string().nullable(),
                  mentee_level: z.string().nullable(),
                  checkins: checkinStanding.nullable(),
                  referral: z.object({
                    status: z.enum(['earning', 'not_giving', 'no_placement', 'no_terms']),
                    placement: z.string().optional(),
                    reason: z.string().optional(),
                  }),
                }),
              ),
            }),
            400: errorBody,
            404: errorBody,
          },
        },
      },
      async (request) => {
        const options: { mentor?: string; at?: string } = {};
        if (request.query.mentor !== undefined) options.mentor = request.query.mentor;
        if (request.query.at !== undefined) options.at = request.query.at;
        return mentorshipOverview(services, request.actor, options);
      },
    );
    app.get(
      '/api/checkins/due',
      {
        config: { access: policy('mentorship.read', fromQuery({ builderId: 'mentor' })) },
        schema: {
          tags: ['mentorship'],
          summary: 'Active mentorships whose current period has no check-in yet on `at` (overdue first)',
          querystring: z.object({ at: isoDay.optional(), mentor: z.string().optional() }),
          response: {
            200: z.object({
              at: z.string(),
              due: z.array(
                checkinStanding.extend({
                  mentorship: z.string(),
                  mentor: z.string(),
                  mentee: z.string(),
                  relation,
                  cadence: z.enum(['weekly', 'biweekly']),
                }),
              ),
            }),
            400: errorBody,
          },
        },
      },
      async (request) => {
        const options: { mentor?: string; at?: string } = {};
        if (request.query.mentor !== undefined) options.mentor = request.query.mentor;
        if (request.query.at !== undefined) options.at = request.query.at;
        return checkinsDueOn(services, request.actor, options);
      },
    );
  };
}
