import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Readiness } from '../../src/core/evaluation/readiness.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import { findBuilder } from '../../src/db/repositories/roster.repository.js';
import { listAudit } from '../../src/services/audit.service.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { exportOrganisation } from '../../src/services/interchange/export.service.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { publishLadder } from '../../src/services/ladder.service.js';
import { decideCase, openCase, saveSheet, setPanel } from '../../src/services/promotion-case.service.js';
import { getReadiness, referenceReadiness } from '../../src/services/readiness.service.js';
import { createBuilder, createClient, createPerson } from '../../src/services/roster.service.js';
import { caseClock, leadership, ops, PANEL, panelActors } from '../helpers/case-world.js';
import { make } from '../factories/evaluation-records.js';
import { createTestDatabase, forEachEngine } from '../helpers/database.js';
import { buildSheet, shippedLadderPath } from '../helpers/promotion-fixtures.js';

const TRACK = 'ai-first-business-manager';
const EFFECTIVE = '2026-12-01';

/**
 * The shipped ladder with an Owner track that shares the id L4 (disciplines may share level ids, ADR
 * 0020): its L4 defines no standard, while the shipped L4 has six metrics. The shipped L4 leads to L5 or
 * to the Owner track's O2. Every other line is the shipped file's.
 */
function crossTrackLadder(): string {
  const shipped = readFileSync(shippedLadderPath, 'utf8');
  const edits: [string, string][] = [
    ['    levels: []', '    levels: [L4, O2]'],
    ['      target_level: L5', '      target_levels: [L5, owner/O2]'],
  ];
  let text = shipped;
  for (const [from, to] of edits) {
    if (text.split(from).length !== 2) throw new Error(`the shipped ladder changed: ${from}`);
    text = text.replace(from, to);
  }
  return `${text}
  - id: L4
    track: owner
    label: Owner apprentice
    title: Owner apprentice
    status: not_written
  - id: O2
    track: owner
    label: Owner
    title: Owner
    status: not_written
`;
}

