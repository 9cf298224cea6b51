import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import type { Actor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import { bulkPathOf } from '../../db/repositories/bulk-load.repository.js';
import { countEvidence, findEvidence } from '../../db/repositories/evidence.repository.js';
import { importOrganisation, type ImportProgress } from './import.service.js';

/**
 * The import as a stream (ADR 0015): it never holds more than two batches of records whatever the
 * file's size, records may name records further on in the file (across batches), and what only the
 * whole file can tell — a forward reference that never comes, an id twice far apart — is still found,
 * with its line, and nothing written.
 */

const EXAMPLE = path.resolve(import.meta.dirname, '../../../test/fixtures/example-org');
const operator: Actor = { kind: 'operator', name: 'test' };
const clock = fixedClock('2026-03-01T09:00:00Z');
const line = (record: Record<string, unknown>): string => JSON.stringify(record);

/** The example organisation with evidence.ndjson replaced by `lines` (line 1 = lines[0]). */
async function orgWithLedger(lines: string[]): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'ladder-stream-')), 'org');
  await cp(EXAMPLE, dir, { recursive: true });
  await writeFile(path.join(dir, 'evidence.ndjson'), `${lines.join('\n')}\n`);
  return dir;
}

const exampleLines = async (): Promise<string[]> =>
  (await readFile(path.join(EXAMPLE, 'evidence.ndjson'), 'utf8')).split('\n').filter((l) => l !== '');

const checkin = (i: number, extra: Record<string, unknown> = {}): string =>
  line({
    id: `ci-${i}`,
    kind: 'checkin',
    builder: 'rosa@example.test',
    date: `2025-10-${String((i % 28) + 1).padStart(2, '0')}`,
    recorded_by: 'rosa@example.test',
    mentee: 'tom@example.test',
    ...extra,
  });

async function importErrors(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'import_failed')
      return (error.details as { errors: string[] }).errors;
    throw error;
  }
  throw new Error('expected the import to fail');
}

forEachEngine('ladder import as a stream', (getDb, engine) => {
  const deps = () => ({ db: getDb().db, clock });

  it('takes COPY on PostgreSQL and one INSERT … SELECT per batch on PGlite', async () => {
    const path = await getDb().db.transaction((tx) => bulkPathOf(tx));
    expect(path).toBe(engine === 'postgres' ? 'copy' : 'insert-select');
  });

  it('never holds more than two batches of records, whatever the file’s size', async () => {
    // 40 batches of 50: a whole-file structure would hold all 2 000 at once.
    const lines = [...(await exampleLines()), ...Array.from({ length: 2000 }, (_, i) => checkin(i))];
    const seen: ImportProgress[] = [];
    const summary = await importOrganisation(deps(), operator, await orgWithLedger(lines), {
      batchSize: 50,
      onProgress: (p) => seen.push(p),
    });
    expect(summary.created.evidence).toBe(2013);
    expect(await countEvidence(getDb().db)).toBe(2013);
    const held = seen.flatMap((p) => (p.held === undefined ? [] : [p.held]));
    expect(held.length).toBeGreaterThan(1);
    expect(Math.max(...held)).toBeLessThanOrEqual(100);
    expect(seen.at(-1)).toEqual({ phase: 'done', done: 2013, total: 2013 });
  });
});

