import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  forEachEngine,
  testEngines,
  type TestDatabase,
} from '../../../test/helpers/database.js';
import type { Actor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import { countEvidence } from '../../db/repositories/evidence.repository.js';
import { listAllBuilders } from '../../db/repositories/roster.repository.js';
import { exportOrganisation } from './export.service.js';
import { importOrganisation } from './import.service.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../../test/fixtures/example-org');
const operator: Actor = { kind: 'operator', name: 'test' };
const clock = fixedClock('2026-03-01T09:00:00Z');

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'ladder-import-'));
}

/** A copy of the shipped example with `changes` applied (file → new text, or a function of the old text). */
async function exampleWith(
  changes: Record<string, string | ((text: string) => string)> = {},
): Promise<string> {
  const dir = await tempDir();
  await cp(EXAMPLE, dir, { recursive: true });
  for (const [name, change] of Object.entries(changes)) {
    const file = path.join(dir, name);
    const old = await readFile(file, 'utf8').catch(() => '');
    await writeFile(file, typeof change === 'string' ? change : change(old));
  }
  return dir;
}

async function importErrors(db: TestDatabase, dir: string): Promise<string[]> {
  try {
    await importOrganisation({ db: db.db, clock }, operator, dir);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'import_failed') {
      return (error.details as { errors?: string[] } | undefined)?.errors ?? [error.message];
    }
    throw error;
  }
  throw new Error('expected the import to fail');
}