// A builder promoted from the shipped track's L4 into the Owner track's O2 (ADR 0030): the decision moves
// the builder and adds the step in the new track in one transaction, the earlier step stays in the
// earlier track (history, time at level, readiness on an earlier day), and the export names each step's
// track, so export → import → export gives the same files.
forEachEngine('a promotion case decided into a level of another track (ADR 0030)', (getDb, engine) => {
  let services: Services;
  let caseId: number;
  const source = crossTrackLadder();

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock: caseClock });
    expect((await publishLadder(services, ops, { source, file: 'cross-track.yaml' })).created).toBe(true);
    await createPerson(services, ops, { email: 'lead@example.test', name: 'Lea Lead', role: 'leadership' });
    const builder = (email: string, track: string, level: string) =>
      createBuilder(services, ops, {
        email,
        name: email.split('@')[0],
        track,
        levels: [{ level, since: '2024-01-01' }],
        rates: [{ since: '2024-01-01', rate_minor: 800_000, currency: 'USD' }],
      });
    for (const email of PANEL) await builder(email, TRACK, 'L5');
    await builder('mover@example.test', TRACK, 'L4');
    // Someone who holds the Owner track's L4: the same id, another level.
    await builder('apprentice@example.test', 'owner', 'L4');
    await createClient(services, ops, { id: 'northwind', name: 'Northwind' });
    // A data-driven kill: meets one of the shipped L4's metrics (the Owner track's L4 has none).
    await insertEvidence(getDb().db, [
      make.decision({
        id: 'kill-1',
        builder: 'mover@example.test',
        recorded_by: 'mover@example.test',
        date: '2025-06-01',
        type: 'kill',
      }),
    ]);

    const opened = await openCase(services, leadership, {
      candidate: 'mover@example.test',
      target_level: 'owner/O2',
      override_reason: 'test case',
    });
    expect(opened).toMatchObject({ from_level: 'L4', target_level: 'O2', target_label: 'Owner' });
    caseId = opened.id;
    await setPanel(services, leadership, caseId, { panelists: [...PANEL] });
    for (const actor of panelActors)
      await saveSheet(services, actor, caseId, buildSheet({ score: 3 }), { submit: true });
  });

  it('moves the builder to the target’s track and adds the step there, keeping the earlier step in its track', async () => {
    const decided = await decideCase(services, leadership, caseId, {
      note: 'ready',
      effective_date: EFFECTIVE,
    });
    expect(decided.decision?.outcome).toBe('promoted');
    const mover = await findBuilder(getDb().db, 'mover@example.test');
    expect(mover).toMatchObject({ track: 'owner', level: 'O2', level_since: EFFECTIVE });
    expect(mover?.levels).toEqual([
      { level: 'L4', since: '2024-01-01', track: TRACK },
      { level: 'O2', since: EFFECTIVE, track: 'owner' },
    ]);
    const audit = await listAudit(getDb().db, ops, { action: 'builder.level_change' });
    expect(audit[0]).toMatchObject({
      entityId: 'mover@example.test',
      before: { level: 'L4', since: '2024-01-01', track: TRACK },
      after: { level: 'O2', since: EFFECTIVE, track: 'owner', promotion_case: caseId },
    });
  });

  it('answers readiness on a day before the move in the earlier track, and after it in the new one', async () => {
    const ask = (at: string): Promise<Readiness> =>
      getReadiness(services, leadership, 'mover@example.test', at);
    // Read in the builder's track now (owner), the step would be the Owner track's L4: no standard.
    const before = await ask('2026-11-26');
    expect(before).toMatchObject({
      level: 'L4',
      level_since: '2024-01-01',
      months_at_level: 34,
      target_level: 'L5',
      target_levels: ['L5', 'O2'],
      standard: 'defined',
    });
    expect(before.metrics).toHaveLength(6);
    expect(before.metrics.find((m) => m.id === 'data-driven-kills')?.status).toBe('met');
    const after = await ask('2026-12-15');
    expect(after).toMatchObject({ level: 'O2', level_since: EFFECTIVE, months_at_level: 0 });
    expect(after.standard).not.toBe('defined');
    // The maintained path and the reference agree on both days.
    expect(await referenceReadiness(services, 'mover@example.test', '2026-11-26')).toEqual(before);
    expect(await referenceReadiness(services, 'mover@example.test', '2026-12-15')).toEqual(after);
    // The Owner track's own L4 is still answered as that level.
    const apprentice = await getReadiness(services, leadership, 'apprentice@example.test', '2026-11-26');
    expect(apprentice).toMatchObject({ level: 'L4', metrics: [], target_level: null });
    expect(apprentice.standard).not.toBe('defined');
  });

  it('exports each step with its track, and export → import → export gives the same files', async () => {
    const first = await mkdtemp(path.join(tmpdir(), 'ladder-cross-track-'));
    await exportOrganisation({ db: getDb().db, clock: caseClock }, ops, first);
    const levels = await readFile(path.join(first, 'levels.csv'), 'utf8');
    expect(levels.split('\n')[0]).toBe('email,track,level,since');
    expect(levels).toContain(
      `mover@example.test,${TRACK},L4,2024-01-01\nmover@example.test,owner,O2,${EFFECTIVE}\n`,
    );
    expect(levels).toContain('apprentice@example.test,owner,L4,2024-01-01\n');
    expect(await readFile(path.join(first, 'builders.csv'), 'utf8')).toContain(
      `mover@example.test,mover,owner,O2,${EFFECTIVE},`,
    );

    const other = await createTestDatabase(engine);
    try {
      const target = buildServices({ database: other, clock: caseClock });
      await publishLadder(target, ops, { source, file: 'cross-track.yaml' });
      await importOrganisation({ db: other.db, clock: caseClock }, ops, first);
      const moved = await findBuilder(other.db, 'mover@example.test');
      expect(moved?.levels).toEqual([
        { level: 'L4', since: '2024-01-01', track: TRACK },
        { level: 'O2', since: EFFECTIVE, track: 'owner' },
      ]);
      const second = await mkdtemp(path.join(tmpdir(), 'ladder-cross-track-'));
      await exportOrganisation({ db: other.db, clock: caseClock }, ops, second);
      const files = (await readdir(first)).sort();
      expect((await readdir(second)).sort()).toEqual(files);
      for (const file of files)
        expect(await readFile(path.join(second, file), 'utf8'), file).toBe(
          await readFile(path.join(first, file), 'utf8'),
        );
      // Imported again, nothing changes: each stored step already has the track the file names.
      const again = await importOrganisation({ db: other.db, clock: caseClock }, ops, first);
      expect(again.updated.builders).toBe(0);
    } finally {
      await other.destroy();
    }
  });
});
