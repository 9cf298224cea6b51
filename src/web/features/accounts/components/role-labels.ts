import type { AccountListing } from '../api/get-accounts';

export type AccountRole = AccountListing['role'];

/** The roles in words, as the screen shows them. */
export const ROLE_LABELS: Record<AccountRole, string> = {
  leadership: 'Leadership',
  builder: 'Builder',
  client_stakeholder: 'Client contact',
};
