import { Link, useSearchParams } from 'react-router';
import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { SelectField, TextField } from '../../../components/ui/form';
import { formatDay, formatMoney, todayIso } from '../../../lib/format';
import { useBuilders, type BuilderRow } from '../api/list-builders';
import { useActiveMentorships } from '../api/list-mentorships';
import { useClients } from '../api/list-clients';
import { usePlacements, type PlacementRow } from '../api/list-placements';
import { TableScroll } from '../../../components/ui/table-scroll';
import { t } from '../../../i18n/i18n';

type SortKey = 'name' | 'level' | 'since-newest' | 'since-oldest';

const SORT_KEYS: readonly SortKey[] = ['name', 'level', 'since-oldest', 'since-newest'];

/** The sort choices in the language in use. */
function sortOptions(): { value: SortKey; label: string }[] {
  return [
    { value: 'name', label: t('Name (A–Z)') },
    { value: 'level', label: t('Level (highest first)') },
    { value: 'since-oldest', label: t('Longest at level') },
    { value: 'since-newest', label: t('Newest at level') },
  ];
}

const isSortKey = (value: string | null): value is SortKey => SORT_KEYS.some((key) => key === value);

/** A placement that runs on `day` (started, and not ended before it). */
const runsOn = (placement: PlacementRow, day: string): boolean =>
  placement.start <= day && (placement.end === null || placement.end >= day);

function compare(sort: SortKey, levelRank: (level: string) => number) {
  return (a: BuilderRow, b: BuilderRow): number => {
    switch (sort) {
      case 'level':
        return levelRank(b.level) - levelRank(a.level) || a.name.localeCompare(b.name);
      case 'since-oldest':
        return a.level_since.localeCompare(b.level_since) || a.name.localeCompare(b.name);
      case 'since-newest':
        return b.level_since.localeCompare(a.level_since) || a.name.localeCompare(b.name);
      case 'name':
        return a.name.localeCompare(b.name) || a.email.localeCompare(b.email);
    }
  };
}

/**
 * Leadership's roster: every builder with level and rate, and their placements with the flags that
 * count; found by name or email, filtered by level, client (a running placement) and mentor (an active
 * mentorship), sorted. The filters live in the address, so a filtered roster can be shared and reloaded.
 */
