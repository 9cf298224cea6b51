import { Card } from '../../../components/ui/card';
import type { CompetencyCategory, LadderDocument, Level } from '../../../types/ladder';
import { TableScroll } from '../../../components/ui/table-scroll';

/**
 * A ladder's points and bands on a level's view (ADR 0021), as on the rendered page: the bands naming
 * the level, every band (this level's marked) and the milestones of each scored competency.
 */
export function PointsBands({
  level,
  points,
  categories,
}: {
  level: Level;
  points: LadderDocument['points'];
  categories: CompetencyCategory[];
}) {
  if (points === undefined) return null;
  const range = (from: number, to: number | undefined) =>
    to === undefined ? `${from}+` : from === to ? `${from}` : `${from}–${to}`;
  const names = new Map(categories.flatMap((c) => c.areas.map((a) => [a.id, a.name] as const)));
  const mine = points.bands.filter((band) => band.level === level.id);
  const widest = Math.max(...points.competencies.map((c) => c.milestones.length));
  return (
    <Card title="Points and bands" id="points">
      <p>
        {mine.length === 0
          ? `No band of total points names ${level.id}.`
          : `${level.id} covers ${mine.map((b) => `${b.id} (${range(b.from, b.to)} points)`).join(' and ')}.`}
      </p>
      {points.description !== undefined && <p className="muted">{points.description}</p>}
      <TableScroll label="Bands of total points">
        <table>
          <thead>
            <tr>
              <th scope="col">Band</th>
              <th scope="col">Points</th>
              <th scope="col">Level</th>
              <th scope="col">Title</th>
            </tr>
          </thead>
          <tbody>
            {points.bands.map((band) => (
              <tr key={band.id} className={band.level === level.id ? 'current' : undefined}>
                <td data-label="Band">{band.level === level.id ? <strong>{band.id}</strong> : band.id}</td>
                <td data-label="Points">{range(band.from, band.to)}</td>
                <td data-label="Level">{band.level}</td>
                <td data-label="Title">{band.title ?? band.level}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <TableScroll label="Points per milestone">
        <table>
          <thead>
            <tr>
              <th scope="col">Competency</th>
              {Array.from({ length: widest }, (_, i) => (
                <th key={i} scope="col">{`Milestone ${i + 1}`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.competencies.map((competency) => (
              <tr key={competency.area}>
                <th scope="row">{names.get(competency.area) ?? competency.area}</th>
                {Array.from({ length: widest }, (_, i) => {
                  const milestone = competency.milestones[i];
                  return (
                    <td key={i} data-label={`Milestone ${i + 1}`}>
                      {milestone === undefined ? '—' : `${milestone.points} — ${milestone.text}`}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Card>
  );
}
