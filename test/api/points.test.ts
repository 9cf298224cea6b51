import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { afterAll, beforeAll, expect, expectTypeOf, it } from 'vitest';
import { systemActor, type Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { formatPoints } from '../../src/cli/commands/points.js';
import { buildServices } from '../../src/services/composition-root.js';
import { DEMO_DOMAIN, generateDemoOrganisation } from '../../src/services/demo/demo-organisation.js';
import { loadDemoIfEmpty } from '../../src/services/demo/demo-loader.service.js';
import { publishLadder, publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import type { pointsResponse } from '../../src/server/routes/points.routes.js';
import { getPoints, type PointsReport } from '../../src/services/points.service.js';
import type { PointsReport as WebPointsReport } from '../../src/web/types/points.js';
import { builderActor, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

// The web's type of the answer is the route's contract, and the service answers exactly that.
expectTypeOf<WebPointsReport>().toEqualTypeOf<z.infer<typeof pointsResponse>>();
expectTypeOf<PointsReport>().toExtend<z.infer<typeof pointsResponse>>();

const TODAY = '2026-04-01';
const clock = fixedClock(`${TODAY}T12:00:00Z`);
const POINTS_LADDER = 'data-engineer-points-example';
const source = readFileSync(path.resolve('ladders/examples/data-engineer-points.yaml'), 'utf8');
// A small demo organisation (the loader's own generator: the same options give the same people).
const DEMO = { builders: 12, recordsPerBuilder: 2 };
const demoBuilder = generateDemoOrganisation({ today: TODAY, ...DEMO }).builders[0]?.email ?? '';
// The demo's head of the organisation assesses (recorded_by must be a person of the roster).
const headEmail = `head@${DEMO_DOMAIN}`;
const head: Actor = {
  kind: 'person',
  email: headEmail,
  role: 'leadership',
  accountId: 'acct-head',
  builderId: null,
};

forEachEngine('points of a demo builder against the points-and-bands example ladder', (getDb) => {
  let app: FastifyInstance;
  const caller = switchableActor(head);
  const services = () => buildServices({ database: getDb(), clock });

  beforeAll(async () => {
    await publishShippedLaddersIfEmpty(services(), systemActor);
    expect(await loadDemoIfEmpty(services(), systemActor, DEMO)).not.toBeNull();
    const published = await publishLadder(services(), head, { source, file: 'data-engineer-points.yaml' });
    expect(published.created).toBe(true);
    app = await buildApp({ database: getDb(), clock }, { authenticate: caller.authenticate });
  });
  afterAll(async () => {
    await app.close();
  });

  const assess = (competency: string, milestone: number, extra: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/evidence',
      payload: {
        kind: 'milestone_assessment',
        builder: demoBuilder,
        date: '2026-03-15',
        competency,
        milestone,
        note: 'Seen over the quarter',
        ...extra,
      },
    });
  const points = (query = '') =>
    app.inject(`/api/builders/${demoBuilder}/points?ladder=${POINTS_LADDER}${query}`);

  it('records milestone assessments through the ledger, refusing an unknown area or milestone', async () => {
    expect(demoBuilder).toMatch(/@/);
    const unknownMilestone = await assess('hiring', 6);
    expect(unknownMilestone.statusCode).toBe(400);
    expect(unknownMilestone.json<{ message: string }>().message).toContain(
      'milestone: unknown milestone 6 of hiring: the active ladder gives it milestones 1–5',
    );
    const unknownArea = await assess('juggling', 1);
    expect(unknownArea.statusCode).toBe(400);
    expect(unknownArea.json<{ message: string }>().message).toContain(
      'competency area juggling has no milestones',
    );
    // 20 + 20 + 6 + 3 = 49, the last point below band d3-1 (50).
    for (const [area, milestone] of [
      ['data-modelling', 5],
      ['pipelines', 5],
      ['data-quality', 3],
      ['reliability', 2],
    ] as const) {
      const created = await assess(area, milestone, { id: `ma-${area}` });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ kind: 'milestone_assessment', recorded_by: headEmail });
    }
  });

  it('answers the points, the band and the fewest next milestones (49: one below d3-1)', async () => {
    const response = await points();
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<PointsReport>();
    expect(body).toMatchObject({
      builder: demoBuilder,
      at: TODAY,
      ladder: { id: POINTS_LADDER, version: '2026-03-01' },
      points: {
        total: 49,
        max_total: 240,
        band: { id: 'd2-2', level: 'D2', title: 'Data Engineer II', from: 35, to: 49 },
        next: { band: { id: 'd3-1' }, needed: 1, fewest: 1 },
      },
      message: null,
    });
    // The demo builder holds a level of the shipped ladder (their own), shown beside the band.
    expect(body.level?.id).toMatch(/^L[1-5]$/);
    const modelling = body.points?.competencies.find((c) => c.area === 'data-modelling');
    expect(modelling).toMatchObject({ milestone: 5, points: 20, assessment: { id: 'ma-data-modelling' } });
  });

  it('reaches d3-1 at exactly its floor, and a correction lowers it again from its own date', async () => {
    expect((await assess('hiring', 1, { id: 'ma-hiring', date: '2026-03-20' })).statusCode).toBe(201);
    expect((await points()).json<PointsReport>().points).toMatchObject({ total: 50, band: { id: 'd3-1' } });
    // Before the hiring assessment's date, still 49.
    expect((await points('&at=2026-03-19')).json<PointsReport>().points?.total).toBe(49);
    const correction = await assess('pipelines', 4, {
      id: 'ma-pipelines-2',
      date: '2026-03-25',
      supersedes: 'ma-pipelines',
    });
    expect(correction.statusCode, correction.body).toBe(201);
    expect((await points()).json<PointsReport>().points).toMatchObject({ total: 42, band: { id: 'd2-2' } });
    expect((await points('&at=2026-03-24')).json<PointsReport>().points?.total).toBe(50);
  });

  it('refuses a self-assessment (ADR 0025): the points stay as they were', async () => {
    caller.current.actor = builderActor(demoBuilder);
    try {
      const own = await assess('tooling', 5, { id: 'ma-self', recorded_by: demoBuilder });
      expect(own.statusCode, own.body).toBe(403);
    } finally {
      caller.current.actor = head;
    }
    const body = (await points()).json<PointsReport>();
    expect(body.points?.total).toBe(42);
    expect(body.points?.not_counted).toEqual([]);
  });

  it("defaults to the builder's own ladder, which scores no points, and says so", async () => {
    const body = (await app.inject(`/api/builders/${demoBuilder}/points`)).json<PointsReport>();
    expect(body.ladder.id).toBe('ai-first-business-manager');
    expect(body.points).toBeNull();
    expect(body.message).toMatch(/scores no points/);
    expect((await app.inject(`/api/builders/${demoBuilder}/points?ladder=nope`)).statusCode).toBe(404);
    expect((await app.inject('/api/builders/ghost@example.test/points')).statusCode).toBe(404);
  });

  it('the CLI prints the same answer as text', async () => {
    const report = await getPoints(services(), demoBuilder, TODAY, POINTS_LADDER);
    const lines = formatPoints(report);
    expect(lines[1]).toBe(`at ${TODAY}, ladder ${POINTS_LADDER} version 2026-03-01`);
    expect(lines).toContain(
      '42 of 240 points from 5 of 12 competencies assessed: band d2-2 (D2, Data Engineer II, 35–49 points).',
    );
    expect(lines).toContain('8 more points reach band d3-1 (D3, Senior Data Engineer, 50–74 points).');
    expect(lines.find((line) => line.startsWith('Pipelines'))).toMatch(
      /^Pipelines\s+4 of 5\s+12\s+5: \+8\s+ma-pipelines-2 \(2026-03-25, head@demo\.ladder\.test\)$/,
    );
  });
});
