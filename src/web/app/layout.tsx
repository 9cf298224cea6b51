import { NavLink, Outlet } from 'react-router';

const links = [
  { to: '/', label: 'Home', end: true },
  { to: '/ladder', label: 'Ladder', end: false },
];

/** Header with the app's navigation, then the screen. */
export function AppLayout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          ladder
        </NavLink>
        <nav aria-label="Main">
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
