import { useId, useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { FormMessage, SelectField, TextField } from '../../../components/ui/form';
import { useCreateAccount, type CreatedAccount, type NewAccount } from '../api/create-account';
import type { AccountListing } from '../api/get-accounts';
import { useClients } from '../api/list-clients';
import { usePeople } from '../api/list-people';
import { t } from '../../../i18n/i18n';
import { ACCOUNT_ROLES, roleLabel, type AccountRole } from './role-labels';

/**
 * Creates an account for a person of the roster (or an email not on it yet) with a role. By default
 * the server makes a temporary password and answers it once; leadership may type one instead.
 */
export function CreateAccountForm({
  accounts,
  onCreated,
}: {
  accounts: AccountListing[];
  /** With the roster's name of the person, when they are on it. */
  onCreated: (created: CreatedAccount, name: string | null) => void;
}) {
  const create = useCreateAccount();
  const people = usePeople();
  const clients = useClients();
  const listId = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AccountRole>('builder');
  const [client, setClient] = useState('');
  const [mode, setMode] = useState<'temporary' | 'typed'>('temporary');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const taken = new Set(accounts.map((a) => a.email));
  // Only people who have no account yet are offered; the list says who each one is.
  const offered = (people.data?.items ?? []).filter((p) => !taken.has(p.email));
  const person = people.data?.items.find((p) => p.email === email.trim().toLowerCase());

  const pickEmail = (value: string) => {
    setEmail(value);
    // A "please give the email" from an earlier submit is answered once something is typed.
    setProblem(null);
    const found = people.data?.items.find((p) => p.email === value.trim().toLowerCase());
    if (found !== undefined) setRole(found.role);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: string[] = [];
    if (email.trim() === '') missing.push(t('Please give the person’s email.'));
    if (role === 'client_stakeholder' && client === '') missing.push(t('Choose the client they speak for.'));
    if (mode === 'typed' && password === '')
      missing.push(t('Type a password, or let the server make a temporary one.'));
    if (missing.length > 0) {
      setProblem(missing.join(' '));
      return;
    }
    setProblem(null);
    const body: NewAccount = { email: email.trim(), role };
    if (role === 'client_stakeholder') body.client_id = client;
    if (mode === 'typed') body.password = password;
    create.mutate(body, {
      onSuccess: (created) => {
        const name = people.data?.items.find((p) => p.email === created.email)?.name ?? null;
        setEmail('');
        setPassword('');
        setClient('');
        onCreated(created, name);
      },
    });
  };

  return (
    <Card title={t('Create an account')} id="create-account">
      <form onSubmit={submit} aria-labelledby="create-account-title" noValidate>
        <div className="form-row">
          <TextField
            label={t('Person’s email')}
            type="email"
            name="email"
            list={listId}
            autoComplete="off"
            value={email}
            onChange={(e) => pickEmail(e.target.value)}
            hint={
              person !== undefined
                ? t('{name} · {role} on the roster', { name: person.name, role: roleLabel(person.role) })
                : email.trim() === ''
                  ? t('Type a name or email: people on the roster without an account are suggested')
                  : t('Not on the roster: the account will show no name until a person record exists')
            }
          />
          <datalist id={listId}>
            {offered.map((p) => (
              <option key={p.email} value={p.email} label={`${p.name} (${roleLabel(p.role)})`} />
            ))}
          </datalist>
          <SelectField
            label={t('Role')}
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as AccountRole)}
            options={ACCOUNT_ROLES.map((value) => ({ value, label: roleLabel(value) }))}
          />
          {role === 'client_stakeholder' && (
            <SelectField
              label={t('Client')}
              name="client"
              value={client}
              onChange={(e) => setClient(e.target.value)}
              options={[
                { value: '', label: t('Choose the client…') },
                ...(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          )}
        </div>
        <p className="field-hint">
          {t(
            'Panelists are builders at a level that may sit on a panel (or leadership): give them a builder account.',
          )}
        </p>
        <fieldset className="password-choice">
          <legend>{t('Password')}</legend>
          <label>
            <input
              type="radio"
              name="password-mode"
              checked={mode === 'temporary'}
              onChange={() => setMode('temporary')}
            />{' '}
            {t(
              'The server makes a temporary password, shown here once for you to pass on (there is no email invitation yet)',
            )}
          </label>
          <label>
            <input
              type="radio"
              name="password-mode"
              checked={mode === 'typed'}
              onChange={() => setMode('typed')}
            />{' '}
            {t('I set the password')}
          </label>
          {mode === 'typed' && (
            <TextField
              label={t('Initial password')}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint={t('At least 12 characters and hard to guess (the server checks its strength)')}
            />
          )}
        </fieldset>
        <p className="field-hint">
          {t('Either way the person must choose their own password at their first sign-in.')}
        </p>
        <FormMessage error={problem ?? create.error?.message} />
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('Creating…') : t('Create account')}
        </button>
      </form>
    </Card>
  );
}