/** 300 check-ins of Rosa with Tom, one a line, the 150th naming a mentee who does not exist. */
function manyCheckins(text: string): string {
  const lines = [text.trimEnd()];
  for (let i = 1; i <= 300; i++) {
    const mentee = i === 150 ? 'ghost@example.test' : 'tom@example.test';
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      JSON.stringify({
        id: `ci-${i}`,
        kind: 'checkin',
        builder: 'rosa@example.test',
        date: `2025-10-${day}`,
        recorded_by: 'rosa@example.test',
        mentee,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

forEachEngine('ladder import', (getDb) => {
  it('imports the shipped example organisation against the shipped ladder', async () => {
    const summary = await importOrganisation({ db: getDb().db, clock }, operator, EXAMPLE);
    expect(summary.created).toEqual({
      people: 2,
      builders: 3,
      clients: 1,
      placements: 2,
      mentorships: 2,
      evidence: 13,
    });
    const rosa = (await listAllBuilders(getDb().db)).find((b) => b.email === 'rosa@example.test');
    // The example's levels.csv has no track column (a file from before ADR 0030): each step is in the
    // builder's track.
    expect(rosa?.levels).toEqual([
      { level: 'L3', since: '2023-05-01', track: 'ai-first-business-manager' },
      { level: 'L4', since: '2025-02-03', track: 'ai-first-business-manager' },
    ]);
    expect(rosa?.rates).toEqual([{ since: '2025-02-03', rate_minor: 840000, currency: 'USD' }]);
  });

  it('changes nothing when the same folder is imported again', async () => {
    const summary = await importOrganisation(
      { db: getDb().db, clock: fixedClock('2026-04-01T00:00:00Z') },
      operator,
      EXAMPLE,
    );
    expect(summary.created).toEqual({
      people: 0,
      builders: 0,
      clients: 0,
      placements: 0,
      mentorships: 0,
      evidence: 0,
    });
    expect(summary.updated).toEqual({
      people: 0,
      builders: 0,
      clients: 0,
      placements: 0,
      mentorships: 0,
      evidence: 0,
    });
    expect(summary.unchanged).toBe(23);
  });

  it('updates a roster row that changed, and refuses an evidence id that comes back different', async () => {
    const changedPlacement = await exampleWith({
      'placements.csv': (t) =>
        t.replace(
          'pl-tom-1,tom@example.test,northwind,2025-09-15,,',
          'pl-tom-1,tom@example.test,northwind,2025-09-15,2026-01-31,',
        ),
    });
    const summary = await importOrganisation({ db: getDb().db, clock }, operator, changedPlacement);
    expect(summary.updated.placements).toBe(1);
    const rewritten = await exampleWith({
      'evidence.ndjson': (t) => t.replace('"lesson":"Measure before caching', '"lesson":"Cache everything'),
    });
    expect(await importErrors(getDb(), rewritten)).toEqual([
      'evidence.ndjson:5: id: ev-5 is already in the ledger with other content; a correction is a new record with supersedes: ev-5',
    ]);
  });
});

forEachEngine('ladder import, all or nothing', (getDb) => {
  it('writes nothing when one row among hundreds is bad, and names that row', async () => {
    const dir = await exampleWith({ 'evidence.ndjson': manyCheckins });
    expect(await importErrors(getDb(), dir)).toEqual([
      'evidence.ndjson:163: mentee: unknown builder ghost@example.test',
    ]);
    expect(await countEvidence(getDb().db)).toBe(0);
    expect(await listAllBuilders(getDb().db)).toEqual([]);
  });

  const cases: [string, Record<string, string | ((t: string) => string)>, string[]][] = [
    ['a missing column', { 'clients.csv': 'id\nnorthwind\n' }, ['clients.csv:1: name: missing column']],
    [
      'an unknown column',
      {
        'people.csv': (t) =>
          t
            .replace('email,name,role', 'email,name,role,age')
            .replace(/leadership$/m, 'leadership,40')
            .replace(/client_stakeholder$/m, 'client_stakeholder,30'),
      },
      ['people.csv:1: age: unknown column; expected: email,name,role'],
    ],
    [
      'money with three decimals',
      { 'builders.csv': (t) => t.replace('8400.00', '8400.005') },
      ['builders.csv:2: monthly_rate: expected at most 2 decimals, got "8400.005"'],
    ],
    [
      'a flag that is not true/false',
      { 'placements.csv': (t) => t.replace('USD,true,false', 'USD,yes,false') },
      ['placements.csv:2: extended: expected true or false'],
    ],
    [
      'an unknown client',
      {
        'placements.csv': (t) =>
          t.replace('pl-tom-1,tom@example.test,northwind', 'pl-tom-1,tom@example.test,acme'),
      },
      ['placements.csv:3: client_id: unknown client acme'],
    ],
    [
      'an unknown level',
      {
        'levels.csv': (t) => t.replace('rosa@example.test,L3,2023-05-01', 'rosa@example.test,L7,2023-05-01'),
      },
      [
        'levels.csv:2: level: unknown level L7 in track ai-first-business-manager; expected one of: L1, L2, L3, L4, L5',
      ],
    ],
    [
      'a history that disagrees with builders.csv',
      { 'builders.csv': (t) => t.replace('L4,2025-02-03', 'L4,2025-02-04') },
      ['builders.csv:2: level: levels.csv ends with L4 since 2025-02-03, not L4 since 2025-02-04'],
    ],
    [
      'a duplicate builder',
      {
        'builders.csv': (t) =>
          `${t.trimEnd()}\nTOM@example.test,Tom Again,ai-first-business-manager,L1,2025-06-16,5200.00,USD\n`,
      },
      ['builders.csv:5: email: duplicate builder tom@example.test (first at entry 2)'],
    ],
    [
      'a mentor who does not exist',
      {
        'mentorships.csv': (t) =>
          t.replace('rosa@example.test,tom@example.test', 'nobody@example.test,tom@example.test'),
      },
      ['mentorships.csv:2: mentor_email: unknown person nobody@example.test'],
    ],
    [
      'a line that is not JSON',
      { 'evidence.ndjson': (t) => t.replace('{"id":"ev-4"', '{id:"ev-4"') },
      [expect.stringMatching(/^evidence\.ndjson:4: \(json\): not valid JSON: /)],
    ],
    [
      'an unknown kind',
      { 'evidence.ndjson': (t) => t.replace('"kind":"adr"', '"kind":"memo"') },
      [
        'evidence.ndjson:4: kind: unknown evidence kind "memo"; expected one of: decision, feature, retro, adr, code_review, review_citation, mentee_review, checkin, client_feedback, escalation, curriculum, self_evaluation, milestone_assessment',
      ],
    ],
    [
      // No active ladder has a points block (only the shipped file is active): nothing can be assessed.
      'a milestone assessment while no ladder scores points',
      {
        'evidence.ndjson': (t) =>
          `${t}{"id":"ma-1","kind":"milestone_assessment","builder":"rosa@example.test","date":"2025-10-01","recorded_by":"head@example.test","competency":"pipelines","milestone":2,"note":""}\n`,
      },
      [
        'evidence.ndjson:14: competency: competency area pipelines has no milestones: no active ladder scores points',
      ],
    ],
    [
      // The assessor rule (ADR 0025) applies to imports as to the API: never the builder's own word.
      'a self-assessment of a milestone',
      {
        'evidence.ndjson': (t) =>
          `${t}{"id":"ma-2","kind":"milestone_assessment","builder":"rosa@example.test","date":"2025-10-01","recorded_by":"rosa@example.test","competency":"pipelines","milestone":2,"note":""}\n`,
      },
      [
        'evidence.ndjson:14: competency: competency area pipelines has no milestones: no active ladder scores points',
        "evidence.ndjson:14: recorded_by: ma-2: rosa@example.test may not assess their own milestones; their mentor or leadership records the assessment (rule: a milestone is assessed by the builder's mentor on its date or by leadership, never by the builder)",
      ],
    ],
    [
      'a missing field',
      {
        'evidence.ndjson': (t) =>
          t.replace(',"lesson":"Measure before caching: the slow query was a missing index"', ''),
      },
      ['evidence.ndjson:5: lesson: required field is missing'],
    ],
    [
      'a citation of an unknown review',
      { 'evidence.ndjson': (t) => t.replace('"review_id":"ev-5"', '"review_id":"ev-50"') },
      ['evidence.ndjson:6: review_id: unknown evidence record ev-50'],
    ],
    [
      'a module the ladder does not have',
      { 'evidence.ndjson': (t) => t.replace('"module_id":"product-analytics"', '"module_id":"juggling"') },
      ['evidence.ndjson:11: module_id: unknown curriculum module juggling in the active ladder'],
    ],
    [
      'a correction of an unknown record',
      { 'evidence.ndjson': (t) => t.replace('"supersedes":null', '"supersedes":"ev-404"') },
      ['evidence.ndjson:13: supersedes: unknown evidence record ev-404'],
    ],
    [
      'two corrections of one record',
      {
        'evidence.ndjson': (t) =>
          `${t.trimEnd()}\n${JSON.stringify({ id: 'c1', kind: 'adr', builder: 'rosa@example.test', date: '2025-05-01', recorded_by: 'rosa@example.test', supersedes: 'ev-4', title: 't', status: 'accepted', link: '' })}\n${JSON.stringify({ id: 'c2', kind: 'adr', builder: 'rosa@example.test', date: '2025-05-02', recorded_by: 'rosa@example.test', supersedes: 'ev-4', title: 't', status: 'rejected', link: '' })}\n`,
      },
      ['evidence.ndjson:15: supersedes: ev-4 is already corrected by c1; correct that record instead'],
    ],
  ];
  it.each(cases)('refuses %s with file:line: column: problem', async (_name, changes, expected) => {
    expect(await importErrors(getDb(), await exampleWith(changes))).toEqual(expected);
    expect(await listAllBuilders(getDb().db)).toEqual([]);
  });

  it('lists every problem of the files at once', async () => {
    const dir = await exampleWith({
      'clients.csv': 'id,name\nnorth wind,Northwind\n',
      'builders.csv': (t) => t.replace('5200.00', 'abc'),
    });
    expect(await importErrors(getDb(), dir)).toEqual([
      'builders.csv:3: monthly_rate: expected an amount such as 8250.50, got "abc"',
      'clients.csv:2: id: expected an id of letters, digits, . _ : - (max 128)',
    ]);
  });
});

describe('levels.csv track column (ADR 0030)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('checks each step in its own track and the latest step against the builder’s track', async () => {
    const dir = await exampleWith({
      'levels.csv': [
        'email,track,level,since',
        // An unknown track; then Rosa's latest step in a track that is not builders.csv's.
        'rosa@example.test,sales,L3,2023-05-01',
        'rosa@example.test,owner,L4,2025-02-03',
        // Empty cells: the builder's track.
        'tom@example.test,,L1,2025-06-16',
        'uma@example.test,,L4,2021-11-01',
        'uma@example.test,,L5,2023-09-01',
        '',
      ].join('\n'),
    });
    expect(await importErrors(db, dir)).toEqual([
      'levels.csv:2: track: unknown track sales; expected one of: ai-first-business-manager, owner',
      'levels.csv:3: level: unknown level L4 in track owner; expected one of: ',
      "levels.csv:3: track: the latest level step is in track owner, not the builder's track ai-first-business-manager: a builder's track is their latest step's",
    ]);
  });
});

describe('ladder export', () => {
  const engine = testEngines().at(-1) ?? 'pglite';
  let first: TestDatabase;
  let second: TestDatabase;
  beforeAll(async () => {
    first = await createTestDatabase(engine);
    second = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await first.destroy();
    await second.destroy();
  });

  it(`gives byte-identical files after export → import into an empty database → export [${engine}]`, async () => {
    const withCorrection = await exampleWith({
      'evidence.ndjson': (t) =>
        `${t.trimEnd()}\n${JSON.stringify({ id: 'ev-13b', kind: 'decision', builder: 'rosa@example.test', date: '2025-10-01', recorded_by: 'rosa@example.test', supersedes: 'ev-13', type: 'feature_proposal', title: 'Driver chat, "later"', recommendation: 'Line one,\nline two', data: 'ünïcødé', client: 'northwind', client_response: 'rejected', confirmed_by: 'pm@northwind.example.test', outcome: '', significant: false })}\n`,
      'clients.csv': 'id,name\nnorthwind,"Northwind, ""Logistics"""\n',
    });
    await importOrganisation({ db: first.db, clock }, operator, withCorrection);
    const out1 = await tempDir();
    const out2 = await tempDir();
    await exportOrganisation({ db: first.db, clock }, operator, out1);
    await importOrganisation({ db: second.db, clock: fixedClock('2027-01-01T00:00:00Z') }, operator, out1);
    await exportOrganisation({ db: second.db, clock }, operator, out2);
    const names = (await readdir(out1)).sort();
    expect(names).toEqual([
      'builders.csv',
      'clients.csv',
      'evidence.ndjson',
      'levels.csv',
      'mentorships.csv',
      'people.csv',
      'placements.csv',
      'rates.csv',
    ]);
    for (const name of names) {
      expect(await readFile(path.join(out2, name)), name).toEqual(await readFile(path.join(out1, name)));
    }
    const ledger = await readFile(path.join(out1, 'evidence.ndjson'), 'utf8');
    expect(ledger.split('\n').filter(Boolean)).toHaveLength(14);
    // recorded_at is exported, so a re-import keeps when each record entered the ledger.
    expect(ledger).toContain('"recorded_at":"2026-03-01T09:00:00.000Z"');
    expect(await readFile(path.join(out1, 'placements.csv'), 'utf8')).toContain(
      'pl-rosa-1,rosa@example.test,northwind,2025-03-01,,8400.00,USD,true,false',
    );
  });
});
