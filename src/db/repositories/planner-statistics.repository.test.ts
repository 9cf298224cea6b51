import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { forEachEngine } from '../../../test/helpers/database.js';
import { refreshImportedTableStatistics } from './planner-statistics.repository.js';

forEachEngine('planner statistics after an import', (getDb) => {
  const estimate = async (table: string): Promise<number> => {
    const result = await getDb().db.execute(
      sql`select reltuples::float8 as n from pg_class where relname = ${table}`,
    );
    // The row shape differs by driver (PGlite: number, pg: string); Number() reads both.
    const rows = (result as { rows: { n: number | string }[] }).rows;
    return Number(rows[0]?.n);
  };

  it('gives the planner the real size of the imported tables (never analysed reads -1)', async () => {
    const { db } = getDb();
    await db.execute(
      sql`insert into clients (id, name) select 'c' || g, 'Client ' || g from generate_series(1, 500) g`,
    );
    expect(await estimate('clients')).toBe(-1);
    await refreshImportedTableStatistics(db);
    expect(await estimate('clients')).toBe(500);
    expect(await estimate('evidence')).toBe(0);
  });
});
