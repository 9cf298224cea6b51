import type { Actor } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import type { BuilderEvidence, EventSightings } from '../core/evaluation/evaluation.types.js';
import {
  rankBuilders,
  rankingNeeds,
  type RankingCandidate,
  type RankingEntry,
} from '../core/evaluation/ranking.js';
import { countMetricsMet } from '../core/evaluation/readiness.js';
import type { EvidenceRecord } from '../core/evidence/evidence.schema.js';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';
import { findLevel } from '../core/ladder/ladder-lookup.js';
import {
  loadLevelEvidence,
  loadLevelRecordsJson,
  parseRankingRecords,
  parseRankingState,
  readCurrentRankingAnswer,
  readRankingAnswerByWatermark,
  readRankingState,
  readStampWatermark,
  storeRankingAnswer,
  upsertRankingRows,
  type RankingMemberState,
  type RankingRowInput,
} from '../db/repositories/ranking.repository.js';
import { loadEventSightings, seenWithinDaysOf } from './integrations/event-sightings.service.js';
import { ladderForEvaluation, resolveAt, type LadderUsed, type ReadinessDeps } from './readiness.service.js';
import { forEachSliced, mapSliced, type SliceOptions } from './slicing.js';
import { evaluationKeyOf } from './evaluation-key.service.js';

/**
 * A level's ranking: the builders holding the level on `at`, ordered by how many of the level's ranking
 * metrics they meet, then tenure.
 *
 * getRanking answers from stored rows (ranking_rows, one per level, day, ladder version and builder)
 * whose key proves them current: each row carries the builder's evaluation stamp and the epoch it was
 * computed under (migration 0011's triggers draw new ones on every write an evaluation reads, ADR 0014).
 * Only members whose stamp or the epoch moved since, or who have no row, are evaluated again, in slices
 * that give the event loop a turn, and their rows are stored for the next reader. referenceRanking
 * evaluates everything afresh, as getRanking did before issue 15: the two must always agree.
 */

/** What a ranking reads: the database and the clock (`slicing` tunes the evaluation's slices). */
export interface RankingDeps {
  db: ReadinessDeps['db'];
  clock: ReadinessDeps['clock'];
  slicing?: SliceOptions;
  /** Members evaluated per batch (default BATCH_SIZE). */
  batchSize?: number;
}

/** A level's ranking on `at`, with the ladder version it used. */
export interface LevelRanking {
  level: string;
  at: string;
  ladder_version: string;
  entries: RankingEntry[];
}

/** The ladder part of a stored row's key (shared with stored readiness answers). */
export const ladderKeyOf = evaluationKeyOf;

/**
 * Ranks the builders holding `level` on `at` by the level's ranking standard. A level without a
 * standard ranks everyone first (by tenure, then email); an unknown level is `not_found`.
 */
export async function getRanking(
  deps: RankingDeps,
  actor: Actor,
  levelId: string,
  atInput?: string,
): Promise<LevelRanking> {
  const answer = await getRankingText(deps, actor, levelId, atInput);
  return {
    level: answer.level,
    at: answer.at,
    ladder_version: answer.ladder_version,
    entries: JSON.parse(answer.body) as RankingEntry[],
  };
}

/** A level's ranking on `at` as the JSON text of its entries (what the ranking route sends). */
export interface LevelRankingText {
  level: string;
  at: string;
  ladder_version: string;
  /** The entries (RankingEntry[]) as JSON. */
  body: string;
}

/**
 * getRanking's answer as the JSON text of its entries: the stored answer when its key is current (one
 * statement, nothing evaluated, parsed or serialised here), else the maintained ranking, stored for
 * the next reader.
 */
export async function getRankingText(
  deps: RankingDeps,
  _actor: Actor,
  levelId: string,
  atInput?: string,
): Promise<LevelRankingText> {
  const at = resolveAt(deps.clock, atInput);
  const ladder = await ladderForEvaluation(deps.db, at, (doc) => findLevel(doc, levelId) !== undefined);
  if (ladder === undefined) throw notFound('Level', levelId);
  const ladderKey = ladderKeyOf(ladder);
  const answer = (body: string): LevelRankingText => ({
    level: levelId,
    at,
    ladder_version: ladder.document.version,
    body,
  });
  // Nothing drawn since the answer's key was read: current without reading a member.
  const byWatermark = await readRankingAnswerByWatermark(deps.db, levelId, at, ladderKey);
  if (byWatermark.body !== null) return answer(byWatermark.body);
  // Something was written somewhere: current if no member's stamp (nor the epoch) moved.
  if (byWatermark.stored) {
    const confirmed = await readCurrentRankingAnswer(deps.db, levelId, at, ladderKey, byWatermark.watermark);
    if (confirmed !== null) return answer(confirmed);
  }
  const { ranking, body } = await maintainLevel(deps, levelId, at, ladder);
  return { level: ranking.level, at: ranking.at, ladder_version: ranking.ladder_version, body };
}

