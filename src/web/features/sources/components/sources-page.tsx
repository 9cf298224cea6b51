import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { useSources, type SourceState } from '../api/get-sources';
import { TableScroll } from '../../../components/ui/table-scroll';
import { t, tx } from '../../../i18n/i18n';

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
      <h1>{t('Evidence sources')}</h1>
      <QueryView query={query} label={t('Reading the sources…')}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState title={t('No source has run yet')}>
              {tx('Run {github}, {analytics} or {adr}; each run is listed here.', {
                github: <code>ladder sync github</code>,
                analytics: <code>ladder import analytics</code>,
                adr: <code>ladder import adr</code>,
              })}
            </EmptyState>
          ) : (
            <Card>
              <TableScroll label={t('Evidence sources')}>
                <table aria-label={t('Evidence sources')}>
                  <thead>
                    <tr>
                      <th scope="col">{t('Source')}</th>
                      <th scope="col">{t('Kind')}</th>
                      <th scope="col">{t('Last run (UTC)')}</th>
                      <th scope="col">{t('Status')}</th>
                      <th scope="col">{t('Counts')}</th>
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
