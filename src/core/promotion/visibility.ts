import type { Actor } from '../actor.js';
import type { CaseOutcome } from './case-state.js';
import type { ComputedDecision } from './decision.js';
import type { PanelPromotion } from './promotion-rules.js';
import type { ScoreSheet } from './score-sheet.js';

/**
 * Who is looking at a case, as far as the case is concerned. The candidate and panelists are recognised
 * before leadership, so a leader who sits on the panel gets a panelist's view (no peeking at the others'
 * sheets before submitting) and a leader who is the candidate gets a candidate's view.
 */
export type CaseViewer =
  { kind: 'candidate' } | { kind: 'panelist'; email: string } | { kind: 'staff' } | { kind: 'outsider' };

/** A panelist's sheet as stored: draft (submittedAt null) or submitted. */
export interface StoredSheet {
  panelistEmail: string;
  /** Position on the panel, from 1; the candidate knows panelists only by it unless the ladder reveals them. */
  position: number;
  sheet: ScoreSheet;
  submittedAt: string | null;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Places the actor relative to the case: candidate, panelist, staff (leadership, operator) or outsider. */
export function caseViewerFor(
  actor: Actor,
  candidateEmail: string,
  panelistEmails: readonly string[],
): CaseViewer {
  if (actor.kind === 'operator' || actor.kind === 'system') return { kind: 'staff' };
  if (actor.kind !== 'person') return { kind: 'outsider' };
  if (same(actor.email, candidateEmail)) return { kind: 'candidate' };
  const panelist = panelistEmails.find((email) => same(email, actor.email));
  if (panelist !== undefined) return { kind: 'panelist', email: panelist };
  if (actor.role === 'leadership') return { kind: 'staff' };
  return { kind: 'outsider' };
}

/**
 * The score sheets this viewer may read. A draft is private to its author, always. A panelist reads the
 * others' submitted sheets only once their own is submitted, so nobody calibrates against a colleague
 * before committing. Staff read submitted sheets. The candidate reads no sheet: they get
 * `candidateFeedback` once the case is decided.
 */
export function visibleSheets(viewer: CaseViewer, sheets: readonly StoredSheet[]): StoredSheet[] {
  switch (viewer.kind) {
    case 'staff':
      return sheets.filter((s) => s.submittedAt !== null);
    case 'panelist': {
      const own = sheets.find((s) => same(s.panelistEmail, viewer.email));
      const ownSubmitted = own?.submittedAt !== null && own !== undefined;
      return sheets.filter((s) => s === own || (ownSubmitted && s.submittedAt !== null));
    }
    case 'candidate':
    case 'outsider':
      return [];
  }
}

/** What the candidate learns once the case is decided. */
export interface CandidateFeedback {
  outcome: CaseOutcome;
  overridden: boolean;
  overrideReason: string | null;
  decisionNote: string;
  components: { id: string; name: string; passed: boolean }[];
  reasons: string[];
  feedback: { from: string; about: string; text: string }[];
}

/**
 * The decided case as the candidate sees it: outcome, component results, reasons and written feedback,
 * attributed to "Panelist N" unless the ladder reveals panelists. Null before the decision: the candidate
 * sees no score, note or panelist before then.
 */
export function candidateFeedback(
  promotion: PanelPromotion,
  decision: {
    outcome: CaseOutcome;
    overridden: boolean;
    overrideReason: string | null;
    note: string;
    computed: ComputedDecision;
  } | null,
  sheets: readonly StoredSheet[],
): CandidateFeedback | null {
  if (decision === null) return null;
  const names = new Map<string, string>([
    ...promotion.assessment.map((c) => [c.id, c.name] as const),
    ...promotion.panel.criteria.map((c) => [c.id, c.name] as const),
  ]);
  const feedback: CandidateFeedback['feedback'] = [];
  for (const stored of [...sheets].sort((a, b) => a.position - b.position)) {
    if (stored.submittedAt === null) continue;
    const from = promotion.panel.reveal_panelists ? stored.panelistEmail : `Panelist ${stored.position}`;
    for (const entry of [...stored.sheet.components, ...stored.sheet.criteria]) {
      if (entry.notes !== undefined)
        feedback.push({ from, about: names.get(entry.id) ?? entry.id, text: entry.notes });
    }
    if (stored.sheet.summary !== undefined)
      feedback.push({ from, about: 'Summary', text: stored.sheet.summary });
  }
  return {
    outcome: decision.outcome,
    overridden: decision.overridden,
    overrideReason: decision.overrideReason,
    decisionNote: decision.note,
    components: decision.computed.components.map((c) => ({ id: c.id, name: c.name, passed: c.passed })),
    reasons: decision.computed.reasons,
    feedback,
  };
}
