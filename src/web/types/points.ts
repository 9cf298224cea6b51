/**
 * GET /api/builders/:email/points as the server's contract defines it (`pointsResponse` in
 * src/server/routes/points.routes.ts); test/api/points.test.ts fails to type-check if they drift.
 */
export interface PointsBand {
  id: string;
  from: number;
  to: number | null;
  level: string;
  title: string;
}

export interface CompetencyPoints {
  area: string;
  name: string;
  category: string | null;
  milestone: number;
  points: number;
  text: string | null;
  assessment: {
    id: string;
    date: string;
    recorded_by: string;
    confirmed_by: string | null;
    milestone: number;
    note: string;
  } | null;
  other_assessments: string[];
  next: { milestone: number; points: number; gain: number; text: string } | null;
  milestones: number;
}

export interface PointsReport {
  builder: string;
  at: string;
  ladder: { id: string; name: string; version: string; version_id: number | null };
  level: { id: string; since: string } | null;
  points: {
    at: string;
    total: number;
    max_total: number;
    band: PointsBand | null;
    competencies: CompetencyPoints[];
    next: {
      band: PointsBand;
      needed: number;
      fewest: number | null;
      sets: { steps: { area: string; name: string; milestone: number; gain: number }[]; gain: number }[];
      more_sets: boolean;
      all_next_gain: number;
    } | null;
    not_counted: { id: string; date: string; competency: string; milestone: number; reason: string }[];
    summary: string[];
  } | null;
  message: string | null;
}
