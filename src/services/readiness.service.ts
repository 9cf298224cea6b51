import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import { isoDateOf } from '../core/dates/calendar.js';
import { isoDateProblem } from '../core/input/safe-input.js';
import { DomainError, notFound, validationFailed } from '../core/errors.js';
import { systemActor, type Actor } from '../core/actor.js';
import { unevaluatedFields } from '../core/evaluation/evaluated-fields.js';
import {
  canonicalRule,
  contributionKinds,
  isContributedRule,
  judgeContributions,
  selectContributions,
  type ContributedRule,
  type ContributionRow,
} from '../core/evaluation/contributions.js';
import type {
  AssessmentOutcome,
  BuilderEvidence,
  MetricResult,
  Verdict,
} from '../core/evaluation/evaluation.types.js';
import {
  evaluateReadiness,
  levelStepAt,
  promotionTargetKeys,
  type Readiness,
} from '../core/evaluation/readiness.js';
import type { LadderDocument, LevelDefinition, MetricDefinition } from '../core/ladder/ladder.schema.js';
import { uncontributedNeeds } from '../core/evaluation/readiness-needs.js';
import { levelOn, trackOfStep, type LevelStep } from '../core/roster/roster.types.js';
import { findLevelInTrack } from '../core/ladder/ladder-lookup.js';
import type { Database } from '../db/connection.js';
import {
  findBuilderLevels,
  findLadderDocument,
  findReadinessStart,
  listBuilderTracks,
  listBuildersWithoutAnswer,
  listLadderVersionHeads,
  loadBuilderEvidence,
  loadReadinessInputs,
  storeReadinessAnswer,
  type ContributionInputs,
  type ContributionReads,
  type LadderVersionHead,
} from '../db/repositories/evaluation.repository.js';
import type { ContributionBuild } from '../db/repositories/contributions.repository.js';
import { loadEventSightings, seenWithinDaysOf } from './integrations/event-sightings.service.js';
import { loadShippedLadders } from './ladder-context.service.js';
import { evaluationCodeRevision, evaluationKeyOf } from './evaluation-key.service.js';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Readiness (the ranking lives in ranking.service.ts): load what the evaluation reads, pick the ladder version in force on `at`, and
 * let core/evaluation answer. Every answer names the ladder version it used, so it can be reproduced.
 */

/**
 * The latest decided promotion case out of `level` for `builder` as of `at`, or null while none exists.
 * The promotion-case module supplies it, wired by the composition root (services/composition-root.ts).
 */
export type AssessmentProvider = (
  db: Database,
  input: { builder: string; level: string; target_level: string; at: string },
) => Promise<AssessmentOutcome | null>;

export interface ReadinessDeps {
  db: Database;
  clock: Clock;
  /** Required: without it every assessment would silently read `not_assessed`. */
  assessmentOf: AssessmentProvider;
}

/** The ladder version an evaluation used: the document and the database id of the version (null: shipped file). */
export interface LadderUsed {
  document: LadderDocument;
  versionId: number | null;
}

/** `at` from a request: today (UTC, from the clock) when absent; a bad date names the field. */
export function resolveAt(clock: Clock, at: string | undefined): string {
  if (at === undefined || at === '') return isoDateOf(clock.now());
  // The one date rule (real date, years 1900–9999): `--at 2025-02-30` is refused, not evaluated.
  const problem = isoDateProblem(at);
  if (problem !== null) {
    throw validationFailed(`at: ${problem}, got "${at}"`, [{ field: 'at', message: problem }]);
  }
  return at;
}

// Published versions never change (insert-only, content hashed) and shipped files only change with a
// deploy: both are parsed once per process, not once per request.
const documentsByHash = new Map<string, LadderDocument>();
let shipped: Promise<LadderDocument[]> | undefined;