export function RosterPage() {
  const builders = useBuilders();
  const placements = usePlacements();
  const clients = useClients();
  const today = todayIso();
  const mentorships = useActiveMentorships(today);
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const level = params.get('level') ?? '';
  const client = params.get('client') ?? '';
  const mentor = params.get('mentor') ?? '';
  const sortParam = params.get('sort');
  const sort: SortKey = isSortKey(sortParam) ? sortParam : 'name';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const clientName = new Map((clients.data?.items ?? []).map((c) => [c.id, c.name]));
  return (
    <div>
      <h1>{t('Roster')}</h1>
      <Card title={t('Builders')}>
        <QueryView query={builders} label={t('Loading the roster…')}>
          {(page) => {
            if (page.items.length === 0) {
              return (
                <EmptyState title={t('No builder yet')}>
                  {t('Import the roster (CSV) or add builders through the API.')}
                </EmptyState>
              );
            }
            const nameOf = new Map(page.items.map((b) => [b.email, b.name]));
            const levels = [...new Set(page.items.map((b) => b.level))].sort();
            // Level ids sort alphabetically (L1 < L5): the roster does not load the ladder for its own order.
            const levelRank = (id: string) => levels.indexOf(id);
            const placementsOf = (email: string) =>
              placements.data?.items.filter((p) => p.builder === email) ?? [];
            const mentorsOf = (email: string) =>
              (mentorships.data?.items ?? []).filter((m) => m.mentee === email).map((m) => m.mentor);
            const mentorEmails = [...new Set((mentorships.data?.items ?? []).map((m) => m.mentor))];
            const needle = search.trim().toLowerCase();
            const shown = page.items
              .filter((b) => needle === '' || `${b.name} ${b.email}`.toLowerCase().includes(needle))
              .filter((b) => level === '' || b.level === level)
              .filter(
                (b) =>
                  client === '' || placementsOf(b.email).some((p) => p.client === client && runsOn(p, today)),
              )
              .filter((b) => mentor === '' || mentorsOf(b.email).includes(mentor))
              .sort(compare(sort, levelRank));
            return (
              <>
                <form
                  className="form-row"
                  aria-label={t('Find builders')}
                  onSubmit={(event) => event.preventDefault()}
                >
                  <TextField
                    label={t('Search')}
                    type="search"
                    placeholder={t('name or email')}
                    value={search}
                    onChange={(event) => set('q', event.currentTarget.value)}
                  />
                  <SelectField
                    label={t('Level')}
                    value={level}
                    onChange={(event) => set('level', event.currentTarget.value)}
                    options={[
                      { value: '', label: t('Every level') },
                      ...levels.map((id) => ({ value: id, label: id })),
                    ]}
                  />
                  <SelectField
                    label={t('Client')}
                    value={client}
                    onChange={(event) => set('client', event.currentTarget.value)}
                    options={[
                      { value: '', label: t('Any client') },
                      ...(clients.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
                    ]}
                  />
                  <SelectField
                    label={t('Mentor')}
                    value={mentor}
                    onChange={(event) => set('mentor', event.currentTarget.value)}
                    options={[
                      { value: '', label: t('Any mentor') },
                      ...mentorEmails
                        .map((email) => ({ value: email, label: nameOf.get(email) ?? email }))
                        .sort((a, b) => a.label.localeCompare(b.label)),
                    ]}
                  />
                  <SelectField
                    label={t('Sort by')}
                    value={sort}
                    onChange={(event) => set('sort', event.currentTarget.value)}
                    options={sortOptions()}
                  />
                </form>
                <p className="muted" role="status" data-testid="roster-count">
                  {shown.length === page.items.length
                    ? t('{total, plural, one {# builder} other {# builders}}', { total: page.items.length })
                    : t('{shown} of {total, plural, one {# builder} other {# builders}}', {
                        shown: shown.length,
                        total: page.items.length,
                      })}
                </p>
                {shown.length === 0 ? (
                  <EmptyState title={t('No builder matches')}>
                    {t('Clear a filter or the search to see more.')}
                  </EmptyState>
                ) : (
                  <TableScroll label={t('Builders')}>
                    <table aria-label={t('Builders')}>
                      <thead>
                        <tr>
                          <th scope="col">{t('Builder')}</th>
                          <th scope="col">{t('Level')}</th>
                          <th scope="col">{t('Since')}</th>
                          <th scope="col" className="num">
                            {t('Monthly rate')}
                          </th>
                          <th scope="col">{t('Mentor')}</th>
                          <th scope="col">{t('Placements')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {shown.map((b) => {
                          const rate = b.rates?.at(-1);
                          const mine = placementsOf(b.email);
                          const mentors = mentorsOf(b.email);
                          return (
                            <tr key={b.email} data-testid={`roster-${b.email}`}>
                              <th scope="row">
                                <Link to={`/builders/${encodeURIComponent(b.email)}`}>{b.name}</Link>
                                <div className="muted">{b.email}</div>
                              </th>
                              <td>{b.level}</td>
                              <td>{formatDay(b.level_since)}</td>
                              <td className="num">
                                {rate === undefined ? '—' : formatMoney(rate.rate_minor, rate.currency)}
                              </td>
                              <td>
                                {mentors.length === 0
                                  ? '—'
                                  : mentors.map((m) => (
                                      <div key={m} title={m}>
                                        {nameOf.get(m) ?? m}
                                      </div>
                                    ))}
                              </td>
                              <td>
                                {mine.length === 0
                                  ? t('not placed')
                                  : mine.map((p) => (
                                      <div key={p.id}>
                                        {p.end === null
                                          ? t('{client} from {start}', {
                                              client: clientName.get(p.client) ?? p.client,
                                              start: formatDay(p.start),
                                            })
                                          : t('{client} from {start} to {end}', {
                                              client: clientName.get(p.client) ?? p.client,
                                              start: formatDay(p.start),
                                              end: formatDay(p.end),
                                            })}
                                        {p.extended && (
                                          <span className="badge badge-good">{t('extended')}</span>
                                        )}
                                        {p.requested_back && (
                                          <span className="badge badge-good">{t('requested back')}</span>
                                        )}
                                      </div>
                                    ))}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </TableScroll>
                )}
              </>
            );
          }}
        </QueryView>
      </Card>
    </div>
  );
}
