import { describeActor, type Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { conflict, DomainError, forbidden, notFound, validationFailed } from '../core/errors.js';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';
import {
  nextCaseStatus,
  type CaseAction,
  type CaseOutcome,
  type CaseStatus,
} from '../core/promotion/case-state.js';
import {
  computeDecision,
  resolveDecision,
  type ComputedDecision,
  type DecisionInput,
} from '../core/promotion/decision.js';
import {
  assertValidPanel,
  panelistConflict,
  seatsConflictedBy,
  type CandidateRelations,
  type MentorshipLink,
  type PanelistFacts,
  type PanelRefusal,
} from '../core/promotion/panel.js';
import { assemblePortfolio, type Portfolio } from '../core/promotion/portfolio.js';
import {
  panelPromotionFrom,
  scoreScale,
  type PanelPromotion,
  type ScoreScale,
} from '../core/promotion/promotion-rules.js';
import { validateScoreSheet, type ScoreSheet } from '../core/promotion/score-sheet.js';
import {
  candidateFeedback,
  caseViewerFor,
  visibleSheets,
  type CandidateFeedback,
  type CaseViewer,
  type StoredSheet,
} from '../core/promotion/visibility.js';
import {
  levelOn,
  trackOfStep,
  withStepTracks,
  type Builder,
  type LevelStep,
  type Mentorship,
} from '../core/roster/roster.types.js';
import type { Database, Executor } from '../db/connection.js';
import { listEvidenceOfBuilder } from '../db/repositories/evidence.repository.js';
import { findLadderVersionById } from '../db/repositories/ladder-versions.repository.js';
import {
  bumpCaseVersion,
  findCase,
  findCaseForUpdate,
  findDecision,
  findLatestDecidedCase,
  findLiveCase,
  insertCase,
  insertCaseEvent,
  insertDecision,
  insertNote,
  insertPanel,
  listCaseEvents,
  listCases,
  listNotes,
  listPanel,
  listScores,
  lockLiveCaseSeats,
  updateCaseStatus,
  upsertScore,
  vacatePanel,
  type CaseEventRow,
  type CaseRow,
  type DecisionRow,
  type PanelSeatRow,
  type ScoreRow,
} from '../db/repositories/promotion-case.repository.js';
import {
  findBuilder,
  findPeopleByEmail,
  listMentorships,
  saveBuilder,
} from '../db/repositories/roster.repository.js';
import { recordAudit } from './audit.service.js';
import { getLadderInForce, listLadders } from './ladder.service.js';

/**
 * Promotion cases: open → panel → scores → decision, every step through one function here that takes
 * the actor, writes a case event and an audit entry in the same transaction, and refuses with a stable
 * code. Visibility is decided by the pure rules in core/promotion/visibility.ts, so no endpoint can leak
 * a panelist's unsubmitted sheet.
 */

/** The readiness answer the case pins at opening; the evaluation module owns its full shape. */
export interface ReadinessSnapshot {
  eligible_for_case: boolean;
  gaps?: string[];
  /** The level the answer measures against (the level's first target unless the case names another). */
  target_level?: string | null;
}

/** Computes readiness for a builder on a day (the evaluation module's service). */
export type ReadinessProvider = (
  db: Database,
  actor: Actor,
  builderEmail: string,
  at: string,
) => Promise<ReadinessSnapshot>;

export interface PromotionDeps {
  db: Database;
  clock: Clock;
  /** Where `eligible_for_case` comes from; required, so a case never needs an override for want of it. */
  readiness: ReadinessProvider;
}

const today = (clock: Clock): string => clock.now().toISOString().slice(0, 10);
const lower = (email: string): string => email.trim().toLowerCase();

// ---------------------------------------------------------------------------------------------- views

export interface CaseSummary {
  id: number;
  candidate: string;
  /** The candidate's name on the roster (the email when the person record has none). */
  candidate_name: string;
  from_level: string;
  target_level: string;
  status: CaseStatus;
  opened_on: string;
  outcome: CaseOutcome | null;
}

export interface SheetView {
  panelist: string;
  position: number;
  /** The sheet's version: send it back as `base_version` so a save over someone else's newer save is refused. */
  version: number;
  submitted_at: string | null;
  components: ScoreSheet['components'];
  criteria: ScoreSheet['criteria'];
  summary: string | null;
}

export interface DecisionView {
  computed_outcome: CaseOutcome;
  outcome: CaseOutcome;
  overridden: boolean;
  override_reason: string | null;
  note: string;
  decided_by: string;
  decided_at: string;
  effective_date: string | null;
  components: ComputedDecision['components'];
  criteria: ComputedDecision['criteria'];
  reasons: string[];
}

export interface CaseView extends CaseSummary {
  viewer: 'panelist' | 'staff';
  /** How from_level and target_level are shown: the ladder's labels, else the ids (ADR 0020). */
  from_label: string;
  target_label: string;
  /** Bumped by every write of the case; `expected_version` on a write must equal it. */
  version: number;
  ladder: { id: string; version: string; version_id: number };
  opened_at: string;
  opened_by: string;
  eligible_at_opening: boolean;
  open_override_reason: string | null;
  readiness_snapshot: unknown;
  withdrawn_at: string | null;
  withdraw_reason: string | null;
  assessment: { id: string; name: string; description: string | null }[];
  criteria: { id: string; name: string; description: string; gate: boolean }[];
  scale: ScoreScale;
  decision_rule: { component_pass: string; gate_median_min: number; other_median_min: number };
  panel: {
    size: number;
    submitted: number;
    members: {
      position: number;
      email: string;
      /** The panelist's name on the roster (else the email). */
      name: string;
      level: string | null;
      leadership: boolean;
      submitted: boolean;
    }[];
  };
  /** The sheets this viewer may read: their own, and others' submitted ones once theirs is submitted. */
  sheets: SheetView[];
  /** The rule applied to the submitted sheets, once every panelist has submitted (before the decision). */
  computed: ComputedDecision | null;
  decision: DecisionView | null;
  notes: NoteView[];
  events: { at: string; actor: string; action: string; detail: unknown }[];
}

/** What the candidate (or anyone allowed the outcome) sees: no panelist, no sheet, feedback once decided. */
export interface CaseOutcomeView extends CaseSummary {
  panel_size: number;
  submitted: number;
  /** The ladder the case runs under, so the candidate can read what the target level brings. */
  ladder_id: string;
  /** The day a promotion takes effect (null before a decision, and for not_yet). */
  effective_date: string | null;
  feedback: CandidateFeedback | null;
}

export interface NoteView {
  id: number;
  author: string;
  evidence_id: string | null;
  text: string;
  at: string;
}

// ---------------------------------------------------------------------------------------------- loading

interface LoadedCase {
  row: CaseRow;
  ladder: LadderDocument;
  promotion: PanelPromotion;
  panel: PanelSeatRow[];
  scores: ScoreRow[];
  decision: DecisionRow | undefined;
}

async function loadCase(db: Executor, id: number, forUpdate = false): Promise<LoadedCase> {
  const row = forUpdate ? await findCaseForUpdate(db, id) : await findCase(db, id);
  if (row === undefined) throw notFound('Promotion case', String(id));
  const version = await findLadderVersionById(db, row.ladderVersionId);
  if (version === undefined)
    throw new Error(`case ${id} pins ladder version ${row.ladderVersionId}, which is gone`);
  // Only validated documents are stored, so the pinned JSON has the document's shape.
  const ladder = version.document as LadderDocument;
  const promotion = panelPromotionFrom(ladder, row.fromLevel, { target: row.targetLevel });
  const [panel, scores, decision] = await Promise.all([
    listPanel(db, id),
    listScores(db, id),
    findDecision(db, id),
  ]);
  return { row, ladder, promotion, panel, scores, decision };
}

function activeSheets(loaded: LoadedCase): StoredSheet[] {
  const seats = new Map(loaded.panel.map((seat) => [seat.panelistEmail, seat.position]));
  return loaded.scores.flatMap((score) => {
    const position = seats.get(score.panelistEmail);
    if (position === undefined) return [];
    return [
      {
        panelistEmail: score.panelistEmail,
        position,
        sheet: score.sheet as ScoreSheet,
        submittedAt: score.submittedAt?.toISOString() ?? null,
      },
    ];
  });
}

function viewerOf(actor: Actor, loaded: LoadedCase): CaseViewer {
  return caseViewerFor(
    actor,
    loaded.row.candidateEmail,
    loaded.panel.map((seat) => seat.panelistEmail),
  );
}

function submittedCount(loaded: LoadedCase): number {
  return activeSheets(loaded).filter((s) => s.submittedAt !== null).length;
}

function sheetVersion(loaded: LoadedCase, panelist: string): number {
  return loaded.scores.find((s) => s.panelistEmail === panelist)?.version ?? 0;
}

const describeEvent = (e: CaseEventRow): string => `${e.action} by ${e.actor} at ${e.at.toISOString()}`;

/**
 * Refuses a write to a decided or withdrawn case, naming who closed it and when, so the loser of a race
 * learns what happened instead of a bare "cannot". Notes on a decided case stay allowed (case-state.ts).
 */
async function refuseIfClosed(tx: Executor, loaded: LoadedCase, action: CaseAction): Promise<void> {
  const { row, decision } = loaded;
  if (row.status === 'decided' && action !== 'add_note') {
    const by =
      decision === undefined
        ? ''
        : ` (${decision.outcome}) by ${decision.decidedBy} at ${decision.decidedAt.toISOString()}`;
    throw new DomainError('invalid_state', `case ${row.id} was decided${by}; reload it`, {
      status: row.status,
      action,
      decided_by: decision?.decidedBy ?? null,
      decided_at: decision?.decidedAt.toISOString() ?? null,
    });
  }
  if (row.status === 'withdrawn') {
    const withdrawal = (await listCaseEvents(tx, row.id)).findLast((e) => e.action === 'withdraw');
    const by = withdrawal === undefined ? '' : ` by ${withdrawal.actor} at ${withdrawal.at.toISOString()}`;
    throw new DomainError(
      'invalid_state',
      `case ${row.id} was withdrawn${by} (${row.withdrawReason ?? 'no reason'}); reload it`,
      { status: row.status, action },
    );
  }
}

/**
 * Optimistic check on top of the row lock: a writer that says which version it read is refused when the
 * case moved on since, with the steps it missed, because acting on a stale view (deciding without a sheet
 * submitted meanwhile) is the race the lock alone cannot see.
 */
async function refuseIfMoved(tx: Executor, loaded: LoadedCase, expected: number | undefined): Promise<void> {
  if (expected === undefined || expected === loaded.row.version) return;
  const missed = expected < loaded.row.version ? await listCaseEvents(tx, loaded.row.id, expected) : [];
  const what =
    missed.length === 0 ? `it is at version ${loaded.row.version}` : missed.map(describeEvent).join('; ');
  throw conflict(`case ${loaded.row.id} changed since version ${expected}: ${what}; reload it`, {
    expected_version: expected,
    version: loaded.row.version,
    changes: missed.map((e) => ({ seq: e.seq, action: e.action, actor: e.actor, at: e.at.toISOString() })),
  });
}

/** True for the errors two writers racing on one row can still get from the database. */
function isRaceError(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    // unique_violation, serialization_failure, deadlock_detected
    if (code === '23505' || code === '40001' || code === '40P01') return true;
  }
  return false;
}

