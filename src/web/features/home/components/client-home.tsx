import { Link } from 'react-router';
import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { formatDay } from '../../../lib/format';
import { useClientBuilders } from '../api/list-client-builders';
import { t } from '../../../i18n/i18n';

/** A client contact's home: the builders placed with them now (feedback to give), then those placed before. */
export function ClientHome() {
  const builders = useClientBuilders();
  return (
    <QueryView query={builders} label={t('Loading your builders…')}>
      {(list) => {
        const current = list.filter((b) => b.active);
        const past = list.filter((b) => !b.active);
        return (
          <>
            <Card title={t('Placed with you now')} id="builders">
              {current.length === 0 ? (
                <EmptyState title={t('Nobody is placed with you today')}>
                  {t('Builders placed with your company appear here, and you can give feedback on them.')}
                </EmptyState>
              ) : (
                <>
                  <p className="home-answer" data-testid="client-answer">
                    {t(
                      '{count, plural, one {One builder works} other {# builders work}} with you now. Your feedback is what their “client trust” reads.',
                      { count: current.length },
                    )}
                  </p>
                  <ul className="home-list" data-testid="client-builders">
                    {current.map((b) => (
                      <li key={b.placement} data-testid={`client-builder-${b.builder}`}>
                        <strong>{b.name}</strong> <span className="muted">{b.builder}</span> —{' '}
                        {b.end === null
                          ? t('placed since {start}.', { start: formatDay(b.start) })
                          : t('placed since {start} until {end}.', {
                              start: formatDay(b.start),
                              end: formatDay(b.end),
                            })}{' '}
                        <Link to={`/feedback?builder=${encodeURIComponent(b.builder)}`}>
                          {t('Give feedback')}
                          <span className="sr-only"> {t('on {name}', { name: b.name })}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Card>
            {past.length > 0 && (
              <Card title={t('Placed with you before')} id="past-builders">
                <ul className="home-list">
                  {past.map((b) => (
                    <li key={b.placement}>
                      {b.name} <span className="muted">{b.builder}</span> —{' '}
                      {t('{start} to {end}', { start: formatDay(b.start), end: formatDay(b.end) })}
                    </li>
                  ))}
                </ul>
              </Card>
            )}
          </>
        );
      }}
    </QueryView>
  );
}
