import { Card } from '../../../components/ui/card';
import { QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { t, tx } from '../../../i18n/i18n';
import { useCaseOutcome } from '../api/get-case-outcome';
import { caseStatusWord, outcomeWord } from '../case-words';
import { PromotionUnlocks } from './promotion-unlocks';

/**
 * Who wrote a piece of feedback and on what, as the API names them ("Panelist 2", "Summary", or an
 * assessment component's name from the ladder, never translated).
 */
function feedbackFrom(from: string): string {
  const panelist = /^Panelist (\d+)$/.exec(from);
  return panelist === null ? from : t('Panelist {number}', { number: Number(panelist[1]) });
}
function feedbackAbout(about: string): string {
  return about === 'Summary' ? t('Summary') : about;
}

/** What the candidate sees of their case: progress, then the outcome and feedback (never a draft). */
export function CandidateOutcome({ caseId }: { caseId: number }) {
  const query = useCaseOutcome(caseId);
  return (
    <QueryView query={query} label={t('Loading your case…')}>
      {(outcome) => (
        <Card
          title={t('My promotion case: {from} → {target}', {
            from: outcome.from_level,
            target: outcome.target_level,
          })}
          id="my-case"
        >
          {outcome.feedback === null ? (
            <p>
              {tx(
                '{status} {submitted} of {size, plural, one {# panel sheet} other {# panel sheets}} in. You will see the outcome and the feedback once the case is decided.',
                {
                  status: <StatusBadge status={outcome.status} label={caseStatusWord(outcome.status)} />,
                  submitted: outcome.submitted,
                  size: outcome.panel_size,
                },
              )}
            </p>
          ) : (
            <>
              <p data-testid="candidate-outcome">
                <StatusBadge
                  status={outcome.feedback.outcome === 'promoted' ? 'accepted' : 'not_met'}
                  label={outcomeWord(outcome.feedback.outcome)}
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
                  {tx('{from} on {about}: {text}', {
                    from: <strong>{feedbackFrom(f.from)}</strong>,
                    about: feedbackAbout(f.about),
                    text: f.text,
                  })}
                </blockquote>
              ))}
              {outcome.feedback.outcome === 'promoted' && outcome.effective_date !== null && (
                <PromotionUnlocks
                  ladder={outcome.ladder_id}
                  level={outcome.target_level}
                  since={outcome.effective_date}
                  candidate={null}
                />
              )}
            </>
          )}
        </Card>
      )}
    </QueryView>
  );
}