/**
 * The ranking from stored rows, evaluating (and storing) only the members whose rows are missing or no
 * longer current; `evaluated` names them, by email. The whole answer is stored too, as the JSON text
 * the route sends (`body`), under the key read with the rows.
 */
export async function maintainRanking(
  deps: RankingDeps,
  levelId: string,
  atInput?: string,
): Promise<{ ranking: LevelRanking; evaluated: string[]; body: string }> {
  const at = resolveAt(deps.clock, atInput);
  const ladder = await ladderForEvaluation(deps.db, at, (doc) => findLevel(doc, levelId) !== undefined);
  if (ladder === undefined) throw notFound('Level', levelId);
  return maintainLevel(deps, levelId, at, ladder);
}

/** maintainRanking with the ladder already chosen for `at`. */
async function maintainLevel(
  deps: RankingDeps,
  levelId: string,
  at: string,
  ladder: LadderUsed,
): Promise<{ ranking: LevelRanking; evaluated: string[]; body: string }> {
  const ladderKey = ladderKeyOf(ladder);
  // The watermark before the stamps, the stamps before the records: see readRankingAnswerByWatermark
  // and readRankingState.
  const watermark = await readStampWatermark(deps.db);
  const { chunks, key } = await readRankingState(deps.db, levelId, at, ladderKey);
  const state: RankingMemberState[] = [];
  await forEachSliced(
    chunks,
    (chunk) => {
      for (const member of parseRankingState(chunk, key.epoch)) state.push(member);
    },
    deps.slicing,
  );
  const stale = state.filter((member) => !isCurrent(member));
  const computed = await evaluateMembers(deps, ladder.document, levelId, at, stale);
  await upsertRankingRows(deps.db, { level: levelId, at, ladderKey }, computed);
  const fresh = new Map(computed.map((row) => [row.builder, row.metricsMet]));
  const candidates: RankingCandidate[] = state.map((member) => ({
    builder: member.email,
    level: member.level,
    level_since: member.since,
    metrics_met: fresh.get(member.email) ?? member.stored?.metricsMet ?? 0,
  }));
  const entries = rankBuilders(candidates, at);
  const body = await stringifySliced(entries, deps.slicing);
  await storeRankingAnswer(deps.db, { level: levelId, at, ladderKey, key, watermark, body });
  return {
    ranking: { level: levelId, at, ladder_version: ladder.document.version, entries },
    evaluated: stale.map((member) => member.email),
    body,
  };
}

/** Entries per JSON.stringify call while building a body: one call stays well inside a slice. */
const STRINGIFY_CHUNK = 1_000;

/** JSON.stringify(entries), a chunk per slice (10 000 entries are ~1 MB of text). */
export async function stringifySliced(
  entries: readonly RankingEntry[],
  slicing?: SliceOptions,
): Promise<string> {
  const chunks: RankingEntry[][] = [];
  for (let i = 0; i < entries.length; i += STRINGIFY_CHUNK)
    chunks.push(entries.slice(i, i + STRINGIFY_CHUNK));
  // Each chunk's array text without its brackets: joined with commas they are the whole array's text.
  const parts = await mapSliced(chunks, (chunk) => JSON.stringify(chunk).slice(1, -1), slicing);
  return `[${parts.join(',')}]`;
}

/** A stored row is current while the builder's stamp, the epoch and their level start are unchanged. */
function isCurrent(member: RankingMemberState): boolean {
  const stored = member.stored;
  return (
    stored !== null &&
    stored.stamp === member.stamp &&
    stored.epoch === member.epoch &&
    stored.levelSince === member.since
  );
}

/** Members evaluated per batch: big enough for few statements, small enough to overlap and bound memory. */
const BATCH_SIZE = 400;

/**
 * Evaluates `members` as referenceRanking would (the same records, the same evaluator), in batches: the
 * next batch's records load while this one is evaluated (the database works while JavaScript does), and
 * within a batch builder by builder in slices, each builder's records parsed from their own JSON text
 * just before evaluation. A batch's analytics sightings cover its own builders' features: sightings are
 * read per feature inside its own window, so a subset of the level's features gives each the same answer.
 */
