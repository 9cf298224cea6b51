import { isoDateOf } from '../core/dates/calendar.js';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';
import { listLadderVersionHeads } from '../db/repositories/evaluation.repository.js';
import { pruneRankingRows, readEvaluationWatermark } from '../db/repositories/ranking.repository.js';
import { loadShippedLadders } from './ladder-context.service.js';
import { maintainRanking, type RankingDeps } from './ranking.service.js';
import {
  ladderForEvaluation,
  storeMissingAnswers,
  type ReadinessDeps,
  type StoredAnswersSummary,
} from './readiness.service.js';

/**
 * Keeps today's ranking of every level with a ranking standard stored and current in the background of
 * `ladder serve`, so that reading it is a read of maintained rows: after a write only the builders it
 * stamped are evaluated again, and after a cross-builder change (a level, the epoch) the whole level is,
 * here rather than in the request that asks next. Idle-friendly: a cycle first reads one watermark (latest
 * stamp, epoch, latest ladder version) and does nothing more while it and the day are unchanged. The
 * evaluation itself runs in slices (ranking.service.ts), so the serving thread keeps answering.
 * Given the readiness deps (the assessment provider), a cycle then stores today's readiness answer of
 * every builder whose answer is not current (ADR 0024), one builder per turn of the event loop.
 */

/** What one refresh did: the day, each level's members and how many were evaluated, rows pruned. */
export interface RefreshSummary {
  at: string;
  levels: { level: string; members: number; evaluated: number }[];
  pruned: number;
  /** Today's readiness answers computed (absent: the refresher was not given the readiness deps). */
  readiness?: StoredAnswersSummary;
}

/** The refresher's deps; with `assessmentOf` (the composition root's services) it stores readiness too. */
export type RefresherDeps = RankingDeps & Partial<Pick<ReadinessDeps, 'assessmentOf'>>;

/** Other days whose stored rankings are kept besides today (the nearest ones). */
export const KEEP_OTHER_DAYS = 3;

/** The ids of the levels with a ranking standard in the ladders in force on `at`, in ladder order. */
export async function rankedLevelsOn(deps: RankingDeps, at: string): Promise<string[]> {
  const heads = await listLadderVersionHeads(deps.db);
  const documents: LadderDocument[] = [];
  if (heads.length === 0) {
    documents.push(...(await loadShippedLadders()));
  } else {
    for (const ladderId of new Set(heads.map((head) => head.ladderId))) {
      const used = await ladderForEvaluation(deps.db, at, (doc) => doc.ladder === ladderId);
      if (used !== undefined) documents.push(used.document);
    }
  }
  const levels: string[] = [];
  for (const document of documents) {
    for (const level of document.levels) {
      if ((level.ranking_standard ?? []).length > 0 && !levels.includes(level.id)) levels.push(level.id);
    }
  }
  return levels;
}

/**
 * Brings today's stored ranking of every ranked level up to date, then prunes other days' rows; given
 * the assessment provider, then stores today's missing readiness answers (until `shouldStop`).
 */
export async function refreshTodaysRankings(
  deps: RefresherDeps,
  shouldStop: () => boolean = () => false,
  pause?: () => Promise<unknown>,
): Promise<RefreshSummary> {
  const at = isoDateOf(deps.clock.now());
  const levels: RefreshSummary['levels'] = [];
  for (const level of await rankedLevelsOn(deps, at)) {
    const { ranking, evaluated } = await maintainRanking(deps, level, at);
    levels.push({ level, members: ranking.entries.length, evaluated: evaluated.length });
  }
  const pruned = await pruneRankingRows(deps.db, at, KEEP_OTHER_DAYS);
  const { assessmentOf } = deps;
  if (assessmentOf === undefined) return { at, levels, pruned };
  const readiness = await storeMissingAnswers(
    { db: deps.db, clock: deps.clock, assessmentOf },
    at,
    shouldStop,
    pause,
  );
  return { at, levels, pruned, readiness };
}

export interface RefresherOptions {
  /** Pause between the end of one cycle and the next check. */
  intervalMs?: number;
  /** A cycle that failed (the next one tries again). */
  onError?: (error: unknown) => void;
  /** A cycle that evaluated or pruned something. */
  onRefreshed?: (summary: RefreshSummary) => void;
  /**
   * Awaited before each builder whose readiness answer the cycle stores: `ladder serve` waits here while
   * requests are in flight (PGlite has one engine session; a request must not queue behind the fill).
   */
  pauseBetweenBuilders?: () => Promise<unknown>;
}

export interface RankingRefresher {
  /** Runs one cycle now (after the one in progress), whatever the watermark says. */
  refreshNow(): Promise<RefreshSummary>;
  /** Runs one timer check now: a cycle only if the watermark moved and then held (undefined: skipped). */
  check(): Promise<RefreshSummary | undefined>;
  /** Stops the timer and waits for a cycle in progress to end. */
  stop(): Promise<void>;
}

/**
 * Starts the background refresher: a first cycle at once, then one check every `intervalMs`. A check
 * refreshes only once the watermark has moved since the last cycle and then held still for one interval:
 * during a burst of writes the readers evaluate the few stale builders themselves, and the whole level
 * (after a new epoch) is evaluated once the burst is over, not once per check.
 */
export function startRankingRefresher(deps: RefresherDeps, options: RefresherOptions = {}): RankingRefresher {
  const intervalMs = options.intervalMs ?? 15_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastSeen: string | undefined;
  let lastDone: string | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const cycle = async (force: boolean): Promise<RefreshSummary | undefined> => {
    const mark = `${isoDateOf(deps.clock.now())}/${await readEvaluationWatermark(deps.db)}`;
    const settled = mark === lastSeen;
    lastSeen = mark;
    if (!force && (mark === lastDone || (lastDone !== undefined && !settled))) return undefined;
    const summary = await refreshTodaysRankings(deps, () => stopped, options.pauseBetweenBuilders);
    // The mark read before the cycle: a write during it moves the watermark, so a later check runs.
    lastDone = mark;
    const did =
      summary.pruned > 0 ||
      summary.levels.some((l) => l.evaluated > 0) ||
      (summary.readiness?.stored ?? 0) > 0;
    if (did) options.onRefreshed?.(summary);
    return summary;
  };
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      void serial(() => cycle(false))
        .catch((error: unknown) => options.onError?.(error))
        .finally(schedule);
    }, intervalMs);
    // The refresher never keeps a process alive on its own.
    timer.unref();
  };
  void serial(() => cycle(false))
    .catch((error: unknown) => options.onError?.(error))
    .finally(schedule);

  return {
    refreshNow: () =>
      serial(async () => {
        const summary = await cycle(true);
        // cycle(true) always refreshes.
        return summary as RefreshSummary;
      }),
    check: () => serial(() => cycle(false)),
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
