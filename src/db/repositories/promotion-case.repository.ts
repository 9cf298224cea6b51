import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { preparedStatementName, type Executor } from '../connection.js';
import {
  promotionCaseEvents,
  promotionCaseNotes,
  promotionCases,
  promotionDecisions,
  promotionPanelMembers,
  promotionScores,
} from '../schema/promotion.schema.js';

export type CaseRow = typeof promotionCases.$inferSelect;
export type NewCaseRow = Omit<typeof promotionCases.$inferInsert, 'id'>;
export type PanelSeatRow = typeof promotionPanelMembers.$inferSelect;
export type ScoreRow = typeof promotionScores.$inferSelect;
export type DecisionRow = typeof promotionDecisions.$inferSelect;
export type NoteRow = typeof promotionCaseNotes.$inferSelect;
export type CaseEventRow = typeof promotionCaseEvents.$inferSelect;

/** Inserts a case and returns it with its id. */
export async function insertCase(db: Executor, row: NewCaseRow): Promise<CaseRow> {
  const [inserted] = await db.insert(promotionCases).values(row).returning();
  if (inserted === undefined) throw new Error('case insert returned no row');
  return inserted;
}

/** One case by id. */
export async function findCase(db: Executor, id: number): Promise<CaseRow | undefined> {
  const rows = await db.select().from(promotionCases).where(eq(promotionCases.id, id)).limit(1);
  return rows[0];
}

/** The case, locked for the rest of the transaction so two writers of one case go one after the other. */
export async function findCaseForUpdate(db: Executor, id: number): Promise<CaseRow | undefined> {
  const rows = await db.select().from(promotionCases).where(eq(promotionCases.id, id)).limit(1).for('update');
  return rows[0];
}

/**
 * Counts one more write of the case and returns the new version, which is the `seq` of the event that
 * write appends. The caller holds the case's row lock (`findCaseForUpdate`); the UPDATE takes it anyway,
 * so the number is handed out once per case whatever process or connection asks.
 */
export async function bumpCaseVersion(db: Executor, id: number): Promise<number> {
  const [row] = await db
    .update(promotionCases)
    .set({ version: sql`${promotionCases.version} + 1` })
    .where(eq(promotionCases.id, id))
    .returning({ version: promotionCases.version });
  if (row === undefined) throw new Error(`case ${id} vanished while it was locked`);
  return row.version;
}

/** A seat on the panel of a live (open or assessing) case, with the case's candidate. */
export interface LiveSeat {
  caseId: number;
  candidateEmail: string;
  panelistEmail: string;
}

/**
 * The seats of live cases whose candidate is one of `people` (every live case when omitted), with those
 * cases locked until the transaction ends: a relation written in the same transaction cannot slip past a
 * panel being seated at the same time, because seating holds the same lock while it reads relations.
 */
export async function lockLiveCaseSeats(db: Executor, people?: readonly string[]): Promise<LiveSeat[]> {
  if (people !== undefined && people.length === 0) return [];
  const live = inArray(promotionCases.status, ['open', 'assessing']);
  const locked = await db
    .select({ id: promotionCases.id, candidateEmail: promotionCases.candidateEmail })
    .from(promotionCases)
    .where(people === undefined ? live : and(live, inArray(promotionCases.candidateEmail, [...people])))
    .orderBy(asc(promotionCases.id))
    .for('update');
  if (locked.length === 0) return [];
  const candidates = new Map(locked.map((row) => [row.id, row.candidateEmail]));
  const seats = await db
    .select({ caseId: promotionPanelMembers.caseId, panelistEmail: promotionPanelMembers.panelistEmail })
    .from(promotionPanelMembers)
    .where(
      and(
        inArray(promotionPanelMembers.caseId, [...candidates.keys()]),
        isNull(promotionPanelMembers.removedAt),
      ),
    )
    .orderBy(asc(promotionPanelMembers.caseId), asc(promotionPanelMembers.position));
  return seats.map((seat) => ({
    caseId: seat.caseId,
    candidateEmail: candidates.get(seat.caseId) ?? '',
    panelistEmail: seat.panelistEmail,
  }));
}

/** The open or assessing case of a candidate for a target level, if any. */
export async function findLiveCase(
  db: Executor,
  candidateEmail: string,
  targetLevel: string,
): Promise<CaseRow | undefined> {
  const rows = await db
    .select()
    .from(promotionCases)
    .where(
      and(
        eq(promotionCases.candidateEmail, candidateEmail),
        eq(promotionCases.targetLevel, targetLevel),
        inArray(promotionCases.status, ['open', 'assessing']),
      ),
    )
    .limit(1);
  return rows[0];
}

/** Sets the status (and withdrawal fields); the caller checked the transition. */
export async function updateCaseStatus(
  db: Executor,
  id: number,
  status: string,
  withdrawal?: { at: Date; reason: string },
): Promise<void> {
  await db
    .update(promotionCases)
    .set(
      withdrawal === undefined
        ? { status }
        : { status, withdrawnAt: withdrawal.at, withdrawReason: withdrawal.reason },
    )
    .where(eq(promotionCases.id, id));
}

