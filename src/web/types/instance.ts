/**
 * GET /api/instance as the server's contract defines it (`instanceResponse` in
 * src/server/routes/instance.routes.ts); test/api/instance.test.ts fails to type-check if they drift.
 */
export interface InstanceInfo {
  demo: boolean;
  demo_loaded_at: string | null;
}