/** Turns a database-level race on a case write into a domain conflict (never a 500). */
function raceRefusal(id: number): (error: unknown) => never {
  return (error: unknown): never => {
    if (isRaceError(error))
      throw conflict(`case ${id} was written by someone else at the same moment; reload it and try again`);
    throw error;
  };
}

/** The candidate's mentorships in the shape the conflict rules read, records included so refusals name them. */
export async function candidateRelations(db: Executor, candidate: string): Promise<CandidateRelations> {
  const relations = await mentorRelations(db, candidate);
  return {
    candidateEmail: candidate,
    mentorEmails: relations.mentors,
    menteeEmails: relations.mentees.map((m) => m.mentee),
    mentorships: relations.links,
  };
}

/**
 * The seated panelists who are partial about the candidate now. Re-checked at submit and decision because
 * a relation can predate this rule or reach the database by a path that did not check it.
 */
async function conflictedSeats(
  tx: Executor,
  loaded: LoadedCase,
  emails: readonly string[],
): Promise<PanelRefusal[]> {
  const relations = await candidateRelations(tx, loaded.row.candidateEmail);
  return emails.flatMap((email) => panelistConflict(email, relations) ?? []);
}

function checkTransition(loaded: LoadedCase, action: CaseAction): CaseStatus {
  return nextCaseStatus(loaded.row.status as CaseStatus, action, {
    panelSize: loaded.promotion.panel.size,
    panelMembers: loaded.panel.length,
    submitted: submittedCount(loaded),
  });
}