/**
 * The ladder to evaluate with on `at`: among published ladders, the one whose version in force that
 * day (the latest effective on or before it, else its first version: evaluating a date before the first
 * publication uses the earliest rules there are) satisfies `matches`. The shipped files stand in while
 * nothing is published. `heads` when the caller read them already (readiness reads them with the builder).
 */
export async function ladderForEvaluation(
  db: Database,
  at: string,
  matches: (doc: LadderDocument) => boolean,
  knownHeads?: readonly LadderVersionHead[],
): Promise<LadderUsed | undefined> {
  const heads = knownHeads ?? (await listLadderVersionHeads(db));
  if (heads.length === 0) {
    shipped ??= loadShippedLadders().catch((error: unknown) => {
      shipped = undefined;
      throw error;
    });
    const document = (await shipped).find(matches);
    return document === undefined ? undefined : { document, versionId: null };
  }
  const byLadder = new Map<string, LadderVersionHead[]>();
  for (const head of heads) byLadder.set(head.ladderId, [...(byLadder.get(head.ladderId) ?? []), head]);
  for (const versions of byLadder.values()) {
    // Heads come oldest first: the last one on or before `at`, or the very first.
    const chosen = versions.filter((v) => v.version <= at).at(-1) ?? versions[0];
    if (chosen === undefined) continue;
    let document = documentsByHash.get(chosen.contentHash);
    if (document === undefined) {
      // Only validated documents are stored, so the JSON has the document's shape.
      document = (await findLadderDocument(db, chosen.id)) as LadderDocument;
      documentsByHash.set(chosen.contentHash, document);
    }
    if (matches(document)) return { document, versionId: chosen.id };
  }
  return undefined;
}

/** Promotion readiness of one builder on `at` (default today), with the records behind every answer. */
export async function getReadiness(
  deps: ReadinessDeps,
  actor: Actor,
  email: string,
  atInput?: string,
): Promise<Readiness> {
  // Only answers this module computed are stored, so the JSON has the Readiness shape.
  return JSON.parse(await getReadinessText(deps, actor, email, atInput)) as Readiness;
}

/**
 * `getReadiness`'s answer as its exact JSON text: a stored answer is the text as stored, never parsed;
 * a computed one is the text it stored. For the route, which sends it as is.
 */
export async function getReadinessText(
  deps: ReadinessDeps,
  actor: Actor,
  email: string,
  atInput?: string,
): Promise<string> {
  return (await readinessTextWithLadder(deps, actor, email, atInput)).text;
}

interface ReadinessSubject {
  at: string;
  builder: { email: string; track: string; levels: LevelStep[] };
  ladder: LadderUsed;
  step: { level: string; since: string };
  level: LevelDefinition | undefined;
  /** The latest decided case's outcome, read only when an answer is computed. */
  loadAssessment: () => Promise<AssessmentOutcome | null>;
}

/** The builder, the ladder in force, their level on `at` and the assessment: what both paths share. */
async function readinessSubject(
  deps: ReadinessDeps,
  email: string,
  atInput?: string,
): Promise<ReadinessSubject> {
  const at = resolveAt(deps.clock, atInput);
  const builder = await findBuilderLevels(deps.db, email.trim().toLowerCase());
  if (builder === undefined) throw notFound('Builder', email);
  return subjectOf(deps, at, builder);
}

/** The ladder in force for `builder` on `at`, their level then and the assessment to read if evaluating. */
async function subjectOf(
  deps: ReadinessDeps,
  at: string,
  builder: ReadinessSubject['builder'],
  heads?: readonly LadderVersionHead[],
): Promise<ReadinessSubject> {
  // The step held on `at` is read in its own track (ADR 0030): a builder promoted into another track
  // is answered for an earlier day in the track they were in then.
  const track = trackOfStep(levelOn(builder, at) ?? {}, builder.track);
  const ladder = await ladderForEvaluation(
    deps.db,
    at,
    (doc) => doc.tracks.some((t) => t.id === track),
    heads,
  );
  if (ladder === undefined) throw notFound('Ladder for track', track);
  // Fails with a clear message when `at` is before the builder's first level.
  const step = levelStepAt(builder, at);
  // The step's track and id name one level even where tracks share level ids (ADR 0020).
  const level = findLevelInTrack(ladder.document, track, step.level);
  const target = promotionTargetKeys(ladder.document, level)[0];
  const loadAssessment = () =>
    target === undefined
      ? Promise.resolve(null)
      : deps.assessmentOf(deps.db, { builder: builder.email, level: step.level, target_level: target, at });
  return { at, builder, ladder, step, level, loadAssessment };
}

