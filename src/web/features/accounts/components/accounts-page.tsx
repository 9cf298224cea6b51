import { Fragment, useState } from 'react';
import { Card, Stat } from '../../../components/ui/card';
import { FormMessage } from '../../../components/ui/form';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { TableScroll } from '../../../components/ui/table-scroll';
import type { CreatedAccount } from '../api/create-account';
import { useAccounts, type AccountListing } from '../api/get-accounts';
import { useResetPassword } from '../api/reset-password';
import { useRevokeAccountTokens } from '../api/revoke-account-tokens';
import { useSetAccountEnabled } from '../api/set-account-enabled';
import { CreateAccountForm } from './create-account-form';
import { ROLE_LABELS } from './role-labels';

const instantFormatter = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** "2026-12-02T01:40:00Z" → "2 Dec 2026, 01:40 UTC"; null → "never". */
function formatInstant(iso: string | null): string {
  if (iso === null) return 'never';
  return `${instantFormatter.format(new Date(iso))} UTC`;
}

type Action = 'disable' | 'enable' | 'reset' | 'revoke';

const ACTION_TEXT: Record<Action, { button: string; confirm: (who: string) => string }> = {
  disable: {
    button: 'Disable',
    confirm: (who) =>
      `Disable ${who}? They are signed out at once, cannot sign in, and their API tokens are revoked.`,
  },
  enable: { button: 'Enable', confirm: (who) => `Enable ${who} again? They sign in with their password.` },
  reset: {
    button: 'Reset password',
    confirm: (who) =>
      `Reset ${who}’s password? Their sessions end, their API tokens are revoked, and you get a temporary password to pass on.`,
  },
  revoke: {
    button: 'Revoke API tokens',
    confirm: (who) => `Revoke every API token of ${who}? Their sign-in and password stay as they are.`,
  },
};

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
  const [asking, setAsking] = useState<{ action: Action; account: AccountListing } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onCreated = (created: CreatedAccount, name: string | null) => {
    setError(null);
    setOutcome(
      created.temporary_password === undefined
        ? { kind: 'done', text: `Created ${created.email} (${ROLE_LABELS[created.role]}).` }
        : {
            kind: 'secret',
            who: name ?? created.email,
            email: created.email,
            password: created.temporary_password,
            what: `Account created for ${name ?? created.email} (${ROLE_LABELS[created.role]}).`,
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
            setOutcome({ kind: 'done', text: `${who} is ${action === 'enable' ? 'enabled' : 'disabled'}.` }),
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
            what: `${who}’s password is reset; ${answer.revoked_api_tokens} API token(s) revoked.`,
          }),
        onError: failed,
        onSettled: done,
      });
    } else {
      revoke.mutate(account.id, {
        onSuccess: (answer) =>
          setOutcome({ kind: 'done', text: `Revoked ${answer.revoked_api_tokens} API token(s) of ${who}.` }),
        onError: failed,
        onSettled: done,
      });
    }
  };

  const busy = setEnabled.isPending || reset.isPending || revoke.isPending;

  return (
    <div>
      <h1>People &amp; accounts</h1>
      {outcome?.kind === 'secret' && (
        <Card title="Temporary password — shown once" className="one-time-secret">
          <p>{outcome.what}</p>
          <p>
            Give it to {outcome.who === outcome.email ? outcome.who : `${outcome.who} (${outcome.email})`} in
            person or over a channel you trust; they sign in with it and change it under their account. It
            cannot be shown again.
          </p>
          <p>
            <code data-testid="temporary-password">{outcome.password}</code>
          </p>
          <button type="button" className="button button-secondary" onClick={() => setOutcome(null)}>
            I have passed it on
          </button>
        </Card>
      )}
      {outcome?.kind === 'done' && <FormMessage success={outcome.text} />}
      <FormMessage error={error} />
      <QueryView query={accounts} label="Reading the accounts…">
        {(data) => {
          const list = data.accounts;
          const active = list.filter((a) => a.status === 'active').length;
          const never = list.filter((a) => a.last_sign_in_at === null).length;
          return (
            <>
              <div className="stats">
                <Stat label="Accounts" value={list.length} />
                <Stat label="Active" value={active} />
                <Stat label="Disabled" value={list.length - active} />
                <Stat label="Never signed in" value={never} />
              </div>
              <CreateAccountForm accounts={list} onCreated={onCreated} />
              {list.length === 0 ? (
                <EmptyState title="No account yet">Create the first one below.</EmptyState>
              ) : (
                <Card title="Accounts">
                  <TableScroll label="Accounts">
                    <table aria-label="Accounts">
                      <thead>
                        <tr>
                          <th scope="col">Person</th>
                          <th scope="col">Role</th>
                          <th scope="col">Status</th>
                          <th scope="col">Last sign-in</th>
                          <th scope="col">API tokens</th>
                          <th scope="col">Actions</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.map((account) => {
                          const own = account.email === signedInEmail;
                          const ask = (action: Action) => {
                            setOutcome(null);
                            setError(null);
                            setAsking({ action, account });
                          };
                          return (
                            <Fragment key={account.id}>
                              <tr data-email={account.email}>
                                <td>
                                  <div>{account.name ?? <span className="muted">No person record</span>}</div>
                                  <small className="muted">{account.email}</small>
                                </td>
                                <td>
                                  {ROLE_LABELS[account.role]}
                                  {account.client_id !== null && (
                                    <small className="muted"> · {account.client_id}</small>
                                  )}
                                </td>
                                <td>
                                  <StatusBadge
                                    status={account.status === 'active' ? 'ok' : 'rejected'}
                                    label={account.status === 'active' ? 'Active' : 'Disabled'}
                                  />
                                  {account.disabled_at !== null && (
                                    <div>
                                      <small className="muted">
                                        since {formatInstant(account.disabled_at)}
                                      </small>
                                    </div>
                                  )}
                                </td>
                                <td>{formatInstant(account.last_sign_in_at)}</td>
                                <td>{account.live_api_tokens}</td>
                                <td>
                                  <div className="row-actions">
                                    {own ? (
                                      <span className="muted">Your account</span>
                                    ) : (
                                      <>
                                        {account.status === 'active' ? (
                                          <button
                                            type="button"
                                            className="button button-small button-secondary"
                                            aria-label={`Disable ${nameOf(account)}`}
                                            onClick={() => ask('disable')}
                                          >
                                            Disable
                                          </button>
                                        ) : (
                                          <button
                                            type="button"
                                            className="button button-small button-secondary"
                                            aria-label={`Enable ${nameOf(account)}`}
                                            onClick={() => ask('enable')}
                                          >
                                            Enable
                                          </button>
                                        )}
                                        <button
                                          type="button"
                                          className="button button-small button-secondary"
                                          aria-label={`Reset password of ${nameOf(account)}`}
                                          onClick={() => ask('reset')}
                                        >
                                          Reset password
                                        </button>
                                        {account.live_api_tokens > 0 && (
                                          <button
                                            type="button"
                                            className="button button-small button-secondary"
                                            aria-label={`Revoke tokens of ${nameOf(account)}`}
                                            onClick={() => ask('revoke')}
                                          >
                                            Revoke tokens
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
                                    <p role="alert">{ACTION_TEXT[asking.action].confirm(nameOf(account))}</p>
                                    <button
                                      type="button"
                                      className="button"
                                      onClick={confirm}
                                      disabled={busy}
                                    >
                                      {ACTION_TEXT[asking.action].button}
                                    </button>{' '}
                                    <button
                                      type="button"
                                      className="button button-secondary"
                                      onClick={() => setAsking(null)}
                                    >
                                      Cancel
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
