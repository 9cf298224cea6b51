import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../core/errors.js';
import type { AppDeps } from '../app.js';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
export function healthRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['health'],
          summary: 'The process is up',
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        schema: {
          tags: ['health'],
          summary: 'The database answers',
          response: { 200: z.object({ status: z.literal('ready'), engine: z.enum(['pglite', 'postgres']) }) },
        },
      },
      async () => {
        try {
          await deps.database.ping();
        } catch {
          throw new DomainError('database_unavailable', 'The database does not answer');
        }
        return { status: 'ready' as const, engine: deps.database.engine };
      },
    );
  };
}
