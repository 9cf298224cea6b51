import { useState, type FormEvent } from 'react';
import { FormMessage, TextField } from '../../../components/ui/form';
import { useSignIn } from '../api/sign-in';
import { t } from '../../../i18n/i18n';

/** Email + password sign-in; the server's answer (wrong password, too many attempts) is shown as is. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: onSignedIn });
  };
  return (
    <form className="card sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('Sign in')}</h1>
      <TextField
        label={t('Email')}
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        label={t('Password')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <FormMessage error={signIn.error?.message} />
      <button type="submit" className="button" disabled={signIn.isPending}>
        {signIn.isPending ? t('Signing in…') : t('Sign in')}
      </button>
    </form>
  );
}
