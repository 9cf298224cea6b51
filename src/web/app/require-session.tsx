import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { QueryView } from '../components/ui/query-state';
import { SetOwnPassword } from '../features/accounts/components/set-own-password';
import { t } from '../i18n/i18n';
import { useSession, type Role, type Session } from '../lib/auth';
import { formatAlternatives } from '../lib/format';
import { roleWords } from '../lib/role-words';

/** Renders its children for a signed-in person (of one of `roles`, when given); otherwise sends to sign-in. */
export function RequireSession({
  roles,
  children,
}: {
  roles?: Role[];
  children: (session: Session) => ReactNode;
}) {
  const session = useSession();
  const location = useLocation();
  return (
    <QueryView query={session}>
      {(current) => {
        if (current === null) {
          return (
            <Navigate
              to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`}
              replace
            />
          );
        }
        // On a temporary password the server answers nothing else: the change form is the screen.
        if (current.must_change_password) return <SetOwnPassword email={current.email} />;
        if (roles !== undefined && !roles.includes(current.role)) {
          return (
            <div className="state state-error" role="alert">
              {t('This screen is for {roles}; you are signed in as {role}.', {
                roles: formatAlternatives(roles.map(roleWords)),
                role: roleWords(current.role),
              })}
            </div>
          );
        }
        return <>{children(current)}</>;
      }}
    </QueryView>
  );
}
