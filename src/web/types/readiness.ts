/** The readiness answer of GET /api/builders/{email}/readiness (issue 4's shape). */

export type MetricStatus = 'met' | 'not_met' | 'insufficient';
export type RequirementStatus = 'met' | 'not_met' | 'not_assessed';

export interface MetricResult {
  id: string;
  status: MetricStatus;
  value: number | null;
  threshold: number;
  evidence: string[];
}

export interface RequirementResult {
  id: string;
  status: RequirementStatus;
  evidence: string[];
  met_on?: string;
}

export interface ModuleProgress {
  id: string;
  name: string;
  status: 'not_started' | 'in_progress' | 'done';
  overdue: boolean;
  evidence: string[];
}

export interface PhaseProgress {
  id: string;
  name: string;
  months: { from: number; to: number };
  starts_on: string;
  ends_on: string;
  modules: ModuleProgress[];
}

export interface SelfEvaluationItem {
  id: string;
  text: string;
  answer: 'yes' | 'partly' | 'no' | null;
  claimed: boolean;
  evidence: string[];
  record: string | null;
}

export interface Readiness {
  builder: string;
  level: string;
  target_level: string | null;
  level_since: string;
  at: string;
  ladder_version: string;
  months_at_level: number;
  metrics: MetricResult[];
  requirements: RequirementResult[];
  eligible_for_case: boolean;
  gaps: string[];
  /** What the level defines: a standard to meet, a panel's judgment, or nothing yet. */
  standard: 'defined' | 'judgment' | 'none';
  /** Typical time in level (advice, never a gap). */
  typical_tenure: { from_months: number; to_months: number; from_on: string; to_on: string } | null;
  /** What the panel weighs and the builder's records of the kinds the ladder names. */
  weighs: { id: string; name: string; kinds: string[]; evidence: string[] }[];
  curriculum: { phases: PhaseProgress[]; done: string[]; in_progress: string[]; overdue: string[] };
  self_evaluation: { items: SelfEvaluationItem[]; claimed: string[]; without_evidence: string[] };
}

export interface RankingEntry {
  rank: number;
  builder: string;
  level: string;
  metrics_met: number;
  months_at_level: number;
}
