import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/form';
import { PersonPicker } from '../../../components/ui/person-picker';
import { formatDay } from '../../../lib/format';
import { usePeopleOptions } from '../../../lib/people-options';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { useAuditLog, type AuditFilter } from '../api/get-audit-log';
import { TableScroll } from '../../../components/ui/table-scroll';
import { t } from '../../../i18n/i18n';

function Change({ before, after }: { before: unknown; after: unknown }) {
  return (
    <details>
      <summary>{t('before / after')}</summary>
      <pre className="json">{JSON.stringify({ before, after }, null, 2)}</pre>
    </details>
  );
}

/** A person by name with the email beneath (and on hover); an operator or the system as written. */
function Person({ email, name }: { email: string; name: string | null }) {
  if (name === null) return <span>{email}</span>;
  return (
    <span title={email}>
      {name}
      <span className="muted"> · {email}</span>
    </span>
  );
}

/** The audit log for leadership: every write, who made it, and what it changed; filter and page back. */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({ limit: 50 });
  const [pages, setPages] = useState<number[]>([]);
  const query = useAuditLog(filter);
  // Who made the writes is picked by name from the roster (the API filters by their email).
  const people = usePeopleOptions(true);
  const [actor, setActor] = useState('');
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
    };
    const next: AuditFilter = { limit: 50 };
    if (actor !== '') next.actor = actor;
    for (const key of ['action', 'entity'] as const) {
      const value = text(key);
      if (value !== undefined) next[key] = value;
    }
    setPages([]);
    setFilter(next);
  };
  return (
    <div>
      <h1>{t('Audit log')}</h1>
      <Card>
        <form className="form-row" onSubmit={apply} aria-label={t('Filter the audit log')}>
          <PersonPicker
            label={t('Who')}
            options={people.data ?? []}
            loading={people.isPending}
            value={actor}
            onChange={setActor}
          />
          <TextField label={t('Action')} name="action" placeholder={t('e.g. evidence.record')} />
          <TextField label={t('Entity')} name="entity" />
          <div className="field">
            <span aria-hidden="true">&nbsp;</span>
            <button type="submit" className="button button-secondary">
              {t('Filter')}
            </button>
          </div>
        </form>
      </Card>
      <QueryView query={query} label={t('Reading the log…')}>
        {(data) =>
          data.entries.length === 0 ? (
            <EmptyState title={t('No entry matches')} />
          ) : (
            <Card>
              <TableScroll label={t('Audit entries')}>
                <table aria-label={t('Audit entries')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('When (UTC)')}</th>
                      <th scope="col">{t('Who')}</th>
                      <th scope="col">{t('Action')}</th>
                      <th scope="col">{t('Entity')}</th>
                      <th scope="col">{t('Change')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.entries.map((e) => (
                      <tr key={e.id}>
                        {/* The day in the app's one date format, the time of day (UTC) beside it. */}
                        <td title={e.at}>
                          {formatDay(e.at)} {e.at.slice(11, 19)}
                        </td>
                        <td data-testid={`audit-actor-${e.id}`}>
                          <Person email={e.actor} name={e.actor_name} />
                        </td>
                        <td>{e.action}</td>
                        <td data-testid={`audit-entity-${e.id}`}>
                          {e.entity_person === null ? (
                            `${e.entity} ${e.entity_id}`
                          ) : (
                            <>
                              {e.entity.replaceAll('_', ' ')}:{' '}
                              <Person email={e.entity_person.email} name={e.entity_person.name} />
                            </>
                          )}
                        </td>
                        <td>
                          <Change before={e.before} after={e.after} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <div className="card-actions">
                {pages.length > 0 && (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => {
                      const previous = pages.slice(0, -1);
                      setPages(previous);
                      const { before_id: _dropped, ...rest } = filter;
                      const last = previous.at(-1);
                      setFilter(last === undefined ? rest : { ...rest, before_id: last });
                    }}
                  >
                    {t('Newer')}
                  </button>
                )}
                {data.next_before_id !== null && (
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => {
                      const next = data.next_before_id ?? undefined;
                      if (next === undefined) return;
                      setPages([...pages, next]);
                      setFilter({ ...filter, before_id: next });
                    }}
                  >
                    {t('Older')}
                  </button>
                )}
              </div>
            </Card>
          )
        }
      </QueryView>
    </div>
  );
}
