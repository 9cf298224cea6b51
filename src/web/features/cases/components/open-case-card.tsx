import { Card } from '../../../components/ui/card';
import { t } from '../../../i18n/i18n';
import { useCandidateReadiness } from '../api/get-readiness';
import { OpenCaseButton } from './open-case-button';

/** On a builder's page, for leadership: whether a promotion case can be opened today, and the way to it. */
export function OpenCaseCard({ candidate, name }: { candidate: string; name?: string }) {
  const readiness = useCandidateReadiness(candidate);
  const eligible = readiness.data?.eligible_for_case === true;
  const target = readiness.data?.target_level ?? undefined;
  const targetLabel = target === undefined ? undefined : (readiness.data?.labels?.[target] ?? target);
  return (
    <Card title={t('Promotion case')} id="open-case">
      {readiness.isPending ? (
        <p className="muted">{t('Checking readiness…')}</p>
      ) : (
        <p data-testid="open-case-standing">
          {eligible
            ? t('Eligible today for a case to {target}.', { target: targetLabel ?? t('the next level') })
            : t('Not eligible for a case today ({gaps, plural, one {# gap} other {# gaps}}, listed below).', {
                gaps: readiness.data?.gaps.length ?? 0,
              })}{' '}
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
