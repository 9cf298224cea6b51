import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { bulkPathOf } from '../../src/db/repositories/bulk-load.repository.js';
import { countEvidence } from '../../src/db/repositories/evidence.repository.js';

// `ladder import` beside a running `ladder serve` on an embedded folder reaches PGlite through the
// owner's socket, with node-postgres: it must not send COPY FROM STDIN there (PGlite's one backend would
// wait for data the wire server hands it message by message, and stall for everybody), so it takes the
// INSERT … SELECT path, and the import is whole.

const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');
let root = '';
let owner: DatabaseHandle;
let client: DatabaseHandle;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ladder-bulk-'));
  const target = { engine: 'pglite', dataDir: path.join(root, 'data') } as const;
  owner = await openDatabase(target, { share: true, command: 'ladder serve' });
  client = await openDatabase(target);
}, 120_000);
afterAll(async () => {
  await client.close();
  await owner.close();
  await rm(root, { recursive: true, force: true });
});

it('imports through the owner’s socket by INSERT … SELECT, never COPY', async () => {
  expect(client.access).toBe('client');
  expect(await client.db.transaction((tx) => bulkPathOf(tx))).toBe('insert-select');
  const summary = await importOrganisation(
    { db: client.db, clock: fixedClock('2026-03-01T09:00:00Z') },
    { kind: 'operator', name: 'test' },
    EXAMPLE,
    { batchSize: 4 },
  );
  expect(summary.created.evidence).toBe(13);
  // The owner's own view (its HTTP side) sees the whole import.
  expect(await countEvidence(owner.db)).toBe(13);
});
