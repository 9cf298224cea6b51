import type { ReactNode } from 'react';
import { Card } from '../../../components/ui/card';
import { usePoints } from '../api/get-points';

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
  if (points.isPending) return <Card title="Points and band">Loading…</Card>;
  if (points.isError) return <Card title="Points and band">The points could not be read.</Card>;
  const answer = points.data.points;
  if (answer === null) return null;
  return (
    <Card title="Points and band" id="points">
      {answer.summary.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <table>
        <thead>
          <tr>
            <th scope="col">Competency</th>
            <th scope="col">Milestone</th>
            <th scope="col">Points</th>
            <th scope="col">Next</th>
            <th scope="col">Assessed in</th>
          </tr>
        </thead>
        <tbody>
          {answer.competencies.map((c) => (
            <tr key={c.area}>
              <td data-label="Competency">{c.name}</td>
              <td data-label="Milestone">
                {c.milestone} of {c.milestones}
                {c.text === null ? null : <span className="muted"> — {c.text}</span>}
              </td>
              <td data-label="Points">{c.points}</td>
              <td data-label="Next">
                {c.next === null ? 'the last' : `${c.next.milestone}: +${c.next.gain}`}
              </td>
              <td data-label="Assessed in">
                {c.assessment === null ? '—' : renderRecords([c.assessment.id, ...c.other_assessments])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