function isStaff(actor: Actor): boolean {
  return (
    actor.kind === 'operator' ||
    actor.kind === 'system' ||
    (actor.kind === 'person' && actor.role === 'leadership')
  );
}

function requireStaff(actor: Actor, what: string): void {
  if (!isStaff(actor)) throw forbidden(`Only leadership may ${what}`);
}

async function recordStep(
  tx: Executor,
  actor: Actor,
  at: Date,
  caseId: number,
  action: string,
  detail: Record<string, unknown>,
  audit: { before?: unknown; after?: unknown } = {},
): Promise<void> {
  // The seq comes from the locked case row, not a process counter: unique per case across processes.
  const seq = await bumpCaseVersion(tx, caseId);
  await insertCaseEvent(tx, { caseId, seq, action, actor: describeActor(actor), at, detail });
  await recordAudit(tx, actor, {
    action: `case.${action}`,
    entity: 'promotion_case',
    entityId: caseId,
    before: audit.before,
    after: audit.after ?? detail,
    at,
  });
}

function summaryOf(row: CaseRow, decision: DecisionRow | undefined, candidateName: string): CaseSummary {
  return {
    id: row.id,
    candidate: row.candidateEmail,
    candidate_name: candidateName,
    from_level: row.fromLevel,
    target_level: row.targetLevel,
    status: row.status as CaseStatus,
    opened_on: row.openedOn,
    outcome: (decision?.outcome as CaseOutcome | undefined) ?? null,
  };
}

function sheetView(stored: StoredSheet, version: number): SheetView {
  return {
    panelist: stored.panelistEmail,
    position: stored.position,
    version,
    submitted_at: stored.submittedAt,
    components: stored.sheet.components,
    criteria: stored.sheet.criteria,
    summary: stored.sheet.summary ?? null,
  };
}

function decisionView(row: DecisionRow): DecisionView {
  const computed = row.computed as ComputedDecision;
  return {
    computed_outcome: row.computedOutcome as CaseOutcome,
    outcome: row.outcome as CaseOutcome,
    overridden: row.overridden,
    override_reason: row.overrideReason,
    note: row.note,
    decided_by: row.decidedBy,
    decided_at: row.decidedAt.toISOString(),
    effective_date: row.effectiveDate,
    components: computed.components,
    criteria: computed.criteria,
    reasons: computed.reasons,
  };
}

function noteView(note: {
  id: number;
  author: string;
  evidenceId: string | null;
  text: string;
  at: Date;
}): NoteView {
  return {
    id: note.id,
    author: note.author,
    evidence_id: note.evidenceId,
    text: note.text,
    at: note.at.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------- reads

/**
 * The case as staff or a panelist sees it. The candidate and everyone else get `forbidden` here: the
 * candidate reads `getCaseOutcome`, which never names a panelist or shows a sheet.
 */
export async function getCase(deps: PromotionDeps, actor: Actor, id: number): Promise<CaseView> {
  const loaded = await loadCase(deps.db, id);
  const viewer = viewerOf(actor, loaded);
  if (viewer.kind === 'candidate')
    throw forbidden('The candidate reads the outcome of their case, not the panel’s file');
  if (viewer.kind === 'outsider') throw forbidden('Only leadership and the case’s panelists may read a case');
  const { row, promotion, decision } = loaded;
  const sheets = activeSheets(loaded);
  const seen = visibleSheets(viewer, sheets);
  const submitted = sheets.filter((s) => s.submittedAt !== null);
  const allIn = loaded.panel.length === promotion.panel.size && submitted.length === promotion.panel.size;
  // A panelist sees the computed preview only once they could read every sheet it is computed from.
  const canPreview = viewer.kind === 'staff' || seen.length === submitted.length;
  const [notes, events, people] = await Promise.all([
    listNotes(deps.db, id),
    listCaseEvents(deps.db, id),
    findPeopleByEmail(deps.db, [row.candidateEmail, ...loaded.panel.map((seat) => seat.panelistEmail)]),
  ]);
  const nameOf = (email: string): string => people.find((p) => p.email === email)?.name ?? email;
  return {
    ...summaryOf(row, decision, nameOf(row.candidateEmail)),
    viewer: viewer.kind,
    from_label: promotion.fromLabel,
    target_label: promotion.targetLabel,
    version: row.version,
    ladder: { id: row.ladderId, version: row.ladderVersion, version_id: row.ladderVersionId },
    opened_at: row.openedAt.toISOString(),
    opened_by: row.openedBy,
    eligible_at_opening: row.eligibleAtOpening,
    open_override_reason: row.openOverrideReason,
    readiness_snapshot: row.readinessSnapshot,
    withdrawn_at: row.withdrawnAt?.toISOString() ?? null,
    withdraw_reason: row.withdrawReason,
    assessment: promotion.assessment.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description ?? null,
    })),
    criteria: promotion.panel.criteria.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      gate: c.gate === true,
    })),
    scale: scoreScale(promotion.panel),
    decision_rule: { ...promotion.panel.decision },
    panel: {
      size: promotion.panel.size,
      submitted: submitted.length,
      members: loaded.panel.map((seat) => ({
        position: seat.position,
        email: seat.panelistEmail,
        name: nameOf(seat.panelistEmail),
        level: seat.levelAtAssignment,
        leadership: seat.leadership,
        submitted: submitted.some((s) => s.panelistEmail === seat.panelistEmail),
      })),
    },
    sheets: seen.map((stored) => sheetView(stored, sheetVersion(loaded, stored.panelistEmail))),
    computed:
      decision === undefined && allIn && canPreview
        ? computeDecision(
            promotion,
            submitted.map((s) => s.sheet),
          )
        : null,
    decision: decision === undefined ? null : decisionView(decision),
    notes: notes.map(noteView),
    events: events.map((e) => ({
      at: e.at.toISOString(),
      actor: e.actor,
      action: e.action,
      detail: e.detail,
    })),
  };
}

