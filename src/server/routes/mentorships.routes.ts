import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mentorshipSchema } from '../../core/roster/roster.schema.js';
import { assignMentorship } from '../../services/mentorship.service.js';
import { getMentorship, listMentorships, type MentorshipFilter } from '../../services/roster.service.js';
import { fromParams, fromQuery, policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody, isoDay, pageBody, pageQuery, pageSchema } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';

const mentorshipOut = z.object({
  id: z.string(),
  mentor: z.string(),
  mentee: z.string(),
  start: z.string(),
  end: z.string().nullable(),
});

/** Mentorships as roster data (mentor, mentee, start, end): create, list, get. */
export function mentorshipRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  return async (app) => {
    app.post(
      '/api/mentorships',
      {
        config: { access: policy('mentorship.manage') },
        schema: {
          tags: ['roster'],
          summary: 'Record a mentorship (its id derives from mentor, mentee and start)',
          body: mentorshipSchema,
          response: { 201: mentorshipOut, 400: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (request, reply) =>
        // The mentorship service adds the ladder's slot and level rules to the roster's own checks.
        reply.status(201).send(await assignMentorship(services, request.actor, request.body)),
    );
    app.get(
      '/api/mentorships',
      {
        config: { access: policy('mentorship.read', fromQuery({ builderId: 'mentee' })) },
        schema: {
          tags: ['roster'],
          summary: 'List mentorships by start, filtered by mentor, mentee and/or a date they are active on',
          querystring: z.object({
            mentor: z.string().optional(),
            mentee: z.string().optional(),
            active_on: isoDay.optional(),
            ...pageQuery,
          }),
          response: { 200: pageSchema(mentorshipOut) },
        },
      },
      async (request) => {
        const { mentor, mentee, active_on, limit, offset } = request.query;
        const filter: MentorshipFilter = {};
        if (mentor !== undefined) filter.mentor = mentor.toLowerCase();
        if (mentee !== undefined) filter.mentee = mentee.toLowerCase();
        if (active_on !== undefined) filter.activeOn = active_on;
        return pageBody(
          await listMentorships(services, request.actor, filter, { limit, offset }),
          request.query,
        );
      },
    );
    app.get(
      '/api/mentorships/:id',
      {
        config: { access: policy('mentorship.read', fromParams({ mentorshipId: 'id' })) },
        schema: {
          tags: ['roster'],
          summary: 'One mentorship',
          params: z.object({ id: z.string() }),
          response: { 200: mentorshipOut, 404: errorBody },
        },
      },
      async (request) => getMentorship(services, request.actor, request.params.id),
    );
  };
}
