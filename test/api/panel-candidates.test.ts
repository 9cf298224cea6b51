import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor, type Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import type { PanelCandidatesView } from '../../src/services/panel-candidates.service.js';
import type { CaseView } from '../../src/services/promotion-case.service.js';
import { createBuilder, createMentorship, createPerson } from '../../src/services/roster.service.js';
import { builderActor, personOf, switchableActor } from '../helpers/actors.js';
import { forEachEngine, type TestDatabase } from '../helpers/database.js';
import { buildSheet } from '../helpers/promotion-fixtures.js';

const NOW = '2026-11-26T12:00:00Z';
const clock = fixedClock(NOW);
const LADDER = 'ai-first-business-manager';
const ops = operatorActor('test');
const leadership: Actor = personOf('leadership', 'lead@example.test');
const candidate = 'ana@example.test';

/**
 * The roster the picker judges: L5s (one of them Ana's mentor), an L4, an L3, leadership, Ana's mentee,
 * Ana herself, a non-builder person of another role, and an L4 whose L5 step starts tomorrow.
 */
async function seedRoster(database: TestDatabase): Promise<void> {
  const deps = { db: database.db, clock };
  await publishShippedLaddersIfEmpty(deps, ops);
  await createPerson(deps, ops, { email: 'lead@example.test', name: 'Lea Lead', role: 'leadership' });
  await createPerson(deps, ops, { email: 'lead2@example.test', name: 'Leo Lead', role: 'leadership' });
  const builder = (email: string, name: string, levels: { level: string; since: string }[]) =>
    createBuilder(deps, ops, {
      email,
      name,
      track: LADDER,
      levels,
      rates: [{ since: levels[0]!.since, rate_minor: 800_000, currency: 'USD' }],
    });
  await builder('p1@example.test', 'Pia One', [{ level: 'L5', since: '2024-01-01' }]);
  await builder('p2@example.test', 'Pat Two', [{ level: 'L5', since: '2024-01-01' }]);
  await builder('m5@example.test', 'Max Mentor', [{ level: 'L5', since: '2024-01-01' }]);
  await builder('l4p@example.test', 'Lou Four', [{ level: 'L4', since: '2023-01-01' }]);
  await builder('l3@example.test', 'Lin Three', [{ level: 'L3', since: '2025-06-01' }]);
  // Promoted to L5 from tomorrow: seating judges the day the panel is set, so not yet.
  await builder('soon@example.test', 'Sol Soon', [
    { level: 'L4', since: '2023-01-01' },
    { level: 'L5', since: '2026-11-27' },
  ]);
  await builder(candidate, 'Ana Candidate', [{ level: 'L4', since: '2025-01-01' }]);
  await builder('mentee@example.test', 'Mia Mentee', [{ level: 'L2', since: '2026-03-01' }]);
  // An ended mentorship: the conflict rule has no date window.
  await createMentorship(deps, ops, {
    mentor: 'm5@example.test',
    mentee: candidate,
    start: '2025-01-15',
    end: '2025-09-30',
  });
  await createMentorship(deps, ops, {
    mentor: candidate,
    mentee: 'mentee@example.test',
    start: '2026-01-15',
    end: null,
  });
}

