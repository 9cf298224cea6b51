import { Navigate } from 'react-router';
import { RequireSession } from '../require-session';

const homeOf = { leadership: '/leadership', builder: '/path', client_stakeholder: '/feedback' } as const;

/** `/` sends each person to the screen their role comes for. */
export function HomeRoute() {
  return <RequireSession>{(session) => <Navigate to={homeOf[session.role]} replace />}</RequireSession>;
}
