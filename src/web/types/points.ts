/**
 * GET /api/builders/:email/points as the server's route schema defines it (the generated contract,
 * ADR 0023); test/api/points.test.ts also checks the service answers exactly that.
 */
import type { ApiResponse } from '../api/contract';

export type PointsReport = ApiResponse<'/api/builders/{email}/points'>;
type PointsAnswer = NonNullable<PointsReport['points']>;
export type PointsBand = NonNullable<PointsAnswer['band']>;
export type CompetencyPoints = PointsAnswer['competencies'][number];
