import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { systemClock } from '../core/clock.js';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { runMigrations } from '../db/migrate.js';
import { buildApp } from './app.js';
import { startRankingRefresher } from '../services/ranking-refresher.service.js';
import { buildServices } from '../services/composition-root.js';
import { trackRequestsInFlight } from './requests-in-flight.js';

/**
 * The longest the refresher's fill waits for a moment with no request in flight before its next builder:
 * under a load that never pauses it still stores about ten answers a second.
 */
const FILL_WAIT_MAX_MS = 100;

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  address: string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** Runs after migrations and before listening (the CLI loads the demo organisation here). */
  beforeListen?: (database: DatabaseHandle) => Promise<void>;
}

/** Opens the database, applies migrations, and listens on HOST:PORT with structured logs. */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  // The server owns an embedded folder and shares it on the folder's socket, so the CLI keeps working
  // beside it (a second server on the same folder is refused in one line).
  const database = await openDatabase(config.database, { share: true, command: 'ladder serve' });
  try {
    await runMigrations(database);
    await options.beforeListen?.(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp(
    { database, clock: systemClock },
    {
      logger: {
        level: config.logLevel,
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      },
      trustProxy: config.trustProxy,
    },
  );
  const inFlight = trackRequestsInFlight(app.server);
  const address = await app.listen({ host: config.host, port: config.port });
  database.announce(address);
  app.log.info({ address, engine: database.engine }, `ladder listening on ${address}`);
  // Today's rankings and every builder's readiness today are kept current in the background (issue 15,
  // ADR 0024): reading one is a read of stored rows.
  const refresher = startRankingRefresher(buildServices({ database, clock: systemClock }), {
    onError: (error) => app.log.warn({ err: error }, 'ranking refresh failed; the next cycle tries again'),
    onRefreshed: (summary) => app.log.info({ rankings: summary }, 'rankings refreshed'),
    // Requests go first: on PGlite the fill and the requests share the engine's one session.
    pauseBetweenBuilders: () => inFlight.whenIdle(FILL_WAIT_MAX_MS),
  });
  let stopped = false;
  return {
    app,
    database,
    address,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await refresher.stop();
      await app.close();
      await database.close();
    },
  };
}
