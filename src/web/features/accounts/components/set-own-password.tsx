import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { FormMessage, TextField } from '../../../components/ui/form';
import { t } from '../../../i18n/i18n';
import { useChangePassword } from '../api/change-password';

/**
 * Shown instead of any screen while the account is on a temporary password (an invite or a reset): the
 * server refuses every other call until the person sets their own, so this is the only thing to do.
 */
export function SetOwnPassword({ email }: { email: string }) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (current === '' || next === '') {
      setProblem(t('Please give the temporary password and your new password.'));
      return;
    }
    if (next !== repeat) {
      setProblem(t('The two new passwords differ.'));
      return;
    }
    setProblem(null);
    change.mutate({ current_password: current, new_password: next, revoke_api_tokens: true });
  };

  return (
    <div>
      <h1>{t('Set your own password')}</h1>
      <Card title={t('You signed in with a temporary password')}>
        <p>
          {t(
            'Leadership gave you this password for {email}. Choose your own before you go on: nothing else opens until you do.',
            { email },
          )}
        </p>
        <form onSubmit={submit} noValidate aria-label={t('Set your own password')}>
          <TextField
            label={t('Temporary password')}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
          <TextField
            label={t('New password')}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
            hint={t('At least 12 characters and hard to guess (the server checks its strength)')}
          />
          <TextField
            label={t('New password again')}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
          <FormMessage error={problem ?? change.error?.message} />
          <button type="submit" className="button" disabled={change.isPending}>
            {change.isPending ? t('Saving…') : t('Set my password')}
          </button>
        </form>
      </Card>
    </div>
  );
}
