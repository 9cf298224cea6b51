import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { startWireServer, type WireServer } from './wire-server.js';

/**
 * The owner's engine thread: opens the data folder's PGlite, applies migrations, then serves it on the
 * folder's socket. The owning process talks to it over that socket like every other process does, so
 * the socket is the one place where turns on the single PGlite session are taken (and PGlite's long
 * queries block this thread, not the HTTP server's).
 */

/** What the owning thread sends in. */
export interface OwnerWorkerInput {
  dataDir: string;
  socketPath: string;
  migrationsFolder: string;
}

/** What the engine thread answers. */
export type OwnerWorkerMessage =
  { type: 'ready'; migrations: number } | { type: 'error'; message: string } | { type: 'closed' };

const input = workerData as OwnerWorkerInput;
const port = parentPort;
if (port === null) throw new Error('owner-worker runs as a worker thread');

let client: PGlite | undefined;
let server: WireServer | undefined;

const post = (message: OwnerWorkerMessage): void => port.postMessage(message);

try {
  client = new PGlite(input.dataDir);
  await client.waitReady;
  const db = drizzle(client);
  // Migrations run before the socket exists, so no other process ever sees a half-migrated schema.
  await migrate(db, { migrationsFolder: input.migrationsFolder });
  const applied = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  server = await startWireServer(client, { path: input.socketPath });
  post({ type: 'ready', migrations: applied.rows[0]?.n ?? 0 });
} catch (error) {
  await client?.close().catch(() => undefined);
  post({ type: 'error', message: (error as Error).message });
}

port.on('message', (message: { type: 'close' }) => {
  if (message.type !== 'close') return;
  void (async () => {
    try {
      await server?.close();
    } finally {
      await client?.close();
      post({ type: 'closed' });
      port.close();
    }
  })();
});
