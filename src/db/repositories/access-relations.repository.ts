import { and, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../connection.js';
import { promotionCases, promotionPanelMembers } from '../schema/promotion.schema.js';
import { mentorships, placements } from '../schema/roster.schema.js';

/** Case states in which a panel works on the case. */
const ACTIVE_CASE_STATES = ['open', 'assessing'];

/** True when `mentorEmail` mentors `menteeEmail` on `day` (YYYY-MM-DD). */
export async function isMentorOn(
  executor: Executor,
  mentorEmail: string,
  menteeEmail: string,
  day: string,
): Promise<boolean> {
  const rows = await executor
    .select({ id: mentorships.id })
    .from(mentorships)
    .where(
      and(
        eq(mentorships.mentorEmail, mentorEmail),
        eq(mentorships.menteeEmail, menteeEmail),
        lte(mentorships.start, day),
        or(isNull(mentorships.end), gte(mentorships.end, day)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The two people of a mentorship, if it exists. */
export async function mentorshipParties(
  executor: Executor,
  id: string,
): Promise<{ mentor: string; mentee: string } | undefined> {
  const [row] = await executor
    .select({ mentor: mentorships.mentorEmail, mentee: mentorships.menteeEmail })
    .from(mentorships)
    .where(eq(mentorships.id, id))
    .limit(1);
  return row;
}

/** The candidate and the seated panelists of a case, if it exists. */
export async function caseParties(
  executor: Executor,
  caseId: number,
): Promise<{ candidate: string; panelists: string[] } | undefined> {
  const [found] = await executor
    .select({ candidate: promotionCases.candidateEmail })
    .from(promotionCases)
    .where(eq(promotionCases.id, caseId))
    .limit(1);
  if (found === undefined) return undefined;
  const seats = await executor
    .select({ panelist: promotionPanelMembers.panelistEmail })
    .from(promotionPanelMembers)
    .where(and(eq(promotionPanelMembers.caseId, caseId), isNull(promotionPanelMembers.removedAt)));
  return { candidate: found.candidate, panelists: seats.map((seat) => seat.panelist) };
}

/** True when `panelistEmail` holds a seat on an open or assessing case of `candidateEmail`. */
export async function isPanelistForCandidate(
  executor: Executor,
  panelistEmail: string,
  candidateEmail: string,
): Promise<boolean> {
  const rows = await executor
    .select({ id: promotionPanelMembers.id })
    .from(promotionPanelMembers)
    .innerJoin(promotionCases, eq(promotionCases.id, promotionPanelMembers.caseId))
    .where(
      and(
        eq(promotionPanelMembers.panelistEmail, panelistEmail),
        isNull(promotionPanelMembers.removedAt),
        eq(promotionCases.candidateEmail, candidateEmail),
        inArray(promotionCases.status, ACTIVE_CASE_STATES),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** True when `builderEmail` has a placement at `clientId` running on some day from `fromDay` to `day`. */
export async function isPlacedAtClient(
  executor: Executor,
  builderEmail: string,
  clientId: string,
  fromDay: string,
  day: string,
): Promise<boolean> {
  const rows = await executor
    .select({ id: placements.id })
    .from(placements)
    .where(
      and(
        eq(placements.builderEmail, builderEmail),
        eq(placements.clientId, clientId),
        lte(placements.start, day),
        or(isNull(placements.end), gte(placements.end, fromDay)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
