import { Link } from 'react-router';
import { Card } from '../../../components/ui/card';
import { QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { t, tx } from '../../../i18n/i18n';
import { formatDay, formatNumber } from '../../../lib/format';
import { useCase } from '../api/get-case';
import { caseStatusWord } from '../case-words';
import { CaseResult } from './case-result';
import { PanelPicker } from './panel-picker';
import { PortfolioView } from './portfolio-view';
import { ScoreSheetForm } from './score-sheet-form';

/** One case for a panelist or leadership: panel, portfolio, the caller's score sheet, and the result. */
export function CasePage({
  caseId,
  viewerEmail,
  canDecide,
}: {
  caseId: number;
  viewerEmail: string;
  canDecide: boolean;
}) {
  const query = useCase(caseId);
  return (
    <QueryView query={query} label={t('Loading the case…')}>
      {(view) => {
        const mine = view.sheets.find((s) => s.panelist.toLowerCase() === viewerEmail.toLowerCase());
        const onPanel = view.panel.members.some((m) => m.email.toLowerCase() === viewerEmail.toLowerCase());
        // Leadership may (re)seat the panel until the first sheet is submitted (docs/promotion-cases.md).
        const canSeat =
          canDecide && (view.status === 'open' || view.status === 'assessing') && view.panel.submitted === 0;
        return (
          <div>
            <header className="page-header">
              <h1>
                {tx('Case #{id}: {candidate} {from} → {target}', {
                  id: view.id,
                  candidate: <span title={view.candidate}>{view.candidate_name}</span>,
                  from: view.from_label,
                  target: view.target_label,
                })}
              </h1>
              <p className="muted">
                {tx('{email} · {readiness} · Opened {date} · {status} · ladder of {version}', {
                  email: <span data-testid="case-candidate-email">{view.candidate}</span>,
                  readiness: (
                    <Link to={`/builders/${encodeURIComponent(view.candidate)}`}>
                      {t("{name}'s readiness and records", { name: view.candidate_name })}
                    </Link>
                  ),
                  date: formatDay(view.opened_on),
                  status: <StatusBadge status={view.status} label={caseStatusWord(view.status)} />,
                  version: formatDay(view.ladder.version),
                })}
              </p>
            </header>
            <div className="two-column">
              <div>
                {canSeat && view.panel.members.length === 0 && <PanelPicker view={view} />}
                {onPanel && view.status !== 'decided' && view.status !== 'withdrawn' && (
                  <ScoreSheetForm view={view} mine={mine} />
                )}
                <CaseResult view={view} canDecide={canDecide} />
                <PortfolioView caseId={caseId} candidateName={view.candidate_name} />
              </div>
              <aside>
                <Card
                  title={t('Panel ({submitted} of {size} submitted)', {
                    submitted: view.panel.submitted,
                    size: view.panel.size,
                  })}
                >
                  {view.panel.members.length === 0 ? (
                    <p>{t('No panel seated yet.')}</p>
                  ) : (
                    <ul data-testid="panel-members">
                      {view.panel.members.map((m) => (
                        <li key={m.position} title={m.email}>
                          {m.name} <small className="muted">{m.email}</small>{' '}
                          <span className="muted">({m.leadership ? t('leadership') : (m.level ?? '?')})</span>{' '}
                          <StatusBadge
                            status={m.submitted ? 'met' : 'pending'}
                            label={m.submitted ? t('submitted') : t('not yet')}
                          />
                        </li>
                      ))}
                    </ul>
                  )}
                  {canSeat && view.panel.members.length > 0 && (
                    <details className="change-panel">
                      <summary>{t('Change the panel')}</summary>
                      <PanelPicker view={view} />
                    </details>
                  )}
                </Card>
                <Card title={t('Criteria')}>
                  <ul>
                    {view.criteria.map((c) => (
                      <li key={c.id}>
                        <strong>{c.name}</strong>
                        {c.gate && <span className="badge badge-warn">{t('gate')}</span>} — {c.description}
                      </li>
                    ))}
                  </ul>
                  <p className="muted">
                    {view.decision_rule.component_pass === 'unanimous'
                      ? t('Gate median ≥ {gate}; others ≥ {others}; components pass unanimously.', {
                          gate: formatNumber(view.decision_rule.gate_median_min),
                          others: formatNumber(view.decision_rule.other_median_min),
                        })
                      : t('Gate median ≥ {gate}; others ≥ {others}; components pass by majority.', {
                          gate: formatNumber(view.decision_rule.gate_median_min),
                          others: formatNumber(view.decision_rule.other_median_min),
                        })}
                  </p>
                </Card>
              </aside>
            </div>
          </div>
        );
      }}
    </QueryView>
  );
}
