import type { Database } from '../../db/connection.js';
import { findDemoMark } from '../../db/repositories/demo.repository.js';

/** Whether this database holds the invented demo organisation, and since when. */
export interface DemoStatus {
  demo: boolean;
  /** ISO instant the demo was loaded; null for a real organisation's database. */
  loadedAt: string | null;
}

/** Says whether the database is the demo's, so every screen can say so (public: it holds no secret). */
export async function demoStatus(services: { db: Database }): Promise<DemoStatus> {
  const loadedAt = await findDemoMark(services.db);
  return { demo: loadedAt !== undefined, loadedAt: loadedAt?.toISOString() ?? null };
}
