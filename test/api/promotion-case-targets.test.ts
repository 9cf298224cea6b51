import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { findCase, insertCase } from '../../src/db/repositories/promotion-case.repository.js';
import { findBuilder } from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { publishLadder } from '../../src/services/ladder.service.js';
import {
  decideCase,
  getCase,
  openCase,
  saveSheet,
  setPanel,
} from '../../src/services/promotion-case.service.js';
import { createBuilder, createPerson } from '../../src/services/roster.service.js';
import { asActor } from '../helpers/actors.js';
import { caseClock, leadership, ops, PANEL, panelActors } from '../helpers/case-world.js';
import { forEachEngine } from '../helpers/database.js';
import { buildSheet, shippedLadderPath } from '../helpers/promotion-fixtures.js';

const TRACK = 'ai-first-business-manager';

/**
 * The shipped ladder with L4 leading to three places: L5 (the usual step), L6 further up its own track
 * and O1 on the Owner track. Every other line is the shipped file's.
 */
function threeTargetLadder(): string {
  const shipped = readFileSync(shippedLadderPath, 'utf8');
  const edits: [string, string][] = [
    ['levels: [L1, L2, L3, L4, L5]', 'levels: [L1, L2, L3, L4, L5, L6]'],
    ['    levels: []', '    levels: [O1]'],
    ['      target_level: L5', '      target_levels: [L5, L6, O1]'],
  ];
  let text = shipped;
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) throw new Error(`the shipped ladder changed: ${from}`);
    text = text.replace(from, to);
  }
  return `${text}
  - id: L6
    track: ${TRACK}
    label: Principal
    title: L6
    status: not_written
  - id: O1
    track: owner
    label: Owner I
    title: O1
    status: not_written
`;
}

