import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { EvidenceInput } from '../../src/core/evidence/evidence.schema.js';
import type { Builder, Mentorship, Placement } from '../../src/core/roster/roster.types.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { recordEvidence } from '../../src/services/evidence.service.js';
import { linkAnalyticsProject } from '../../src/services/integrations/accounts.service.js';
import { importAnalytics } from '../../src/services/integrations/analytics-import.service.js';
import { applyOrganisation, importOrganisation } from '../../src/services/interchange/import.service.js';
import { publishLadder, publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { decideCase, openCase, saveSheet, setPanel } from '../../src/services/promotion-case.service.js';
import {
  createBuilder,
  createPerson,
  getBuilder,
  listMentorships,
  listPlacements,
} from '../../src/services/roster.service.js';
import { builderActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';
import { buildSheet } from '../helpers/promotion-fixtures.js';
import {
  expectNoDifferences,
  rankingDifferences,
  readinessDifferences,
  referenceRanking,
  referenceReadiness,
  type Answer,
  maintainedRanking,
  maintainedReadiness,
} from './exactness.js';

/**
 * Issue 15: after each kind of write the next answer equals the full evaluation. Every scenario first
 * reads the maintained answers (so whatever is stored for them is stored), then writes the way users
 * write (the services, the import, the analytics import, publishing a ladder), then compares maintained
 * and reference — and checks the reference itself changed, so a stored answer that the write failed to
 * make stale would be caught: a missing trigger (stamp or epoch) fails its scenario.
 *
 * The world: the example organisation (Rosa L4 mentoring Tom L1; Uma L5 mentoring Rosa), three L5
 * panelists, the shipped ladder. Scenarios run in order and build on each other.
 */

const AT = '2026-02-15';
const LATER = '2026-03-02';
const clock = fixedClock(`${AT}T12:00:00Z`);
const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');
const SHIPPED = path.resolve(import.meta.dirname, '../../ladders/ai-first-business-manager.yaml');
const ROSA = 'rosa@example.test';
const TOM = 'tom@example.test';
const UMA = 'uma@example.test';
const PANEL = ['p1@example.test', 'p2@example.test', 'p3@example.test'];
const BUILDERS = [ROSA, TOM, UMA];
const LEVELS = ['L1', 'L2', 'L4', 'L5'];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ladder-invalidation-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

forEachEngine('after each kind of write the next answer equals the reference', (getDb) => {
  let services: Services;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
    await importOrganisation(services, systemActor, EXAMPLE);
    await createPerson(services, systemActor, {
      email: leadership.kind === 'person' ? leadership.email : '',
      name: 'Lea',
      role: 'leadership',
    });
    for (const email of PANEL) {
      await createBuilder(services, systemActor, {
        email,
        name: email.split('@')[0],
        track: 'ai-first-business-manager',
        levels: [{ level: 'L5', since: '2024-01-01' }],
        rates: [{ since: '2024-01-01', rate_minor: 900_000, currency: 'USD' }],
      });
    }
  });

  /** The reference answers at `dates`, keyed by what was asked. */
  const references = async (dates: readonly string[]): Promise<Map<string, Answer>> => {
    const out = new Map<string, Answer>();
    for (const at of dates) {
      for (const email of BUILDERS) out.set(`${email}@${at}`, await referenceReadiness(services, email, at));
      for (const level of LEVELS) out.set(`${level}@${at}`, await referenceRanking(services, level, at));
    }
    return out;
  };

  /**
   * Reads every maintained answer at `dates` (storing what the maintained path stores), writes, then
   * compares maintained with reference. Returns the reference answers before and after the write.
   */
  const afterWrite = async (
    dates: readonly string[],
    write: () => Promise<unknown>,
  ): Promise<{ before: Map<string, Answer>; after: Map<string, Answer> }> => {
    for (const at of dates) {
      for (const email of BUILDERS) await maintainedReadiness(services, email, at);
      for (const level of LEVELS) await maintainedRanking(services, level, at);
    }
    const before = await references(dates);
    await write();
    expectNoDifferences([
      ...(await readinessDifferences(services, BUILDERS, dates)),
      ...(await rankingDifferences(services, LEVELS, dates)),
    ]);
    return { before, after: await references(dates) };
  };

  const importRoster = async (part: {
    builders?: Builder[];
    placements?: Placement[];
    mentorships?: Mentorship[];
    evidence?: EvidenceInput[];
  }) =>
    applyOrganisation(
      services,
      systemActor,
      {
        people: [],
        clients: [],
        builders: part.builders ?? [],
        placements: part.placements ?? [],
        mentorships: part.mentorships ?? [],
        evidence: part.evidence ?? [],
      },
      { source: 'invalidation scenario' },
    );

  const decision = (id: string, date: string, extra: Partial<Record<string, unknown>> = {}) => ({
    id,
    kind: 'decision',
    builder: ROSA,
    date,
    recorded_by: ROSA,
    confirmed_by: 'pm@northwind.example.test',
    type: 'scope_change',
    title: id,
    recommendation: '',
    data: '',
    client: 'northwind',
    client_response: 'adopted',
    outcome: '',
    significant: true,
    supersedes: null,
    ...extra,
  });

  it('new records (recorded through the evidence service)', async () => {
    // Two more vouched adoptions make three: the metric is met, so the ranking changes too.
    const { before, after } = await afterWrite([AT], async () => {
      await recordEvidence(services, systemActor, decision('inv-new', '2026-01-10'));
      await recordEvidence(services, systemActor, decision('inv-new-2', '2026-01-11'));
    });
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
    expect(after.get(`L4@${AT}`)).not.toEqual(before.get(`L4@${AT}`));
  });

  it('a correction dated on or before `at`', async () => {
    const { before, after } = await afterWrite([AT], () =>
      recordEvidence(
        services,
        systemActor,
        decision('inv-new-fix', '2026-02-01', {
          supersedes: 'inv-new',
          client_response: 'rejected',
          // The builder's own correction carries no vouch over (evidence-rules.ts).
          confirmed_by: null,
        }),
      ),
    );
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
    expect(after.get(`L4@${AT}`)).not.toEqual(before.get(`L4@${AT}`));
  });

  it('a correction dated after `at`: the answer on `at` stays, the one after its date changes', async () => {
    const { before, after } = await afterWrite([AT, LATER], () =>
      recordEvidence(
        services,
        systemActor,
        decision('ev-13-fix', '2026-03-01', {
          supersedes: 'ev-13',
          type: 'feature_proposal',
          confirmed_by: null,
          recorded_by: 'head@example.test',
        }),
      ),
    );
    expect(after.get(`${ROSA}@${AT}`)).toEqual(before.get(`${ROSA}@${AT}`));
    expect(after.get(`${ROSA}@${LATER}`)).not.toEqual(before.get(`${ROSA}@${LATER}`));
  });

  it("a mentee's level change (Tom L1 → L2, by import): the mentor's readiness", async () => {
    const tom = await getBuilder(services, systemActor, TOM);
    const levels = [...tom.levels, { level: 'L2', since: '2026-01-05' }];
    const { before, after } = await afterWrite([AT], () =>
      importRoster({ builders: [{ ...tom, levels, level: 'L2', level_since: '2026-01-05' }] }),
    );
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
    expect(after.get(`L2@${AT}`)).not.toEqual(before.get(`L2@${AT}`));
  });

  it('a mentorship ended (by import)', async () => {
    const { items } = await listMentorships(
      services,
      systemActor,
      { mentor: ROSA },
      { limit: 10, offset: 0 },
    );
    const mentorship = items.find((m) => m.mentee === TOM);
    expect(mentorship).toBeDefined();
    const { before, after } = await afterWrite([AT], () =>
      importRoster({ mentorships: [{ ...mentorship!, end: '2025-12-31' }] }),
    );
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
  });

  it('a placement flag changed (by import)', async () => {
    const { items } = await listPlacements(
      services,
      systemActor,
      { builder: ROSA },
      { limit: 10, offset: 0 },
    );
    const placement = items[0];
    expect(placement?.extended).toBe(true);
    const { before, after } = await afterWrite([AT], () =>
      importRoster({ placements: [{ ...placement!, extended: false, requested_back: false }] }),
    );
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
  });

  it('a promotion case decided', async () => {
    const opened = await openCase(services, leadership, {
      candidate: ROSA,
      override_reason: 'invalidation test',
    });
    await setPanel(services, leadership, opened.id, { panelists: PANEL });
    for (const email of PANEL) {
      await saveSheet(services, builderActor(email, email), opened.id, buildSheet({ score: 1 }), {
        submit: true,
      });
    }
    const { before, after } = await afterWrite([AT], () =>
      decideCase(services, leadership, opened.id, { note: 'not yet' }),
    );
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
  });

  it('a new ladder version published (in force on `at`)', async () => {
    const shipped = await readFile(SHIPPED, 'utf8');
    const marker = '          non_empty: analytics_events\n          min_percent: 100\n';
    expect(shipped).toContain(marker);
    expect(shipped).toContain('version: 2026-02-01');
    const source = shipped
      .replace('version: 2026-02-01', 'version: 2026-02-10')
      .replace(marker, `${marker}          seen_within_days: 30\n`);
    const { before, after } = await afterWrite([AT], () => publishLadder(services, systemActor, { source }));
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
  });

  it('an event sighting (analytics import)', async () => {
    await linkAnalyticsProject(services, systemActor, {
      provider: 'posthog',
      project: 'nw-app',
      client: 'northwind',
    });
    const file = path.join(dir, 'events.ndjson');
    await writeFile(
      file,
      [
        { event: 'route_planned', timestamp: '2025-05-20T10:00:00Z', properties: {} },
        { event: 'route_overridden', timestamp: '2025-05-21T10:00:00Z', properties: {} },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const { before, after } = await afterWrite([AT], () =>
      importAnalytics(services, systemActor, file, { project: 'nw-app' }),
    );
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
  });

  it('an import of evidence', async () => {
    const kill = decision('inv-kill', '2026-02-02', { type: 'kill', data: 'no use in 60 days' });
    const { before, after } = await afterWrite([AT], () =>
      importRoster({ evidence: [kill as EvidenceInput] }),
    );
    expect(after.get(`${ROSA}@${AT}`)).not.toEqual(before.get(`${ROSA}@${AT}`));
  });
});
