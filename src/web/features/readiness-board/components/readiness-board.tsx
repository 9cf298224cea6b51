import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Card, Stat } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { TableScroll } from '../../../components/ui/table-scroll';
import { formatDay } from '../../../lib/format';
import type { RankingEntry, Readiness } from '../../../types/readiness';
import { useBuildersReadiness } from '../api/get-builders-readiness';
import { useRanking } from '../api/get-ranking';
import { useBuilderNames } from '../api/list-level-builders';
import { t } from '../../../i18n/i18n';

const builderPath = (email: string): string => `/builders/${encodeURIComponent(email)}`;

/** A builder by name, the email beneath (and on hover); the email alone until the name is known. */
function BuilderName({ email, name }: { email: string; name: string | undefined }) {
  return (
    <>
      <Link to={builderPath(email)} title={email}>
        {name ?? email}
      </Link>
      {name !== undefined && <div className="muted">{email}</div>}
    </>
  );
}

/** "Close": not yet eligible for a case, but at most this many gaps left (only where a standard exists). */
export const CLOSE_GAPS = 2;

type Standing = 'eligible' | 'close' | 'not_ready' | 'pending' | 'no_standard';

/**
 * Where a builder stands. A level that defines no standard has nobody close or far (issue 16: never
 * "Close" with zero metrics); by judgment, only the minimum time can hold a case back, so never "close".
 */
function standing(readiness: Readiness | undefined): Standing {
  if (readiness === undefined) return 'pending';
  if (readiness.standard === 'none') return 'no_standard';
  if (readiness.eligible_for_case) return 'eligible';
  if (readiness.standard === 'judgment') return 'not_ready';
  return readiness.gaps.length <= CLOSE_GAPS ? 'close' : 'not_ready';
}

function standingLabel(readiness: Readiness | undefined): string | undefined {
  if (readiness === undefined) return t('checking…');
  if (readiness.standard === 'judgment' && !readiness.eligible_for_case) return t('Minimum time not served');
  return undefined;
}

