import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import type { EvidenceRecord } from '../../core/evidence/evidence.schema.js';
import { appendEvidence, bulkPathOf } from './bulk-load.repository.js';

// A record the writer cannot turn into a COPY line (no id): the failure must end the COPY, or the
// connection stays in copy mode and the transaction's ROLLBACK waits for ever.
const unwritable = { kind: 'checkin', builder: 'nobody@example.test' } as unknown as EvidenceRecord;

forEachEngine('bulk load of evidence', (getDb, engine) => {
  it(`a record that cannot be written fails the batch and leaves the connection usable (${engine})`, async () => {
    const { db } = getDb();
    let path: string | undefined;
    await expect(
      db.transaction(async (tx) => {
        path = await bulkPathOf(tx);
        await appendEvidence(tx, [unwritable], path === 'copy' ? 'copy' : 'insert-select');
      }),
    ).rejects.toThrow();
    expect(path).toBe(engine === 'postgres' ? 'copy' : 'insert-select');
    const rows = await db.execute(sql`select count(*)::int as n from evidence`);
    expect(rows).toBeDefined();
  });
});
