/**
 * Promotion cases as /api/cases answers them, aliases of the server's route schemas (the generated
 * contract, ADR 0023).
 */
import type { ApiRequestBody, ApiResponse } from '../../api/contract';

export type CaseSummary = ApiResponse<'/api/cases'>[number];
export type CaseStatus = CaseSummary['status'];
export type CaseOutcome = NonNullable<CaseSummary['outcome']>;

/** The case as the panel or leadership sees it (own sheet; others' after submitting). */
export type CaseView = ApiResponse<'/api/cases/{id}'>;
export type SheetView = CaseView['sheets'][number];
export type SheetEntryComponent = SheetView['components'][number];
export type SheetEntryCriterion = SheetView['criteria'][number];
export type ComputedDecision = NonNullable<CaseView['computed']>;
export type DecisionView = NonNullable<CaseView['decision']>;

/**
 * GET /api/cases/{id}/portfolio declares no response schema on the server (its OpenAPI answer has no
 * content), so this one shape is still written here; it goes when the route declares it (ADR 0023).
 */
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
/** What the candidate sees: feedback once decided, no panelist identities. */
export type CaseOutcomeView = ApiResponse<'/api/cases/{id}/outcome'>;

export type SheetInput = ApiRequestBody<'/api/cases/{id}/sheet', 'put'>;