/**
 * Readiness and the ladder document it was evaluated with (for callers that show names, e.g. the CLI).
 * The maintained path (issue 15, ADR 0014), in few round trips:
 * - one statement reads the builder, the ladder version heads and the answers stored for (builder, at)
 *   under the current stamp and epoch: an answer stored under the ladder key in force is current by
 *   construction and is returned as stored (warm: nothing else is read);
 * - else one statement loads the contribution rows of the level's contributed rules (ADR 0017) when
 *   their markers are under the current key — else the records to rebuild them from —, only the records
 *   standing on `at` (evidence_corrected) of the kinds and dates the rest of the level reads
 *   (`uncontributedNeeds`), the records looked up by id, the relations and the key; beside it the
 *   assessment; the answer is evaluated and stored with any rebuilt rows (one statement) if its key is
 *   still current. Answers equal `referenceReadiness` exactly (test/evaluation).
 * The assessment provider must read only what stamps its candidate (promotion cases and decisions).
 */
export async function getReadinessWithLadder(
  deps: ReadinessDeps,
  actor: Actor,
  email: string,
  atInput?: string,
): Promise<{ readiness: Readiness; ladder: LadderDocument }> {
  const { text, ladder } = await readinessTextWithLadder(deps, actor, email, atInput);
  return { readiness: JSON.parse(text) as Readiness, ladder };
}

// The maintained path described above, answering with the JSON text.
async function readinessTextWithLadder(
  deps: ReadinessDeps,
  _actor: Actor,
  email: string,
  atInput?: string,
): Promise<{ text: string; ladder: LadderDocument }> {
  const at = resolveAt(deps.clock, atInput);
  // Every stored key starts with the code revision (evaluation-key.service.ts): others are never read.
  const start = await findReadinessStart(
    deps.db,
    email.trim().toLowerCase(),
    at,
    `${evaluationCodeRevision()}/`,
  );
  if (start === undefined) throw notFound('Builder', email);
  const subject = await subjectOf(deps, at, start.builder, start.heads);
  const { builder, ladder, step, level, loadAssessment } = subject;
  const ladderKey = evaluationKeyOf(ladder);
  const stored = start.answers.get(ladderKey);
  if (stored !== undefined) return { text: stored, ladder: ladder.document };
  const contributed = contributedMetricsOf(level);
  const needs = uncontributedNeeds(level, at);
  const [inputs, assessment] = await Promise.all([
    loadReadinessInputs(deps.db, builder.email, at, step.since, needs, contributionReadsOf(contributed)),
    loadAssessment(),
  ]);
  const { judged, builds } = judgeContributed(
    contributed,
    inputs.contributions,
    builder.email,
    at,
    step.since,
  );
  const loaded: BuilderEvidence = {
    email: builder.email,
    track: builder.track,
    levels: builder.levels,
    records: inputs.records,
    lookupOnly: inputs.lookupOnly,
    mentorships: inputs.mentorships,
    menteeLevels: inputs.menteeLevels,
    placements: inputs.placements,
  };
  const computed = evaluateReadiness({
    ladder: ladder.document,
    evidence: await withSightings(deps, level, loaded),
    at,
    assessment,
    judged,
  });
  // The answer as JSON once: what is stored is what every later read returns, field for field.
  const json = JSON.stringify(computed);
  await storeReadinessAnswer(deps.db, builder.email, at, ladderKey, inputs.key, json, builds);
  return { text: json, ladder: ladder.document };
}

