import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorActor, type Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { buildServices } from '../../src/services/composition-root.js';
import { publishLadder, publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import type { PointsReport } from '../../src/services/points.service.js';
import { createBuilder, createMentorship, createPerson } from '../../src/services/roster.service.js';
import { builderActor, personOf, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const TODAY = '2026-04-01';
const clock = fixedClock(`${TODAY}T12:00:00Z`);
const ops = operatorActor('test');
const POINTS_LADDER = 'data-engineer-points-example';
const source = readFileSync(path.resolve('ladders/examples/data-engineer-points.yaml'), 'utf8');
const BEA = 'bea@example.test'; // the builder assessed
const MAX = 'max@example.test'; // her mentor since 2026-01-01
const OLI = 'oli@example.test'; // a colleague who does not mentor her
const LEAD = 'lead@example.test';
const lead: Actor = personOf('leadership', LEAD);

forEachEngine(
  'who may record a milestone assessment: the mentor and leadership, never the builder',
  (getDb) => {
    let app: FastifyInstance;
    const caller = switchableActor(lead);

    beforeAll(async () => {
      const services = buildServices({ database: getDb(), clock });
      await publishShippedLaddersIfEmpty(services, ops);
      expect((await publishLadder(services, ops, { source, file: 'points.yaml' })).created).toBe(true);
      await createPerson(services, ops, { email: LEAD, name: 'Lea Lead', role: 'leadership' });
      for (const [email, level] of [
        [BEA, 'L1'],
        [MAX, 'L4'],
        [OLI, 'L4'],
      ] as const)
        await createBuilder(services, ops, {
          email,
          name: email.split('@')[0] ?? email,
          track: 'ai-first-business-manager',
          levels: [{ level, since: '2025-01-01' }],
          rates: [{ since: '2025-01-01', rate_minor: 500_000, currency: 'EUR' }],
        });
      await createMentorship(services, ops, { mentor: MAX, mentee: BEA, start: '2026-01-01', end: null });
      app = await buildApp({ database: getDb(), clock }, { authenticate: caller.authenticate });
    });
    afterAll(async () => {
      await app.close();
    });

    const assess = (actor: Actor, extra: Record<string, unknown>) => {
      caller.current.actor = actor;
      return app.inject({
        method: 'POST',
        url: '/api/evidence',
        payload: {
          kind: 'milestone_assessment',
          builder: BEA,
          date: '2026-03-15',
          competency: 'pipelines',
          milestone: 2,
          note: 'Seen over the quarter',
          ...extra,
        },
      });
    };
    const total = async (): Promise<number | undefined> => {
      caller.current.actor = lead;
      const response = await app.inject(`/api/builders/${BEA}/points?ladder=${POINTS_LADDER}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json<PointsReport>().points?.total;
    };
    const refusal = (response: { statusCode: number; json: <T>() => T }) => ({
      status: response.statusCode,
      message: response.json<{ message: string }>().message,
    });

    it("records the mentor's assessment, and the points count it", async () => {
      const created = await assess(builderActor(MAX), { id: 'ma-max' });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ recorded_by: MAX, builder: BEA });
      expect(await total()).toBe(3);
    });

    it('records leadership’s assessment in their own name', async () => {
      const created = await assess(lead, { id: 'ma-lead', competency: 'data-quality', milestone: 1 });
      expect(created.statusCode, created.body).toBe(201);
      expect(await total()).toBe(4);
    });

    it('refuses the builder assessing herself, in her own name or in her mentor’s, and writes nothing', async () => {
      const own = await assess(builderActor(BEA), { id: 'ma-self', milestone: 5 });
      expect(refusal(own)).toEqual({
        status: 403,
        message: expect.stringMatching(/milestone_assessment is recorded by your mentor or leadership/),
      });
      const asMentor = await assess(builderActor(BEA), { id: 'ma-forged', milestone: 5, recorded_by: MAX });
      expect(asMentor.statusCode).toBe(403);
      expect(await total()).toBe(4);
      caller.current.actor = lead;
      for (const id of ['ma-self', 'ma-forged'])
        expect((await app.inject(`/api/evidence/${id}`)).statusCode).toBe(404);
    });

    it('refuses leadership recording it on the builder’s behalf: that is a self-assessment too', async () => {
      const onBehalf = await assess(lead, { id: 'ma-behalf', milestone: 5, recorded_by: BEA });
      expect(refusal(onBehalf)).toEqual({
        status: 403,
        message: expect.stringContaining(`ma-behalf: ${BEA} may not assess their own milestones`),
      });
    });

    it('refuses a colleague who does not mentor her, and the mentor for a day before the mentorship', async () => {
      const colleague = await assess(builderActor(OLI), { id: 'ma-oli' });
      expect(refusal(colleague)).toEqual({
        status: 403,
        message: expect.stringMatching(
          /only the builder's mentor or leadership may record milestone_assessment/,
        ),
      });
      const early = await assess(builderActor(MAX), { id: 'ma-early', date: '2025-12-31' });
      expect(refusal(early)).toEqual({
        status: 403,
        message: expect.stringContaining(
          `ma-early: ${MAX} is neither leadership nor ${BEA}'s mentor on 2025-12-31`,
        ),
      });
      expect(await total()).toBe(4);
    });
  },
);
