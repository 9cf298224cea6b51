import { useQueries } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type MenteeProfile = ApiResponse<'/api/builders/{email}'>;

/** GET /api/builders/{email} — a mentee's profile: the level they hold now (the mentorship keeps its start's). */
export function getMenteeProfile(email: string): Promise<MenteeProfile> {
  return apiGet('/api/builders/{email}', { params: { email } });
}

/** The profiles of several mentees, by email; a mentee whose profile is still loading is absent. */
export function useMenteeProfiles(emails: string[]): Map<string, MenteeProfile> {
  const results = useQueries({
    queries: emails.map((email) => ({
      queryKey: ['builders', 'profile', email],
      queryFn: () => getMenteeProfile(email),
    })),
  });
  const profiles = new Map<string, MenteeProfile>();
  results.forEach((result, index) => {
    const email = emails[index];
    if (email !== undefined && result.data !== undefined) profiles.set(email, result.data);
  });
  return profiles;
}
