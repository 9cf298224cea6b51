import type { Executor } from '../connection.js';
import { demoDatabase } from '../schema/demo.schema.js';

/** Marks this database as the demo's (idempotent); call it in the transaction that loads the demo. */
export async function markDemoDatabase(executor: Executor, at: Date): Promise<void> {
  await executor.insert(demoDatabase).values({ id: true, loadedAt: at }).onConflictDoNothing();
}

/** When the demo organisation was loaded into this database, or undefined for a real organisation's. */
export async function findDemoMark(executor: Executor): Promise<Date | undefined> {
  const [row] = await executor.select({ loadedAt: demoDatabase.loadedAt }).from(demoDatabase).limit(1);
  return row?.loadedAt;
}
