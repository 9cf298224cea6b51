import { Link } from 'react-router';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { formatDay, humanize } from '../../../lib/format';
import { useCases } from '../api/list-cases';
import { TableScroll } from '../../../components/ui/table-scroll';

/** The cases a person sits on (or, for leadership, every case), newest first. */
export function CaseList({ emptyHint }: { emptyHint: string }) {
  const query = useCases();
  return (
    <QueryView query={query} label="Loading cases…">
      {(cases) =>
        cases.length === 0 ? (
          <EmptyState title="No promotion cases">{emptyHint}</EmptyState>
        ) : (
          <TableScroll label="Promotion cases">
            <table aria-label="Promotion cases">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Candidate</th>
                  <th scope="col">Step</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {[...cases]
                  .sort((a, b) => b.id - a.id)
                  .map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/panel/cases/${c.id}`}>Case #{c.id}</Link>
                      </td>
                      <td>
                        {c.candidate_name}
                        <br />
                        <small className="muted">{c.candidate}</small>
                      </td>
                      <td>
                        {c.from_level} → {c.target_level}
                      </td>
                      <td>{formatDay(c.opened_on)}</td>
                      <td>
                        <StatusBadge status={c.status} />
                        {c.outcome !== null && (
                          <StatusBadge
                            status={c.outcome === 'promoted' ? 'accepted' : 'not_met'}
                            label={humanize(c.outcome)}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
        )
      }
    </QueryView>
  );
}
