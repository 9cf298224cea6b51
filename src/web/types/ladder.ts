/** The ladder document as GET /api/ladders/{id} returns it (the web app's own view of the contract). */

export interface DescribedItem {
  id?: string;
  name: string;
  description?: string;
}

export interface Metric {
  id: string;
  name: string;
  threshold: string;
  measured_by: string;
  rule: { kind: string } & Record<string, unknown>;
}

export interface CurriculumPhase {
  id: string;
  name: string;
  months: { from: number; to: number };
  modules: { id: string; name: string; description?: string }[];
}

export interface PanelCriterion {
  id: string;
  name: string;
  description: string;
  gate?: boolean;
}

/** Something a panel weighs in a promotion, and the evidence kinds the ladder names for it. */
export interface WeighedItem {
  id: string;
  name: string;
  description?: string;
  evidence?: string[];
}

export interface Promotion {
  target_level: string;
  min_months_at_level?: number;
  /** Advice, never a gap: months, or a range. */
  typical_months_at_level?: number | { from: number; to: number };
  /** `judgment`: a panel decides holistically; absent or `requirements`: the requirements decide. */
  decided_by?: 'requirements' | 'judgment';
  weighs?: WeighedItem[];
  assessment?: { id: string; name: string; description?: string }[];
  requirements?: { id: string; name: string; rule: { kind: string } & Record<string, unknown> }[];
  panel?: {
    size: number;
    eligibility: { min_level: string; leadership: boolean };
    reveal_panelists: boolean;
    criteria: PanelCriterion[];
    decision: { component_pass: string; gate_median_min: number; other_median_min: number };
  };
}

export interface Mentorship {
  receives?: { mentor_levels: string[]; leadership: boolean; checkin_cadence: string; focus?: string };
  gives?: {
    slots: number;
    mentee_levels: string[];
    checkin_cadence: string;
    focus?: string;
    referral?: { percent: number; months: number };
  };
  notes?: DescribedItem[];
}

/** A competency area of the ladder (issue 16); ids are unique across the ladder. */
export interface CompetencyArea {
  id: string;
  name: string;
  description?: string;
}

/** A category of competency areas, as the ladder declares it. */
export interface CompetencyCategory {
  id: string;
  name: string;
  description?: string;
  areas: CompetencyArea[];
}

/** What a level expects in one area, with examples. */
export interface Expectation {
  area: string;
  text: string;
  examples?: string[];
}

export interface Level {
  id: string;
  title: string;
  track: string;
  status: 'written' | 'not_written';
  tagline?: string;
  summary?: string[];
  what_you_do?: DescribedItem[];
  ai_skills?: DescribedItem[];
  self_evaluation?: { id: string; text: string }[];
  expectations?: Expectation[];
  curriculum?: CurriculumPhase[];
  ranking_standard?: Metric[];
  promotion?: Promotion;
  mentorship?: Mentorship;
  billing_tier?: string;
  panel_eligible?: boolean;
  bridges_to?: string[];
  unlocks?: string[];
}

export interface LadderDocument {
  ladder: string;
  name: string;
  version: string;
  organisation?: string;
  competency_categories?: CompetencyCategory[];
  /** Points per assessed milestone and bands of total points (ADR 0021). */
  points?: {
    description?: string;
    competencies: { area: string; milestones: { points: number; text: string; examples?: string[] }[] }[];
    bands: { id: string; from: number; to?: number; level: string; title?: string }[];
  };
  tracks: { id: string; name: string; levels: string[] }[];
  levels: Level[];
}

export interface VersionMeta {
  version_id: number;
  ladder: string;
  version: string;
  name: string;
  content_hash: string;
  published_at: string;
  published_by: string;
}