export interface CaseListFilter {
  candidateEmail?: string;
  status?: string;
  /** Only cases on whose current panel this person sits. */
  panelistEmail?: string;
  /** Cases where the person is either the candidate or a current panelist. */
  involving?: string;
}

/** Cases matching the filter, newest first. */
export async function listCases(db: Executor, filter: CaseListFilter): Promise<CaseRow[]> {
  const onPanel = (email: string) =>
    inArray(
      promotionCases.id,
      db
        .select({ id: promotionPanelMembers.caseId })
        .from(promotionPanelMembers)
        .where(and(eq(promotionPanelMembers.panelistEmail, email), isNull(promotionPanelMembers.removedAt))),
    );
  const conditions = [];
  if (filter.candidateEmail !== undefined)
    conditions.push(eq(promotionCases.candidateEmail, filter.candidateEmail));
  if (filter.status !== undefined) conditions.push(eq(promotionCases.status, filter.status));
  if (filter.panelistEmail !== undefined) conditions.push(onPanel(filter.panelistEmail));
  if (filter.involving !== undefined)
    conditions.push(or(eq(promotionCases.candidateEmail, filter.involving), onPanel(filter.involving)));
  return db
    .select()
    .from(promotionCases)
    .where(conditions.length === 0 ? undefined : and(...conditions))
    .orderBy(desc(promotionCases.id));
}

/** The current panel of a case, by position. */
export async function listPanel(db: Executor, caseId: number): Promise<PanelSeatRow[]> {
  return db
    .select()
    .from(promotionPanelMembers)
    .where(and(eq(promotionPanelMembers.caseId, caseId), isNull(promotionPanelMembers.removedAt)))
    .orderBy(asc(promotionPanelMembers.position));
}

/** Vacates every current seat (the rows stay, with when they ended). */
export async function vacatePanel(db: Executor, caseId: number, at: Date): Promise<void> {
  await db
    .update(promotionPanelMembers)
    .set({ removedAt: at })
    .where(and(eq(promotionPanelMembers.caseId, caseId), isNull(promotionPanelMembers.removedAt)));
}

/** Seats a new panel. */
export async function insertPanel(
  db: Executor,
  seats: Omit<typeof promotionPanelMembers.$inferInsert, 'id'>[],
): Promise<PanelSeatRow[]> {
  if (seats.length === 0) return [];
  return db.insert(promotionPanelMembers).values(seats).returning();
}

/** Every sheet of a case (drafts included: the service decides who sees what). */
export async function listScores(db: Executor, caseId: number): Promise<ScoreRow[]> {
  return db
    .select()
    .from(promotionScores)
    .where(eq(promotionScores.caseId, caseId))
    .orderBy(asc(promotionScores.id));
}

/** One panelist's sheet on a case. */
export async function findScore(
  db: Executor,
  caseId: number,
  panelistEmail: string,
): Promise<ScoreRow | undefined> {
  const rows = await db
    .select()
    .from(promotionScores)
    .where(and(eq(promotionScores.caseId, caseId), eq(promotionScores.panelistEmail, panelistEmail)))
    .limit(1);
  return rows[0];
}

/** Writes a panelist's sheet (version + 1); undefined when it was already submitted, which freezes it. */
export async function upsertScore(
  db: Executor,
  row: { caseId: number; panelistEmail: string; sheet: unknown; updatedAt: Date; submittedAt: Date | null },
): Promise<ScoreRow | undefined> {
  const [written] = await db
    .insert(promotionScores)
    .values({ ...row, version: 1 })
    .onConflictDoUpdate({
      target: [promotionScores.caseId, promotionScores.panelistEmail],
      set: {
        sheet: row.sheet,
        updatedAt: row.updatedAt,
        submittedAt: row.submittedAt,
        version: sql`${promotionScores.version} + 1`,
      },
      // A submitted sheet is final; the service refuses earlier, and this keeps it so under a race.
      setWhere: isNull(promotionScores.submittedAt),
    })
    .returning();
  // No row back: the sheet was already submitted; the service turns that into invalid_state.
  return written;
}

/** Records the decision (once: the primary key is the case). */
export async function insertDecision(
  db: Executor,
  row: typeof promotionDecisions.$inferInsert,
): Promise<DecisionRow> {
  const [inserted] = await db.insert(promotionDecisions).values(row).returning();
  if (inserted === undefined) throw new Error('decision insert returned no row');
  return inserted;
}

/** The decision of a case, if decided. */
export async function findDecision(db: Executor, caseId: number): Promise<DecisionRow | undefined> {
  const rows = await db
    .select()
    .from(promotionDecisions)
    .where(eq(promotionDecisions.caseId, caseId))
    .limit(1);
  return rows[0];
}

