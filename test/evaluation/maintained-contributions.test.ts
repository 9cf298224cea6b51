import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { addDays } from '../../src/core/dates/calendar.js';
import { fixedClock } from '../../src/core/clock.js';
import {
  listContributionMarkers,
  removeStoredReadinessAnswers,
} from '../../src/db/repositories/contributions.repository.js';
import { currentStamps } from '../../src/db/repositories/evaluation.repository.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { recordEvidence } from '../../src/services/evidence.service.js';
import { applyOrganisation } from '../../src/services/interchange/import.service.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { forEachEngine } from '../helpers/database.js';
import {
  datesOfInterest,
  expectNoDifferences,
  maintainedReadiness,
  referenceReadiness,
  spreadDates,
  type Difference,
} from './exactness.js';
import { BASE, organisationOf, organisationPlanArb } from './ledger-generators.js';

/**
 * Contributions maintained by the write (ADR 0019), over property-generated organisations: the import
 * writes most of the ledger, a cold readiness of every builder builds their contributions, then the
 * rest of the records (every kind, corrections and chains, citations) is recorded one by one through
 * the evidence service, each followed by a cold readiness of its builder. Afterwards every marker built
 * before the tail is still current and still the same build (the writes appended to it, nothing was
 * rebuilt), and cold readiness judged from those rows equals the reference at many dates: a spread of
 * the interesting dates, the day before, of and after three corrections of the tail, two random dates.
 *
 * A failure prints fast-check's seed and path; rerun with LADDER_FC_SEED=<seed> (LADDER_FC_PATH=<path>).
 */

const TODAY = '2026-02-15';
const clock = fixedClock(`${TODAY}T12:00:00Z`);
const seed = process.env.LADDER_FC_SEED === undefined ? undefined : Number(process.env.LADDER_FC_SEED);
const replayPath = process.env.LADDER_FC_PATH;
const NUM_RUNS = Number(process.env.LADDER_FC_RUNS ?? 6);
const TIMEOUT_MS = 240_000;
// A tail of 30–40 % of the records, so every run writes through the service after contributions exist.
const planArb = organisationPlanArb.map((plan) => ({ ...plan, tail: Math.max(plan.tail, 3) }));

forEachEngine('contributions maintained by the write: generated ledgers', (getDb) => {
  let services: Services;
  let run = 0;
  // Over all runs: markers built before a tail, and tail records written to a builder who had some.
  let markersBuilt = 0;
  let writesMaintained = 0;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
  });

  /** Each builder's markers current under their key now: rule key → build (stamp/epoch of the build). */
  const currentBuilds = async (emails: readonly string[]) => {
    const { stamps, epoch } = await currentStamps(services.db, emails);
    const builds = new Map<string, string>();
    for (const email of emails) {
      for (const m of await listContributionMarkers(services.db, email)) {
        if (m.stamp !== stamps.get(email) || m.epoch !== epoch) continue;
        builds.set(`${email} ${m.ruleKey}`, `${m.buildStamp}/${m.buildEpoch}`);
      }
    }
    return builds;
  };

  it(
    'after records written one by one, the appended rows answer as the reference at many dates',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          planArb,
          fc.array(fc.integer({ min: -500, max: 2200 }), { minLength: 2, maxLength: 2 }),
          fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
          async (plan, randomDays, correctionPicks) => {
            run += 1;
            const org = organisationOf(plan, `m${run}`);
            await applyOrganisation(services, systemActor, org.data, { source: `generated m${run}` });
            const differences: Difference[] = [];
            const compare = async (email: string, at: string) => {
              await removeStoredReadinessAnswers(services.db, email);
              const maintained = await maintainedReadiness(services, email, at);
              const reference = await referenceReadiness(services, email, at);
              if (!isDeepStrictEqual(maintained, reference)) {
                differences.push({
                  what: 'readiness',
                  subject: email,
                  at,
                  read: 'cold',
                  maintained,
                  reference,
                });
              }
            };
            for (const email of org.emails) await compare(email, TODAY);
            const built = await currentBuilds(org.emails);
            markersBuilt += built.size;
            for (const record of org.tail) {
              if ([...built.keys()].some((marker) => marker.startsWith(`${record.builder} `)))
                writesMaintained += 1;
              await recordEvidence(services, systemActor, record);
              await compare(record.builder, TODAY);
            }
            expectNoDifferences(differences);
            // Every build made before the tail is still current and still the same build.
            const after = await currentBuilds(org.emails);
            for (const [marker, build] of built) expect(after.get(marker), marker).toBe(build);

            const all = { ...org.data, evidence: org.records };
            const corrections = org.tail.filter((r) => r.supersedes !== null);
            const boundaries = correctionPicks.flatMap((pick) => {
              const correction = corrections[pick % Math.max(corrections.length, 1)];
              return correction === undefined
                ? []
                : [addDays(correction.date, -1), correction.date, addDays(correction.date, 1)];
            });
            const dates = [
              ...new Set([
                ...spreadDates(datesOfInterest(all, TODAY), 5),
                ...boundaries,
                ...randomDays.map((d) => addDays(BASE, d)),
              ]),
            ];
            for (const at of dates) for (const email of org.emails) await compare(email, at);
            expectNoDifferences(differences);
            // Reading at other dates judged the same rows: still no rebuild.
            const later = await currentBuilds(org.emails);
            for (const [marker, build] of built) expect(later.get(marker), marker).toBe(build);
          },
        ),
        {
          numRuns: NUM_RUNS,
          ...(seed === undefined ? {} : { seed }),
          ...(replayPath === undefined ? {} : { path: replayPath }),
        },
      );
      // The property was exercised: contributions existed and writes went through them.
      expect(markersBuilt).toBeGreaterThan(0);
      expect(writesMaintained).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
