import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import type { ReferralAccrual } from '../../core/mentorship/referral.js';
import { createTestDatabase, forEachEngine, type TestDatabase } from '../../../test/helpers/database.js';
import { payoutRowsToCsv } from '../payout-csv.service.js';
import { exportOrganisation } from './export.service.js';
import { importOrganisation } from './import.service.js';

/**
 * CSV formula injection (issue 14): names a spreadsheet would run as formulas are written with a
 * leading `'`, and `ladder import` takes it away, so export → import → export is byte-identical.
 */

const EXAMPLE = path.resolve(import.meta.dirname, '../../../test/fixtures/example-org');
const operator: Actor = { kind: 'operator', name: 'test' };
const clock = fixedClock('2026-12-01T12:00:00Z');

/** Names that must survive the round trip exactly, each next to how the export must write it. */
const NAMES: [string, string][] = [
  ['=HYPERLINK("http://evil.test","x")', '"\'=HYPERLINK(""http://evil.test"",""x"")"'],
  ['+41 22 555', "'+41 22 555"],
  ['-Rosa', "'-Rosa"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ["'=already quoted", "''=already quoted"],
];

async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(dir)) out[name] = await readFile(path.join(dir, name), 'utf8');
  return out;
}

forEachEngine('CSV formula cells in export and import', (getDb, engine) => {
  let work: string;
  let second: TestDatabase;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'ladder-csv-injection-'));
    const source = path.join(work, 'source');
    await cp(EXAMPLE, source, { recursive: true });
    // Give people, builders and the client formula-looking names.
    const people = await readFile(path.join(source, 'people.csv'), 'utf8');
    const builders = await readFile(path.join(source, 'builders.csv'), 'utf8');
    await writeFile(
      path.join(source, 'people.csv'),
      people
        .replace('Wen Li', `"${NAMES[0]?.[0].replaceAll('"', '""')}"`)
        .replace('Ola Berg', NAMES[1]?.[0] ?? ''),
    );
    await writeFile(
      path.join(source, 'builders.csv'),
      // The file is hand-made: a name that must start with `'=` is written `''=` (docs/import-format.md).
      builders.replace('Rosa Quint', NAMES[2]?.[0] ?? '').replace('Tom Varga', `'${NAMES[4]?.[0] ?? ''}`),
    );
    await writeFile(path.join(source, 'clients.csv'), `id,name\nnorthwind,${NAMES[3]?.[0]}\n`);
    await importOrganisation({ db: getDb().db, clock }, operator, source);
    second = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await second.destroy();
    await rm(work, { recursive: true, force: true });
  });

  it('writes formula-looking names with one leading quote and plain names unchanged', async () => {
    const out = path.join(work, 'first');
    await exportOrganisation({ db: getDb().db, clock }, operator, out);
    const files = await filesOf(out);
    const csv = `${files['people.csv']}${files['builders.csv']}${files['clients.csv']}`;
    for (const index of [0, 1, 2, 3, 4]) expect(csv).toContain(NAMES[index]?.[1]);
    // Money stays a plain number, never quoted.
    expect(files['builders.csv']).toMatch(/,8400\.00,USD/);
    // Every written cell is safe: none starts with a trigger character.
    for (const name of ['people.csv', 'builders.csv', 'clients.csv', 'placements.csv']) {
      const rows: string[][] = parse(files[name] ?? '');
      for (const cell of rows.flat()) expect(cell, `${name}: ${cell}`).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
    }
  });

  it('reads back the same names: export → import → export is byte-identical', async () => {
    const first = path.join(work, 'first');
    await importOrganisation({ db: second.db, clock }, operator, first);
    const again = path.join(work, 'again');
    await exportOrganisation({ db: second.db, clock }, operator, again);
    const a = await filesOf(first);
    const b = await filesOf(again);
    expect(b).toEqual(a);
    expect(a['builders.csv']).toContain(NAMES[2]?.[1]);
  });
});

it('payout CSV: a formula-looking text cell gets a quote, a negative amount stays a number', () => {
  const row: ReferralAccrual = {
    mentor: '=cmd|"/c calc"!A1',
    mentee: 'tom@example.test',
    placement: '@pl-1',
    mentorship: 'ms-1',
    month_index: 1,
    months: 6,
    percent: 3,
    rate_minor: 520000,
    amount_minor: -15600,
    currency: 'USD',
    month_start: '2026-01-01',
    payable_month: '2026-02',
    mentor_level: 'L4',
    ladder_version: '2026-02-01',
  };
  const rows = parse<Record<string, string>>(payoutRowsToCsv([row]), { columns: true });
  expect(rows[0]?.mentor).toBe('\'=cmd|"/c calc"!A1');
  expect(rows[0]?.placement).toBe("'@pl-1");
  expect(rows[0]?.amount_minor).toBe('-15600');
  expect(rows[0]?.mentee).toBe('tom@example.test');
});
