import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor, type Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Readiness } from '../../src/core/evaluation/readiness.js';
import type { DomainError } from '../../src/core/errors.js';
import { findBuilder } from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import { listAudit } from '../../src/services/audit.service.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { assignMentorship, mentorshipOverview } from '../../src/services/mentorship.service.js';
import { type CaseOutcomeView, type CaseView } from '../../src/services/promotion-case.service.js';
import {
  createBuilder,
  createClient,
  createMentorship,
  createPerson,
  createPlacement,
} from '../../src/services/roster.service.js';
import { builderActor, personOf, switchableActor } from '../helpers/actors.js';
import { forEachEngine, type TestDatabase } from '../helpers/database.js';
import { buildSheet } from '../helpers/promotion-fixtures.js';

const NOW = '2026-11-26T12:00:00Z';
const clock = fixedClock(NOW);
const LADDER = 'ai-first-business-manager';
const ops = operatorActor('test');

const leadership: Actor = personOf('leadership', 'lead@example.test');
const lead2: Actor = personOf('leadership', 'lead2@example.test');
const p1 = builderActor('p1@example.test', 'p1@example.test');
const p2 = builderActor('p2@example.test', 'p2@example.test');
const panel = ['p1@example.test', 'p2@example.test', 'lead2@example.test'];
const panelActors = [p1, p2, lead2];

async function seedRoster(database: TestDatabase): Promise<void> {
  const deps = { db: database.db, clock };
  await publishShippedLaddersIfEmpty(deps, ops);
  for (const [email, name] of [
    ['lead@example.test', 'Lea Lead'],
    ['lead2@example.test', 'Leo Lead'],
  ] as const) {
    await createPerson(deps, ops, { email, name, role: 'leadership' });
  }
  const builder = (email: string, levels: { level: string; since: string }[]) =>
    createBuilder(deps, ops, {
      email,
      name: email.split('@')[0],
      track: LADDER,
      levels,
      rates: [{ since: levels[0]!.since, rate_minor: 800_000, currency: 'USD' }],
    });
  for (const email of ['p1@example.test', 'p2@example.test', 'm5@example.test'])
    await builder(email, [{ level: 'L5', since: '2024-01-01' }]);
  await builder('l4p@example.test', [{ level: 'L4', since: '2023-01-01' }]);
  for (const email of ['l3a@example.test', 'l3b@example.test'])
    await builder(email, [{ level: 'L3', since: '2025-06-01' }]);
  await createClient(deps, ops, { id: 'acme', name: 'Acme' });
  // Four L4 candidates with everything but the assessment (dee has only 10 months at L4).
  for (const name of ['ana', 'ben', 'cy', 'dee']) {
    const email = `${name}@example.test`;
    await builder(email, [{ level: 'L4', since: name === 'dee' ? '2026-01-01' : '2025-01-01' }]);
    const mentee = `mentee-${name}@example.test`;
    await builder(mentee, [
      { level: 'L1', since: '2025-01-01' },
      { level: 'L2', since: '2026-03-01' },
    ]);
    await createMentorship(deps, ops, { mentor: email, mentee, start: '2026-01-15', end: null });
    await createPlacement(deps, ops, {
      id: `pl-${name}`,
      builder: email,
      client: 'acme',
      start: '2026-02-01',
      end: null,
      rate_minor: 900_000,
      currency: 'USD',
      extended: true,
      requested_back: false,
    });
  }
  // m5 mentors ana (a receiving mentorship): m5 may never sit on ana's panel.
  await createMentorship(deps, ops, {
    mentor: 'm5@example.test',
    mentee: 'ana@example.test',
    start: '2025-01-15',
    end: null,
  });
}

