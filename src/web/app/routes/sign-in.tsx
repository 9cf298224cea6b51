import { useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from '../../features/auth/components/sign-in-form';

/** /sign-in?next= — after signing in, back to where the person was going (only within this app). */
export function SignInRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const target = next !== null && next.startsWith('/') && !next.startsWith('//') ? next : '/';
  return <SignInForm onSignedIn={() => void navigate(target, { replace: true })} />;
}
