import type { Actor } from '../core/actor.js';
import { DomainError, forbidden } from '../core/errors.js';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';
import { findLevel, levelLabel } from '../core/ladder/ladder-lookup.js';
import { nextCaseStatus } from '../core/promotion/case-state.js';
import { panelistRefusal, type PanelRefusalCode } from '../core/promotion/panel.js';
import { panelPromotionFrom } from '../core/promotion/promotion-rules.js';
import { findLadderVersionById } from '../db/repositories/ladder-versions.repository.js';
import { listAllBuilders, listAllPeople } from '../db/repositories/roster.repository.js';
import { candidateRelations, getCase, panelistFacts, type PromotionDeps } from './promotion-case.service.js';

/**
 * The panel picker's answer: everyone on the roster, each with whether they may sit on this case's panel
 * and why (not). The verdicts come from the same rules seating enforces (core/promotion/panel.ts
 * `panelistRefusal` over the facts `setPanel` builds with `panelistFacts`), so the picker never offers
 * someone `PUT /api/cases/:id/panel` would refuse, nor hides someone it would accept.
 */

export interface PanelCandidate {
  email: string;
  name: string;
  role: string;
  /** The level they hold on the day asked (null when they are not a builder), and how people call it. */
  level: string | null;
  level_label: string | null;
  eligible: boolean;
  /** The refusal's code when they may not sit: a conflict of interest, or not eligible by level/role. */
  refusal: PanelRefusalCode | null;
  /** In words: why they may sit ("holds L5", "leadership"), or the refusal seating would give. */
  reason: string;
  /** Already seated on this case's current panel. */
  seated: boolean;
}

export interface PanelCandidatesView {
  case_id: number;
  candidate: string;
  from_level: string;
  target_level: string;
  /** The day the verdicts are for: seating judges eligibility on the day the panel is set (today). */
  on: string;
  panel_size: number;
  eligibility: { min_level: string; leadership: boolean };
  /** Whether the panel may be (re)seated now, and if not the refusal seating would give. */
  seating: { open: boolean; reason: string | null };
  seated: string[];
  /** How many people match `q` (all of the roster without one); `candidates` holds the first `limit`. */
  matched: number;
  /** Eligible people first, then the others, each group by name; at most `limit` of them. */
  candidates: PanelCandidate[];
}

/** The picker's search: a part of the name or email (any case), and how many to answer. */
export interface PanelCandidateQuery {
  q?: string;
  limit?: number;
}

/** Answers hold at most this many candidates unless the caller asks for fewer. */
export const PANEL_CANDIDATES_DEFAULT_LIMIT = 50;
export const PANEL_CANDIDATES_MAX_LIMIT = 200;

/** True when `q` (trimmed, any case) is part of the person's name or email; an empty `q` matches all. */
function matchesQuery(person: { name: string; email: string }, q: string): boolean {
  if (q === '') return true;
  return person.name.toLocaleLowerCase('en').includes(q) || person.email.includes(q);
}

function isStaff(actor: Actor): boolean {
  return (
    actor.kind === 'operator' ||
    actor.kind === 'system' ||
    (actor.kind === 'person' && actor.role === 'leadership')
  );
}

function labelOf(doc: LadderDocument, levelId: string | null): string | null {
  if (levelId === null) return null;
  const level = findLevel(doc, levelId);
  return level === undefined ? levelId : levelLabel(level);
}

/** Whether the case's state lets the panel be seated now: the case's own transition rule, asked without writing. */
function seatingState(view: {
  status: 'open' | 'assessing' | 'decided' | 'withdrawn';
  panel: { size: number; members: unknown[]; submitted: number };
}): { open: boolean; reason: string | null } {
  try {
    nextCaseStatus(view.status, 'set_panel', {
      panelSize: view.panel.size,
      panelMembers: view.panel.members.length,
      submitted: view.panel.submitted,
    });
    return { open: true, reason: null };
  } catch (error) {
    if (error instanceof DomainError) return { open: false, reason: error.message };
    throw error;
  }
}

/**
 * Who may sit on case `id`'s panel today and why the others may not, for leadership's panel picker:
 * the people whose name or email holds `query.q`, eligible first, at most `query.limit` (the picker
 * searches the server, so a roster of thousands is never sent whole). Reads the ladder version the case
 * pinned, so the verdicts are the ones `setPanel` gives today.
 */
export async function listPanelCandidates(
  deps: PromotionDeps,
  actor: Actor,
  id: number,
  query: PanelCandidateQuery = {},
): Promise<PanelCandidatesView> {
  if (!isStaff(actor)) throw forbidden('Only leadership seats a promotion panel');
  const view = await getCase(deps, actor, id);
  const version = await findLadderVersionById(deps.db, view.ladder.version_id);
  if (version === undefined)
    throw new Error(`case ${id} pins ladder version ${view.ladder.version_id}, which is gone`);
  // Only validated documents are stored, so the pinned JSON has the document's shape.
  const doc = version.document as LadderDocument;
  // The level and target the case stored, read as loadCase reads them for seating.
  const { panel } = panelPromotionFrom(doc, view.from_level, { target: view.target_level });
  const day = deps.clock.now().toISOString().slice(0, 10);
  const [people, builders, relations] = await Promise.all([
    listAllPeople(deps.db),
    listAllBuilders(deps.db),
    candidateRelations(deps.db, view.candidate),
  ]);
  const builderOf = new Map(builders.map((b) => [b.email, b]));
  const seated = new Set(view.panel.members.map((m) => m.email));
  const q = (query.q ?? '').trim().toLocaleLowerCase('en');
  const limit = Math.min(
    PANEL_CANDIDATES_MAX_LIMIT,
    Math.max(1, query.limit ?? PANEL_CANDIDATES_DEFAULT_LIMIT),
  );
  const matching = people.filter((person) => matchesQuery(person, q));
  const candidates = matching.map((person): PanelCandidate => {
    const facts = panelistFacts(person.email, person, builderOf.get(person.email), day);
    const refusal = panelistRefusal(doc, panel, facts, relations);
    const standing =
      facts.leadership && panel.eligibility.leadership
        ? 'leadership'
        : `holds ${labelOf(doc, facts.levelId) ?? 'no level'} on ${day}`;
    return {
      email: person.email,
      name: person.name,
      role: person.role,
      level: facts.levelId,
      level_label: labelOf(doc, facts.levelId),
      eligible: refusal === null,
      refusal: refusal?.code ?? null,
      reason: refusal?.reason ?? `May sit: ${standing}`,
      seated: seated.has(person.email),
    };
  });
  candidates.sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.name.localeCompare(b.name, 'en'));
  return {
    case_id: view.id,
    candidate: view.candidate,
    from_level: view.from_level,
    target_level: view.target_level,
    on: day,
    panel_size: panel.size,
    eligibility: { min_level: panel.eligibility.min_level, leadership: panel.eligibility.leadership },
    seating: seatingState(view),
    seated: view.panel.members.map((m) => m.email),
    matched: candidates.length,
    candidates: candidates.slice(0, limit),
  };
}
