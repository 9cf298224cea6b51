import { t } from '../../../i18n/i18n';
import type { AccountListing } from '../api/get-accounts';

export type AccountRole = AccountListing['role'];

export const ACCOUNT_ROLES: readonly AccountRole[] = ['leadership', 'builder', 'client_stakeholder'];

/** A role in words, as the screen shows it (in the app's language: called at render, never at import). */
export function roleLabel(role: AccountRole): string {
  switch (role) {
    case 'leadership':
      return t('Leadership');
    case 'builder':
      return t('Builder');
    case 'client_stakeholder':
      return t('Client contact');
  }
}
