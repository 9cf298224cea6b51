import { Link, useNavigate } from 'react-router';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Card } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { TableScroll } from '../../../components/ui/table-scroll';
import { t } from '../../../i18n/i18n';
import { formatDay, formatMonth } from '../../../lib/format';
import type { Level } from '../../../types/ladder';
import { useReadinessTrend, type TrendPoint } from '../api/get-readiness-trend';

const LINE = '#2750c4';
const TARGET = '#166a32';

// A point's label on the axis: the month for a month end, the day for the last point (today).
function axisLabel(point: TrendPoint, last: boolean): string {
  return last ? formatDay(point.day) : formatMonth(point.day);
}

/** Where a point's records are: the builder's page on that day (this page with ?at=). */
const dayLink = (day: string) => ({ search: `?at=${day}` });

/** A line's points as links: each opens the page on its day (the keyboard path is the table below). */
function clickablePoints(radius: number, open: (day: string | undefined) => void) {
  return {
    dot: { r: radius, cursor: 'pointer' },
    activeDot: {
      r: radius + 2,
      cursor: 'pointer',
      onClick: (_event: unknown, dot: unknown) => open((dot as { payload?: { day?: string } }).payload?.day),
    },
  };
}

/**
 * "Readiness over time" on the builder's page (issue 17): metrics met at each month end of the last
 * 12 months and today against "all met", then each metric of the current level against its threshold.
 * A point (or its row in the table, for the keyboard) opens the page on that day, with its records.
 */
