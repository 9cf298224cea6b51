import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { listCaseEvents, listScores } from '../../src/db/repositories/promotion-case.repository.js';
import { findBuilder } from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { decideCase, getCase, saveSheet, withdrawCase } from '../../src/services/promotion-case.service.js';
import {
  caseClock,
  leadership,
  openSeatedCase,
  panelActors,
  seedCaseWorld,
  submitSheets,
} from '../helpers/case-world.js';
import { asActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';
import { buildSheet } from '../helpers/promotion-fixtures.js';

const CANDIDATES = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'].map((n) => `${n}@example.test`);
const [p1] = panelActors as [(typeof panelActors)[number], ...typeof panelActors];

/** Settles both writes and sorts them into the one that won and the one that lost. */
async function race<A, B>(a: Promise<A>, b: Promise<B>) {
  const results = await Promise.allSettled([a, b]);
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  return { results, won, lost };
}

function domainError(error: unknown): DomainError {
  expect(error, String(error)).toBeInstanceOf(DomainError);
  return error as DomainError;
}

forEachEngine('promotion case races', (getDb, engine) => {
  let one: Services;
  let two: Services;
  let second: DatabaseHandle | undefined;

  beforeAll(async () => {
    one = await seedCaseWorld(getDb(), CANDIDATES);
    const target = getDb().target;
    // On PostgreSQL the second writer is a separate pool (its own connections), as a second server
    // process would be; PGlite in memory has one connection, so both writers share it.
    if (engine === 'postgres' && target.engine === 'postgres') {
      second = await openDatabase(target);
      two = buildServices({ database: second, clock: caseClock });
    } else {
      two = one;
    }
  });
  afterAll(async () => {
    await second?.close();
  });

  it('over HTTP, two servers deciding one case answer 200 and 409, never 500', async () => {
    const id = await openSeatedCase(one, CANDIDATES[6]!);
    await submitSheets(one, id, [0, 1, 2]);
    const apps: FastifyInstance[] = [];
    for (const database of [getDb(), second ?? getDb()])
      apps.push(await buildApp({ database, clock: caseClock }, { authenticate: asActor(leadership) }));
    try {
      const answers = await Promise.all(
        apps.map((app) =>
          app.inject({ method: 'POST', url: `/api/cases/${id}/decision`, payload: { note: 'go' } }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      const loser = answers.find((a) => a.statusCode === 409);
      expect(loser?.json()).toMatchObject({
        error: 'invalid_state',
        message: expect.stringMatching(`case ${id} was decided`),
      });
    } finally {
      for (const app of apps) await app.close();
    }
  });

  /** The case's events are numbered 1…version with no gap and no duplicate. */
  async function expectConsistentTrail(id: number): Promise<string[]> {
    const events = await listCaseEvents(getDb().db, id);
    const view = await getCase(one, leadership, id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, index) => index + 1));
    expect(view.version).toBe(events.length);
    return events.map((e) => e.action);
  }

  it('two saves of one sheet from the same version: one wins, the other is a conflict naming the save', async () => {
    const id = await openSeatedCase(one, CANDIDATES[0]!);
    const { won, lost } = await race(
      saveSheet(one, p1, id, { ...buildSheet({ score: 2 }), base_version: 0 }, { submit: false }),
      saveSheet(two, p1, id, { ...buildSheet({ score: 4 }), base_version: 0 }, { submit: false }),
    );
    expect(won).toHaveLength(1);
    const error = domainError(lost[0]);
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(
      /p1@example\.test's sheet on case \d+ changed since version 0: it was saved at/,
    );
    const sheets = await listScores(getDb().db, id);
    expect(sheets).toHaveLength(1);
    expect(sheets[0]?.version).toBe(1);
    expect((await expectConsistentTrail(id)).filter((a) => a === 'save_draft')).toHaveLength(1);
    // The next save names the version it replaces and goes through; a save from the old version does not.
    const next = await saveSheet(one, p1, id, { ...buildSheet(), base_version: 1 }, { submit: false });
    expect(next.version).toBe(2);
    await expect(
      saveSheet(two, p1, id, { ...buildSheet(), base_version: 1 }, { submit: false }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('two submits of one sheet: one wins, the other is invalid_state saying when it was submitted', async () => {
    const id = await openSeatedCase(one, CANDIDATES[1]!);
    const { won, lost } = await race(
      saveSheet(one, p1, id, buildSheet({ score: 3 }), { submit: true }),
      saveSheet(two, p1, id, buildSheet({ score: 4 }), { submit: true }),
    );
    expect(won).toHaveLength(1);
    const error = domainError(lost[0]);
    expect(error.code).toBe('invalid_state');
    expect(error.message).toMatch(/already submitted scores for case \d+ at 2026-11-26T12:00:00\.000Z/);
    expect((await expectConsistentTrail(id)).filter((a) => a === 'submit_scores')).toHaveLength(1);
  });

  it('two decides: one decision, one level step; the other names who decided and when', async () => {
    const id = await openSeatedCase(one, CANDIDATES[2]!);
    await submitSheets(one, id, [0, 1, 2]);
    const { won, lost } = await race(
      decideCase(one, leadership, id, { note: 'first', effective_date: '2026-12-01' }),
      decideCase(two, leadership, id, { note: 'second', effective_date: '2026-12-01' }),
    );
    expect(won).toHaveLength(1);
    const error = domainError(lost[0]);
    expect(error.code).toBe('invalid_state');
    expect(error.message).toMatch(
      new RegExp(`case ${id} was decided \\(promoted\\) by lead@example.test at 2026-11-26T12:00:00.000Z`),
    );
    const builder = await findBuilder(getDb().db, CANDIDATES[2]!);
    expect(builder?.levels.map((l) => l.level)).toEqual(['L4', 'L5']);
    expect((await expectConsistentTrail(id)).filter((a) => a === 'decide')).toHaveLength(1);
  });

  it('the last submit racing a decide made on the version before it: the decide is refused either way', async () => {
    const id = await openSeatedCase(one, CANDIDATES[3]!);
    await submitSheets(one, id, [0, 1]);
    const seen = (await getCase(one, leadership, id)).version;
    const { won, lost } = await race(
      saveSheet(one, panelActors[2]!, id, buildSheet({ score: 3 }), { submit: true }),
      decideCase(two, leadership, id, { note: 'on what I saw', expected_version: seen }),
    );
    expect(won).toHaveLength(1);
    const error = domainError(lost[0]);
    // Decide first: 2 of 3 had submitted. Submit first: the case moved on, and the message says how.
    if (error.code === 'conflict') {
      expect(error.message).toMatch(
        new RegExp(`case ${id} changed since version ${seen}: submit_scores by p3@example.test at `),
      );
    } else {
      expect(error).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/2 of 3/) });
    }
    const view = await getCase(one, leadership, id);
    expect(view).toMatchObject({ status: 'assessing', decision: null, panel: { submitted: 3 } });
    await expectConsistentTrail(id);
  });

  it('a withdraw racing a decide: exactly one closes the case, the other names it', async () => {
    const id = await openSeatedCase(one, CANDIDATES[4]!);
    await submitSheets(one, id, [0, 1, 2]);
    const { won, lost } = await race(
      withdrawCase(one, leadership, id, { reason: 'candidate left' }),
      decideCase(two, leadership, id, { note: 'decided', outcome: 'not_yet', overrideReason: 'not now' }),
    );
    expect(won).toHaveLength(1);
    const error = domainError(lost[0]);
    expect(error.code).toBe('invalid_state');
    expect(error.message).toMatch(new RegExp(`case ${id} was (withdrawn|decided) .*by lead@example.test at`));
    const view = await getCase(one, leadership, id);
    expect(['withdrawn', 'decided']).toContain(view.status);
    expect(view.status === 'decided').toBe(view.decision !== null);
    await expectConsistentTrail(id);
  });

  it('a stale event counter (the 500 after a restart) is a conflict and writes nothing', async () => {
    const id = await openSeatedCase(one, CANDIDATES[5]!);
    const before = (await listCaseEvents(getDb().db, id)).length;
    // What two processes clobbering one data folder left behind: a counter behind the stored events.
    await getDb().db.execute(sql`update promotion_cases set version = version - 1 where id = ${id}`);
    const error = await saveSheet(one, p1, id, buildSheet(), { submit: false }).catch((e: unknown) => e);
    expect(domainError(error)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(`case ${id} was written by someone else at the same moment`),
    });
    expect(await listScores(getDb().db, id)).toHaveLength(0);
    expect(await listCaseEvents(getDb().db, id)).toHaveLength(before);
  });
});
