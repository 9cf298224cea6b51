import type { ApiResponse } from '../api/contract';

/** GET /api/instance as the server's route schema defines it (the generated contract, ADR 0023). */
export type InstanceInfo = ApiResponse<'/api/instance'>;