forEachEngine('panel candidates API', (getDb) => {
  let app: FastifyInstance;
  let as: ReturnType<typeof switchableActor>;
  let caseId: number;

  const call = async (
    actor: Actor,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> => {
    as.current.actor = actor;
    return app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  };
  const candidates = async (): Promise<PanelCandidatesView> => {
    const response = await call(leadership, 'GET', `/api/cases/${caseId}/panel-candidates`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<PanelCandidatesView>();
  };
  const byEmail = (view: PanelCandidatesView, email: string) => {
    const found = view.candidates.find((c) => c.email === email);
    if (found === undefined) throw new Error(`${email} is not in the picker`);
    return found;
  };

  beforeAll(async () => {
    await seedRoster(getDb());
    as = switchableActor(leadership);
    app = await buildApp({ database: getDb(), clock }, { authenticate: as.authenticate });
    await app.ready();
    const opened = await call(leadership, 'POST', '/api/cases', {
      candidate,
      override_reason: 'test: the picker, whatever the readiness',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    caseId = opened.json<CaseView>().id;
  });
  afterAll(async () => {
    await app.close();
  });

  describe('verdicts', () => {
    it('offers L5s and leadership, and says in words why each other person may not sit', async () => {
      const view = await candidates();
      expect(view).toMatchObject({
        case_id: caseId,
        candidate,
        from_level: 'L4',
        target_level: 'L5',
        on: '2026-11-26',
        panel_size: 3,
        eligibility: { min_level: 'L5', leadership: true },
        seating: { open: true, reason: null },
        seated: [],
      });
      const eligible = view.candidates.filter((c) => c.eligible).map((c) => c.email);
      expect(eligible).toEqual([
        'lead@example.test',
        'lead2@example.test',
        'p2@example.test',
        'p1@example.test',
      ]);
      expect(byEmail(view, 'p1@example.test')).toMatchObject({
        name: 'Pia One',
        level: 'L5',
        refusal: null,
        reason: 'May sit: holds L5 on 2026-11-26',
      });
      expect(byEmail(view, 'lead2@example.test')).toMatchObject({
        level: null,
        refusal: null,
        reason: 'May sit: leadership',
      });
      // Conflicts first, whatever the level: an ended mentorship still counts.
      const mentor = byEmail(view, 'm5@example.test');
      expect(mentor).toMatchObject({ eligible: false, level: 'L5', refusal: 'panelist_conflict' });
      expect(mentor.reason).toMatch(/^m5@example\.test is or was the candidate's mentor \(mentorship ms-/);
      expect(byEmail(view, 'mentee@example.test')).toMatchObject({
        eligible: false,
        refusal: 'panelist_conflict',
      });
      expect(byEmail(view, 'mentee@example.test').reason).toContain('is or was mentored by the candidate');
      expect(byEmail(view, candidate)).toMatchObject({
        refusal: 'panelist_conflict',
        reason: `${candidate} is the candidate`,
      });
      expect(byEmail(view, 'l4p@example.test')).toMatchObject({
        eligible: false,
        refusal: 'panelist_not_eligible',
        reason: 'l4p@example.test (L4) may not sit on this panel: panelists are L5 and above, or leadership',
      });
      // The L5 step from tomorrow does not count today (the boundary of "on the day the panel is set").
      expect(byEmail(view, 'soon@example.test')).toMatchObject({
        eligible: false,
        level: 'L4',
        refusal: 'panelist_not_eligible',
      });
      // Eligible first; then everyone else, each group by name.
      const firstRefused = view.candidates.findIndex((c) => !c.eligible);
      expect(view.candidates.slice(firstRefused).every((c) => !c.eligible)).toBe(true);
    });

    it('the picker and seating agree on every person: offered ones are seated, refused ones refused with the same code', async () => {
      const view = await candidates();
      const helpers = view.candidates.filter((c) => c.eligible).map((c) => c.email);
      for (const person of view.candidates) {
        const others = helpers.filter((e) => e !== person.email).slice(0, view.panel_size - 1);
        const response = await call(leadership, 'PUT', `/api/cases/${caseId}/panel`, {
          panelists: [person.email, ...others],
        });
        if (person.eligible) {
          expect(response.statusCode, `${person.email}: ${response.body}`).toBe(200);
        } else {
          expect(response.statusCode, person.email).toBe(409);
          const body = response.json<{ error: string; message: string }>();
          expect(body.error, person.email).toBe(person.refusal);
          expect(body.message, person.email).toBe(person.reason);
        }
      }
    });
  });

  describe('seating state and access', () => {
    it('marks the seated panel, and says seating is closed once a sheet is submitted', async () => {
      const panel = ['p1@example.test', 'p2@example.test', 'lead2@example.test'];
      const seated = await call(leadership, 'PUT', `/api/cases/${caseId}/panel`, { panelists: panel });
      expect(seated.statusCode, seated.body).toBe(200);
      let view = await candidates();
      expect(view.seated).toEqual(panel);
      expect(view.candidates.filter((c) => c.seated).map((c) => c.email)).toEqual(
        expect.arrayContaining(panel),
      );
      expect(view.candidates.filter((c) => c.seated)).toHaveLength(3);
      expect(view.seating).toEqual({ open: true, reason: null });

      const p1 = builderActor('p1@example.test', 'p1@example.test');
      const submitted = await call(p1, 'POST', `/api/cases/${caseId}/sheet/submit`, buildSheet({ score: 3 }));
      expect(submitted.statusCode, submitted.body).toBe(200);
      view = await candidates();
      expect(view.seating.open).toBe(false);
      expect(view.seating.reason).toBe(
        'Cannot set panel a case that is assessing: 1 panelist(s) already submitted scores',
      );
      // …and seating indeed refuses it with that message.
      const again = await call(leadership, 'PUT', `/api/cases/${caseId}/panel`, { panelists: panel });
      expect(again.statusCode).toBe(409);
      expect(again.json<{ message: string }>().message).toBe(view.seating.reason);
    });

    it('searches the roster on the server by name or email, eligible first, at most limit', async () => {
      const all = await candidates();
      expect(all.matched).toBe(all.candidates.length);
      const get = async (query: string) => {
        const response = await call(leadership, 'GET', `/api/cases/${caseId}/panel-candidates?${query}`);
        expect(response.statusCode, response.body).toBe(200);
        return response.json<PanelCandidatesView>();
      };
      // A part of an email, any case: exactly the people whose name or email holds it, same verdicts.
      const first = all.candidates[0]!;
      const part = first.email.slice(0, 3).toUpperCase();
      const found = await get(`q=${encodeURIComponent(part)}`);
      const expected = all.candidates.filter(
        (c) => c.email.includes(part.toLowerCase()) || c.name.toLowerCase().includes(part.toLowerCase()),
      );
      expect(found.candidates).toEqual(expected);
      expect(found.matched).toBe(expected.length);
      // A limit keeps the first ones (eligible first) and says how many matched.
      const two = await get('limit=2');
      expect(two.candidates).toEqual(all.candidates.slice(0, 2));
      expect(two.matched).toBe(all.candidates.length);
      expect((await get('q=nobody-has-this')).candidates).toEqual([]);
      const tooMany = await call(leadership, 'GET', `/api/cases/${caseId}/panel-candidates?limit=500`);
      expect(tooMany.statusCode).toBe(400);
    });

    it('is leadership only: a seated panelist and the candidate are refused; an unknown case is 404', async () => {
      const p1 = builderActor('p1@example.test', 'p1@example.test');
      expect((await call(p1, 'GET', `/api/cases/${caseId}/panel-candidates`)).statusCode).toBe(403);
      const ana = builderActor(candidate, candidate);
      expect((await call(ana, 'GET', `/api/cases/${caseId}/panel-candidates`)).statusCode).toBe(403);
      expect((await call(leadership, 'GET', '/api/cases/9999/panel-candidates')).statusCode).toBe(404);
    });
  });
});