export function ReadinessTrendCard({
  email,
  levels,
  shownDay,
}: {
  email: string;
  levels: Level[];
  /** The day the page shows (?at=), marked on the charts. */
  shownDay?: string | undefined;
}) {
  const query = useReadinessTrend(email);
  const navigate = useNavigate();
  const open = (day: string | undefined) => {
    if (day !== undefined) void navigate(dayLink(day));
  };
  return (
    <Card title={t('Readiness over the last 12 months')} id="readiness-trend">
      <QueryView query={query} label={t('Computing readiness month by month…')}>
        {(trend) => {
          const points = trend.points;
          const latest = points.at(-1);
          if (latest === undefined || latest.metrics_total === 0) {
            return (
              <EmptyState title={t('Nothing measured to draw')}>
                {t('This level has no ranking metric, so there is no trend of metrics met.')}
              </EmptyState>
            );
          }
          const data = points.map((point, index) => ({
            day: point.day,
            label: axisLabel(point, index === points.length - 1),
            met: point.metrics_met,
          }));
          const shown = data.find((d) => d.day === shownDay)?.label;
          const level = levels.find((l) => l.id === latest.level);
          const total = latest.metrics_total;
          return (
            <div className="trend" data-testid="readiness-trend">
              <figure className="chart-figure" aria-label={t('Metrics met at each month end')}>
                <div className="chart" data-testid="trend-met-chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <LineChart data={data} margin={{ top: 16, right: 16, bottom: 8, left: 0 }}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="label" fontSize={12} />
                      <YAxis allowDecimals={false} domain={[0, total]} fontSize={12} width={32} />
                      <Tooltip />
                      <ReferenceLine
                        y={total}
                        stroke={TARGET}
                        strokeDasharray="6 3"
                        label={{
                          value: t('all {total} met', { total }),
                          position: 'insideTopRight',
                          fontSize: 12,
                          fill: TARGET,
                        }}
                      />
                      {shown !== undefined && <ReferenceLine x={shown} stroke="#555" />}
                      <Line
                        type="stepAfter"
                        dataKey="met"
                        name={t('metrics met')}
                        stroke={LINE}
                        strokeWidth={2}
                        isAnimationActive={false}
                        {...clickablePoints(4, open)}
                      />
                    </LineChart>
                  </ResponsiveContainer>
                </div>
                <figcaption className="muted">
                  {t(
                    'The dashed line is every metric met; a point opens the page on that day, with its records.',
                  )}
                </figcaption>
              </figure>
              <div className="chart-grid">
                {latest.metrics.map((metric) => {
                  const definition = level?.ranking_standard?.find((m) => m.id === metric.id);
                  const percent = definition?.rule.kind === 'share';
                  const series = points.map((point, index) => ({
                    day: point.day,
                    label: axisLabel(point, index === points.length - 1),
                    // Only days at the same level measure the same metric.
                    value:
                      point.level === latest.level
                        ? (point.metrics.find((m) => m.id === metric.id)?.value ?? null)
                        : null,
                  }));
                  const high = Math.max(metric.threshold, ...series.map((s) => s.value ?? 0));
                  const name = definition?.name ?? metric.id;
                  return (
                    <figure key={metric.id} data-testid={`trend-metric-${metric.id}`}>
                      <figcaption className="chart-title">{name}</figcaption>
                      <div className="chart chart-short">
                        <ResponsiveContainer width="100%" height="100%">
                          <LineChart data={series} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
                            <CartesianGrid strokeDasharray="3 3" />
                            <XAxis dataKey="label" fontSize={11} />
                            <YAxis
                              allowDecimals={false}
                              domain={[0, percent ? 100 : Math.ceil(high)]}
                              fontSize={11}
                              width={32}
                            />
                            <Tooltip />
                            <ReferenceLine
                              y={metric.threshold}
                              stroke={TARGET}
                              strokeDasharray="6 3"
                              label={{
                                value: percent
                                  ? t('threshold {threshold} %', { threshold: metric.threshold })
                                  : t('threshold {threshold}', { threshold: metric.threshold }),
                                position: 'insideTopRight',
                                fontSize: 11,
                                fill: TARGET,
                              }}
                            />
                            {shown !== undefined && <ReferenceLine x={shown} stroke="#555" />}
                            <Line
                              type="stepAfter"
                              dataKey="value"
                              name={name}
                              stroke={LINE}
                              strokeWidth={2}
                              isAnimationActive={false}
                              connectNulls={false}
                              {...clickablePoints(3, open)}
                            />
                          </LineChart>
                        </ResponsiveContainer>
                      </div>
                      <p className="muted" data-testid={`trend-metric-${metric.id}-now`}>
                        {metric.value === null
                          ? t('Now: nothing measured yet')
                          : percent
                            ? t('Now: {value} % of {threshold} %', {
                                value: metric.value,
                                threshold: metric.threshold,
                              })
                            : t('Now: {value} of {threshold}', {
                                value: metric.value,
                                threshold: metric.threshold,
                              })}
                      </p>
                    </figure>
                  );
                })}
              </div>
              <details>
                <summary>{t('Month by month, with the records')}</summary>
                <TableScroll label={t('Readiness month by month')}>
                  <table aria-label={t('Readiness month by month')} data-testid="trend-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('Day')}</th>
                        <th scope="col">{t('Level')}</th>
                        <th scope="col" className="num">
                          {t('Metrics met')}
                        </th>
                        <th scope="col">{t('Case')}</th>
                        <th scope="col">{t('Records')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...points].reverse().map((point) => {
                        const records = new Set(point.metrics.flatMap((m) => m.evidence)).size;
                        return (
                          <tr key={point.day} data-testid={`trend-row-${point.day}`}>
                            <td>{formatDay(point.day)}</td>
                            <td>{point.level}</td>
                            <td className="num">
                              {t('{met} of {total}', { met: point.metrics_met, total: point.metrics_total })}
                            </td>
                            <td>{point.eligible_for_case ? t('eligible') : t('not yet')}</td>
                            <td>
                              <Link to={dayLink(point.day)}>
                                {t('{count, plural, one {# record} other {# records}} that day', {
                                  count: records,
                                })}
                              </Link>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableScroll>
              </details>
            </div>
          );
        }}
      </QueryView>
    </Card>
  );
}
