import { Link } from 'react-router';
import { Card } from '../../../components/ui/card';
import { QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { formatDay } from '../../../lib/format';
import { useCase } from '../api/get-case';
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
    <QueryView query={query} label="Loading the case…">
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
                Case #{view.id}: <span title={view.candidate}>{view.candidate_name}</span> {view.from_label} →{' '}
                {view.target_label}
              </h1>
              <p className="muted">
                <span data-testid="case-candidate-email">{view.candidate}</span> ·{' '}
                <Link to={`/builders/${encodeURIComponent(view.candidate)}`}>
                  {view.candidate_name}&apos;s readiness and records
                </Link>{' '}
                · Opened {formatDay(view.opened_on)} · <StatusBadge status={view.status} /> · ladder of{' '}
                {formatDay(view.ladder.version)}
              </p>
            </header>
            <div className="two-column">
              <div>
                {canSeat && view.panel.members.length === 0 && <PanelPicker view={view} />}
                {onPanel && view.status !== 'decided' && view.status !== 'withdrawn' && (
                  <ScoreSheetForm view={view} mine={mine} />
                )}
                <CaseResult view={view} canDecide={canDecide} />
                <PortfolioView caseId={caseId} />
              </div>
              <aside>
                <Card title={`Panel (${view.panel.submitted} of ${view.panel.size} submitted)`}>
                  {view.panel.members.length === 0 ? (
                    <p>No panel seated yet.</p>
                  ) : (
                    <ul data-testid="panel-members">
                      {view.panel.members.map((m) => (
                        <li key={m.position} title={m.email}>
                          {m.name} <small className="muted">{m.email}</small>{' '}
                          <span className="muted">({m.leadership ? 'leadership' : (m.level ?? '?')})</span>{' '}
                          <StatusBadge
                            status={m.submitted ? 'met' : 'pending'}
                            label={m.submitted ? 'submitted' : 'not yet'}
                          />
                        </li>
                      ))}
                    </ul>
                  )}
                  {canSeat && view.panel.members.length > 0 && (
                    <details className="change-panel">
                      <summary>Change the panel</summary>
                      <PanelPicker view={view} />
                    </details>
                  )}
                </Card>
                <Card title="Criteria">
                  <ul>
                    {view.criteria.map((c) => (
                      <li key={c.id}>
                        <strong>{c.name}</strong>
                        {c.gate && <span className="badge badge-warn">gate</span>} — {c.description}
                      </li>
                    ))}
                  </ul>
                  <p className="muted">
                    Gate median ≥ {view.decision_rule.gate_median_min}; others ≥{' '}
                    {view.decision_rule.other_median_min}; components by {view.decision_rule.component_pass}.
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
