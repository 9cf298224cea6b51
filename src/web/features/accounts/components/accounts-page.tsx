import { Fragment, useState } from 'react';
import { Card, Stat } from '../../../components/ui/card';
import { FormMessage, SelectField } from '../../../components/ui/form';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { TableScroll } from '../../../components/ui/table-scroll';
import type { CreatedAccount } from '../api/create-account';
import { useChangeRole } from '../api/change-role';
import { useAccounts, type AccountListing } from '../api/get-accounts';
import { useClients } from '../api/list-clients';
import { useResetPassword } from '../api/reset-password';
import { useRevokeAccountTokens } from '../api/revoke-account-tokens';
import { useSetAccountEnabled } from '../api/set-account-enabled';
import { intlLocale, t } from '../../../i18n/i18n';
import { CreateAccountForm } from './create-account-form';
import { ACCOUNT_ROLES, roleLabel, type AccountRole } from './role-labels';

/** "2026-12-02T01:40:00Z" → "2 Dec 2026, 01:40 UTC" (in the app's language); null → "never". */
function formatInstant(iso: string | null): string {
  if (iso === null) return t('never');
  const format = new Intl.DateTimeFormat(intlLocale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  return `${format.format(new Date(iso))} UTC`;
}

type Action = 'disable' | 'enable' | 'reset' | 'revoke' | 'role';

/** The confirming button's words for an action. */
function actionButton(action: Action): string {
  switch (action) {
    case 'disable':
      return t('Disable');
    case 'enable':
      return t('Enable');
    case 'reset':
      return t('Reset password');
    case 'revoke':
      return t('Revoke API tokens');
    case 'role':
      return t('Change role');
  }
}

/** What the confirmation says the action does to `who`. */
function actionConfirm(action: Action, who: string): string {
  switch (action) {
    case 'disable':
      return t(
        'Disable {who}? They are signed out at once, cannot sign in, and their API tokens are revoked.',
        { who },
      );
    case 'enable':
      return t('Enable {who} again? They sign in with their password.', { who });
    case 'reset':
      return t(
        'Reset the password of {who}? Their sessions end, their API tokens are revoked, and you get a temporary password to pass on; they choose their own at their next sign-in.',
        { who },
      );
    case 'revoke':
      return t('Revoke every API token of {who}? Their sign-in and password stay as they are.', { who });
    case 'role':
      return t(
        'Change the role of {who}? Their open sessions take the new role at their next click; an API token above it stops working.',
        { who },
      );
  }
}

/** What the last action gave back, shown on top until the next one. */
type Outcome =
  | { kind: 'secret'; who: string; email: string; password: string; what: string }
  | { kind: 'done'; text: string };

function nameOf(account: Pick<AccountListing, 'name' | 'email'>): string {
  return account.name ?? account.email;
}

/**
 * Leadership's people-and-accounts screen: every account with its person, role, status and last
 * sign-in; create one with a role; disable, enable, reset a password, revoke API tokens. A temporary
 * password is shown once, here, and never again.
 */
export function AccountsPage({ signedInEmail }: { signedInEmail: string }) {
  const accounts = useAccounts();
  const setEnabled = useSetAccountEnabled();
  const reset = useResetPassword();
  const revoke = useRevokeAccountTokens();
  const changeRole = useChangeRole();
  const clients = useClients();
  const [newRole, setNewRole] = useState<{ role: AccountRole; client: string }>({
    role: 'builder',
    client: '',
  });
  const [asking, setAsking] = useState<{ action: Action; account: AccountListing } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onCreated = (created: CreatedAccount, name: string | null) => {
    setError(null);
    setOutcome(
      created.temporary_password === undefined
        ? {
            kind: 'done',
            text: t('Created {email} ({role}); they choose their own password at their first sign-in.', {
              email: created.email,
              role: roleLabel(created.role),
            }),
          }
        : {
            kind: 'secret',
            who: name ?? created.email,
            email: created.email,
            password: created.temporary_password,
            what: t('Account created for {who} ({role}).', {
              who: name ?? created.email,
              role: roleLabel(created.role),
            }),
          },
    );
  };

  const confirm = () => {
    if (asking === null) return;
    const { action, account } = asking;
    const who = nameOf(account);
    const failed = (e: Error) => setError(e.message);
    setError(null);
    setOutcome(null);
    const done = () => setAsking(null);
    if (action === 'disable' || action === 'enable') {
      setEnabled.mutate(
        { id: account.id, enabled: action === 'enable' },
        {
          onSuccess: () =>
            setOutcome({
              kind: 'done',
              text: action === 'enable' ? t('{who} is enabled.', { who }) : t('{who} is disabled.', { who }),
            }),
          onError: failed,
          onSettled: done,
        },
      );
    } else if (action === 'role') {
      if (newRole.role === 'client_stakeholder' && newRole.client === '') {
        setError(t('Choose the client they speak for.'));
        return;
      }
      changeRole.mutate(
        {
          id: account.id,
          body:
            newRole.role === 'client_stakeholder'
              ? { role: newRole.role, client_id: newRole.client }
              : { role: newRole.role },
        },
        {
          onSuccess: (changed) =>
            setOutcome({
              kind: 'done',
              text: t('{who} is now {role}.', { who, role: roleLabel(changed.role) }),
            }),
          onError: failed,
          onSettled: done,
        },
      );
    } else if (action === 'reset') {
      reset.mutate(account.id, {
        onSuccess: (answer) =>
          setOutcome({
            kind: 'secret',
            who,
            email: account.email,
            password: answer.temporary_password,
            what: t(
              'The password of {who} is reset; {count, plural, one {# API token} other {# API tokens}} revoked.',
              { who, count: answer.revoked_api_tokens },
            ),
          }),
        onError: failed,
        onSettled: done,
      });
    } else {
      revoke.mutate(account.id, {
        onSuccess: (answer) =>
          setOutcome({
            kind: 'done',
            text: t('Revoked {count, plural, one {# API token} other {# API tokens}} of {who}.', {
              who,
              count: answer.revoked_api_tokens,
            }),
          }),
        onError: failed,
        onSettled: done,
      });
    }
  };

  const busy = setEnabled.isPending || reset.isPending || revoke.isPending || changeRole.isPending;

  return (
    <div>
      <h1>{t('People & accounts')}</h1>
      {outcome?.kind === 'secret' && (
        <Card title={t('Temporary password — shown once')} className="one-time-secret">
          <p>{outcome.what}</p>
          <p>
            {t(
              'Give it to {who} in person or over a channel you trust (the app sends no email invitations yet). They sign in with it and must then choose their own password. It cannot be shown again.',
              { who: outcome.who === outcome.email ? outcome.who : `${outcome.who} (${outcome.email})` },
            )}
          </p>
          <p>
            <code data-testid="temporary-password">{outcome.password}</code>
          </p>
          <button type="button" className="button button-secondary" onClick={() => setOutcome(null)}>
            {t('I have passed it on')}
          </button>
        </Card>
      )}
      {outcome?.kind === 'done' && <FormMessage success={outcome.text} />}
      <FormMessage error={error} />
      <QueryView query={accounts} label={t('Reading the accounts…')}>
        {(data) => {
          const list = data.accounts;
          const active = list.filter((a) => a.status === 'active').length;
          const never = list.filter((a) => a.last_sign_in_at === null).length;
          return (
            <>
              <div className="stats">
                <Stat label={t('Accounts')} value={list.length} />
                <Stat label={t('Active')} value={active} />
                <Stat label={t('Disabled')} value={list.length - active} />
                <Stat label={t('Never signed in')} value={never} />
              </div>
              <CreateAccountForm accounts={list} onCreated={onCreated} />
              {list.length === 0 ? (
                <EmptyState title={t('No account yet')}>{t('Create the first one above.')}</EmptyState>
              ) : (
                <Card title={t('Accounts')}>
                  <TableScroll label={t('Accounts')}>
                    <table aria-label={t('Accounts')}>
                      <thead>
                        <tr>
                          <th scope="col">{t('Person')}</th>
                          <th scope="col">{t('Role')}</th>
                          <th scope="col">{t('Status')}</th>
                          <th scope="col">{t('Last sign-in')}</th>
                          <th scope="col">{t('API tokens')}</th>
                          <th scope="col">{t('Actions')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((account) => {
                          const own = account.email === signedInEmail;
                          const ask = (action: Action) => {
                            setOutcome(null);
                            setError(null);
                            // The role choice starts on another role than the current one.
                            if (action === 'role')
                              setNewRole({
                                role: account.role === 'builder' ? 'leadership' : 'builder',
                                client: '',
                              });
                            setAsking({ action, account });
                          };
                          return (
                            <Fragment key={account.id}>
                              <tr data-email={account.email}>
                                <td>
                                  <div>
                                    {account.name ?? <span className="muted">{t('No person record')}</span>}
                                  </div>
                                  <small className="muted">{account.email}</small>
                                </td>
                                <td>
                                  {roleLabel(account.role)}
                                  {account.client_id !== null && (
                                    <small className="muted"> · {account.client_id}</small>
                                  )}
                                </td>
                                <td>
                                  <StatusBadge
                                    status={account.status === 'active' ? 'ok' : 'rejected'}
                                    label={account.status === 'active' ? t('Active') : t('Disabled')}
                                  />
                                  {account.disabled_at !== null && (
                                    <div>
                                      <small className="muted">
                                        {t('since {when}', { when: formatInstant(account.disabled_at) })}
                                      </small>
                                    </div>
                                  )}
                                  {account.must_change_password && (
                                    <div>
                                      <small className="muted">{t('temporary password')}</small>
                                    </div>
                                  )}
                                </td>
                                <td>{formatInstant(account.last_sign_in_at)}</td>
                                <td>{account.live_api_tokens}</td>
                                <td>
                                  <div className="row-actions">
                                    {own ? (
                                      <span className="muted">{t('Your account')}</span>
                                    ) : (
                                      <>
                                        {account.status === 'active' ? (
                                          <button
                                            type="button"
                                            className="button button-small button-secondary"
                                            aria-label={t('Disable {who}', { who: nameOf(account) })}
                                            onClick={() => ask('disable')}
                                          >
                                            {t('Disable')}
                                          </button>
                                        ) : (
                                          <button
                                            type="button"
                                            className="button button-small button-secondary"
                                            aria-label={t('Enable {who}', { who: nameOf(account) })}
                                            onClick={() => ask('enable')}
                                          >
                                            {t('Enable')}
                                          </button>
                                        )}
                                        <button
                                          type="button"
                                          className="button button-small button-secondary"
                                          aria-label={t('Change role of {who}', { who: nameOf(account) })}
                                          onClick={() => ask('role')}
                                        >
                                          {t('Change role')}
                                        </button>
                                        <button
                                          type="button"
                                          className="button button-small button-secondary"
                                          aria-label={t('Reset password of {who}', { who: nameOf(account) })}
                                          onClick={() => ask('reset')}
                                        >
                                          {t('Reset password')}
                                        </button>
                                        {account.live_api_tokens > 0 && (
                                          <button
                                            type="button"
                                            className="button button-small button-secondary"
                                            aria-label={t('Revoke tokens of {who}', { who: nameOf(account) })}
                                            onClick={() => ask('revoke')}
                                          >
                                            {t('Revoke tokens')}
                                          </button>
                                        )}
                                      </>
                                    )}
                                  </div>
                                </td>
                              </tr>
                              {asking?.account.id === account.id && (
                                <tr className="confirm-row">
                                  <td colSpan={6}>
                                    <p role="alert">{actionConfirm(asking.action, nameOf(account))}</p>
                                    {asking.action === 'role' && (
                                      <div className="form-row">
                                        <SelectField
                                          label={t('New role')}
                                          value={newRole.role}
                                          onChange={(e) =>
                                            setNewRole({ ...newRole, role: e.target.value as AccountRole })
                                          }
                                          options={ACCOUNT_ROLES.filter(
                                            (r) => r !== account.role || r === 'client_stakeholder',
                                          ).map((value) => ({ value, label: roleLabel(value) }))}
                                        />
                                        {newRole.role === 'client_stakeholder' && (
                                          <SelectField
                                            label={t('Client')}
                                            value={newRole.client}
                                            onChange={(e) =>
                                              setNewRole({ ...newRole, client: e.target.value })
                                            }
                                            options={[
                                              { value: '', label: t('Choose the client…') },
                                              ...(clients.data?.items ?? []).map((c) => ({
                                                value: c.id,
                                                label: c.name,
                                              })),
                                            ]}
                                          />
                                        )}
                                      </div>
                                    )}
                                    <button
                                      type="button"
                                      className="button"
                                      onClick={confirm}
                                      disabled={busy}
                                    >
                                      {actionButton(asking.action)}
                                    </button>{' '}
                                    <button
                                      type="button"
                                      className="button button-secondary"
                                      onClick={() => setAsking(null)}
                                    >
                                      {t('Cancel')}
                                    </button>
                                  </td>
                                </tr>
                              )}
                            </Fragment>
                          );
                        })}
                      </tbody>
                    </table>
                  </TableScroll>
                </Card>
              )}
            </>
          );
        }}
      </QueryView>
    </div>
  );
}
