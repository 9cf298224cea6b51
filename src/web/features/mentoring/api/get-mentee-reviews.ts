import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

type EvidenceItem = ApiResponse<'/api/evidence'>['items'][number];
/** A mentor's review of a mentee (a `mentee_review` record). */
export type MenteeReview = Extract<EvidenceItem, { kind: 'mentee_review' }>;

/** GET /api/evidence?builder=<mentor>&kind=mentee_review — the mentor's reviews of their mentees. */
export function getMenteeReviews(mentor: string): Promise<{ items: MenteeReview[]; total: number }> {
  return apiRequest('/api/evidence', { query: { builder: mentor, kind: 'mentee_review', limit: 500 } });
}

export const menteeReviewsQueryOptions = (mentor: string) =>
  queryOptions({
    queryKey: ['evidence', 'list', { builder: mentor, kind: 'mentee_review' }],
    queryFn: () => getMenteeReviews(mentor),
  });

export function useMenteeReviews(mentor: string) {
  return useQuery(menteeReviewsQueryOptions(mentor));
}
