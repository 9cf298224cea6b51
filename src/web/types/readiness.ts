/**
 * The readiness answer of GET /api/builders/{email}/readiness and the level ranking, as the server's route
 * schemas define them (the generated contract, ADR 0023): aliases, never copies.
 */
import type { ApiResponse } from '../api/contract';

export type Readiness = ApiResponse<'/api/builders/{email}/readiness'>;
export type MetricResult = Readiness['metrics'][number];
/** A feature the metric's rule counted (analytics adoption), with what was seen of it. */
export type MetricFeature = NonNullable<MetricResult['features']>[number];
export type MetricStatus = MetricResult['status'];
export type RequirementResult = Readiness['requirements'][number];
export type RequirementStatus = RequirementResult['status'];
export type PhaseProgress = Readiness['curriculum']['phases'][number];
export type ModuleProgress = PhaseProgress['modules'][number];
export type SelfEvaluationItem = Readiness['self_evaluation']['items'][number];

export type RankingEntry = ApiResponse<'/api/levels/{level}/ranking'>[number];
