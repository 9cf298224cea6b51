import { Card } from '../../../components/ui/card';
import { QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { humanize } from '../../../lib/format';
import { useCaseOutcome } from '../api/get-case-outcome';
import { PromotionUnlocks } from './promotion-unlocks';

/** What the candidate sees of their case: progress, then the outcome and feedback (never a draft). */
export function CandidateOutcome({ caseId }: { caseId: number }) {
  const query = useCaseOutcome(caseId);
  return (
    <QueryView query={query}>
      {(outcome) => (
        <Card title={`My promotion case: ${outcome.from_level} → ${outcome.target_level}`} id="my-case">
          {outcome.feedback === null ? (
            <p>
              <StatusBadge status={outcome.status} /> {outcome.submitted} of {outcome.panel_size} panel sheets
              in. You will see the outcome and the feedback once the case is decided.
            </p>
          ) : (
            <>
              <p data-testid="candidate-outcome">
                <StatusBadge
                  status={outcome.feedback.outcome === 'promoted' ? 'accepted' : 'not_met'}
                  label={humanize(outcome.feedback.outcome)}
                />{' '}
                {outcome.feedback.decisionNote}
              </p>
              <ul className="gap-list">
                {outcome.feedback.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              {outcome.feedback.feedback.map((f) => (
                <blockquote key={f.from + f.about}>
                  <strong>{f.from}</strong> on {f.about}: {f.text}
                </blockquote>
              ))}
              {outcome.feedback.outcome === 'promoted' && outcome.effective_date !== null && (
                <PromotionUnlocks
                  ladder={outcome.ladder_id}
                  level={outcome.target_level}
                  since={outcome.effective_date}
                  who="You"
                />
              )}
            </>
          )}
        </Card>
      )}
    </QueryView>
  );
}
