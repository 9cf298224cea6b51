import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { t } from '../../../i18n/i18n';
import { formatDay, formatNumber } from '../../../lib/format';
import { useCasePortfolio } from '../api/get-case-portfolio';

/** A decision's type in words ("scope change"); a type the ledger adds later reads as is. */
function decisionType(type: string): string {
  return t(
    '{type, select, scope_change {scope change} feature_proposal {feature proposal} kill {kill} descope {descope} other {{type}}}',
    { type },
  );
}

/** The client's answer to a decision, as the badge says it ("client: adopted"). */
function clientResponse(response: string): string {
  return t(
    '{response, select, pending {client: pending} adopted {client: adopted} rejected {client: rejected} other {client: {response}}}',
    { response },
  );
}

/** An ADR's status in words. */
function adrStatus(status: string): string {
  return t(
    '{status, select, proposed {proposed} accepted {accepted} rejected {rejected} deprecated {deprecated} superseded {superseded} other {{status}}}',
    { status },
  );
}

/** The candidate's portfolio ("L5 evidence"): significant decisions, mentee outcomes, retros, ADRs. */
export function PortfolioView({ caseId, candidateName }: { caseId: number; candidateName?: string }) {
  const query = useCasePortfolio(caseId);
  return (
    <QueryView query={query} label={t('Assembling the portfolio…')}>
      {(portfolio) => (
        <Card
          title={t('Portfolio of {candidate}', { candidate: candidateName ?? portfolio.candidate })}
          id="portfolio"
        >
          <p className="muted">
            {t('As of {date}, from the evidence ledger.', { date: formatDay(portfolio.as_of) })}
          </p>
          <h3>{t('Significant decisions ({count})', { count: portfolio.significant_decisions.length })}</h3>
          {portfolio.significant_decisions.length === 0 ? (
            <EmptyState title={t('No significant decision recorded')} />
          ) : (
            <ul className="described" data-testid="portfolio-decisions">
              {portfolio.significant_decisions.map((d) => (
                <li key={d.id}>
                  <strong>{d.title || decisionType(d.type)}</strong>{' '}
                  <span className="badge badge-neutral">{decisionType(d.type)}</span>{' '}
                  <span className="badge badge-neutral">{clientResponse(d.client_response)}</span>
                  <div className="muted">{formatDay(d.date)}</div>
                  {d.recommendation !== '' && (
                    <div>{t('Recommended: {text}', { text: d.recommendation })}</div>
                  )}
                  {d.data !== '' && <div>{t('Data: {text}', { text: d.data })}</div>}
                  {d.outcome !== '' && <div>{t('Outcome: {text}', { text: d.outcome })}</div>}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('Mentee outcomes ({count})', { count: portfolio.mentee_outcomes.length })}</h3>
          {portfolio.mentee_outcomes.length === 0 ? (
            <EmptyState title={t('No mentee yet')} />
          ) : (
            <ul>
              {portfolio.mentee_outcomes.map((m) => (
                <li key={m.mentee + m.start}>
                  {m.mentee}: {m.level_at_start ?? '?'} → {m.level_now ?? '?'}{' '}
                  {m.advanced && <span className="badge badge-good">{t('advanced')}</span>}
                  {m.reviews.length > 0 && (
                    <span className="muted">
                      {' · '}
                      {t('review scores {scores}', {
                        scores: m.reviews.map((r) => formatNumber(r.score)).join(', '),
                      })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('Retros ({count})', { count: portfolio.retros.length })}</h3>
          <ul>
            {portfolio.retros.map((r) => (
              <li key={r.id}>
                {formatDay(r.date)} — {r.hypothesis} → {r.what_happened}
              </li>
            ))}
          </ul>
          <h3>{t('ADRs ({count})', { count: portfolio.adrs.length })}</h3>
          <ul>
            {portfolio.adrs.map((a) => (
              <li key={a.id}>
                {a.title} <span className="badge badge-neutral">{adrStatus(a.status)}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </QueryView>
  );
}