const codeOf = async (work: Promise<unknown>): Promise<{ code: string; message: string }> => {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

forEachEngine('promotion cases to any of the level’s targets (ADR 0020, issue 16)', (getDb) => {
  let services: Services;
  let app: FastifyInstance;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock: caseClock });
    const published = await publishLadder(services, ops, {
      source: threeTargetLadder(),
      file: 'three-targets.yaml',
    });
    expect(published.created).toBe(true);
    await createPerson(services, ops, { email: 'lead@example.test', name: 'Lea Lead', role: 'leadership' });
    const builder = (email: string, level: string) =>
      createBuilder(services, ops, {
        email,
        name: email.split('@')[0],
        track: TRACK,
        levels: [{ level, since: '2024-01-01' }],
        rates: [{ since: '2024-01-01', rate_minor: 800_000, currency: 'USD' }],
      });
    for (const email of PANEL) await builder(email, 'L5');
    for (const name of [
      'usual',
      'skip',
      'both',
      'owner',
      'wrong',
      'http',
      'qualified',
      'index',
      'race',
      'sat',
    ])
      await builder(`${name}@example.test`, 'L4');
    app = await buildApp({ database: getDb(), clock: caseClock }, { authenticate: asActor(leadership) });
  });
  afterAll(async () => {
    await app.close();
  });

  const open = (candidate: string, target_level?: string) =>
    openCase(services, leadership, { candidate, override_reason: 'test case', target_level });

  it('opens to the usual next step (the first target) when no target is named', async () => {
    const view = await open('usual@example.test');
    // The shipped levels have no labels: they are shown by their ids.
    expect(view).toMatchObject({
      from_level: 'L4',
      target_level: 'L5',
      from_label: 'L4',
      target_label: 'L5',
    });
  });

  it('opens to a second target, and a promotion decided there writes that level into the history', async () => {
    const opened = await open('skip@example.test', 'L6');
    expect(opened).toMatchObject({ target_level: 'L6', target_label: 'Principal' });
    await setPanel(services, leadership, opened.id, { panelists: [...PANEL] });
    for (const actor of panelActors)
      await saveSheet(services, actor, opened.id, buildSheet({ score: 3 }), { submit: true });
    // Reloaded from the database the case still leads to L6 (its panel and rule are L4's promotion).
    expect((await getCase(services, leadership, opened.id)).target_level).toBe('L6');
    await decideCase(services, leadership, opened.id, { note: 'ready', effective_date: '2026-12-01' });
    const builder = await findBuilder(getDb().db, 'skip@example.test');
    expect(builder?.levels).toEqual([
      { level: 'L4', since: '2024-01-01', track: TRACK },
      { level: 'L6', since: '2026-12-01', track: TRACK },
    ]);
  });

  it('takes a track-qualified target and stores it the way the roster names the level', async () => {
    const view = await open('qualified@example.test', `${TRACK}/L6`);
    expect(view.target_level).toBe('L6');
  });

  it('refuses a target the level does not lead to, naming every target it does', async () => {
    const refusal = await codeOf(open('wrong@example.test', 'L3'));
    expect(refusal).toEqual({
      code: 'validation_failed',
      message: 'target_level: L4 leads to L5 (L5) or L6 (Principal) or O1 (Owner I), not L3',
    });
    expect((await codeOf(open('wrong@example.test', 'L7'))).code).toBe('validation_failed');
  });

  it('opens to a target in another track (the decision moves the builder: promotion-cross-track.test.ts)', async () => {
    const view = await open('owner@example.test', 'O1');
    expect(view).toMatchObject({ from_level: 'L4', target_level: 'O1', target_label: 'Owner I' });
  });

  it('refuses a second live case out of the level to another target, naming the live one', async () => {
    const first = await open('both@example.test', 'L5');
    const refusal = await codeOf(open('both@example.test', 'L6'));
    expect(refusal).toEqual({
      code: 'invalid_state',
      message: `both@example.test already has case ${first.id} for L5 (open)`,
    });
  });

  it('the database holds one live case per candidate whatever its target (migration 0021)', async () => {
    // What the service's check cannot see: a second opening that read "no live case" before the first
    // committed. Written straight to the table, the partial unique index refuses it.
    const first = await open('index@example.test', 'L5');
    const stored = await findCase(getDb().db, first.id);
    if (stored === undefined) throw new Error('the case was not stored');
    const { id: _id, version: _version, ...row } = stored;
    await expect(insertCase(getDb().db, { ...row, targetLevel: 'L6' })).rejects.toMatchObject({
      cause: expect.objectContaining({ code: '23505' }) as unknown,
    });
    // A decided or withdrawn case is not live: the index leaves history alone.
    await expect(
      insertCase(getDb().db, { ...row, targetLevel: 'L6', status: 'withdrawn' }),
    ).resolves.toMatchObject({ targetLevel: 'L6' });
  });

  it('two openings at once to different targets: one case, the other told a live one exists', async () => {
    const results = await Promise.allSettled([
      open('race@example.test', 'L5'),
      open('race@example.test', 'L6'),
    ]);
    const opened = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(opened).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(DomainError);
    expect((refused[0] as DomainError).code).toBe('invalid_state');
  });

  it("readiness's assessment reads the case out of the level, whichever target it led to", async () => {
    const email = 'sat@example.test';
    const before = await services.readiness(services.db, leadership, email, '2026-11-26');
    expect(before.gaps).toContain(
      'the qualification assessment: not assessed yet (a promotion case decides it)',
    );
    const opened = await open(email, 'L6');
    await setPanel(services, leadership, opened.id, { panelists: [...PANEL] });
    for (const actor of panelActors)
      await saveSheet(services, actor, opened.id, buildSheet({ score: 1 }), { submit: true });
    const decided = await decideCase(services, leadership, opened.id, { note: 'not yet' });
    expect(decided.decision?.outcome).toBe('not_yet');
    // Readiness still answers against L5, the first target; the assessment it reports is the L6 case's.
    const after = await services.readiness(services.db, leadership, email, '2026-11-26');
    expect(after.target_level).toBe('L5');
    expect(after.gaps).toContain(
      `the qualification assessment: not passed (case ${opened.id}, decided 2026-11-26)`,
    );
  });

  it('takes target_level in the API body, and answers 400 for a target the level lacks', async () => {
    const post = (target_level: string) =>
      app.inject({
        method: 'POST',
        url: '/api/cases',
        payload: { candidate: 'http@example.test', override_reason: 'test case', target_level },
      });
    const wrong = await post('L2');
    expect(wrong.statusCode, wrong.body).toBe(400);
    expect(wrong.json<{ error: string; message: string }>().message).toMatch(/^target_level: L4 leads to/);
    const right = await post('L6');
    expect(right.statusCode, right.body).toBe(201);
    expect(right.json<{ target_level: string }>().target_level).toBe('L6');
  });
});
