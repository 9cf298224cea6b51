import { AccountsPage } from '../../features/accounts/components/accounts-page';
import { RequireSession } from '../require-session';

/** /leadership/accounts — people and accounts (leadership only). */
export function AccountsRoute() {
  return (
    <RequireSession roles={['leadership']}>
      {(session) => <AccountsPage signedInEmail={session.email} />}
    </RequireSession>
  );
}
