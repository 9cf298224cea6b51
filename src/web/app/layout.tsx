import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSignOut } from '../features/auth/api/sign-out';
import { DemoBanner } from '../features/instance/components/demo-banner';
import { t } from '../i18n/i18n';
import { useSession, type Role } from '../lib/auth';
import { roleWords } from '../lib/role-words';

interface NavItem {
  to: string;
  label: string;
  roles: Role[] | 'all';
}

/** The navigation, in the language in use (so built when the layout renders, not at import). */
function navItems(): NavItem[] {
  return [
    { to: '/path', label: t('My path'), roles: ['builder'] },
    { to: '/evidence', label: t('Record evidence'), roles: ['builder', 'leadership'] },
    { to: '/feedback', label: t('Give feedback'), roles: ['client_stakeholder'] },
    { to: '/mentoring', label: t('Mentoring'), roles: ['builder', 'leadership'] },
    { to: '/panel', label: t('Panel'), roles: ['builder', 'leadership'] },
    { to: '/leadership', label: t('Readiness'), roles: ['leadership'] },
    { to: '/leadership/roster', label: t('Roster'), roles: ['leadership'] },
    { to: '/leadership/payouts', label: t('Payouts'), roles: ['leadership'] },
    { to: '/leadership/audit', label: t('Audit log'), roles: ['leadership'] },
    { to: '/leadership/sources', label: t('Sources'), roles: ['leadership'] },
    { to: '/leadership/accounts', label: t('People & accounts'), roles: ['leadership'] },
    // A client contact may not read the ladder (the API refuses it): no link that could only spin or refuse.
    { to: '/ladder', label: t('Ladder'), roles: ['builder', 'leadership'] },
  ];
}

/** Header with the navigation that fits the signed-in role, then the screen. */
export function AppLayout() {
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const current = session.data ?? null;
  const items =
    current === null
      ? []
      : navItems().filter((item) => item.roles === 'all' || item.roles.includes(current.role));
  return (
    <>
      <a className="skip-link" href="#main">
        {t('Skip to content')}
      </a>
      <DemoBanner />
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label={t('ladder: home')} end>
          ladder
        </NavLink>
        <nav aria-label={t('Main')}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === '/leadership'}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          {current === null ? (
            <NavLink to="/sign-in">{t('Sign in')}</NavLink>
          ) : (
            <>
              <span data-testid="signed-in-as">
                {current.email} <span className="muted">({roleWords(current.role)})</span>
              </span>
              <button
                type="button"
                className="link-button sign-out"
                onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}
              >
                {t('Sign out')}
              </button>
            </>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
