import { once } from 'node:events';
import type { Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** The HTTP requests a server is answering right now, and a wait for a moment with none. */
export interface RequestsInFlight {
  count(): number;
  /**
   * Resolves once no request is in flight, or after `maxWaitMs` in any case: background work that waits
   * here goes after the requests, yet still moves forward under a load that never stops.
   */
  whenIdle(maxWaitMs: number): Promise<void>;
}

/**
 * Counts `server`'s requests from their arrival to the end of their response (finished or closed).
 * Background work (the refresher's fill) waits on it so that, on PGlite, the engine's one session
 * serves a waiting request before the next builder of the fill (issue 15).
 */
export function trackRequestsInFlight(server: Server): RequestsInFlight {
  let inFlight = 0;
  const idle = new EventTarget();
  server.on('request', (_request, response: ServerResponse) => {
    inFlight += 1;
    // 'close' follows 'finish' and also fires when the client goes away first: counted down once.
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) idle.dispatchEvent(new Event('idle'));
    });
  });
  return {
    count: () => inFlight,
    whenIdle: async (maxWaitMs) => {
      if (inFlight === 0) return;
      const giveUp = new AbortController();
      await Promise.race([
        once(idle, 'idle', { signal: giveUp.signal }).catch(() => undefined),
        sleep(maxWaitMs, undefined, { signal: giveUp.signal, ref: false }).catch(() => undefined),
      ]);
      giveUp.abort();
    },
  };
}
