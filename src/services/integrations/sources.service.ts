import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import type { Database, Executor } from '../../db/connection.js';
import {
  findSyncState,
  listSyncStates,
  saveSyncState,
  type SyncStateRow,
} from '../../db/repositories/integrations.repository.js';
import { recordAudit } from '../audit.service.js';

export interface SourcesDeps {
  db: Database;
  clock: Clock;
}

export type SourceKind = 'github' | 'analytics' | 'adr';

/** A source's sync state as the API and CLI show it. */
export interface SourceState {
  source: string;
  kind: string;
  /** Where the next run starts (source-specific: a timestamp, a file, a commit); null when none. */
  cursor: unknown;
  last_run_at: string;
  /** `ok`, `partial` (stopped early; the next run resumes from the cursor) or `failed`. */
  last_status: string;
  /** What the last run found and wrote. */
  counts: Record<string, number>;
}

function toState(row: SyncStateRow): SourceState {
  return {
    source: row.source,
    kind: row.kind,
    cursor: row.cursor ?? null,
    last_run_at: row.lastRunAt.toISOString(),
    last_status: row.lastStatus,
    counts: row.counts,
  };
}

/** Every source that has run, by kind then name. */
export async function listSources(deps: SourcesDeps, _actor: Actor): Promise<SourceState[]> {
  return (await listSyncStates(deps.db)).map(toState);
}

/** One source's state, or undefined when it never ran. */
export async function findSource(db: Executor, source: string): Promise<SourceState | undefined> {
  const row = await findSyncState(db, source);
  return row === undefined ? undefined : toState(row);
}

/**
 * Records where a source stopped and what it found, inside the caller's transaction (so the cursor
 * moves exactly when the work it covers is written), with its audit entry.
 */
export async function recordSourceState(
  tx: Executor,
  actor: Actor,
  state: {
    source: string;
    kind: SourceKind;
    cursor: unknown;
    status: 'ok' | 'partial' | 'failed';
    counts: Record<string, number>;
  },
  at: Date,
): Promise<SourceState> {
  const before = await findSyncState(tx, state.source);
  const row: SyncStateRow = {
    source: state.source,
    kind: state.kind,
    cursor: state.cursor,
    lastRunAt: at,
    lastStatus: state.status,
    counts: state.counts,
  };
  await saveSyncState(tx, row);
  await recordAudit(tx, actor, {
    action: 'source.sync',
    entity: 'source',
    entityId: state.source,
    before: before === undefined ? null : toState(before),
    after: toState(row),
    at,
  });
  return toState(row);
}
