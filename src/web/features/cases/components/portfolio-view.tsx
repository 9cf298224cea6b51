import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { formatDay, humanize } from '../../../lib/format';
import { useCasePortfolio } from '../api/get-case-portfolio';

/** The candidate's portfolio ("L5 evidence"): significant decisions, mentee outcomes, retros, ADRs. */
export function PortfolioView({ caseId }: { caseId: number }) {
  const query = useCasePortfolio(caseId);
  return (
    <QueryView query={query} label="Assembling the portfolio…">
      {(portfolio) => (
        <Card title={`Portfolio of ${portfolio.candidate}`} id="portfolio">
          <p className="muted">As of {formatDay(portfolio.as_of)}, from the evidence ledger.</p>
          <h3>Significant decisions ({portfolio.significant_decisions.length})</h3>
          {portfolio.significant_decisions.length === 0 ? (
            <EmptyState title="No significant decision recorded" />
          ) : (
            <ul className="described" data-testid="portfolio-decisions">
              {portfolio.significant_decisions.map((d) => (
                <li key={d.id}>
                  <strong>{d.title || humanize(d.type)}</strong>{' '}
                  <span className="badge badge-neutral">{humanize(d.type)}</span>{' '}
                  <span className="badge badge-neutral">client: {d.client_response}</span>
                  <div className="muted">{formatDay(d.date)}</div>
                  {d.recommendation !== '' && <div>Recommended: {d.recommendation}</div>}
                  {d.data !== '' && <div>Data: {d.data}</div>}
                  {d.outcome !== '' && <div>Outcome: {d.outcome}</div>}
                </li>
              ))}
            </ul>
          )}
          <h3>Mentee outcomes ({portfolio.mentee_outcomes.length})</h3>
          {portfolio.mentee_outcomes.length === 0 ? (
            <EmptyState title="No mentee yet" />
          ) : (
            <ul>
              {portfolio.mentee_outcomes.map((m) => (
                <li key={m.mentee + m.start}>
                  {m.mentee}: {m.level_at_start ?? '?'} → {m.level_now ?? '?'}{' '}
                  {m.advanced && <span className="badge badge-good">advanced</span>}
                  {m.reviews.length > 0 && (
                    <span className="muted"> · review scores {m.reviews.map((r) => r.score).join(', ')}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>Retros ({portfolio.retros.length})</h3>
          <ul>
            {portfolio.retros.map((r) => (
              <li key={r.id}>
                {formatDay(r.date)} — {r.hypothesis} → {r.what_happened}
              </li>
            ))}
          </ul>
          <h3>ADRs ({portfolio.adrs.length})</h3>
          <ul>
            {portfolio.adrs.map((a) => (
              <li key={a.id}>
                {a.title} <span className="badge badge-neutral">{a.status}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </QueryView>
  );
}
