import { apiUrl } from '../../../lib/api-client';

/**
 * GET /api/payouts.csv?month= — the month's statement as the server's CSV (the same file as
 * `ladder payouts --csv`). A plain link downloads it with the session cookie; nothing to cache.
 */
export function payoutsCsvUrl(month: string, mentor?: string): string {
  return apiUrl('/api/payouts.csv', { month, mentor });
}
