import { Card } from '../../../components/ui/card';
import { useCandidateReadiness } from '../api/get-readiness';
import { OpenCaseButton } from './open-case-button';

/** On a builder's page, for leadership: whether a promotion case can be opened today, and the way to it. */
export function OpenCaseCard({ candidate, name }: { candidate: string; name?: string }) {
  const readiness = useCandidateReadiness(candidate);
  const eligible = readiness.data?.eligible_for_case === true;
  return (
    <Card title="Promotion case" id="open-case">
      {readiness.isPending ? (
        <p className="muted">Checking readiness…</p>
      ) : (
        <p data-testid="open-case-standing">
          {eligible
            ? `Eligible today for a case to ${readiness.data?.target_level ?? 'the next level'}. `
            : `Not eligible for a case today (${readiness.data?.gaps.length ?? 0} gaps, listed below). `}
          <OpenCaseButton
            candidate={candidate}
            eligible={eligible}
            {...(name === undefined ? {} : { name })}
          />
        </p>
      )}
    </Card>
  );
}
