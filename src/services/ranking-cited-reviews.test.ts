import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../core/actor.js';
import { fixedClock } from '../core/clock.js';
import type { EvidenceRecord } from '../core/evidence/evidence.schema.js';
import type { Builder } from '../core/roster/roster.types.js';
import { insertEvidence } from '../db/repositories/evidence.repository.js';
import { insertBuilders, insertPeople } from '../db/repositories/roster.repository.js';
import { ANA, make, PM, ROSA, TOM } from '../../test/factories/evaluation-records.js';
import { forEachEngine } from '../../test/helpers/database.js';
import { publishShippedLaddersIfEmpty } from './ladder.service.js';
import { getRanking, referenceRanking, type RankingDeps } from './ranking.service.js';

// The maintained ranking loads only the code reviews some loaded citation of the builder names (half
// of a level's records are reviews nobody cites). Every way a citation can name a review must give
// the reference's answer: a review older than the level, one of another builder, one dated after `at`,
// a citation corrected to name another review, a corrected review. Only distinct_citers can be met
// here (no other record), so metrics_met is 1 exactly when two people other than the builder cite
// one of the builder's own reviews dated on or before `at`.

const clock = fixedClock('2026-02-15T12:00:00Z');
const CID = 'cid@example.test';
const DAN = 'dan@example.test';
const EVE = 'eve@example.test';
const FAY = 'fay@example.test';
const DATES = ['2025-03-01', '2025-09-15', '2026-02-15', '2026-08-01'];

const builder = (email: string): Builder => ({
  email,
  name: email,
  track: 'ai-first-business-manager',
  level: 'L4',
  level_since: '2025-01-01',
  levels: [{ level: 'L4', since: '2025-01-01' }],
  rates: [{ since: '2025-01-01', rate_minor: 500_000, currency: 'USD' }],
});

const uncited = (who: string, n: number): EvidenceRecord[] =>
  Array.from({ length: n }, (_, i) =>
    make.codeReview({ id: `${who}-uncited-${i}`, builder: who, recorded_by: who, date: '2025-04-01' }),
  );

const records: EvidenceRecord[] = [
  // Rosa: a review from before her level start, cited by two others inside the window; many uncited.
  make.codeReview({ id: 'rosa-old', date: '2024-06-01' }),
  ...uncited(ROSA, 20),
  make.citation({ id: 'rosa-c1', review_id: 'rosa-old', date: '2025-02-01' }),
  make.citation({ id: 'rosa-c2', review_id: 'rosa-old', recorded_by: ANA, date: '2025-08-01' }),
  // Cid: two citations of Rosa's review filed under Cid — not Cid's own review, never counted.
  ...uncited(CID, 3),
  make.citation({ id: 'cid-c1', builder: CID, review_id: 'rosa-old', date: '2025-02-01' }),
  make.citation({ id: 'cid-c2', builder: CID, review_id: 'rosa-old', recorded_by: ANA, date: '2025-02-02' }),
  // Dan: Ana cites a review nobody else cites, then her citation is corrected to name Rosa's review.
  make.codeReview({ id: 'dan-r1', builder: DAN, recorded_by: DAN, date: '2025-02-01' }),
  make.codeReview({ id: 'dan-r2', builder: DAN, recorded_by: DAN, date: '2025-02-02' }),
  make.citation({ id: 'dan-c1', builder: DAN, review_id: 'dan-r1', date: '2025-03-01' }),
  make.citation({ id: 'dan-c2', builder: DAN, review_id: 'dan-r2', recorded_by: ANA, date: '2025-03-01' }),
  make.citation({
    id: 'dan-c2-fix',
    builder: DAN,
    review_id: 'rosa-old',
    recorded_by: ANA,
    date: '2025-10-01',
    supersedes: 'dan-c2',
  }),
  // Eve: the cited review is dated after the citations (a review counts only once dated on or before `at`).
  make.codeReview({ id: 'eve-late', builder: EVE, recorded_by: EVE, date: '2026-03-01' }),
  make.citation({ id: 'eve-c1', builder: EVE, review_id: 'eve-late', date: '2025-06-01' }),
  make.citation({ id: 'eve-c2', builder: EVE, review_id: 'eve-late', recorded_by: ANA, date: '2025-06-02' }),
  // Fay: the cited review is corrected later; the citations name the original.
  make.codeReview({ id: 'fay-r1', builder: FAY, recorded_by: FAY, date: '2025-02-01' }),
  make.codeReview({
    id: 'fay-r1-fix',
    builder: FAY,
    recorded_by: FAY,
    date: '2025-05-01',
    supersedes: 'fay-r1',
  }),
  ...uncited(FAY, 5),
  make.citation({ id: 'fay-c1', builder: FAY, review_id: 'fay-r1', date: '2025-03-01' }),
  make.citation({ id: 'fay-c2', builder: FAY, review_id: 'fay-r1', recorded_by: ANA, date: '2025-03-02' }),
];

const metricsOf = (entries: { builder: string; metrics_met: number }[]): Record<string, number> =>
  Object.fromEntries(entries.map((e) => [e.builder, e.metrics_met]));

forEachEngine('maintained ranking and cited reviews', (getDb) => {
  let deps: RankingDeps;

  beforeAll(async () => {
    const { db } = getDb();
    deps = { db, clock };
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await insertPeople(
      db,
      [
        { email: PM, name: 'Ola Berg', role: 'client_stakeholder' },
        { email: ANA, name: 'Ana', role: 'leadership' },
        { email: TOM, name: 'Tom', role: 'leadership' },
      ],
      clock.now(),
    );
    await insertBuilders(db, [ROSA, CID, DAN, EVE, FAY].map(builder), clock.now());
    await insertEvidence(db, records);
  });

  it('answers exactly the reference at every date, whichever review a citation names', async () => {
    const seen: Record<string, Record<string, number>> = {};
    for (const at of DATES) {
      const maintained = await getRanking(deps, systemActor, 'L4', at);
      const reference = await referenceRanking(deps, 'L4', at);
      expect(maintained, at).toEqual(reference);
      seen[at] = metricsOf(reference.entries);
    }
    // The reference itself, pinned: who meets distinct_citers on which day.
    expect(seen['2025-03-01']).toEqual({ [ROSA]: 0, [CID]: 0, [DAN]: 1, [EVE]: 0, [FAY]: 0 });
    expect(seen['2025-09-15']).toEqual({ [ROSA]: 1, [CID]: 0, [DAN]: 1, [EVE]: 0, [FAY]: 1 });
    expect(seen['2026-02-15']).toEqual({ [ROSA]: 1, [CID]: 0, [DAN]: 0, [EVE]: 0, [FAY]: 1 });
    expect(seen['2026-08-01']).toEqual({ [ROSA]: 1, [CID]: 0, [DAN]: 0, [EVE]: 1, [FAY]: 1 });
  });
});