// Every reading below runs twice: parsed in this thread, and in the parse worker (what a large file
// gets), which must give the same records and the same problems with the same lines.
for (const parseInWorker of [false, true]) {
  const mode = parseInWorker ? ', parsed in a worker thread' : '';

  forEachEngine(`ladder import as a stream, any order${mode}`, (getDb) => {
    const deps = () => ({ db: getDb().db, clock });
    const batches = { batchSize: 2, parseInWorker };

    it('accepts corrections, retros, citations and self-evaluations before the records they name', async () => {
      const lines = (await exampleLines()).reverse();
      const correction = line({
        id: 'ev-4b',
        kind: 'adr',
        builder: 'rosa@example.test',
        date: '2025-04-11',
        recorded_by: 'rosa@example.test',
        supersedes: 'ev-4',
        title: 'Use the existing Postgres for routing data',
        status: 'superseded',
        link: '',
      });
      const summary = await importOrganisation(
        deps(),
        operator,
        await orgWithLedger([correction, ...lines]),
        batches,
      );
      expect(summary.created.evidence).toBe(14);
      expect((await findEvidence(getDb().db, 'ev-4b'))?.supersedes).toBe('ev-4');
    });
  });

  forEachEngine(`ladder import as a stream, refusals${mode}`, (getDb) => {
    const deps = () => ({ db: getDb().db, clock });
    const batches = { batchSize: 2, parseInWorker };

    it('names the line of a reference that never comes, and of an id that comes twice far apart', async () => {
      const lines = await exampleLines();
      const dir = await orgWithLedger([
        line({
          id: 'ret-early',
          kind: 'retro',
          builder: 'rosa@example.test',
          date: '2025-06-21',
          recorded_by: 'rosa@example.test',
          feature_id: 'ev-2',
          hypothesis: '',
          what_happened: '',
          what_to_change: '',
        }),
        line({
          id: 'ret-ghost',
          kind: 'retro',
          builder: 'rosa@example.test',
          date: '2025-06-21',
          recorded_by: 'rosa@example.test',
          feature_id: 'ev-404',
          hypothesis: '',
          what_happened: '',
          what_to_change: '',
        }),
        ...lines,
        checkin(1),
        checkin(2),
        checkin(3),
        checkin(1),
      ]);
      expect(await importErrors(() => importOrganisation(deps(), operator, dir, batches))).toEqual([
        'evidence.ndjson:2: feature_id: unknown evidence record ev-404',
        'evidence.ndjson:19: id: duplicate evidence id ci-1 (an earlier record of this import has it)',
      ]);
      expect(await countEvidence(getDb().db)).toBe(0);
    });

    it('applies the correction rules to a correction that comes before its original', async () => {
      const lines = await exampleLines();
      // ev-10 is leadership's escalation (line 11 once the fix is first): the builder may not correct it.
      const fix = line({
        id: 'ev-10-fix',
        kind: 'escalation',
        builder: 'rosa@example.test',
        date: '2025-09-03',
        recorded_by: 'rosa@example.test',
        client: 'northwind',
        summary: 'none',
        supersedes: 'ev-10',
      });
      const second = line({
        id: 'ev-10-again',
        kind: 'escalation',
        builder: 'rosa@example.test',
        date: '2025-09-04',
        recorded_by: 'head@example.test',
        client: 'northwind',
        summary: 'none',
        supersedes: 'ev-10',
      });
      const dir = await orgWithLedger([fix, ...lines, second]);
      expect(await importErrors(() => importOrganisation(deps(), operator, dir, batches))).toEqual([
        'evidence.ndjson:1: supersedes: ev-10-fix would correct ev-10, which head@example.test recorded; ' +
          'rosa@example.test may not (rule: a correction is made by whoever recorded the original, or by leadership)',
        'evidence.ndjson:15: supersedes: ev-10 is already corrected by ev-10-fix; correct that record instead',
      ]);
      expect(await countEvidence(getDb().db)).toBe(0);
    });

    it('lists only the lines’ own problems when one is malformed, wherever it is', async () => {
      const lines = [...(await exampleLines()), checkin(1, { mentee: 'ghost@example.test' }), '{oops'];
      const dir = await orgWithLedger(lines);
      const errors = await importErrors(() => importOrganisation(deps(), operator, dir, batches));
      expect(errors).toEqual([expect.stringMatching(/^evidence\.ndjson:15: \(json\): not valid JSON: /)]);
    });

    it('reads a BOM, CRLF line ends and a last line without LF, and names every line that is not UTF-8', async () => {
      const lines = await exampleLines();
      const good = await orgWithLedger([]);
      await writeFile(
        path.join(good, 'evidence.ndjson'),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'))]),
      );
      expect((await importOrganisation(deps(), operator, good, batches)).created.evidence).toBe(13);
      const bad = await orgWithLedger([]);
      const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');
      await writeFile(
        path.join(bad, 'evidence.ndjson'),
        Buffer.concat([
          latin1(`${checkin(90, { id: 'caf\u00e9' })}\n${checkin(91)}\n`),
          latin1(checkin(92, { id: '\u00e9' })),
        ]),
      );
      expect(await importErrors(() => importOrganisation(deps(), operator, bad, batches))).toEqual([
        'evidence.ndjson:1: (encoding): not valid UTF-8: byte 0xe9 at column 11; save the file as UTF-8',
        'evidence.ndjson:3: (encoding): not valid UTF-8: byte 0xe9 at column 8; save the file as UTF-8',
      ]);
    });
  });
}
