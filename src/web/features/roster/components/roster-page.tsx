import { Link } from 'react-router';
import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { formatDay, formatMoney } from '../../../lib/format';
import { useBuilders } from '../api/list-builders';
import { usePlacements } from '../api/list-placements';
import { TableScroll } from '../../../components/ui/table-scroll';

/** Leadership's roster: every builder with level and rate, and their placements with the flags that count. */
export function RosterPage() {
  const builders = useBuilders();
  const placements = usePlacements();
  return (
    <div>
      <h1>Roster</h1>
      <Card title="Builders">
        <QueryView query={builders} label="Loading the roster…">
          {(page) =>
            page.items.length === 0 ? (
              <EmptyState title="No builder yet">
                Import the roster (CSV) or add builders through the API.
              </EmptyState>
            ) : (
              <TableScroll label="Builders">
                <table aria-label="Builders">
                  <thead>
                    <tr>
                      <th scope="col">Builder</th>
                      <th scope="col">Level</th>
                      <th scope="col">Since</th>
                      <th scope="col" className="num">
                        Monthly rate
                      </th>
                      <th scope="col">Placements</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((b) => {
                      const rate = b.rates?.at(-1);
                      const mine = placements.data?.items.filter((p) => p.builder === b.email) ?? [];
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
                            {mine.length === 0
                              ? 'not placed'
                              : mine.map((p) => (
                                  <div key={p.id}>
                                    {p.client} from {formatDay(p.start)}
                                    {p.end !== null && ` to ${formatDay(p.end)}`}
                                    {p.extended && <span className="badge badge-good">extended</span>}
                                    {p.requested_back && (
                                      <span className="badge badge-good">requested back</span>
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
            )
          }
        </QueryView>
      </Card>
    </div>
  );
}
