import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { useSources, type SourceState } from '../api/get-sources';
import { TableScroll } from '../../../components/ui/table-scroll';

function Counts({ counts }: { counts: SourceState['counts'] }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) return <>—</>;
  return <>{entries.map(([name, value]) => `${name.replaceAll('_', ' ')} ${value}`).join(', ')}</>;
}

/** Evidence sources (GitHub, analytics exports, ADR folders): when each last ran, how it ended, what it added. */
export function SourcesPage() {
  const query = useSources();
  return (
    <div>
      <h1>Evidence sources</h1>
      <QueryView query={query} label="Reading the sources…">
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title="No source has run yet">
              Run <code>ladder sync github</code>, <code>ladder import analytics</code> or{' '}
              <code>ladder import adr</code>; each run is listed here.
            </EmptyState>
          ) : (
            <Card>
              <TableScroll label="Evidence sources">
                <table aria-label="Evidence sources">
                  <thead>
                    <tr>
                      <th scope="col">Source</th>
                      <th scope="col">Kind</th>
                      <th scope="col">Last run (UTC)</th>
                      <th scope="col">Status</th>
                      <th scope="col">Counts</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((item) => (
                      <tr key={item.source} data-testid={`source-${item.source}`}>
                        <td>{item.source}</td>
                        <td>{item.kind}</td>
                        <td>{item.last_run_at.replace('T', ' ').slice(0, 19)}</td>
                        <td>{item.last_status}</td>
                        <td>
                          <Counts counts={item.counts} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </Card>
          )
        }
      </QueryView>
    </div>
  );
}
