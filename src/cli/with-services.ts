import type { DatabaseHandle } from '../db/connection.js';
import { buildServices, type Services } from '../services/composition-root.js';
import type { CliContext } from './context.js';

/**
 * Runs a command's work with the services of the composition root, built over the database that
 * `ctx.withDatabase` opens for this command (and closes after it), so the CLI wires nothing by hand.
 */
export function withServices<T>(
  ctx: CliContext,
  work: (services: Services, database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  return ctx.withDatabase((database) => work(buildServices({ database, clock: ctx.clock }), database));
}
