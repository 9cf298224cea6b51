import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSignOut } from '../features/auth/api/sign-out';
import { DemoBanner } from '../features/instance/components/demo-banner';
import { useSession, type Role } from '../lib/auth';

interface NavItem {
  to: string;
  label: string;
  roles: Role[] | 'all';
}

const nav: NavItem[] = [
  { to: '/path', label: 'My path', roles: ['builder'] },
  { to: '/evidence', label: 'Record evidence', roles: ['builder', 'leadership'] },
  { to: '/feedback', label: 'Give feedback', roles: ['client_stakeholder'] },
  { to: '/mentoring', label: 'Mentoring', roles: ['builder', 'leadership'] },
  { to: '/panel', label: 'Panel', roles: ['builder', 'leadership'] },
  { to: '/leadership', label: 'Readiness', roles: ['leadership'] },
  { to: '/leadership/roster', label: 'Roster', roles: ['leadership'] },
  { to: '/leadership/payouts', label: 'Payouts', roles: ['leadership'] },
  { to: '/leadership/audit', label: 'Audit log', roles: ['leadership'] },
  { to: '/leadership/sources', label: 'Sources', roles: ['leadership'] },
  { to: '/leadership/accounts', label: 'People & accounts', roles: ['leadership'] },
  // A client contact may not read the ladder (the API refuses it): no link that could only spin or refuse.
  { to: '/ladder', label: 'Ladder', roles: ['builder', 'leadership'] },
];

/** Header with the navigation that fits the signed-in role, then the screen. */
export function AppLayout() {
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const current = session.data ?? null;
  const items =
    current === null ? [] : nav.filter((item) => item.roles === 'all' || item.roles.includes(current.role));
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <DemoBanner />
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="ladder: home" end>
          ladder
        </NavLink>
        <nav aria-label="Main">
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
            <NavLink to="/sign-in">Sign in</NavLink>
          ) : (
            <>
              <span data-testid="signed-in-as">
                {current.email} <span className="muted">({current.role.replaceAll('_', ' ')})</span>
              </span>
              <button
                type="button"
                className="link-button"
                onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in') })}
              >
                Sign out
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
