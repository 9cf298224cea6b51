import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type AccountsAnswer = ApiResponse<'/api/accounts'>;
export type AccountListing = AccountsAnswer['accounts'][number];

/** GET /api/accounts — every account with its person's name, status, last sign-in and live tokens. */
export function getAccounts(): Promise<AccountsAnswer> {
  return apiGet('/api/accounts');
}

export const accountsQueryKey = ['accounts'] as const;

export const accountsQueryOptions = () =>
  queryOptions({ queryKey: accountsQueryKey, queryFn: () => getAccounts() });

export function useAccounts() {
  return useQuery(accountsQueryOptions());
}
