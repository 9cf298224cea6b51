import { useId, useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { FormMessage, SelectField, TextField } from '../../../components/ui/form';
import { useCreateAccount, type CreatedAccount, type NewAccount } from '../api/create-account';
import type { AccountListing } from '../api/get-accounts';
import { useClients } from '../api/list-clients';
import { usePeople } from '../api/list-people';
import { ROLE_LABELS, type AccountRole } from './role-labels';

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
    const found = people.data?.items.find((p) => p.email === value.trim().toLowerCase());
    if (found !== undefined) setRole(found.role);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing: string[] = [];
    if (email.trim() === '') missing.push('the person’s email');
    if (role === 'client_stakeholder' && client === '') missing.push('the client they speak for');
    if (mode === 'typed' && password === '') missing.push('a password (or let the server make one)');
    if (missing.length > 0) {
      setProblem(`Please give ${missing.join(' and ')}.`);
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
    <Card title="Create an account" id="create-account">
      <form onSubmit={submit} aria-labelledby="create-account-title" noValidate>
        <div className="form-row">
          <TextField
            label="Person’s email"
            type="email"
            name="email"
            list={listId}
            autoComplete="off"
            value={email}
            onChange={(e) => pickEmail(e.target.value)}
            hint={
              person !== undefined
                ? `${person.name} · ${ROLE_LABELS[person.role]} on the roster`
                : email.trim() === ''
                  ? 'Type a name or email: people on the roster without an account are suggested'
                  : 'Not on the roster: the account will show no name until a person record exists'
            }
          />
          <datalist id={listId}>
            {offered.map((p) => (
              <option key={p.email} value={p.email} label={`${p.name} (${ROLE_LABELS[p.role]})`} />
            ))}
          </datalist>
          <SelectField
            label="Role"
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as AccountRole)}
            options={(Object.keys(ROLE_LABELS) as AccountRole[]).map((value) => ({
              value,
              label: ROLE_LABELS[value],
            }))}
          />
          {role === 'client_stakeholder' && (
            <SelectField
              label="Client"
              name="client"
              value={client}
              onChange={(e) => setClient(e.target.value)}
              options={[
                { value: '', label: 'Choose the client…' },
                ...(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          )}
        </div>
        <p className="field-hint">
          Panelists are builders at a level that may sit on a panel (or leadership): give them a builder
          account.
        </p>
        <fieldset className="password-choice">
          <legend>Password</legend>
          <label>
            <input
              type="radio"
              name="password-mode"
              checked={mode === 'temporary'}
              onChange={() => setMode('temporary')}
            />{' '}
            The server makes a temporary password, shown here once for you to pass on
          </label>
          <label>
            <input
              type="radio"
              name="password-mode"
              checked={mode === 'typed'}
              onChange={() => setMode('typed')}
            />{' '}
            I set the password
          </label>
          {mode === 'typed' && (
            <TextField
              label="Initial password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint="At least 12 characters and hard to guess (the server checks its strength)"
            />
          )}
        </fieldset>
        <FormMessage error={problem ?? create.error?.message} />
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </Card>
  );
}