forEachEngine('promotion cases API', (getDb) => {
  let app: FastifyInstance;
  let as: ReturnType<typeof switchableActor>;
  const caseIds: Record<string, number> = {};

  const call = async (
    actor: Actor,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> => {
    as.current.actor = actor;
    return app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  };

  // Readiness through the evaluation module's API (it reads this module's decided cases for `assessment`).
  const readiness = async (email: string, at: string): Promise<Readiness> => {
    const response = await call(leadership, 'GET', `/api/builders/${email}/readiness?at=${at}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Readiness>();
  };

  beforeAll(async () => {
    await seedRoster(getDb());
    as = switchableActor(leadership);
    app = await buildApp({ database: getDb(), clock }, { authenticate: as.authenticate });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  async function openAndSeat(name: string, body: Record<string, unknown> = {}): Promise<number> {
    const opened = await call(leadership, 'POST', '/api/cases', {
      candidate: `${name}@example.test`,
      ...body,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json<{ id: number }>().id;
    const seated = await call(leadership, 'PUT', `/api/cases/${id}/panel`, { panelists: panel });
    expect(seated.statusCode, seated.body).toBe(200);
    caseIds[name] = id;
    return id;
  }

  async function submitAll(id: number, sheets: ReturnType<typeof buildSheet>[]): Promise<void> {
    for (const [index, actor] of panelActors.entries()) {
      const response = await call(actor, 'POST', `/api/cases/${id}/sheet/submit`, sheets[index]);
      expect(response.statusCode, response.body).toBe(200);
    }
  }

  describe('a candidate who meets everything', () => {
    let id: number;

    it('opens only with eligible_for_case, pinning the ladder version and the readiness answer', async () => {
      const before = await readiness('ana@example.test', '2026-11-26');
      expect(before.eligible_for_case).toBe(true);
      const opened = await call(leadership, 'POST', '/api/cases', { candidate: 'ana@example.test' });
      expect(opened.statusCode, opened.body).toBe(201);
      const body = opened.json();
      expect(body).toMatchObject({
        candidate: 'ana@example.test',
        candidate_name: 'ana',
        from_level: 'L4',
        target_level: 'L5',
        status: 'open',
        eligible_at_opening: true,
        open_override_reason: null,
        ladder: { id: LADDER, version: '2026-02-01' },
        readiness_snapshot: { eligible_for_case: true, level: 'L4' },
      });
      id = (body as CaseView).id;
      caseIds.ana = id;
      const again = await call(leadership, 'POST', '/api/cases', { candidate: 'ana@example.test' });
      expect(again.json()).toMatchObject({ error: 'invalid_state' });
    });

    it.each([
      [
        'the candidate’s mentor',
        ['m5@example.test', 'p1@example.test', 'p2@example.test'],
        'panelist_conflict',
      ],
      ['an L4 panelist', ['l4p@example.test', 'p1@example.test', 'p2@example.test'], 'panelist_not_eligible'],
      ['the candidate', ['ana@example.test', 'p1@example.test', 'p2@example.test'], 'panelist_conflict'],
      [
        'someone the candidate mentors',
        ['mentee-ana@example.test', 'p1@example.test', 'p2@example.test'],
        'panelist_conflict',
      ],
      ['a panel of two (the ladder says 3)', ['p1@example.test', 'p2@example.test'], 'validation_failed'],
      ['a stranger', ['nobody@example.test', 'p1@example.test', 'p2@example.test'], 'validation_failed'],
    ])('refuses %s on the panel by code, changing nothing', async (_label, panelists, code) => {
      const response = await call(leadership, 'PUT', `/api/cases/${id}/panel`, { panelists });
      expect(response.statusCode).toBe(code === 'validation_failed' ? 400 : 409);
      expect(response.json()).toMatchObject({ error: code });
      const view = await call(leadership, 'GET', `/api/cases/${id}`);
      expect(view.json()).toMatchObject({ status: 'open', panel: { members: [] } });
    });

    it('refuses scoring before the panel is set, and scoring by someone off the panel', async () => {
      expect((await call(p1, 'PUT', `/api/cases/${id}/sheet`, buildSheet())).statusCode).toBe(403);
      const seated = await call(leadership, 'PUT', `/api/cases/${id}/panel`, { panelists: panel });
      expect(seated.statusCode, seated.body).toBe(200);
      expect(seated.json()).toMatchObject({ status: 'assessing', panel: { size: 3, submitted: 0 } });
      // Each seat names its panelist as the roster does, beside the email.
      expect(
        seated
          .json<CaseView>()
          .panel.members.map((m) => `${m.name} <${m.email}>`)
          .sort(),
      ).toEqual(['Leo Lead <lead2@example.test>', 'p1 <p1@example.test>', 'p2 <p2@example.test>']);
      const outsider = builderActor('m5@example.test', 'm5@example.test');
      expect((await call(outsider, 'PUT', `/api/cases/${id}/sheet`, buildSheet())).statusCode).toBe(403);
    });

    it('keeps a draft private: no other panelist, leadership or the candidate reads it through any endpoint', async () => {
      const draft = buildSheet({ score: 4, notes: 'SECRET-DRAFT-NOTE' });
      expect((await call(p1, 'PUT', `/api/cases/${id}/sheet`, draft)).statusCode).toBe(200);
      const own = await call(p1, 'GET', `/api/cases/${id}/sheets`);
      expect(own.json()).toEqual([
        expect.objectContaining({ panelist: 'p1@example.test', submitted_at: null }),
      ]);
      const candidate = builderActor('ana@example.test', 'ana@example.test');
      for (const actor of [p2, lead2, leadership, candidate]) {
        for (const path of ['', '/sheets', '/outcome', '/portfolio']) {
          const response = await call(actor, 'GET', `/api/cases/${id}${path}`);
          expect(response.body, `${path} as ${JSON.stringify(actor)}`).not.toContain('SECRET-DRAFT-NOTE');
        }
      }
      const list = await call(leadership, 'GET', '/api/cases');
      expect(list.body).not.toContain('SECRET-DRAFT-NOTE');
    });

    it('shows a panelist the others’ sheets only after submitting their own', async () => {
      await call(
        p1,
        'POST',
        `/api/cases/${id}/sheet/submit`,
        buildSheet({ score: 4, notes: 'P1-SUBMITTED' }),
      );
      // p2 has not submitted: p1's submitted sheet stays hidden from p2 on every endpoint.
      for (const path of ['', '/sheets']) {
        const response = await call(p2, 'GET', `/api/cases/${id}${path}`);
        expect(response.statusCode).toBe(200);
        expect(response.body).not.toContain('P1-SUBMITTED');
      }
      await call(p2, 'PUT', `/api/cases/${id}/sheet`, buildSheet({ score: 3, notes: 'P2-DRAFT' }));
      const p1View = await call(p1, 'GET', `/api/cases/${id}/sheets`);
      expect(p1View.body).not.toContain('P2-DRAFT');
      const early = await call(leadership, 'POST', `/api/cases/${id}/decision`, { note: 'too early' });
      expect(early.statusCode).toBe(409);
      expect(early.json()).toMatchObject({
        error: 'invalid_state',
        message: expect.stringMatching(/1 of 3/),
      });
      await call(
        p2,
        'POST',
        `/api/cases/${id}/sheet/submit`,
        buildSheet({ score: 3, notes: 'P2-SUBMITTED' }),
      );
      const p2View = await call(p2, 'GET', `/api/cases/${id}/sheets`);
      expect(p2View.json<{ panelist: string }[]>().map((s) => s.panelist)).toEqual([
        'p1@example.test',
        'p2@example.test',
      ]);
      const again = await call(p2, 'POST', `/api/cases/${id}/sheet/submit`, buildSheet());
      expect(again.json()).toMatchObject({ error: 'invalid_state' });
    });

    it('computes the outcome with its reasons; leadership confirms with a note; the new level takes effect', async () => {
      await call(lead2, 'POST', `/api/cases/${id}/sheet/submit`, buildSheet({ score: 3 }));
      const preview = await call(leadership, 'GET', `/api/cases/${id}`);
      expect(preview.json()).toMatchObject({ computed: { outcome: 'promoted' }, decision: null });
      const noNote = await call(leadership, 'POST', `/api/cases/${id}/decision`, { note: ' ' });
      expect(noNote.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'note' }] });
      const asPanelist = await call(p1, 'POST', `/api/cases/${id}/decision`, { note: 'I decide' });
      expect(asPanelist.statusCode).toBe(403);
      const decided = await call(leadership, 'POST', `/api/cases/${id}/decision`, {
        note: 'Clear multiplier; confirmed.',
        effective_date: '2026-12-01',
      });
      expect(decided.statusCode, decided.body).toBe(200);
      expect(decided.json()).toMatchObject({
        status: 'decided',
        outcome: 'promoted',
        decision: { computed_outcome: 'promoted', overridden: false, effective_date: '2026-12-01' },
      });
      const builder = await findBuilder(getDb().db, 'ana@example.test');
      expect(builder?.levels.at(-1)).toEqual({ level: 'L5', since: '2026-12-01', track: LADDER });
      const twice = await call(leadership, 'POST', `/api/cases/${id}/decision`, { note: 'again' });
      expect(twice.json()).toMatchObject({ error: 'invalid_state' });
    });

    it('shows the candidate outcome, component results and feedback, never a panelist’s identity', async () => {
      const candidate = builderActor('ana@example.test', 'ana@example.test');
      const outcome = await call(candidate, 'GET', `/api/cases/${id}/outcome`);
      expect(outcome.statusCode).toBe(200);
      const body = outcome.json<CaseOutcomeView>();
      expect(body.feedback).toMatchObject({
        outcome: 'promoted',
        decisionNote: 'Clear multiplier; confirmed.',
      });
      expect(body.feedback?.components).toHaveLength(4);
      expect(body.feedback?.feedback).toEqual(
        expect.arrayContaining([expect.objectContaining({ from: 'Panelist 1', text: 'P1-SUBMITTED' })]),
      );
      expect(outcome.body).not.toMatch(/p1@|p2@|lead2@/);
      expect((await call(candidate, 'GET', `/api/cases/${id}`)).statusCode).toBe(403);
      expect((await call(candidate, 'GET', `/api/cases/${id}/sheets`)).statusCode).toBe(403);
    });

    it('every later computation sees L5 from the effective date: readiness, mentor slots, referral terms', async () => {
      const dayBefore = await readiness('ana@example.test', '2026-11-30');
      expect(dayBefore).toMatchObject({ level: 'L4' });
      expect(
        (dayBefore.requirements as { id: string; status: string }[]).find(
          (r) => r.id === 'qualification-assessment',
        ),
      ).toMatchObject({
        status: 'met',
      });
      const after = await readiness('ana@example.test', '2026-12-02');
      expect(after).toMatchObject({ level: 'L5', level_since: '2026-12-01' });

      // Mentorship (issue 5's service): at L4 ana gives 1 slot for L1–L2, which mentee-ana fills; at L5, 2 for L1–L3.
      const mdeps = { db: getDb().db, clock };
      const assign = (mentee: string, start: string) =>
        assignMentorship(mdeps, ops, { mentor: 'ana@example.test', mentee, start, end: null }).then(
          (m) => m.relation,
          (error: DomainError) => error.code,
        );
      expect(await assign('l3a@example.test', '2026-11-30')).toBe('mentee_level_not_eligible');
      expect(await assign('l3a@example.test', '2026-12-01')).toBe('gives');
      expect(await assign('l3b@example.test', '2026-12-02')).toBe('mentor_slots_full');
      // Referral terms are the mentor's level's when the placement starts: L5 → 4 % for 9 months.
      await createPlacement(mdeps, ops, {
        id: 'pl-l3a',
        builder: 'l3a@example.test',
        client: 'acme',
        start: '2026-12-10',
        end: null,
        rate_minor: 500_000,
        currency: 'USD',
        extended: false,
        requested_back: false,
      });
      const overview = await mentorshipOverview(mdeps, ops, { mentor: 'ana@example.test', at: '2026-12-15' });
      const referral = overview.mentorships.find((m) => m.mentee === 'l3a@example.test')?.referral;
      expect(referral).toMatchObject({
        status: 'earning',
        terms: { percent: 4, months: 9, mentorLevel: 'L5' },
      });
      expect(referral?.status === 'earning' ? referral.accruals[0] : undefined).toMatchObject({
        amount_minor: 20_000,
      });
    });

    it('records every state change as a case event and an audit entry with who and when', async () => {
      const view = await call(leadership, 'GET', `/api/cases/${id}`);
      const actions = view.json<{ events: { action: string }[] }>().events.map((e) => e.action);
      expect(actions).toEqual([
        'open',
        'set_panel',
        'save_draft',
        'submit_scores',
        'save_draft',
        'submit_scores',
        'submit_scores',
        'decide',
      ]);
      const audit = await listAudit(getDb().db, ops, { entity: 'promotion_case', entityId: String(id) });
      expect(audit.map((a) => a.action).reverse()).toEqual(actions.map((a) => `case.${a}`));
      expect(audit.every((a) => a.at.toISOString() === new Date(NOW).toISOString())).toBe(true);
      // A draft's audit entry names the panelist but carries no scores.
      expect(JSON.stringify(audit)).not.toContain('SECRET-DRAFT-NOTE');
      const level = await listAudit(getDb().db, ops, { action: 'builder.level_change' });
      expect(level[0]).toMatchObject({ entityId: 'ana@example.test', actor: 'lead@example.test' });
    });
  });

  describe('a candidate who fails the gate', () => {
    it('is not promoted when the gate median is below 3, even with every component passed', async () => {
      const id = await openAndSeat('ben');
      const gate = (score: number) => buildSheet({ scores: { 'multiplication-instinct': score }, score: 4 });
      await submitAll(id, [gate(2), gate(3), gate(2)]);
      const preview = await call(leadership, 'GET', `/api/cases/${id}`);
      expect(preview.json<CaseView>().computed).toMatchObject({
        outcome: 'not_yet',
        reasons: ['Multiplication instinct (the gate): median 2 is below 3'],
      });
      const decided = await call(leadership, 'POST', `/api/cases/${id}/decision`, {
        note: 'Not yet; revisit in 6 months.',
      });
      expect(decided.json()).toMatchObject({
        outcome: 'not_yet',
        decision: { overridden: false, effective_date: null },
      });
      expect((await findBuilder(getDb().db, 'ben@example.test'))?.level).toBe('L4');
      const after = await readiness('ben@example.test', '2026-12-02');
      expect(after.level).toBe('L4');
      expect(
        (after.requirements as { id: string; status: string }[]).find(
          (r) => r.id === 'qualification-assessment',
        )?.status,
      ).toBe('not_met');
    });
  });

  describe('a candidate who fails a component by split vote', () => {
    it('is not promoted when only 1 of 3 panelists passes a component', async () => {
      const id = await openAndSeat('cy');
      await submitAll(id, [
        buildSheet(),
        buildSheet({ fail: ['mentee-outcome'] }),
        buildSheet({ fail: ['mentee-outcome'] }),
      ]);
      const decided = await call(leadership, 'POST', `/api/cases/${id}/decision`, {
        note: 'Mentee outcome not shown yet.',
      });
      expect(decided.json()).toMatchObject({
        outcome: 'not_yet',
        decision: { reasons: ['Mentee outcome: 1 of 3 panelists passed it; a majority must'] },
      });
      const candidate = builderActor('cy@example.test', 'cy@example.test');
      const outcome = await call(candidate, 'GET', `/api/cases/${id}/outcome`);
      expect(
        outcome.json<CaseOutcomeView>().feedback?.components.find((c) => c.id === 'mentee-outcome'),
      ).toMatchObject({ passed: false });
    });
  });

  describe('a leadership override', () => {
    it('opens a case readiness refuses only with a written reason', async () => {
      const refused = await call(leadership, 'POST', '/api/cases', { candidate: 'dee@example.test' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ error: 'case_not_eligible' });
      const byBuilder = await call(p1, 'POST', '/api/cases', {
        candidate: 'dee@example.test',
        override_reason: 'x',
      });
      expect(byBuilder.statusCode).toBe(403);
      const id = await openAndSeat('dee', { override_reason: 'Exceptional client rescue; tenure waived.' });
      const view = await call(leadership, 'GET', `/api/cases/${id}`);
      expect(view.json()).toMatchObject({
        eligible_at_opening: false,
        open_override_reason: 'Exceptional client rescue; tenure waived.',
      });
    });

    it('overrides the computed outcome only with a reason, kept on the case forever', async () => {
      const id = caseIds.dee!;
      const gate = (score: number) => buildSheet({ scores: { 'multiplication-instinct': score } });
      await submitAll(id, [gate(2), gate(3), gate(2)]);
      const noReason = await call(leadership, 'POST', `/api/cases/${id}/decision`, {
        outcome: 'promoted',
        note: 'Promote.',
      });
      expect(noReason.json()).toMatchObject({
        error: 'validation_failed',
        details: [{ field: 'override_reason' }],
      });
      const decided = await call(leadership, 'POST', `/api/cases/${id}/decision`, {
        outcome: 'promoted',
        note: 'Promote.',
        override_reason: 'Panel missed the team rescue at Acme.',
      });
      expect(decided.json()).toMatchObject({
        outcome: 'promoted',
        decision: {
          computed_outcome: 'not_yet',
          overridden: true,
          override_reason: 'Panel missed the team rescue at Acme.',
        },
      });
      const events = decided.json<{ events: { action: string; detail: Record<string, unknown> }[] }>().events;
      expect(events.at(-1)).toMatchObject({
        action: 'override',
        detail: { override_reason: 'Panel missed the team rescue at Acme.' },
      });
      const candidate = builderActor('dee@example.test', 'dee@example.test');
      const outcome = await call(candidate, 'GET', `/api/cases/${id}/outcome`);
      expect(outcome.json<CaseOutcomeView>().feedback).toMatchObject({
        outcome: 'promoted',
        overridden: true,
      });
      expect((await findBuilder(getDb().db, 'dee@example.test'))?.levels.at(-1)).toEqual({
        level: 'L5',
        since: '2026-11-26',
        track: LADDER,
      });
      expect((await listAudit(getDb().db, ops, { action: 'case.override' }))[0]).toMatchObject({
        entityId: String(id),
      });
    });
  });

  describe('listing, notes and portfolio', () => {
    it('lists every case for leadership and only their own for a panelist or candidate', async () => {
      const all = await call(leadership, 'GET', '/api/cases');
      expect(all.json<unknown[]>()).toHaveLength(4);
      const mine = await call(builderActor('ben@example.test', 'ben@example.test'), 'GET', '/api/cases');
      expect(mine.json()).toEqual([
        expect.objectContaining({ candidate: 'ben@example.test', candidate_name: 'ben', outcome: 'not_yet' }),
      ]);
      const stranger = await call(builderActor('l4p@example.test', 'l4p@example.test'), 'GET', '/api/cases');
      expect(stranger.json()).toEqual([]);
    });

    it('lets the candidate annotate the portfolio, and an outsider neither read nor annotate it', async () => {
      const id = caseIds.ana!;
      const candidate = builderActor('ana@example.test', 'ana@example.test');
      const note = await call(candidate, 'POST', `/api/cases/${id}/notes`, {
        text: 'Mentee went L1 → L2 in 13 months.',
      });
      expect(note.statusCode, note.body).toBe(201);
      const portfolio = await call(candidate, 'GET', `/api/cases/${id}/portfolio`);
      expect(portfolio.statusCode, portfolio.body).toBe(200);
      expect(portfolio.json()).toMatchObject({
        candidate: 'ana@example.test',
        mentee_outcomes: [{ mentee: 'mentee-ana@example.test', level_at_start: 'L1', advanced: true }],
        notes: [{ text: 'Mentee went L1 → L2 in 13 months.' }],
      });
      const outsider = builderActor('l4p@example.test', 'l4p@example.test');
      expect((await call(outsider, 'GET', `/api/cases/${id}/portfolio`)).statusCode).toBe(403);
      expect((await call(outsider, 'POST', `/api/cases/${id}/notes`, { text: 'hi' })).statusCode).toBe(403);
    });
  });

  describe('panel eligibility follows the new level from its effective date', () => {
    it('seats dee (L5 from today) on a new case, but not ana (L5 only from 2026-12-01)', async () => {
      const opened = await call(leadership, 'POST', '/api/cases', { candidate: 'ben@example.test' });
      expect(opened.statusCode, opened.body).toBe(201);
      const id = opened.json<CaseView>().id;
      const ana = await call(leadership, 'PUT', `/api/cases/${id}/panel`, {
        panelists: ['ana@example.test', 'p1@example.test', 'p2@example.test'],
      });
      expect(ana.json()).toMatchObject({
        error: 'panelist_not_eligible',
        message: expect.stringMatching(/L4/),
      });
      const dee = await call(leadership, 'PUT', `/api/cases/${id}/panel`, {
        panelists: ['dee@example.test', 'p1@example.test', 'p2@example.test'],
      });
      expect(dee.statusCode, dee.body).toBe(200);
      expect(dee.json()).toMatchObject({
        panel: { members: [{ email: 'dee@example.test', level: 'L5' }, {}, {}] },
      });
    });
  });

  describe('two openings at once', () => {
    it('lets one through and refuses the other with invalid_state', async () => {
      as.current.actor = leadership;
      const [first, second] = await Promise.all([
        app.inject({ method: 'POST', url: '/api/cases', payload: { candidate: 'cy@example.test' } }),
        app.inject({ method: 'POST', url: '/api/cases', payload: { candidate: 'cy@example.test' } }),
      ]);
      expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
      expect((first.statusCode === 409 ? first : second).json()).toMatchObject({ error: 'invalid_state' });
    });
  });

  describe('withdrawing', () => {
    it('needs a reason, ends the case, and refuses every later change by code', async () => {
      const live = (await call(leadership, 'GET', '/api/cases?candidate=cy@example.test&status=open')).json<
        CaseView[]
      >();
      const id = live[0]!.id;
      const noReason = await call(leadership, 'POST', `/api/cases/${id}/withdraw`, { reason: ' ' });
      expect(noReason.json()).toMatchObject({ error: 'validation_failed', details: [{ field: 'reason' }] });
      const withdrawn = await call(leadership, 'POST', `/api/cases/${id}/withdraw`, {
        reason: 'Candidate asked',
      });
      expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdraw_reason: 'Candidate asked' });
      for (const [method, path, body] of [
        ['PUT', 'panel', { panelists: panel }],
        ['POST', 'notes', { text: 'late' }],
        ['POST', 'withdraw', { reason: 'again' }],
      ] as const) {
        const response = await call(leadership, method, `/api/cases/${id}/${path}`, body);
        expect(response.json(), path).toMatchObject({ error: 'invalid_state' });
      }
    });
  });
});
