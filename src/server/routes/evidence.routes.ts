import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EVIDENCE_KIND_VALUES,
  evidenceApiBodySchema,
  evidenceRecordSchema,
} from '../../core/evidence/evidence.schema.js';
import {
  evidenceSubject,
  getEvidence,
  listEvidence,
  recordEvidence,
  type EvidenceListFilter,
} from '../../services/evidence.service.js';
import { fromBody, fromQuery, policy, type ResourceLocator } from '../access/route-access.js';
import type { AppDeps } from '../app.js';
import { errorBody, isoDay, pageBody, pageQuery, pageSchema } from './roster-http.js';
import { buildServices } from '../../services/composition-root.js';
import { namesOfPeople } from '../../services/roster.service.js';

/** The people of a record or a page of them by name (issue 17): builder, recorder and confirmer, email → name. */
const namesOut = z
  .record(z.string(), z.string())
  .describe(
    "Each email the records name (builder, recorded_by, confirmed_by) → the roster's name, else the email",
  );

/** The evidence ledger over HTTP: record any kind, list with filters, get one. Nothing is ever updated. */
export function evidenceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const services = buildServices(deps);
  // A record is about its builder: access to one record is decided as access to that builder's evidence.
  const recordBuilder: ResourceLocator = async (request) => {
    const id = (request.params as { id?: unknown }).id;
    const record = typeof id === 'string' ? await evidenceSubject(services, request.actor, id) : undefined;
    return record === undefined ? {} : { builderId: record.builder, evidenceKind: record.kind };
  };
  return async (app) => {
    app.post(
      '/api/evidence',
      {
        config: {
          access: policy('evidence.record', fromBody({ builderId: 'builder', evidenceKind: 'kind' })),
        },
        schema: {
          tags: ['evidence'],
          summary: 'Append a record of any kind (a correction names the record it corrects in `supersedes`)',
          description:
            '`id` is generated when absent, `recorded_by` defaults to the caller, `recorded_at` is set by the system. ' +
            'Every field and reference is checked; an existing id is a conflict.',
          body: evidenceApiBodySchema,
          response: { 201: evidenceRecordSchema, 400: errorBody, 403: errorBody, 409: errorBody },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordEvidence(services, request.actor, request.body)),
    );
    app.get(
      '/api/evidence',
      {
        // Without `?builder=` the list mixes builders: leadership only (the policy has no relation to grant).
        config: {
          access: policy('evidence.read', fromQuery({ builderId: 'builder', evidenceKind: 'kind' })),
        },
        schema: {
          tags: ['evidence'],
          summary: 'List records by date, filtered by builder, kind, recorder and a date range (inclusive)',
          description:
            'Oldest first (date, then the order records entered the ledger) unless `order=newest`, which reverses both.',
          querystring: z.object({
            builder: z.string().optional(),
            kind: z.enum(EVIDENCE_KIND_VALUES).optional(),
            recorded_by: z.string().optional(),
            from: isoDay.optional(),
            to: isoDay.optional(),
            order: z.enum(['oldest', 'newest'], { error: 'expected oldest or newest' }).optional(),
            ...pageQuery,
          }),
          response: { 200: pageSchema(evidenceRecordSchema).extend({ names: namesOut }), 400: errorBody },
        },
      },
      async (request) => {
        const { limit, offset, ...rest } = request.query;
        const filter: EvidenceListFilter = {};
        for (const [key, value] of Object.entries(rest)) {
          if (value !== undefined) Object.assign(filter, { [key]: value });
        }
        const page = await listEvidence(services, request.actor, filter, { limit, offset });
        const emails = new Set(
          page.items.flatMap((r) => [
            r.builder,
            r.recorded_by,
            ...(r.confirmed_by === null ? [] : [r.confirmed_by]),
          ]),
        );
        const nameOf = await namesOfPeople(services.db, emails);
        return {
          ...pageBody(page, request.query),
          names: Object.fromEntries([...emails].map((email) => [email, nameOf(email)])),
        };
      },
    );
    app.get(
      '/api/evidence/:id',
      {
        config: { access: policy('evidence.read', recordBuilder) },
        schema: {
          tags: ['evidence'],
          summary: 'One record, with the names of its people (`names`: builder, recorder, confirmer)',
          params: z.object({ id: z.string() }),
          response: {
            200: z.intersection(evidenceRecordSchema, z.object({ names: namesOut })),
            404: errorBody,
          },
        },
      },
      async (request) => {
        const record = await getEvidence(services, request.actor, request.params.id);
        const emails = [
          record.builder,
          record.recorded_by,
          ...(record.confirmed_by === null ? [] : [record.confirmed_by]),
        ];
        const nameOf = await namesOfPeople(services.db, emails);
        return { ...record, names: Object.fromEntries(emails.map((email) => [email, nameOf(email)])) };
      },
    );
  };
}
