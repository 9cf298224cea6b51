import type { ReactNode } from 'react';
import { EmptyState } from '../../../components/ui/query-state';
import type { Readiness } from '../../../types/readiness';

/** The self-evaluation checklist; a claim ("yes"/"partly") without a linked record is flagged. */
export function SelfEvaluationList({
  selfEvaluation,
  renderRecords,
}: {
  selfEvaluation: Readiness['self_evaluation'];
  renderRecords: (ids: string[]) => ReactNode;
}) {
  if (selfEvaluation.items.length === 0)
    return <EmptyState title="This level has no self-evaluation checklist yet" />;
  return (
    <ul className="self-evaluation">
      {selfEvaluation.items.map((item) => {
        const unsupported = selfEvaluation.without_evidence.includes(item.id);
        return (
          <li key={item.id} data-testid={`self-eval-${item.id}`} data-unsupported={unsupported}>
            {item.text}{' '}
            <span className="badge badge-neutral">{item.answer === null ? 'not answered' : item.answer}</span>
            {unsupported && <span className="badge badge-bad">claimed, no evidence linked</span>}
            {item.evidence.length > 0 && renderRecords(item.evidence)}
          </li>
        );
      })}
    </ul>
  );
}
