/** Promotion cases as /api/cases answers them. */

export type CaseStatus = 'open' | 'assessing' | 'decided' | 'withdrawn';
export type CaseOutcome = 'promoted' | 'not_yet';

export interface CaseSummary {
  id: number;
  candidate: string;
  from_level: string;
  target_level: string;
  status: CaseStatus;
  opened_on: string;
  outcome: CaseOutcome | null;
}

export interface SheetEntryComponent {
  id: string;
  result: 'pass' | 'fail';
  notes?: string;
}

export interface SheetEntryCriterion {
  id: string;
  score: number;
  notes?: string;
}

export interface SheetView {
  panelist: string;
  position: number;
  submitted_at: string | null;
  components: SheetEntryComponent[];
  criteria: SheetEntryCriterion[];
  summary: string | null;
}

export interface ComputedDecision {
  outcome: CaseOutcome;
  components: { id: string; name: string; passes: number; fails: number; passed: boolean }[];
  criteria: {
    id: string;
    name: string;
    gate: boolean;
    scores: number[];
    median: number;
    required: number;
    passed: boolean;
  }[];
  reasons: string[];
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
  ladder: { id: string; version: string; version_id: number };
  assessment: { id: string; name: string; description: string | null }[];
  criteria: { id: string; name: string; description: string; gate: boolean }[];
  scale: { min: number; max: number; anchors: Record<string, string> };
  decision_rule: { component_pass: string; gate_median_min: number; other_median_min: number };
  panel: {
    size: number;
    submitted: number;
    members: {
      position: number;
      email: string;
      level: string | null;
      leadership: boolean;
      submitted: boolean;
    }[];
  };
  sheets: SheetView[];
  computed: ComputedDecision | null;
  decision: DecisionView | null;
  notes: { id: number; author: string; evidence_id: string | null; text: string; at: string }[];
}

export interface Portfolio {
  case_id: number;
  candidate: string;
  as_of: string;
  significant_decisions: {
    id: string;
    date: string;
    type: string;
    title: string;
    recommendation: string;
    data: string;
    client_response: string;
    outcome: string;
  }[];
  mentee_outcomes: {
    mentee: string;
    start: string;
    end: string | null;
    level_at_start: string | null;
    level_now: string | null;
    advanced: boolean;
    reviews: { id: string; date: string; score: number; notes: string }[];
  }[];
  retros: {
    id: string;
    date: string;
    feature_id: string;
    hypothesis: string;
    what_happened: string;
    what_to_change: string;
  }[];
  adrs: { id: string; date: string; title: string; status: string; link: string }[];
}

export interface CaseOutcomeView extends CaseSummary {
  panel_size: number;
  submitted: number;
  feedback: {
    outcome: CaseOutcome;
    overridden: boolean;
    overrideReason: string | null;
    decisionNote: string;
    components: { id: string; name: string; passed: boolean }[];
    reasons: string[];
    feedback: { from: string; about: string; text: string }[];
  } | null;
}

export interface SheetInput {
  components: SheetEntryComponent[];
  criteria: SheetEntryCriterion[];
  summary?: string;
}
