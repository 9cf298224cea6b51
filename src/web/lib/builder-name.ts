import { useQuery } from '@tanstack/react-query';
import { apiGet } from './api-client';

/** GET /api/builders/{email} — a builder's name on the roster, for headings (the email until it is known). */
export function useBuilderName(email: string): string {
  const query = useQuery({
    queryKey: ['builders', 'profile', email],
    enabled: email !== '',
    queryFn: () => apiGet('/api/builders/{email}', { params: { email } }),
  });
  return query.data?.name ?? email;
}
