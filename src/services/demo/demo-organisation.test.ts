import { describe, expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import { systemActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { addDays, addMonthsClamped } from '../../core/dates/calendar.js';
import { isActiveOn } from '../../core/roster/roster.types.js';
import { countEvidence } from '../../db/repositories/evidence.repository.js';
import { listAllBuilders } from '../../db/repositories/roster.repository.js';
import { loadShippedLadders } from '../ladder-context.service.js';
import { buildServices } from '../composition-root.js';
import { getReadiness } from '../readiness.service.js';
import { loadDemoIfEmpty } from './demo-loader.service.js';
import { generateDemoOrganisation } from './demo-organisation.js';

const today = '2026-11-26';

describe('demo organisation generator', () => {
  it('is deterministic: the same options give the same organisation', () => {
    expect(JSON.stringify(generateDemoOrganisation({ today }))).toBe(
      JSON.stringify(generateDemoOrganisation({ today })),
    );
    expect(JSON.stringify(generateDemoOrganisation({ today, seed: 2 }))).not.toBe(
      JSON.stringify(generateDemoOrganisation({ today })),
    );
  });

  it('has 30–60 builders across L1–L5, clients, placements, mentorships and a year of evidence ending today', () => {
    const org = generateDemoOrganisation({ today });
    expect(org.builders.length).toBeGreaterThanOrEqual(30);
    expect(org.builders.length).toBeLessThanOrEqual(60);
    expect(new Set(org.builders.map((b) => b.level))).toEqual(new Set(['L1', 'L2', 'L3', 'L4', 'L5']));
    expect(org.clients.length).toBeGreaterThan(0);
    expect(org.placements.length).toBe(org.builders.length);
    const dates = org.evidence.map((r) => r.date).sort();
    expect(dates[0]! >= addDays(today, -364)).toBe(true);
    expect(dates.at(-1)! <= today).toBe(true);
    expect(dates.at(-1)! >= addDays(today, -7)).toBe(true);
  });

  it('keeps mentorships within the ladder slots: L5 at most 2 mentees (L1–L3), L4 at most 1 (L1–L2)', () => {
    const org = generateDemoOrganisation({ today });
    const levelOf = new Map(org.builders.map((b) => [b.email, b.level]));
    const active = org.mentorships.filter((m) => isActiveOn(m, today));
    const mentorsWithMentees = new Set(
      active.filter((m) => levelOf.get(m.mentee) !== 'L4').map((m) => m.mentor),
    );
    expect(mentorsWithMentees.size).toBeGreaterThanOrEqual(3);
    for (const mentor of mentorsWithMentees) {
      const mentees = active
        .filter((m) => m.mentor === mentor && levelOf.get(m.mentee) !== 'L4')
        .map((m) => levelOf.get(m.mentee));
      const level = levelOf.get(mentor);
      if (level === 'L5') {
        expect(mentees.length).toBeLessThanOrEqual(2);
        for (const l of mentees) expect(['L1', 'L2', 'L3']).toContain(l);
      } else {
        expect(level).toBe('L4');
        expect(mentees.length).toBe(1);
        for (const l of mentees) expect(['L1', 'L2']).toContain(l);
      }
    }
  });

  it('scales to benchmark sizes with the record count asked for', () => {
    const org = generateDemoOrganisation({ today, builders: 1000, recordsPerBuilder: 100 });
    expect(org.builders).toHaveLength(1000);
    expect(new Set(org.builders.map((b) => b.email)).size).toBe(1000);
    expect(org.evidence.length).toBeGreaterThan(100_000);
    expect(new Set(org.evidence.map((r) => r.id)).size).toBe(org.evidence.length);
  });
});

forEachEngine('demo organisation, loaded', (getDb) => {
  const clock = fixedClock(`${today}T08:00:00Z`);

  it('loads into an empty database through the checked import path, and only once', async () => {
    const deps = { db: getDb().db, clock };
    const summary = await loadDemoIfEmpty(deps, systemActor);
    expect(summary?.created.builders).toBeGreaterThanOrEqual(30);
    expect(await countEvidence(getDb().db)).toBe(summary?.created.evidence);
    expect(await loadDemoIfEmpty(deps, systemActor)).toBeNull();
  });

  it('shows an L4 eligible for an L5 case and an L4 close to it, with the gaps in plain words', async () => {
    const ladder = (await loadShippedLadders())[0];
    const org = generateDemoOrganisation({ today, ...(ladder === undefined ? {} : { ladder }) });
    const [eligible, close] = org.builders;
    const deps = buildServices({ database: getDb(), clock });
    const ready = await getReadiness(deps, systemActor, eligible!.email, today);
    expect(ready.metrics.map((m) => [m.id, m.status])).toEqual(ready.metrics.map((m) => [m.id, 'met']));
    expect(ready.eligible_for_case).toBe(true);

    const almost = await getReadiness(deps, systemActor, close!.email, today);
    expect(almost.eligible_for_case).toBe(false);
    expect(almost.metrics.find((m) => m.id === 'product-decisions-adopted')).toMatchObject({
      status: 'not_met',
      value: 2,
    });
    const tenure = almost.requirements.find((r) => r.id === 'minimum-tenure');
    expect(tenure).toMatchObject({ status: 'not_met', met_on: addMonthsClamped(close!.level_since, 18) });
    const builders = await listAllBuilders(getDb().db);
    expect(builders.find((b) => b.email === close!.email)?.level).toBe('L4');
  });
});