/** What `storeMissingAnswers` did: answers computed and stored, builders with no answer that day. */
export interface StoredAnswersSummary {
  stored: number;
  /** Builders whose readiness on `at` is an error (e.g. their first level starts later): nothing stored. */
  unanswerable: number;
}

/**
 * Computes and stores the readiness answer on `at` of every builder who has none stored under the key
 * that proves it current (ADR 0024), so that a request for it is the warm path's one read. Each builder
 * is the request's own maintained path (the same code, the same stored text); before each builder the pass
 * awaits `pause` (default: one turn of the event loop; `ladder serve` waits there while requests are in
 * flight, so on PGlite the engine's one session goes to them first). `shouldStop` ends the pass between
 * builders.
 */
export async function storeMissingAnswers(
  deps: ReadinessDeps,
  at: string,
  shouldStop: () => boolean = () => false,
  pause: () => Promise<unknown> = () => nextTurn(),
): Promise<StoredAnswersSummary> {
  const summary: StoredAnswersSummary = { stored: 0, unanswerable: 0 };
  const heads = await listLadderVersionHeads(deps.db);
  for (const track of await listBuilderTracks(deps.db)) {
    const ladder = await ladderForEvaluation(
      deps.db,
      at,
      (doc) => doc.tracks.some((t) => t.id === track),
      heads,
    );
    if (ladder === undefined) continue;
    for (const email of await listBuildersWithoutAnswer(deps.db, track, at, evaluationKeyOf(ladder))) {
      await pause();
      if (shouldStop()) return summary;
      try {
        await readinessTextWithLadder(deps, systemActor, email, at);
        summary.stored += 1;
      } catch (error) {
        // The answer a request would get is this error (a level starting after `at`, …): nothing to store.
        if (!(error instanceof DomainError)) throw error;
        summary.unanswerable += 1;
      }
    }
  }
  return summary;
}

/** A metric of the level judged from contribution rows, with the key its rows are stored under. */
interface ContributedMetric {
  metric: MetricDefinition;
  rule: ContributedRule;
  ruleKey: string;
  /** The rule's canonical JSON, stored in its marker (what a write selects with, ADR 0019). */
  canonical: string;
}

// Ladder documents are parsed once per process (above), so their rules are stable objects: each rule
// is hashed once. The key starts with the code revision, as every stored key does (ADR 0014).
const ruleKeys = new WeakMap<object, { ruleKey: string; canonical: string }>();

function contributedMetricsOf(level: LevelDefinition | undefined): ContributedMetric[] {
  const out: ContributedMetric[] = [];
  for (const metric of level?.ranking_standard ?? []) {
    const rule = metric.rule;
    if (!isContributedRule(rule)) continue;
    let keyed = ruleKeys.get(rule);
    if (keyed === undefined) {
      keyed = ruleKeyOf(canonicalRule(rule));
      ruleKeys.set(rule, keyed);
    }
    out.push({ metric, rule, ...keyed });
  }
  return out;
}

/** The key of a rule's contribution rows from its canonical JSON: `<code revision>/rule:<hash>`. */
export function ruleKeyOf(canonical: string): { ruleKey: string; canonical: string } {
  const hash = createHash('sha256').update(canonical).digest('hex').slice(0, 24);
  return { ruleKey: `${evaluationCodeRevision()}/rule:${hash}`, canonical };
}

function contributionReadsOf(contributed: readonly ContributedMetric[]): ContributionReads | undefined {
  if (contributed.length === 0) return undefined;
  // Two metrics with the same rule share one key (and one set of rows).
  const ruleKeys = [...new Set(contributed.map((c) => c.ruleKey))];
  const kinds = [...new Set(contributed.flatMap((c) => contributionKinds(c.rule)))].sort();
  return { ruleKeys, kinds, lookupCitedReviews: contributed.some((c) => c.rule.kind === 'distinct_citers') };
}

