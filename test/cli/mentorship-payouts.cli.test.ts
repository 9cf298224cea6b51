import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliContext } from '../../src/cli/context.js';
import { runCli } from '../../src/cli/program.js';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import {
  createBuilder,
  createClient,
  createPerson,
  createPlacement,
} from '../../src/services/roster.service.js';

/** Runs `ladder …` against the test's data folder and captures what it prints. */
async function ladder(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ctx = { ...createCliContext(env), clock: fixedClock('2026-03-18T09:00:00Z'), stdout, stderr };
  const code = await runCli(argv, ctx);
  return { code, out, err };
}

const track = 'ai-first-business-manager';
const builder = (name: string, level: string, since: string) => ({
  email: `${name.toLowerCase()}@example.test`,
  name,
  track,
  levels: [{ level, since }],
  rates: [{ since, rate_minor: 500000, currency: 'USD' }],
});

describe('ladder mentorships / checkins / payouts', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ladder-cli-mentorship-'));
    env = { DATABASE_URL: `file:${dir}`, LADDER_OPERATOR: 'test' };
    const database = await openDatabase({ engine: 'pglite', dataDir: dir });
    try {
      await runMigrations(database);
      const deps = { db: database.db, clock: fixedClock('2026-01-01T00:00:00Z') };
      await createBuilder(deps, systemActor, builder('Ana', 'L4', '2025-01-01'));
      await createBuilder(deps, systemActor, builder('Cy', 'L1', '2025-06-01'));
      await createBuilder(deps, systemActor, builder('Dee', 'L2', '2025-06-01'));
      await createBuilder(deps, systemActor, builder('Eve', 'L3', '2025-06-01'));
      await createPerson(deps, systemActor, {
        email: 'wen@example.test',
        name: 'Wen Li',
        role: 'leadership',
      });
      await createClient(deps, systemActor, { id: 'northwind', name: 'Northwind' });
      await createPlacement(deps, systemActor, {
        id: 'pl-cy',
        builder: 'cy@example.test',
        client: 'northwind',
        start: '2026-01-31',
        end: null,
        rate_minor: 825050,
        currency: 'USD',
        extended: false,
        requested_back: false,
      });
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('assigns a mentorship the ladder allows', async () => {
    const result = await ladder(
      env,
      'mentorships',
      'assign',
      '--mentor',
      'ana@example.test',
      '--mentee',
      'cy@example.test',
      '--start',
      '2026-01-05',
    );
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /: Ana <ana@example.test> mentors Cy <cy@example.test> from 2026-01-05 \(weekly check-ins\)/,
    );
  });

  it.each([
    {
      why: 'a full L4',
      args: ['--mentor', 'ana@example.test', '--mentee', 'dee@example.test'],
      message: 'ladder: mentor_slots_full: L4 mentors may hold 1 mentee; Ana already mentors Cy',
    },
    {
      why: 'an L3 mentee of an L4',
      args: ['--mentor', 'ana@example.test', '--mentee', 'eve@example.test'],
      message: 'ladder: mentee_level_not_eligible: L4 mentors may take L1–L2 mentees; Eve is L3',
    },
    {
      why: 'an L3 mentor',
      args: ['--mentor', 'eve@example.test', '--mentee', 'cy@example.test'],
      message: 'ladder: mentor_not_eligible: L3 mentors may hold 0 mentees (ladder of 2026-02-01); Eve is L3',
    },
  ])('refuses $why with exit code 5 and one line naming the rule', async ({ args, message }) => {
    const result = await ladder(env, 'mentorships', 'assign', ...args, '--start', '2026-02-01');
    expect(result.code).toBe(5);
    expect(result.err.trim()).toBe(message);
    expect(result.out).toBe('');
  });

  it('lists mentorships as text and JSON, by mentor', async () => {
    const text = await ladder(env, 'mentorships', '--mentor', 'ana@example.test', '--at', '2026-03-18');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /Ana <ana@example.test> \(L4\) mentors Cy <cy@example.test> \(L1\): gives, weekly/,
    );
    expect(text.out).toMatch(/referral: earning 3 % × 6 months on pl-cy/);
    const json = await ladder(env, 'mentorships', '--json');
    const parsed = JSON.parse(json.out) as { mentorships: { mentee: string; relation: string }[] };
    expect(parsed.mentorships.map((m) => [m.mentee, m.relation])).toEqual([['cy@example.test', 'gives']]);
  });

  it('lists check-ins due on a day', async () => {
    const text = await ladder(env, 'checkins', 'due', '--at', '2026-01-06');
    expect(text.code).toBe(0);
    expect(text.out.trim()).toBe(
      'due: ana@example.test → cy@example.test (weekly) by 2026-01-11; last check-in never; streak 0',
    );
    const json = await ladder(env, 'checkins', 'due', '--at', '2026-01-20', '--json');
    expect(JSON.parse(json.out)).toMatchObject({
      at: '2026-01-20',
      due: [
        { mentee: 'cy@example.test', status: 'overdue', missed_in_a_row: 2, overdue_since: '2026-01-12' },
      ],
    });
  });

  it('prints a month of payouts as text, JSON and CSV, to the cent', async () => {
    const text = await ladder(env, 'payouts', '--month', '2026-02');
    // Mentor and mentee by name, the email beside each (issue 17).
    expect(text.out).toContain(
      '  Ana <ana@example.test> ← Cy <cy@example.test> pl-cy month 2 of 6 (from 2026-02-28): 3 % of 8250.50 = 247.52 USD',
    );
    expect(text.out).toContain('total Ana <ana@example.test>: 247.52 USD (1 rows)');
    const json = JSON.parse((await ladder(env, 'payouts', '--month', '2026-03', '--json')).out) as {
      rows: unknown[];
    };
    expect(json.rows).toEqual([
      expect.objectContaining({
        mentor: 'ana@example.test',
        mentee: 'cy@example.test',
        placement: 'pl-cy',
        month_index: 3,
        months: 6,
        percent: 3,
        rate_minor: 825050,
        amount_minor: 24752,
        currency: 'USD',
        payable_month: '2026-03',
      }),
    ]);
    const csv = await ladder(env, 'payouts', '--month', '2026-03', '--csv', '--mentor', 'ana@example.test');
    expect(csv.out.split('\n').slice(0, 2)).toEqual([
      'mentor,mentee,placement,month_index,months,percent,rate_minor,amount_minor,currency,payable_month,month_start,mentor_level,ladder_version,mentorship',
      expect.stringMatching(
        /^ana@example.test,cy@example.test,pl-cy,3,6,3,825050,24752,USD,2026-03,2026-03-31,L4,2026-02-01,ms-/,
      ),
    ]);
  });

  it.each([
    [['payouts', '--month', '2026-3'], 2, /month: expected a month YYYY-MM/],
    [['payouts', '--month', '2026-03', '--json', '--csv'], 2, /choose one/],
    [['payouts', '--month', '2026-03', '--mentor', 'nobody@example.test'], 3, /not found/],
    [['checkins', 'due', '--at', '2026-02-30'], 2, /at: expected a real calendar date/],
  ])('ladder %j exits %i with a clear message', async (argv, code, message) => {
    const result = await ladder(env, ...argv);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
  });
});
