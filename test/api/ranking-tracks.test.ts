import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { DomainError } from '../../src/core/errors.js';
import type { Builder, LevelStep } from '../../src/core/roster/roster.types.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import { insertBuilders, insertPeople } from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { publishLadder } from '../../src/services/ladder.service.js';
import { getRanking, referenceRanking } from '../../src/services/ranking.service.js';
import { make, PM } from '../factories/evaluation-records.js';
import { asActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const clock = fixedClock('2026-06-01T12:00:00Z');
const ops = operatorActor('test');
const source = readFileSync(path.resolve('test/fixtures/ladders/shared-ids.yaml'), 'utf8');

/** A builder whose steps each name their track, as the roster stores them (ADR 0030). */
function builder(email: string, levels: Required<LevelStep>[]): Builder {
  const last = levels[levels.length - 1]!;
  return {
    email,
    name: email.split('@')[0] ?? email,
    track: last.track,
    level: last.level,
    level_since: last.since,
    levels,
    rates: [{ since: levels[0]!.since, rate_minor: 500_000, currency: 'EUR' }],
  };
}

// The backend and frontend tracks both have an E1 (test/fixtures/ladders/shared-ids.yaml): backend E1
// counts decisions, frontend E1 defines no standard. A ranking names one of them as `track/E1` and holds
// only the builders whose step that day is in that track; a bare E1 names no one level.
forEachEngine('ranking a level id that two tracks share (ADR 0030)', (getDb) => {
  let services: Services;
  let app: FastifyInstance;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    expect((await publishLadder(services, ops, { source, file: 'shared-ids.yaml' })).created).toBe(true);
    const at = new Date('2026-01-01T00:00:00Z');
    await insertPeople(getDb().db, [{ email: PM, name: 'Ola', role: 'client_stakeholder' }], at);
    await insertBuilders(
      getDb().db,
      [
        builder('bea@example.test', [{ level: 'E1', since: '2025-01-01', track: 'backend' }]),
        builder('ben@example.test', [{ level: 'E1', since: '2025-02-01', track: 'backend' }]),
        builder('fay@example.test', [{ level: 'E1', since: '2025-03-01', track: 'frontend' }]),
        // Moved from backend E1 to frontend E1 on 2026-01-01: the earlier step stays a backend one.
        builder('max@example.test', [
          { level: 'E1', since: '2024-06-01', track: 'backend' },
          { level: 'E1', since: '2026-01-01', track: 'frontend' },
        ]),
      ],
      at,
    );
    // One decision each for bea and fay: it meets backend E1's metric, frontend E1 counts nothing.
    await insertEvidence(getDb().db, [
      make.decision({ id: 'd-bea', builder: 'bea@example.test', date: '2025-04-01' }),
      make.decision({ id: 'd-fay', builder: 'fay@example.test', date: '2025-04-01' }),
    ]);
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
  });
  afterAll(async () => {
    await app.close();
  });

  const rows = async (level: string, at: string) => {
    const ranking = await getRanking(services, leadership, level, at);
    // The maintained ranking is the reference's, member for member.
    expect(ranking).toEqual(await referenceRanking(services, level, at));
    return ranking.entries.map((e) => [e.builder, e.metrics_met, e.months_at_level]);
  };

  it('ranks each track’s E1 with only its own builders, each read in the step held that day', async () => {
    expect(await rows('backend/E1', '2026-06-01')).toEqual([
      ['bea@example.test', 1, 17],
      ['ben@example.test', 0, 16],
    ]);
    expect(await rows('frontend/E1', '2026-06-01')).toEqual([
      ['fay@example.test', 0, 15],
      ['max@example.test', 0, 5],
    ]);
    // Before max moved, his step was a backend one: he ranks there, with his time at that step.
    expect(await rows('backend/E1', '2025-12-01')).toEqual([
      ['bea@example.test', 1, 11],
      ['max@example.test', 0, 18],
      ['ben@example.test', 0, 10],
    ]);
    expect(await rows('frontend/E1', '2025-12-01')).toEqual([['fay@example.test', 0, 9]]);
  });

  it('answers the route for a track-qualified level, and finds no one level for a bare shared id', async () => {
    const response = await app.inject(
      `/api/levels/${encodeURIComponent('backend/E1')}/ranking?at=2026-06-01`,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(JSON.stringify(response.json())).toContain('bea@example.test');
    expect(JSON.stringify(response.json())).not.toContain('fay@example.test');
    await expect(getRanking(services, leadership, 'E1', '2026-06-01')).rejects.toSatisfy(
      (error: unknown) => error instanceof DomainError && error.code === 'not_found',
    );
  });
});