/** The sheets the actor may read on a case (the same rule as in `getCase`). */
export async function getCaseSheets(deps: PromotionDeps, actor: Actor, id: number): Promise<SheetView[]> {
  const loaded = await loadCase(deps.db, id);
  const viewer = viewerOf(actor, loaded);
  if (viewer.kind === 'candidate' || viewer.kind === 'outsider')
    throw forbidden('Only panelists and leadership read score sheets');
  return visibleSheets(viewer, activeSheets(loaded)).map((stored) =>
    sheetView(stored, sheetVersion(loaded, stored.panelistEmail)),
  );
}

/**
 * The outcome as the candidate sees it: status and progress before the decision; outcome, component
 * results, reasons and written feedback after it, panelists named only when the ladder reveals them.
 */
export async function getCaseOutcome(
  deps: PromotionDeps,
  actor: Actor,
  id: number,
): Promise<CaseOutcomeView> {
  const loaded = await loadCase(deps.db, id);
  const viewer = viewerOf(actor, loaded);
  if (viewer.kind === 'outsider')
    throw forbidden('Only the candidate, the panel and leadership may read this case');
  const { row, promotion, decision } = loaded;
  const feedback = candidateFeedback(
    promotion,
    decision === undefined
      ? null
      : {
          outcome: decision.outcome as CaseOutcome,
          overridden: decision.overridden,
          overrideReason: decision.overrideReason,
          note: decision.note,
          computed: decision.computed as ComputedDecision,
        },
    activeSheets(loaded),
  );
  const [candidate] = await findPeopleByEmail(deps.db, [row.candidateEmail]);
  return {
    ...summaryOf(row, decision, candidate?.name ?? row.candidateEmail),
    panel_size: promotion.panel.size,
    submitted: submittedCount(loaded),
    ladder_id: row.ladderId,
    effective_date: decision?.effectiveDate ?? null,
    feedback,
  };
}

/** Cases the actor may know of: all for leadership; for others, those they are candidate or panelist of. */
export async function listPromotionCases(
  deps: PromotionDeps,
  actor: Actor,
  filter: { candidate?: string; status?: CaseStatus } = {},
): Promise<CaseSummary[]> {
  const query: Parameters<typeof listCases>[1] = {};
  if (filter.candidate !== undefined) query.candidateEmail = lower(filter.candidate);
  if (filter.status !== undefined) query.status = filter.status;
  if (!isStaff(actor)) {
    if (actor.kind !== 'person') throw forbidden('Sign in to see promotion cases');
    query.involving = lower(actor.email);
  }
  const rows = await listCases(deps.db, query);
  const people = await findPeopleByEmail(deps.db, [...new Set(rows.map((row) => row.candidateEmail))]);
  const nameOf = new Map(people.map((p) => [p.email, p.name]));
  const summaries: CaseSummary[] = [];
  for (const row of rows)
    summaries.push(
      summaryOf(
        row,
        row.status === 'decided' ? await findDecision(deps.db, row.id) : undefined,
        nameOf.get(row.candidateEmail) ?? row.candidateEmail,
      ),
    );
  return summaries;
}

// ---------------------------------------------------------------------------------------------- writes

/** Finds the ladder version in force today whose tracks hold the builder's level step (its track and level). */
async function ladderForBuilder(
  deps: PromotionDeps,
  builder: Builder,
  step: { level: string; track: string },
  day: string,
) {
  const summaries = await listLadders({ db: deps.db, clock: deps.clock });
  for (const summary of summaries) {
    if (summary.activeVersion === null) continue;
    const ladder = await getLadderInForce({ db: deps.db, clock: deps.clock }, summary.ladderId, day);
    if (ladder.document.tracks.some((t) => t.id === step.track && t.levels.includes(step.level)))
      return ladder;
  }
  throw new DomainError(
    'case_not_eligible',
    `No ladder in force on ${day} has ${builder.email}'s track ${step.track} and level ${step.level}`,
  );
}

/** True for a unique-index violation, as node-postgres and PGlite report it (drizzle wraps it in `cause`). */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export interface OpenCaseInput {
  candidate: string;
  /**
   * Where the case leads when the level has several targets: one of them, bare (`m1`) or `track/level`.
   * Absent: the usual next step (the first target).
   */
  target_level?: string | undefined;
  /** Leadership opens a case for a builder readiness does not call eligible; the reason is kept. */
  override_reason?: string | undefined;
}

/**
 * Opens a case for the builder's next level, or the named one of the level's targets. Requires
 * `eligible_for_case` from readiness, or a written override reason from leadership; pins the ladder
 * version in force and the readiness answer.
 */