/** Adds a note to a case. */
export async function insertNote(
  db: Executor,
  row: Omit<typeof promotionCaseNotes.$inferInsert, 'id'>,
): Promise<NoteRow> {
  const [inserted] = await db.insert(promotionCaseNotes).values(row).returning();
  if (inserted === undefined) throw new Error('note insert returned no row');
  return inserted;
}

/** Notes of a case, oldest first. */
export async function listNotes(db: Executor, caseId: number): Promise<NoteRow[]> {
  return db
    .select()
    .from(promotionCaseNotes)
    .where(eq(promotionCaseNotes.caseId, caseId))
    .orderBy(asc(promotionCaseNotes.id));
}

/** Appends a case event. */
export async function insertCaseEvent(
  db: Executor,
  row: Omit<typeof promotionCaseEvents.$inferInsert, 'id'>,
): Promise<CaseEventRow> {
  const [inserted] = await db.insert(promotionCaseEvents).values(row).returning();
  if (inserted === undefined) throw new Error('case event insert returned no row');
  return inserted;
}

/** Events of a case in order, or only those after `afterSeq` (what changed since a reader's version). */
export async function listCaseEvents(
  db: Executor,
  caseId: number,
  afterSeq?: number,
): Promise<CaseEventRow[]> {
  return db
    .select()
    .from(promotionCaseEvents)
    .where(
      afterSeq === undefined
        ? eq(promotionCaseEvents.caseId, caseId)
        : and(eq(promotionCaseEvents.caseId, caseId), gt(promotionCaseEvents.seq, afterSeq)),
    )
    .orderBy(asc(promotionCaseEvents.seq));
}

/** The latest decided case of a candidate out of a level, with its decision, or undefined. */
export interface DecidedCaseRow {
  caseId: number;
  candidateEmail: string;
  fromLevel: string;
  targetLevel: string;
  outcome: string;
  computedOutcome: string;
  overridden: boolean;
  decidedOn: string;
  decidedAt: Date;
  effectiveDate: string | null;
}

/**
 * The latest decided case out of `fromLevel` for a candidate, whichever of the level's targets it led to,
 * decided on or before `onOrBefore` when given (so an evaluation at a past date sees the case that was
 * decided by then).
 */
export async function findLatestDecidedCase(
  db: Executor,
  candidateEmail: string,
  fromLevel: string,
  onOrBefore?: string,
): Promise<DecidedCaseRow | undefined> {
  // Every readiness that computes an answer asks this (its assessment): two shapes, each built once per
  // handle and prepared (named), so the request neither builds the SQL nor has the server plan it again.
  const dated = onOrBefore !== undefined;
  let byShape = preparedLatestDecided.get(db);
  if (byShape === undefined) {
    byShape = new Map();
    preparedLatestDecided.set(db, byShape);
  }
  let prepared = byShape.get(dated);
  if (prepared === undefined) {
    prepared = prepareLatestDecidedCase(db, dated);
    byShape.set(dated, prepared);
  }
  const rows = await prepared.execute({ candidateEmail, fromLevel, onOrBefore: onOrBefore ?? null });
  return rows[0];
}

function prepareLatestDecidedCase(db: Executor, dated: boolean) {
  const conditions = [
    eq(promotionCases.candidateEmail, sql.placeholder('candidateEmail')),
    eq(promotionCases.fromLevel, sql.placeholder('fromLevel')),
    eq(promotionCases.status, 'decided'),
  ];
  if (dated) conditions.push(sql`${promotionDecisions.decidedOn} <= ${sql.placeholder('onOrBefore')}`);
  return db
    .select({
      caseId: promotionCases.id,
      candidateEmail: promotionCases.candidateEmail,
      fromLevel: promotionCases.fromLevel,
      targetLevel: promotionCases.targetLevel,
      outcome: promotionDecisions.outcome,
      computedOutcome: promotionDecisions.computedOutcome,
      overridden: promotionDecisions.overridden,
      decidedOn: promotionDecisions.decidedOn,
      decidedAt: promotionDecisions.decidedAt,
      effectiveDate: promotionDecisions.effectiveDate,
    })
    .from(promotionCases)
    .innerJoin(promotionDecisions, eq(promotionDecisions.caseId, promotionCases.id))
    .where(and(...conditions))
    .orderBy(desc(promotionDecisions.decidedAt), desc(promotionCases.id))
    .limit(1)
    .prepare(preparedStatementName(dated ? 'latest_decided_case_from_on' : 'latest_decided_case_from'));
}

const preparedLatestDecided = new WeakMap<
  Executor,
  Map<boolean, ReturnType<typeof prepareLatestDecidedCase>>
>();

/** Who a case concerns: its candidate and current panelists (for access control's relations). */
export async function findCaseParticipants(
  db: Executor,
  caseId: number,
): Promise<{ candidateEmail: string; panelistEmails: string[] } | undefined> {
  const found = await findCase(db, caseId);
  if (found === undefined) return undefined;
  const panel = await listPanel(db, caseId);
  return { candidateEmail: found.candidateEmail, panelistEmails: panel.map((seat) => seat.panelistEmail) };
}