/**
 * The contributed metrics' verdicts on `at`: judged from the stored rows when they are current, else
 * from rows selected now from the records the same statement read (returned as `builds` to be stored
 * with the answer, under the same key).
 */
function judgeContributed(
  contributed: readonly ContributedMetric[],
  inputs: ContributionInputs | undefined,
  builder: string,
  at: string,
  levelSince: string,
): { judged: Map<MetricDefinition, Verdict<MetricResult>>; builds: ContributionBuild[] } {
  const judged = new Map<MetricDefinition, Verdict<MetricResult>>();
  const builds: ContributionBuild[] = [];
  if (inputs === undefined) return { judged, builds };
  let rowsOf: (ruleKey: string) => readonly ContributionRow[];
  if (inputs.fresh) {
    rowsOf = (ruleKey) => inputs.rows.get(ruleKey) ?? [];
  } else {
    const records = inputs.rebuild.records;
    const seqOf = new Map(records.map((r) => [r.record.id, r.seq]));
    const supersededOf = new Map(records.map((r) => [r.record.id, r.supersededOn]));
    const byId = new Map([...inputs.rebuild.lookup, ...records.map((r) => r.record)].map((r) => [r.id, r]));
    const context = {
      builder,
      recordById: (id: string) => byId.get(id),
      supersededOn: (record: { id: string }) => supersededOf.get(record.id) ?? null,
    };
    const ledger = records.map((r) => r.record);
    const built = new Map<string, ContributionRow[]>();
    for (const { rule, ruleKey, canonical } of contributed) {
      if (built.has(ruleKey)) continue;
      const rows = selectContributions(rule, ledger, context);
      built.set(ruleKey, rows);
      builds.push({
        ruleKey,
        rule: canonical,
        rows: rows.map((row) => ({ ...row, seq: seqOf.get(row.record) ?? 0 })),
      });
    }
    rowsOf = (ruleKey) => built.get(ruleKey) ?? [];
  }
  for (const { metric, rule, ruleKey } of contributed) {
    judged.set(metric, judgeContributions(metric.id, rule, rowsOf(ruleKey), at, levelSince));
  }
  return { judged, builds };
}

/**
 * The full evaluation, kept as the reference the maintained path is checked against (tests, the bench):
 * every visible record of the builder, later corrections included, evaluated in core.
 */
export async function referenceReadiness(
  deps: ReadinessDeps,
  email: string,
  atInput?: string,
): Promise<Readiness> {
  const { at, builder, ladder, level, loadAssessment } = await readinessSubject(deps, email, atInput);
  const [loaded, assessment] = await Promise.all([
    loadBuilderEvidence(deps.db, builder, at, unevaluatedFields(level)),
    loadAssessment(),
  ]);
  return evaluateReadiness({
    ladder: ladder.document,
    evidence: await withSightings(deps, level, { ...loaded, track: builder.track }),
    at,
    assessment,
  });
}

// Analytics sightings only when a rule asks whether declared events were seen (issue 10).
async function withSightings(
  deps: ReadinessDeps,
  level: LevelDefinition | undefined,
  loaded: BuilderEvidence,
): Promise<BuilderEvidence> {
  const seenWithin = seenWithinDaysOf(level);
  if (seenWithin === undefined) return loaded;
  return { ...loaded, eventSightings: await loadEventSightings(deps.db, loaded.records, seenWithin) };
}

/**
 * Readiness in the promotion-case module's provider shape `(db, actor, email, at)`: what a case pins as
 * its snapshot when it opens.
 */
export function readinessProvider(
  clock: Clock,
  assessmentOf: AssessmentProvider,
): (db: Database, actor: Actor, email: string, at: string) => Promise<Readiness> {
  return (db, actor, email, at) => getReadiness({ db, clock, assessmentOf }, actor, email, at);
}
