import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../core/actor.js';
import { fixedClock } from '../core/clock.js';
import { forEachEngine } from '../../test/helpers/database.js';
import { buildServices } from './composition-root.js';
import { publishShippedLaddersIfEmpty } from './ladder.service.js';
import type { PromotionDeps } from './promotion-case.service.js';
import { getReadiness, type ReadinessDeps } from './readiness.service.js';
import { createBuilder } from './roster.service.js';

const clock = fixedClock('2026-11-26T12:00:00Z');

// The links are required: deps built by hand without them must not compile (checked by `tsc --noEmit`
// in `npm run check`; each directive fails the type check if its line ever compiles).
export function depsWithoutLinks(db: ReadinessDeps['db']): [ReadinessDeps, PromotionDeps] {
  // @ts-expect-error ReadinessDeps.assessmentOf is required: without it every assessment reads not_assessed
  const readiness: ReadinessDeps = { db, clock };
  // @ts-expect-error PromotionDeps.readiness is required: without it a case would need an override
  const promotion: PromotionDeps = { db, clock };
  return [readiness, promotion];
}

forEachEngine('composition root', (getDb) => {
  beforeAll(async () => {
    const services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
    await createBuilder(services, systemActor, {
      email: 'rosa@example.test',
      name: 'Rosa',
      track: 'ai-first-business-manager',
      levels: [{ level: 'L4', since: '2024-08-15' }],
      rates: [{ since: '2024-08-15', rate_minor: 500_000, currency: 'USD' }],
    });
  });

  it('wires the case readiness link to the same evaluation the readiness route answers', async () => {
    const services = buildServices({ database: getDb(), clock });
    const pinned = await services.readiness(services.db, systemActor, 'rosa@example.test', '2026-11-26');
    const answered = await getReadiness(services, systemActor, 'rosa@example.test', '2026-11-26');
    expect(pinned).toEqual(answered);
    // The gaps are readiness's own, never a "not wired in" placeholder.
    expect(pinned.eligible_for_case).toBe(false);
    expect(pinned.gaps?.length).toBeGreaterThan(0);
    expect(pinned.gaps?.join(' ')).not.toMatch(/not available|not wired/);
  });

  it('wires the assessment link to the promotion cases (none decided yet: no assessment)', async () => {
    const services = buildServices({ database: getDb(), clock });
    expect(
      await services.assessmentOf(services.db, {
        builder: 'rosa@example.test',
        level: 'L4',
        target_level: 'L5',
        at: '2026-11-26',
      }),
    ).toBeNull();
  });
});
