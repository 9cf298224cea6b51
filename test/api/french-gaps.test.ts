import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Readiness } from '../../src/core/evaluation/readiness.js';
import { buildApp } from '../../src/server/app.js';
import { buildServices } from '../../src/services/composition-root.js';
import { publishLadder, publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { asActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

// ADR 0029: the gaps readiness writes are in the ladder's language — French for the French example
// ladder, each with a stable code and its parameters — while an English ladder's answer keeps its shape.

const clock = fixedClock('2026-03-20T12:00:00Z');
const source = readFileSync(path.resolve('ladders/examples/ingenierie-logicielle-fr.yaml'), 'utf8');
const CAMILLE = 'camille@example.test';
const INES = 'ines@example.test';
const ROSA = 'rosa@example.test';

forEachEngine('readiness gaps in the ladder’s language (ADR 0029)', (getDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
    expect((await publishLadder(services, systemActor, { source, file: 'fr.yaml' })).created).toBe(true);
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
    for (const [email, track, level, since] of [
      [CAMILLE, 'ingenierie', 'ing-2', '2025-09-01'],
      [INES, 'ingenierie', 'ing-3', '2025-01-01'],
      [ROSA, 'ai-first-business-manager', 'L4', '2025-09-01'],
    ] as const) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/builders',
        payload: {
          email,
          name: email.split('@')[0],
          track,
          levels: [{ level, since }],
          rates: [{ since, rate_minor: 500_000, currency: 'EUR' }],
        },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const readiness = async (email: string): Promise<Readiness> => {
    const response = await app.inject({ url: `/api/builders/${email}/readiness?at=2026-03-20` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Readiness>();
  };

  it('writes a French ladder’s requirement gaps in French, each with its code and parameters', async () => {
    const body = await readiness(CAMILLE);
    expect(body.gaps).toEqual([
      '18 mois en ing-2 seront atteints le 2027-03-01 (le niveau a commencé le 2025-09-01)',
      'l’évaluation de qualification : pas encore évaluée (un dossier de promotion en décide)',
    ]);
    expect(body.gap_details).toEqual([
      {
        code: 'requirement.tenure_not_reached',
        params: { months: 18, level: 'ing-2', met_on: '2027-03-01', level_since: '2025-09-01' },
        text: body.gaps[0],
      },
      { code: 'requirement.assessment_not_assessed', params: {}, text: body.gaps[1] },
    ]);
  });

  it('says in French that a level defines no standard yet', async () => {
    const body = await readiness(INES);
    expect(body.standard).toBe('none');
    expect(body.gaps).toEqual([
      'l’échelle ne définit pas encore de standard de classement pour ing-3 (sa page n’est pas écrite)',
      'l’échelle ne définit aucune promotion depuis ing-3 (sa page n’est pas écrite)',
    ]);
    expect(body.gap_details?.map((g) => g.code)).toEqual([
      'readiness.no_ranking_standard',
      'readiness.no_promotion',
    ]);
  });

  it('keeps an English ladder’s gaps word for word and its answer without gap_details', async () => {
    const body = await readiness(ROSA);
    expect(body).not.toHaveProperty('gap_details');
    expect(body.gaps).toContain('18 months at L4 are reached on 2027-03-01 (the level began 2025-09-01)');
    expect(body.gaps).toContain(
      'the qualification assessment: not assessed yet (a promotion case decides it)',
    );
  });
});
