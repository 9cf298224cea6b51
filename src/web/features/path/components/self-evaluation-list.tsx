import type { ReactNode } from 'react';
import { EmptyState } from '../../../components/ui/query-state';
import type { Readiness } from '../../../types/readiness';
import { t } from '../../../i18n/i18n';

/** A self-evaluation answer in words. */
function answerWords(answer: string | null): string {
  switch (answer) {
    case null:
      return t('not answered');
    case 'yes':
      return t('yes');
    case 'partly':
      return t('partly');
    case 'no':
      return t('no');
    default:
      return answer;
  }
}

/** The self-evaluation checklist; a claim ("yes"/"partly") without a linked record is flagged. */
export function SelfEvaluationList({
  selfEvaluation,
  renderRecords,
}: {
  selfEvaluation: Readiness['self_evaluation'];
  renderRecords: (ids: string[]) => ReactNode;
}) {
  if (selfEvaluation.items.length === 0)
    return <EmptyState title={t('This level has no self-evaluation checklist yet')} />;
  return (
    <ul className="self-evaluation">
      {selfEvaluation.items.map((item) => {
        const unsupported = selfEvaluation.without_evidence.includes(item.id);
        return (
          <li key={item.id} data-testid={`self-eval-${item.id}`} data-unsupported={unsupported}>
            {item.text} <span className="badge badge-neutral">{answerWords(item.answer)}</span>
            {unsupported && <span className="badge badge-bad">{t('claimed, no evidence linked')}</span>}
            {item.evidence.length > 0 && renderRecords(item.evidence)}
          </li>
        );
      })}
    </ul>
  );
}