async function evaluateMembers(
  deps: RankingDeps,
  ladder: LadderDocument,
  levelId: string,
  at: string,
  members: readonly RankingMemberState[],
): Promise<RankingRowInput[]> {
  if (members.length === 0) return [];
  const level = findLevel(ladder, levelId);
  const needs = rankingNeeds(level, at);
  const seenWithin = seenWithinDaysOf(level);
  const batches: RankingMemberState[][] = [];
  const size = Math.max(1, deps.batchSize ?? BATCH_SIZE);
  for (let i = 0; i < members.length; i += size) batches.push(members.slice(i, i + size));
  const load = (batch: readonly RankingMemberState[]) =>
    loadLevelRecordsJson(
      deps.db,
      levelId,
      at,
      needs,
      batch.map((member) => member.email),
    );
  const out: RankingRowInput[] = [];
  let next = load(batches[0] ?? []);
  for (let index = 0; index < batches.length; index += 1) {
    const batch = batches[index] ?? [];
    const { records, mentorships } = await next;
    const following = batches[index + 1];
    if (following !== undefined) {
      next = load(following);
      // Awaited on the next turn of the loop; a failure while this batch evaluates must not go unhandled.
      next.catch(() => undefined);
    }
    const recordsText = new Map(records.map((row) => [row.builder, row.records]));
    let sightings: EventSightings | undefined;
    let parsed: Map<string, EvidenceRecord[]> | undefined;
    if (seenWithin !== undefined) {
      const byBuilder = new Map<string, EvidenceRecord[]>();
      const all: EvidenceRecord[] = [];
      await forEachSliced(
        records,
        (row) => {
          const list = parseRankingRecords(row.records);
          byBuilder.set(row.builder, list);
          for (const record of list) all.push(record);
        },
        deps.slicing,
      );
      parsed = byBuilder;
      sightings = await loadEventSightings(deps.db, all, seenWithin);
    }
    // Parsing a builder's records and evaluating them are two steps of the slices, not one: a builder
    // with 10 000 records costs tens of milliseconds for each, and the loop gets a turn in between.
    const steps: (() => void)[] = [];
    for (const member of batch) {
      let records: EvidenceRecord[] = [];
      steps.push(() => {
        const text = recordsText.get(member.email);
        records = parsed?.get(member.email) ?? (text === undefined ? [] : parseRankingRecords(text));
      });
      steps.push(() => {
        const evidence: BuilderEvidence = {
          email: member.email,
          levels: [{ level: member.level, since: member.since }],
          records,
          mentorships: mentorships.get(member.email) ?? [],
          menteeLevels: new Map(),
          placements: [],
          ...(sightings === undefined ? {} : { eventSightings: sightings }),
        };
        out.push({
          builder: member.email,
          stamp: member.stamp,
          epoch: member.epoch,
          levelSince: member.since,
          metricsMet: countMetricsMet(ladder, evidence, at),
        });
        records = [];
      });
    }
    await forEachSliced(steps, (step) => step(), deps.slicing);
  }
  return out;
}

/**
 * The reference ranking: every member's records loaded and evaluated afresh, nothing stored or reused.
 * getRanking must always answer exactly this (tests and the bench compare the two).
 */
export async function referenceRanking(
  deps: Pick<ReadinessDeps, 'db' | 'clock'>,
  levelId: string,
  atInput?: string,
): Promise<LevelRanking> {
  const at = resolveAt(deps.clock, atInput);
  const ladder = await ladderForEvaluation(deps.db, at, (doc) => findLevel(doc, levelId) !== undefined);
  if (ladder === undefined) throw notFound('Level', levelId);
  const level = findLevel(ladder.document, levelId);
  const { members, evidence } = await loadLevelEvidence(deps.db, levelId, at, rankingNeeds(level, at));
  // One sightings map for the whole level: it is keyed by client, not by builder (issue 10).
  const seenWithin = seenWithinDaysOf(level);
  const sightings =
    seenWithin === undefined
      ? undefined
      : await loadEventSightings(
          deps.db,
          [...evidence.values()].flatMap((e) => e.records),
          seenWithin,
        );
  const candidates = members.map((member) => {
    const loaded = evidence.get(member.email);
    const builderEvidence =
      loaded === undefined || sightings === undefined ? loaded : { ...loaded, eventSightings: sightings };
    return {
      builder: member.email,
      level: member.level,
      level_since: member.since,
      metrics_met: builderEvidence === undefined ? 0 : countMetricsMet(ladder.document, builderEvidence, at),
    };
  });
  return {
    level: levelId,
    at,
    ladder_version: ladder.document.version,
    entries: rankBuilders(candidates, at),
  };
}
