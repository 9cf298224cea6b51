import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/card';
import { usePoints } from '../api/get-points';
import { t } from '../../../i18n/i18n';

/**
 * A builder's points on a ladder that scores them (ADR 0021): the answer in plain words, then per
 * competency the milestone assessed, its points, the next milestone and the record behind it.
 */
export function PointsCard({
  email,
  at,
  renderRecords,
}: {
  email: string;
  at: string | undefined;
  renderRecords: (ids: string[]) => ReactNode;
}) {
  const points = usePoints(email, at);
  if (points.isPending) return <Card title={t('Points and band')}>{t('Loading…')}</Card>;
  if (points.isError) return <Card title={t('Points and band')}>{t('The points could not be read.')}</Card>;
  const answer = points.data.points;
  if (answer === null) return null;
  return (
    <Card title={t('Points and band')} id="points">
      {answer.summary.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('Competency')}</th>
            <th scope="col">{t('Milestone')}</th>
            <th scope="col">{t('Points')}</th>
            <th scope="col">{t('Next')}</th>
            <th scope="col">{t('Assessed in')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.competencies.map((c) => (
            <tr key={c.area}>
              <td data-label={t('Competency')}>{c.name}</td>
              <td data-label={t('Milestone')}>
                {t('{met} of {total}', { met: c.milestone, total: c.milestones })}
                {c.text === null ? null : <span className="muted"> — {c.text}</span>}
              </td>
              <td data-label={t('Points')}>{c.points}</td>
              <td data-label={t('Next')}>
                {c.next === null
                  ? t('the last')
                  : t('{milestone}: +{gain}', { milestone: c.next.milestone, gain: c.next.gain })}
              </td>
              <td data-label={t('Assessed in')}>
                {c.assessment === null ? '—' : renderRecords([c.assessment.id, ...c.other_assessments])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
