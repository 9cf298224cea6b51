import { z } from 'zod';
import { decide, type Action } from '../../core/access/policy.js';
import type { Actor } from '../../core/actor.js';
import type { Executor } from '../../db/connection.js';
import { resolveFacts } from '../../services/access/relations.service.js';
import { isoDateSchema } from '../../core/input/safe-input.js';

/**
 * Shapes shared by the roster and evidence routes: paging, error bodies, and the money rule (a rate is
 * only shown to whoever may read rates).
 */

export const pageQuery = {
  limit: z.coerce
    .number({ error: 'expected a whole number 1–500' })
    .int('expected a whole number 1–500')
    .min(1, 'expected a whole number 1–500')
    .max(500, 'expected a whole number 1–500')
    .optional(),
  offset: z.coerce
    .number({ error: 'expected a whole number ≥ 0' })
    .int('expected a whole number ≥ 0')
    .min(0, 'expected a whole number ≥ 0')
    .optional(),
};

export const isoDay = isoDateSchema; // one date rule everywhere (src/core/input/safe-input.ts)

export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

/** A page of items: the items, how many match in all, and the page asked for. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  });
}

/** The page envelope with the effective limit and offset. */
export function pageBody<T>(
  page: { items: T[]; total: number },
  query: { limit?: number | undefined; offset?: number | undefined },
) {
  return { items: page.items, total: page.total, limit: query.limit ?? 50, offset: query.offset ?? 0 };
}

/** True when the policy lets `actor` do `action` about `builder` (used to leave money out of answers). */
export async function mayAbout(
  db: Executor,
  actor: Actor,
  action: Action,
  builder: string,
  now: Date,
): Promise<boolean> {
  return decide(actor, action, await resolveFacts(db, actor, { builderId: builder }, now)).allow;
}
