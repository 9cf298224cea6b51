import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_PAGE_MAX, listAuditNamed, type AuditFilter } from '../../services/audit.service.js';
import { policy } from '../access/route-access.js';
import type { AppDeps } from '../app.js';

const entry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  /** The actor's name when the actor is a person on the roster (null for operators and the system). */
  actor_name: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string(),
  /** The person an account, builder or person entry is about (an account id alone names nobody). */
  entity_person: z.object({ email: z.string(), name: z.string().nullable() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

/** The audit log, for leadership: every write with who, what, which entity, before and after. */
export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: policy('audit.read') },
        schema: {
          tags: ['audit'],
          summary:
            'Audit log entries, newest first; filter by actor, action, entity, entity_id, from/to; page with before_id',
          querystring: z.object({
            actor: z.string().min(1).optional(),
            action: z.string().min(1).optional(),
            entity: z.string().min(1).optional(),
            entity_id: z.string().min(1).optional(),
            from: z.string().min(1).optional(),
            to: z.string().min(1).optional(),
            before_id: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
          }),
          response: {
            200: z.object({ entries: z.array(entry), next_before_id: z.number().int().nullable() }),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const filter: AuditFilter = { limit: q.limit };
        if (q.actor !== undefined) filter.actor = q.actor;
        if (q.action !== undefined) filter.action = q.action;
        if (q.entity !== undefined) filter.entity = q.entity;
        if (q.entity_id !== undefined) filter.entityId = q.entity_id;
        if (q.from !== undefined) filter.from = q.from;
        if (q.to !== undefined) filter.to = q.to;
        if (q.before_id !== undefined) filter.beforeId = q.before_id;
        const rows = await listAuditNamed(deps.database.db, request.actor, filter);
        const last = rows.at(-1);
        return {
          entries: rows.map((row) => ({
            id: row.id,
            at: row.at.toISOString(),
            actor: row.actor,
            actor_name: row.actorName,
            action: row.action,
            entity: row.entity,
            entity_id: row.entityId,
            entity_person: row.entityPerson,
            before: row.before,
            after: row.after,
          })),
          next_before_id: rows.length === q.limit && last !== undefined ? last.id : null,
        };
      },
    );
  };
}
