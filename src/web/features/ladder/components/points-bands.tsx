import { Card } from '../../../components/ui/card';
import { t } from '../../../i18n/i18n';
import { formatList, formatNumber } from '../../../lib/format';
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
    to === undefined
      ? `${formatNumber(from)}+`
      : from === to
        ? formatNumber(from)
        : `${formatNumber(from)}–${formatNumber(to)}`;
  const names = new Map(categories.flatMap((c) => c.areas.map((a) => [a.id, a.name] as const)));
  const mine = points.bands.filter((band) => band.level === level.id);
  const widest = Math.max(...points.competencies.map((c) => c.milestones.length));
  return (
    <Card title={t('Points and bands')} id="points">
      <p>
        {mine.length === 0
          ? t('No band of total points names {level}.', { level: level.id })
          : t('{level} covers {bands}.', {
              level: level.id,
              bands: formatList(
                mine.map((b) => t('{band} ({range} points)', { band: b.id, range: range(b.from, b.to) })),
              ),
            })}
      </p>
      {points.description !== undefined && <p className="muted">{points.description}</p>}
      <TableScroll label={t('Bands of total points')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('Band')}</th>
              <th scope="col">{t('Points')}</th>
              <th scope="col">{t('Level')}</th>
              <th scope="col">{t('Title')}</th>
            </tr>
          </thead>
          <tbody>
            {points.bands.map((band) => (
              <tr key={band.id} className={band.level === level.id ? 'current' : undefined}>
                <td data-label={t('Band')}>
                  {band.level === level.id ? <strong>{band.id}</strong> : band.id}
                </td>
                <td data-label={t('Points')}>{range(band.from, band.to)}</td>
                <td data-label={t('Level')}>{band.level}</td>
                <td data-label={t('Title')}>{band.title ?? band.level}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <TableScroll label={t('Points per milestone')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('Competency')}</th>
              {Array.from({ length: widest }, (_, i) => (
                <th key={i} scope="col">
                  {t('Milestone {number}', { number: i + 1 })}
                </th>
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
                    <td key={i} data-label={t('Milestone {number}', { number: i + 1 })}>
                      {milestone === undefined
                        ? '—'
                        : `${formatNumber(milestone.points)} — ${milestone.text}`}
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