export async function openCase(deps: PromotionDeps, actor: Actor, input: OpenCaseInput): Promise<CaseView> {
  requireStaff(actor, 'open a promotion case');
  const email = lower(input.candidate);
  const day = today(deps.clock);
  const builder = await findBuilder(deps.db, email);
  if (builder === undefined) throw notFound('Builder', email);
  // The level held today: a promotion already decided but effective later has not happened yet. It is
  // read in its own step's track (ADR 0030). A target in another track is a case like any other: its
  // decision moves the builder to that track (decideCase).
  const held = levelOn(builder, day);
  if (held === undefined) throw new DomainError('case_not_eligible', `${email} holds no level on ${day}`);
  const fromLevel = held.level;
  const track = trackOfStep(held, builder.track);
  const ladder = await ladderForBuilder(deps, builder, { level: fromLevel, track }, day);
  const promotion = panelPromotionFrom(ladder.document, fromLevel, { track, target: input.target_level });
  // One live case out of a level, whichever target: deciding one would leave the other about a level
  // the builder no longer holds.
  for (const target of promotion.targets) {
    const live = await findLiveCase(deps.db, email, target);
    if (live === undefined) continue;
    throw new DomainError(
      'invalid_state',
      `${email} already has case ${live.id} for ${target} (${live.status})`,
      { case_id: live.id },
    );
  }
  const reason = input.override_reason?.trim() ?? '';
  const snapshot: ReadinessSnapshot = await deps.readiness(deps.db, actor, email, day);
  if (!snapshot.eligible_for_case && reason === '') {
    throw new DomainError(
      'case_not_eligible',
      `${email} is not eligible for a ${promotion.targetLevel} case on ${day}; leadership may open it with override_reason`,
      { gaps: snapshot.gaps ?? [] },
    );
  }
  if (snapshot.eligible_for_case && reason !== '') {
    throw validationFailed('override_reason: the builder is eligible; there is nothing to override', [
      { field: 'override_reason', message: 'the builder is eligible; there is nothing to override' },
    ]);
  }
  const now = deps.clock.now();
  const alreadyLive = () =>
    new DomainError('invalid_state', `${email} already has a live case for ${promotion.targetLevel}`);
  const id = await deps.db
    .transaction(async (tx) => {
      const row = await insertCase(tx, {
        candidateEmail: email,
        ladderId: ladder.ladderId,
        ladderVersionId: ladder.versionId,
        ladderVersion: ladder.version,
        fromLevel,
        targetLevel: promotion.targetLevel,
        status: 'open',
        openedOn: day,
        openedAt: now,
        openedBy: describeActor(actor),
        readinessSnapshot: snapshot,
        eligibleAtOpening: snapshot.eligible_for_case,
        openOverrideReason: reason === '' ? null : reason,
      });
      await recordStep(tx, actor, now, row.id, 'open', {
        candidate: email,
        from_level: fromLevel,
        target_level: promotion.targetLevel,
        ladder_version: ladder.version,
        eligible: snapshot.eligible_for_case,
        override_reason: reason === '' ? null : reason,
      });
      return row.id;
    })
    .catch((error: unknown) => {
      // Two openings at once: the partial unique index lets one through and refuses the other.
      throw isUniqueViolation(error) ? alreadyLive() : error;
    });
  return getCase(deps, actor, id);
}

/** Everyone who mentors or mentored `email`, and everyone `email` mentors or mentored. */
async function mentorRelations(
  db: Executor,
  email: string,
): Promise<{ mentors: string[]; mentees: Mentorship[]; links: MentorshipLink[] }> {
  const all = { limit: 10_000, offset: 0 };
  const [asMentee, asMentor] = await Promise.all([
    listMentorships(db, { mentee: email }, all),
    listMentorships(db, { mentor: email }, all),
  ]);
  const links = [...asMentee.items, ...asMentor.items].map((m) => ({
    id: m.id,
    mentor: m.mentor,
    mentee: m.mentee,
  }));
  return { mentors: asMentee.items.map((m) => m.mentor), mentees: asMentor.items, links };
}

/**
 * What the panel rules read about a person on `day`: the level they hold that day (null when not a
 * builder) and whether they are leadership. Seating and the panel picker (panel-candidates.service.ts)
 * both build the facts here, so the picker cannot offer someone seating would refuse.
 */
export function panelistFacts(
  email: string,
  person: { role: string } | undefined,
  builder: Builder | undefined,
  day: string,
): PanelistFacts {
  const level = builder === undefined ? null : (levelOn(builder, day)?.level ?? null);
  return { email, levelId: level, leadership: person?.role === 'leadership' };
}

/**
 * Seats the panel: exactly the ladder's size, each member L5+ or leadership (as the ladder says), none
 * the candidate, their current or past mentor, or someone they mentor. Allowed while the case is open,
 * or assessing before any sheet is submitted.
 */
