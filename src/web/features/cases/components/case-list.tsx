import { Link } from 'react-router';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { t } from '../../../i18n/i18n';
import { formatDay } from '../../../lib/format';
import { useCases } from '../api/list-cases';
import { caseStatusWord, outcomeWord } from '../case-words';
import { TableScroll } from '../../../components/ui/table-scroll';

/** The cases a person sits on (or, for leadership, every case), newest first. */
export function CaseList({ emptyHint }: { emptyHint: string }) {
  const query = useCases();
  return (
    <QueryView query={query} label={t('Loading cases…')}>
      {(cases) =>
        cases.length === 0 ? (
          <EmptyState title={t('No promotion cases')}>{emptyHint}</EmptyState>
        ) : (
          <TableScroll label={t('Promotion cases')}>
            <table aria-label={t('Promotion cases')}>
              <thead>
                <tr>
                  <th scope="col">{t('Case')}</th>
                  <th scope="col">{t('Candidate')}</th>
                  <th scope="col">{t('Step')}</th>
                  <th scope="col">{t('Opened')}</th>
                  <th scope="col">{t('Status')}</th>
                </tr>
              </thead>
              <tbody>
                {[...cases]
                  .sort((a, b) => b.id - a.id)
                  .map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link to={`/panel/cases/${c.id}`}>{t('Case #{id}', { id: c.id })}</Link>
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
                        <StatusBadge status={c.status} label={caseStatusWord(c.status)} />
                        {c.outcome !== null && (
                          <StatusBadge
                            status={c.outcome === 'promoted' ? 'accepted' : 'not_met'}
                            label={outcomeWord(c.outcome)}
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
