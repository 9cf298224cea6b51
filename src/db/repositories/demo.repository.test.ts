import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import { migrationsFolder } from '../migrate.js';
import { auditLog } from '../schema/system.schema.js';
import { findDemoMark, markDemoDatabase } from './demo.repository.js';

forEachEngine('demo database marker', (getDb) => {
  it('is written once and read back', async () => {
    const { db } = getDb();
    expect(await findDemoMark(db)).toBeUndefined();
    await markDemoDatabase(db, new Date('2026-11-01T00:00:00Z'));
    await markDemoDatabase(db, new Date('2026-11-02T00:00:00Z'));
    expect(await findDemoMark(db)).toEqual(new Date('2026-11-01T00:00:00Z'));
    await db.execute(sql`delete from demo_database`);
  });

  it('migration 0010 marks a database the demo was loaded into before the marker existed, and no other', async () => {
    const { db } = getDb();
    const backfill = sql.raw(
      await readFile(path.join(migrationsFolder, '0010_mark_existing_demo_databases.sql'), 'utf8'),
    );
    await db.insert(auditLog).values({
      at: new Date('2026-10-01T00:00:00Z'),
      actor: 'operator:rosa',
      action: 'organisation.import',
      entity: 'organisation',
      entityId: '/srv/org',
    });
    await db.execute(backfill);
    expect(await findDemoMark(db)).toBeUndefined();
    await db.insert(auditLog).values({
      at: new Date('2026-09-01T00:00:00Z'),
      actor: 'system',
      action: 'organisation.import',
      entity: 'organisation',
      entityId: 'demo',
    });
    await db.execute(backfill);
    expect(await findDemoMark(db)).toEqual(new Date('2026-09-01T00:00:00Z'));
  });
});