export async function setPanel(
  deps: PromotionDeps,
  actor: Actor,
  id: number,
  input: { panelists: string[]; expected_version?: number | undefined },
): Promise<CaseView> {
  requireStaff(actor, 'set a promotion panel');
  const now = deps.clock.now();
  const day = today(deps.clock);
  await deps.db
    .transaction(async (tx) => {
      const loaded = await loadCase(tx, id, true);
      await refuseIfClosed(tx, loaded, 'set_panel');
      await refuseIfMoved(tx, loaded, input.expected_version);
      const status = checkTransition(loaded, 'set_panel');
      const emails = input.panelists.map(lower);
      const people = new Map((await findPeopleByEmail(tx, emails)).map((p) => [p.email, p]));
      const unknown = emails.flatMap((email, index) =>
        people.has(email) ? [] : [{ field: `panelists[${index}]`, message: `${email} is not on the roster` }],
      );
      if (unknown.length > 0) throw validationFailed(`${unknown[0]?.field}: ${unknown[0]?.message}`, unknown);
      const facts: PanelistFacts[] = [];
      for (const email of emails)
        facts.push(panelistFacts(email, people.get(email), await findBuilder(tx, email), day));
      // Read under the case lock: a mentorship being created now either committed first and is seen here,
      // or waits for this lock and then sees the seats (refuseConflictingMentorships).
      const relations = await candidateRelations(tx, loaded.row.candidateEmail);
      assertValidPanel(loaded.ladder, loaded.promotion.panel, facts, relations);
      const before = loaded.panel.map((seat) => seat.panelistEmail);
      await vacatePanel(tx, id, now);
      await insertPanel(
        tx,
        facts.map((f, index) => ({
          caseId: id,
          panelistEmail: f.email,
          position: index + 1,
          levelAtAssignment: f.levelId,
          leadership: f.leadership,
          addedAt: now,
        })),
      );
      await updateCaseStatus(tx, id, status);
      await recordStep(
        tx,
        actor,
        now,
        id,
        'set_panel',
        { panelists: emails, previous: before },
        {
          before: { panelists: before, status: loaded.row.status },
          after: { panelists: emails, status },
        },
      );
    })
    .catch(raceRefusal(id));
  return getCase(deps, actor, id);
}

export interface SheetInput extends ScoreSheet {
  /** The operator (CLI) enters a sheet on a panelist's behalf, e.g. from paper; persons score as themselves. */
  panelist?: string | undefined;
  /**
   * The sheet version this save replaces (0: there is no sheet yet). When given and not current, the save
   * is refused with a conflict naming the newer save; when omitted the save overwrites the draft.
   */
  base_version?: number | undefined;
}

/**
 * Saves a panelist's sheet as a private draft, or submits it (`submit`): then it must be complete and is
 * final. Only the panelist themself writes their sheet (or the operator on their behalf). The event and
 * audit entry of a draft carry no scores, because drafts are private to their author.
 */
export async function saveSheet(
  deps: PromotionDeps,
  actor: Actor,
  id: number,
  input: SheetInput,
  options: { submit: boolean },
): Promise<SheetView> {
  const now = deps.clock.now();
  return deps.db
    .transaction(async (tx) => {
      const loaded = await loadCase(tx, id, true);
      let panelist: string;
      if (actor.kind === 'operator') {
        if (input.panelist === undefined)
          throw validationFailed('panelist: the operator names the panelist whose sheet this is', [
            { field: 'panelist', message: 'required when the operator enters a sheet' },
          ]);
        panelist = lower(input.panelist);
      } else if (actor.kind === 'person') {
        panelist = lower(actor.email);
        if (input.panelist !== undefined && lower(input.panelist) !== panelist)
          throw forbidden('A panelist scores only their own sheet');
      } else {
        throw forbidden('Only panelists score');
      }
      const action = options.submit ? 'submit_scores' : 'save_draft';
      await refuseIfClosed(tx, loaded, action);
      const seat = loaded.panel.find((s) => s.panelistEmail === panelist);
      if (seat === undefined) throw forbidden(`${panelist} is not on the panel of case ${id}`);
      checkTransition(loaded, action);
      const existing = loaded.scores.find((s) => s.panelistEmail === panelist);
      if (existing?.submittedAt != null) {
        throw new DomainError(
          'invalid_state',
          `${panelist} already submitted scores for case ${id} at ${existing.submittedAt.toISOString()}; submitted scores are final`,
          { panelist, submitted_at: existing.submittedAt.toISOString(), version: existing.version },
        );
      }
      const current = existing?.version ?? 0;
      if (input.base_version !== undefined && input.base_version !== current) {
        const saved =
          existing === undefined
            ? 'there is no sheet yet'
            : `it was saved at ${existing.updatedAt.toISOString()} (version ${current})`;
        throw conflict(
          `${panelist}'s sheet on case ${id} changed since version ${input.base_version}: ${saved}; reload it`,
          { panelist, base_version: input.base_version, version: current },
        );
      }
      if (options.submit) {
        const [partial] = await conflictedSeats(tx, loaded, [panelist]);
        if (partial !== undefined)
          throw new DomainError(
            'panelist_conflict',
            `${panelist}'s sheet on case ${id} cannot be submitted: ${partial.reason}; leadership replaces the panelist or withdraws the case`,
            { refusals: [partial] },
          );
      }
      const sheet = validateScoreSheet(
        loaded.promotion,
        { components: input.components, criteria: input.criteria, summary: input.summary },
        { complete: options.submit },
      );
      const written = await upsertScore(tx, {
        caseId: id,
        panelistEmail: panelist,
        sheet,
        updatedAt: now,
        submittedAt: options.submit ? now : null,
      });
      if (written === undefined)
        throw new DomainError(
          'invalid_state',
          `${panelist} already submitted scores for case ${id}; reload it`,
        );
      await recordStep(
        tx,
        actor,
        now,
        id,
        action,
        { panelist },
        options.submit ? { after: { panelist, sheet } } : {},
      );
      return sheetView(
        {
          panelistEmail: panelist,
          position: seat.position,
          sheet,
          submittedAt: written.submittedAt?.toISOString() ?? null,
        },
        written.version,
      );
    })
    .catch(raceRefusal(id));
}

export interface DecideInput extends DecisionInput {
  /** When the new level starts (promoted only); defaults to the decision day. */
  effective_date?: string | undefined;
  /** The case version leadership decided on; refused with what changed when the case moved on since. */
  expected_version?: number | undefined;
}

/**
 * Leadership decides: the ladder's rule computes the outcome from every submitted sheet; leadership
 * confirms it with a note or overrides it with a reason kept forever. A promotion writes the new level
 * into the candidate's level history from the effective date, so every later computation (readiness,
 * mentor slots, referral terms, billing tier, panel eligibility) sees it from then.
 */