/** A level's readiness: the ranking, who is eligible for a case and who is close, and a chart across the level. */
export function ReadinessBoard({
  level,
  at,
  metricCount,
  rowAction,
}: {
  level: string;
  at?: string;
  metricCount: number;
  /** A last "Case" column the route fills (the cases feature: open a case for an eligible builder). */
  rowAction?: (builder: string, eligible: boolean) => ReactNode;
}) {
  const ranking = useRanking(level, at);
  const emails = ranking.data?.map((r) => r.builder) ?? [];
  const readiness = useBuildersReadiness(emails, at);
  const names = useBuilderNames(level);
  const navigate = useNavigate();
  const nameOf = (email: string): string => names.get(email) ?? email;
  return (
    <QueryView query={ranking} label={t('Ranking the level…')}>
      {(entries) => {
        if (entries.length === 0)
          return <EmptyState title={t('Nobody is at {level} on this day', { level })} />;
        const byEmail = new Map(emails.map((email, index) => [email, readiness[index]?.data]));
        const counts: Record<Standing, number> = {
          eligible: 0,
          close: 0,
          not_ready: 0,
          pending: 0,
          no_standard: 0,
        };
        for (const email of emails) counts[standing(byEmail.get(email))] += 1;
        // Every builder of the level is evaluated against the same ladder version on the same day, so
        // the first answer in says what the level defines.
        const standard = readiness.find((q) => q.data !== undefined)?.data?.standard;
        if (standard === 'none') return <NoStandardBoard level={level} entries={entries} names={names} />;
        return (
          <>
            <div className="stats">
              <Stat label={t('builders')} value={entries.length} />
              <Stat
                label={standard === 'judgment' ? t('may go to the panel') : t('eligible for a case')}
                value={counts.eligible}
                testId="board-eligible"
              />
              {standard === 'judgment' ? (
                <Stat label={t('promotion')} value={t('by judgment')} testId="board-standard" />
              ) : (
                <Stat
                  label={t('close (≤ {gaps} gaps)', { gaps: CLOSE_GAPS })}
                  value={counts.close}
                  testId="board-close"
                />
              )}
            </div>
            {metricCount > 0 && (
              <Card title={t('Readiness across {level}', { level })}>
                <figure aria-label={t('Metrics met by each builder at {level}', { level })}>
                  <div className="chart" data-testid="level-chart">
                    <ResponsiveContainer width="100%" height="100%">
                      <BarChart
                        data={entries.map((e) => ({
                          email: e.builder,
                          builder: nameOf(e.builder),
                          met: e.metrics_met,
                        }))}
                        margin={{ top: 16, right: 16, bottom: 8, left: 0 }}
                      >
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis dataKey="builder" fontSize={12} />
                        <YAxis
                          allowDecimals={false}
                          domain={[0, Math.max(metricCount, 1)]}
                          fontSize={12}
                          width={32}
                        />
                        <Tooltip />
                        <ReferenceLine
                          y={metricCount}
                          stroke="#166a32"
                          strokeDasharray="6 3"
                          label={{
                            value: t('all {count} met', { count: metricCount }),
                            position: 'insideTopRight',
                            fontSize: 12,
                            fill: '#166a32',
                          }}
                        />
                        <Bar
                          dataKey="met"
                          name={t('metrics met')}
                          fill="#2750c4"
                          isAnimationActive={false}
                          cursor="pointer"
                          onClick={(bar: { payload?: { email?: string } }) => {
                            const email = bar.payload?.email;
                            if (email !== undefined) void navigate(builderPath(email));
                          }}
                        />
                      </BarChart>
                    </ResponsiveContainer>
                  </div>
                  <figcaption className="muted">
                    {t(
                      "The dashed line is every metric of {level} met ({count}); a bar opens the builder's page.",
                      { level, count: metricCount },
                    )}
                    <span className="sr-only">
                      {' '}
                      {entries
                        .map((e) =>
                          t('{name}: {met} of {total}', {
                            name: nameOf(e.builder),
                            met: e.metrics_met,
                            total: metricCount,
                          }),
                        )
                        .join('; ')}
                    </span>
                  </figcaption>
                </figure>
              </Card>
            )}
            <Card title={t('Ranking')}>
              <TableScroll label={t('Ranking of {level}', { level })}>
                <table aria-label={t('Ranking of {level}', { level })}>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        {t('Rank')}
                      </th>
                      <th scope="col">{t('Builder')}</th>
                      <th scope="col" className="num">
                        {t('Metrics met')}
                      </th>
                      <th scope="col" className="num">
                        {t('Months at level')}
                      </th>
                      <th scope="col">{t('Standing')}</th>
                      <th scope="col">{t('Tenure met')}</th>
                      <th scope="col">{t('Gaps')}</th>
                      {rowAction !== undefined && <th scope="col">{t('Case')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {entries.map((entry) => {
                      const r = byEmail.get(entry.builder);
                      const tenure = r?.requirements.find((q) => q.met_on !== undefined);
                      return (
                        <tr key={entry.builder} data-testid={`rank-${entry.builder}`}>
                          <td className="num">{entry.rank}</td>
                          <td>
                            <BuilderName email={entry.builder} name={names.get(entry.builder)} />
                          </td>
                          <td className="num" data-testid={`met-${entry.builder}`}>
                            {metricCount > 0
                              ? t('{met} of {total}', { met: entry.metrics_met, total: metricCount })
                              : '—'}
                          </td>
                          <td className="num">{entry.months_at_level}</td>
                          <td>
                            <StatusBadge status={standing(r)} label={standingLabel(r)} />
                          </td>
                          <td>{tenure?.met_on === undefined ? '—' : formatDay(tenure.met_on)}</td>
                          <td>{r === undefined ? '…' : r.gaps.length}</td>
                          {rowAction !== undefined && (
                            <td>{rowAction(entry.builder, r?.eligible_for_case === true)}</td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableScroll>
            </Card>
          </>
        );
      }}
    </QueryView>
  );
}

/**
 * The board of a level that defines no metric and no requirement: who is there and for how long, and
 * a plain statement that there is no standard to be close to — no chart of zeros, no "0 of 0".
 */
function NoStandardBoard({
  level,
  entries,
  names,
}: {
  level: string;
  entries: readonly RankingEntry[];
  names: Map<string, string>;
}) {
  return (
    <>
      <div className="stats">
        <Stat label={t('builders')} value={entries.length} />
        <Stat label={t('standard')} value={t('none yet')} testId="board-standard" />
      </div>
      <Card title={t('{level} defines no standard yet', { level })}>
        <p data-testid="board-no-standard">
          {t(
            'The ladder lists no metric and no promotion requirement for {level}, so nobody here is close to or far from a promotion. Builders are listed by time at the level.',
            { level },
          )}
        </p>
      </Card>
      <Card title={t('Builders')}>
        <TableScroll label={t('Builders at {level}', { level })}>
          <table aria-label={t('Builders at {level}', { level })}>
            <thead>
              <tr>
                <th scope="col">{t('Builder')}</th>
                <th scope="col" className="num">
                  {t('Months at level')}
                </th>
                <th scope="col">{t('Standing')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.builder} data-testid={`rank-${entry.builder}`}>
                  <td>
                    <BuilderName email={entry.builder} name={names.get(entry.builder)} />
                  </td>
                  <td className="num">{entry.months_at_level}</td>
                  <td>
                    <StatusBadge status="no_standard" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Card>
    </>
  );
}
