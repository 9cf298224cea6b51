import { Link } from 'react-router';
import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { formatDay } from '../../../lib/format';
import { useClientBuilders } from '../api/list-client-builders';

/** A client contact's home: the builders placed with them now (feedback to give), then those placed before. */
export function ClientHome() {
  const builders = useClientBuilders();
  return (
    <QueryView query={builders} label="Loading your builders…">
      {(list) => {
        const current = list.filter((b) => b.active);
        const past = list.filter((b) => !b.active);
        return (
          <>
            <Card title="Placed with you now" id="builders">
              {current.length === 0 ? (
                <EmptyState title="Nobody is placed with you today">
                  Builders placed with your company appear here, and you can give feedback on them.
                </EmptyState>
              ) : (
                <>
                  <p className="home-answer" data-testid="client-answer">
                    {current.length === 1 ? 'One builder works' : `${current.length} builders work`} with you
                    now. Your feedback is what their &ldquo;client trust&rdquo; reads.
                  </p>
                  <ul className="home-list" data-testid="client-builders">
                    {current.map((b) => (
                      <li key={b.placement} data-testid={`client-builder-${b.builder}`}>
                        <strong>{b.name}</strong> <span className="muted">{b.builder}</span> — placed since{' '}
                        {formatDay(b.start)}
                        {b.end !== null && ` until ${formatDay(b.end)}`}.{' '}
                        <Link to={`/feedback?builder=${encodeURIComponent(b.builder)}`}>
                          Give feedback<span className="sr-only"> on {b.name}</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Card>
            {past.length > 0 && (
              <Card title="Placed with you before" id="past-builders">
                <ul className="home-list">
                  {past.map((b) => (
                    <li key={b.placement}>
                      {b.name} <span className="muted">{b.builder}</span> — {formatDay(b.start)} to{' '}
                      {formatDay(b.end)}
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
