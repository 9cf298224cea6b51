import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Readiness } from '../../src/core/evaluation/readiness.js';
import type { Builder } from '../../src/core/roster/roster.types.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import { insertBuilders, insertPeople } from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import { publishLadder, publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { asActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';
import { make, PM } from '../factories/evaluation-records.js';

// Issue 16: a level that defines no metric and no requirement answers `standard: 'none'` through the
// API (never a standard to be close to); a promotion by judgment answers what the panel weighs and the
// records behind it, with no requirement reported missing.

const clock = fixedClock('2026-03-20T12:00:00Z');
const L1 = 'l1@example.test';
const L3 = 'l3@example.test';
const L4 = 'l4@example.test';
const L5 = 'l5@example.test';
const builder = (email: string, level: string, since: string): Builder => ({
  email,
  name: email.split('@')[0]!,
  track: 'ai-first-business-manager',
  level,
  level_since: since,
  levels: [{ level, since }],
  rates: [{ since, rate_minor: 500_000, currency: 'USD' }],
});

const shipped = readFileSync(
  new URL('../../ladders/ai-first-business-manager.yaml', import.meta.url),
  'utf8',
);
const L3_BLOCK = `  - id: L3
    track: ai-first-business-manager
    title: L3
    status: not_written
    promotion:
      target_level: L4
`;
/** The shipped file a month later, with L3 promoted by judgment after a minimum year. */
const judged = shipped.replace('version: 2026-02-01', 'version: 2026-03-01').replace(
  L3_BLOCK,
  `${L3_BLOCK}      decided_by: judgment
      min_months_at_level: 12
      typical_months_at_level: { from: 24, to: 36 }
      requirements:
        - { id: minimum-time, name: A year at L3, rule: { kind: tenure } }
      weighs:
        - { id: product-sense, name: Product sense, evidence: [decision, feature] }
        - { id: ownership, name: Ownership }
`,
);

forEachEngine('readiness of levels that define no standard, or a judgment', (getDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    expect(judged).toContain('decided_by: judgment');
    const { db } = getDb();
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await insertPeople(db, [{ email: PM, name: 'Ola Berg', role: 'client_stakeholder' }], clock.now());
    await insertBuilders(
      db,
      [
        builder(L1, 'L1', '2025-06-01'),
        builder(L3, 'L3', '2024-05-01'),
        builder(L4, 'L4', '2025-01-01'),
        builder(L5, 'L5', '2023-09-01'),
      ],
      clock.now(),
    );
    await insertEvidence(db, [
      make.decision({ id: 'l3-d1', builder: L3, date: '2025-10-01' }),
      make.feature({ id: 'l3-f1', builder: L3, recorded_by: L3, date: '2025-11-01' }),
      make.decision({ id: 'l3-d-later', builder: L3, date: '2026-03-18' }),
    ]);
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const readiness = async (email: string, at: string): Promise<Readiness> => {
    const response = await app.inject(`/api/builders/${email}/readiness?at=${at}`);
    expect(response.statusCode).toBe(200);
    return response.json<Readiness>();
  };

  it('L1 and L5 of the shipped ladder: standard none, no requirement, no case; L4: defined', async () => {
    for (const email of [L1, L5]) {
      const body = await readiness(email, '2026-02-15');
      expect(body).toMatchObject({
        standard: 'none',
        metrics: [],
        requirements: [],
        eligible_for_case: false,
        typical_tenure: null,
        weighs: [],
      });
    }
    expect((await readiness(L4, '2026-02-15')).standard).toBe('defined');
  });

  it('the same answer warm (stored) as cold', async () => {
    const cold = await readiness(L1, '2026-02-16');
    expect(await readiness(L1, '2026-02-16')).toEqual(cold);
  });

  it('a promotion by judgment: what the panel weighs with the records behind it, nothing missing', async () => {
    await publishLadder({ db: getDb().db, clock }, systemActor, { source: judged, file: 'judged.yaml' });
    const body = await readiness(L3, '2026-03-15');
    expect(body).toMatchObject({
      level: 'L3',
      ladder_version: '2026-03-01',
      standard: 'judgment',
      target_level: 'L4',
      eligible_for_case: true,
      gaps: [],
      requirements: [{ id: 'minimum-time', status: 'met', met_on: '2025-05-01' }],
      typical_tenure: { from_months: 24, to_months: 36, from_on: '2026-05-01', to_on: '2027-05-01' },
      weighs: [
        {
          id: 'product-sense',
          name: 'Product sense',
          kinds: ['decision', 'feature'],
          evidence: ['l3-d1', 'l3-f1'],
        },
        { id: 'ownership', name: 'Ownership', kinds: [], evidence: [] },
      ],
    });
    // L1 under the new version still defines nothing.
    expect((await readiness(L1, '2026-03-15')).standard).toBe('none');
  });
});