export async function decideCase(
  deps: PromotionDeps,
  actor: Actor,
  id: number,
  input: DecideInput,
): Promise<CaseView> {
  requireStaff(actor, 'decide a promotion case');
  const now = deps.clock.now();
  const day = today(deps.clock);
  await deps.db
    .transaction(async (tx) => {
      const loaded = await loadCase(tx, id, true);
      await refuseIfClosed(tx, loaded, 'decide');
      await refuseIfMoved(tx, loaded, input.expected_version);
      const status = checkTransition(loaded, 'decide');
      const partial = await conflictedSeats(
        tx,
        loaded,
        loaded.panel.map((seat) => seat.panelistEmail),
      );
      const first = partial[0];
      if (first !== undefined)
        throw new DomainError(
          'panelist_conflict',
          `case ${id} cannot be decided with ${first.email} on the panel: ${first.reason}; withdraw the case and open a new one with an impartial panel`,
          { refusals: partial },
        );
      const sheets = activeSheets(loaded).filter((s) => s.submittedAt !== null);
      const computed = computeDecision(
        loaded.promotion,
        sheets.map((s) => s.sheet),
      );
      const resolved = resolveDecision(computed, input);
      let effective: string | null = null;
      if (resolved.outcome === 'promoted') {
        effective = input.effective_date ?? day;
        const builder = await findBuilder(tx, loaded.row.candidateEmail);
        if (builder === undefined) throw notFound('Builder', loaded.row.candidateEmail);
        const problems = effectiveDateProblems(effective, loaded.row, builder.levels);
        if (problems !== null)
          throw validationFailed(`effective_date: ${problems}`, [
            { field: 'effective_date', message: problems },
          ]);
        // The new step is in the target's track, and so is the builder from now on (a target in another
        // track moves them: IC3 → M1); the earlier steps keep theirs (ADR 0030). One transaction with
        // the decision, so the move and the decision exist together or not at all.
        const latest = builder.levels[builder.levels.length - 1];
        const target = {
          level: loaded.promotion.targetId,
          since: effective,
          track: loaded.promotion.targetTrack,
        };
        await saveBuilder(
          tx,
          {
            ...builder,
            track: target.track,
            level: target.level,
            level_since: target.since,
            levels: [...withStepTracks(builder.levels, builder.track), target],
          },
          now,
        );
        await recordAudit(tx, actor, {
          action: 'builder.level_change',
          entity: 'builder',
          entityId: builder.email,
          before: {
            level: builder.level,
            since: builder.level_since,
            track: latest === undefined ? builder.track : trackOfStep(latest, builder.track),
          },
          after: { ...target, promotion_case: id },
          at: now,
        });
      } else if (input.effective_date !== undefined) {
        throw validationFailed('effective_date: only a promotion has an effective date', [
          { field: 'effective_date', message: 'only a promotion has an effective date' },
        ]);
      }
      await insertDecision(tx, {
        caseId: id,
        computedOutcome: resolved.computedOutcome,
        outcome: resolved.outcome,
        overridden: resolved.overridden,
        overrideReason: resolved.overrideReason,
        note: resolved.note,
        computed,
        decidedBy: describeActor(actor),
        decidedAt: now,
        decidedOn: day,
        effectiveDate: effective,
      });
      await updateCaseStatus(tx, id, status);
      const detail = {
        computed_outcome: resolved.computedOutcome,
        outcome: resolved.outcome,
        note: resolved.note,
        effective_date: effective,
        reasons: computed.reasons,
      };
      await recordStep(tx, actor, now, id, 'decide', detail);
      if (resolved.overridden) {
        await recordStep(tx, actor, now, id, 'override', {
          computed_outcome: resolved.computedOutcome,
          outcome: resolved.outcome,
          override_reason: resolved.overrideReason,
        });
      }
    })
    .catch(raceRefusal(id));
  return getCase(deps, actor, id);
}

/** Why the effective date cannot be used, or null: a real date, not before the case, after the current level began. */
function effectiveDateProblems(effective: string, row: CaseRow, levels: readonly LevelStep[]): string | null {
  const date = new Date(`${effective}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(effective) ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== effective
  )
    return `expected a date YYYY-MM-DD, got ${effective}`;
  if (effective < row.openedOn) return `${effective} is before the case was opened (${row.openedOn})`;
  const last = levels[levels.length - 1];
  if (last !== undefined && effective <= last.since)
    return `${effective} is not after the candidate's latest level step (${last.level} since ${last.since})`;
  return null;
}

/** Withdraws an open or assessing case, with a reason. */
export async function withdrawCase(
  deps: PromotionDeps,
  actor: Actor,
  id: number,
  input: { reason: string; expected_version?: number | undefined },
): Promise<CaseView> {
  requireStaff(actor, 'withdraw a promotion case');
  const reason = input.reason.trim();
  if (reason === '')
    throw validationFailed('reason: say why the case is withdrawn', [
      { field: 'reason', message: 'required' },
    ]);
  const now = deps.clock.now();
  await deps.db
    .transaction(async (tx) => {
      const loaded = await loadCase(tx, id, true);
      await refuseIfClosed(tx, loaded, 'withdraw');
      await refuseIfMoved(tx, loaded, input.expected_version);
      const status = checkTransition(loaded, 'withdraw');
      await updateCaseStatus(tx, id, status, { at: now, reason });
      await recordStep(
        tx,
        actor,
        now,
        id,
        'withdraw',
        { reason },
        { before: { status: loaded.row.status }, after: { status, reason } },
      );
    })
    .catch(raceRefusal(id));
  return getCase(deps, actor, id);
}

/**
 * Adds a note to the case or to one portfolio record (the portfolio itself is the ledger and is never
 * edited). The candidate, the panel and leadership may add notes.
 */
export async function addCaseNote(
  deps: PromotionDeps,
  actor: Actor,
  id: number,
  input: { text: string; evidence_id?: string | undefined },
): Promise<NoteView> {
  const text = input.text.trim();
  if (text === '')
    throw validationFailed('text: a note needs text', [{ field: 'text', message: 'required' }]);
  const now = deps.clock.now();
  return deps.db
    .transaction(async (tx) => {
      const loaded = await loadCase(tx, id, true);
      if (viewerOf(actor, loaded).kind === 'outsider')
        throw forbidden('Only the candidate, the panel and leadership add notes to a case');
      await refuseIfClosed(tx, loaded, 'add_note');
      checkTransition(loaded, 'add_note');
      const note = await insertNote(tx, {
        caseId: id,
        evidenceId: input.evidence_id ?? null,
        author: describeActor(actor),
        text,
        at: now,
      });
      await recordStep(tx, actor, now, id, 'add_note', {
        note_id: note.id,
        evidence_id: note.evidenceId,
        text,
      });
      return noteView(note);
    })
    .catch(raceRefusal(id));
}

export interface PortfolioView extends Portfolio {
  case_id: number;
  candidate: string;
  notes: NoteView[];
}

/**
 * The candidate's portfolio for a case, assembled from the ledger: as of today while the case is live,
 * as of the decision day once decided, so the record keeps what the panel saw. The candidate sees only
 * their own notes (others' notes would name panelists).
 */
export async function getCasePortfolio(
  deps: PromotionDeps,
  actor: Actor,
  id: number,
): Promise<PortfolioView> {
  const loaded = await loadCase(deps.db, id);
  const viewer = viewerOf(actor, loaded);
  if (viewer.kind === 'outsider')
    throw forbidden('Only the candidate, the panel and leadership may read the portfolio');
  const email = loaded.row.candidateEmail;
  const asOf =
    loaded.decision?.decidedOn ?? loaded.row.withdrawnAt?.toISOString().slice(0, 10) ?? today(deps.clock);
  const [records, relations, notes] = await Promise.all([
    listEvidenceOfBuilder(deps.db, email),
    mentorRelations(deps.db, email),
    listNotes(deps.db, id),
  ]);
  const menteeLevels = new Map<string, LevelStep[]>();
  for (const mentorship of relations.mentees) {
    const mentee = await findBuilder(deps.db, mentorship.mentee);
    if (mentee !== undefined) menteeLevels.set(mentee.email, mentee.levels);
  }
  const me = describeActor(actor);
  return {
    case_id: id,
    candidate: email,
    ...assemblePortfolio(records, relations.mentees, menteeLevels, asOf),
    notes: notes.filter((n) => viewer.kind !== 'candidate' || n.author === me).map(noteView),
  };
}

// ---------------------------------------------------------------------------------------------- relations

/**
 * Refuses mentorships that would tie a seated panelist of a live case to its candidate (either way). Every
 * path that writes mentorships (assign, roster, import) calls it inside its own transaction, before the
 * write, so the rule holds for the API, the CLI and the import alike. `where` names the input row.
 */
export async function refuseConflictingMentorships(
  tx: Executor,
  mentorships: readonly MentorshipLink[],
  where: (link: MentorshipLink, index: number) => string = (link) => `mentorship ${link.id}`,
): Promise<void> {
  if (mentorships.length === 0) return;
  const people = [...new Set(mentorships.flatMap((m) => [lower(m.mentor), lower(m.mentee)]))];
  // Locks those live cases (all of them for a big import) so seating cannot race this write.
  const seats = await lockLiveCaseSeats(tx, people.length > 1000 ? undefined : people);
  const conflicts = seatsConflictedBy(seats, mentorships);
  const first = conflicts[0];
  if (first === undefined) return;
  const index = mentorships.findIndex((m) => m.id === first.mentorship);
  const link = mentorships[index] ?? { id: first.mentorship, mentor: '', mentee: '' };
  throw new DomainError(
    'panelist_conflict',
    `${where(link, index)}: ${first.reason}; replace the panelist while no sheet is submitted, or create the mentorship once the case is decided or withdrawn`,
    { conflicts },
  );
}

// ---------------------------------------------------------------------------------------------- for evaluation

/** The latest decided case's outcome in the evaluation module's shape (its `assessment` requirement). */
export interface LatestAssessment {
  case_id: string;
  outcome: 'passed' | 'failed';
  decided_on: string;
  /** The case's final outcome and whether leadership overrode the computed one. */
  case_outcome: CaseOutcome;
  overridden: boolean;
  effective_date: string | null;
}

/**
 * The latest decided case of `builderEmail` out of `fromLevel` (to any of its targets), decided on or
 * before `at` when given: `passed` when the final outcome is promoted. For readiness's `assessment`
 * requirement.
 */
export async function latestDecidedAssessment(
  db: Executor,
  builderEmail: string,
  fromLevel: string,
  at?: string,
): Promise<LatestAssessment | null> {
  const row = await findLatestDecidedCase(db, lower(builderEmail), fromLevel, at);
  if (row === undefined) return null;
  return {
    case_id: String(row.caseId),
    outcome: row.outcome === 'promoted' ? 'passed' : 'failed',
    decided_on: row.decidedOn,
    case_outcome: row.outcome as CaseOutcome,
    overridden: row.overridden,
    effective_date: row.effectiveDate,
  };
}

/**
 * The evaluation module's assessment provider (readiness.service.ts `AssessmentProvider`): the latest
 * case out of `level` decided on or before `at`, whichever target it led to. Readiness answers against
 * the first target, but the level's assessment is one: a case decided "not yet" towards a second target
 * is the assessment the builder last sat, not "not assessed yet".
 */
export async function assessmentOfLatestCase(
  db: Executor,
  input: { builder: string; level: string; target_level: string; at: string },
): Promise<LatestAssessment | null> {
  return latestDecidedAssessment(db, input.builder, input.level, input.at);
}
