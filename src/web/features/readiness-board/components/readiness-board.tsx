import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, Stat } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { formatDay } from '../../../lib/format';
import type { Readiness } from '../../../types/readiness';
import { useBuildersReadiness } from '../api/get-builders-readiness';
import { useRanking } from '../api/get-ranking';

/** "Close": not yet eligible for a case, but at most this many gaps left. */
export const CLOSE_GAPS = 2;

function standing(readiness: Readiness | undefined): 'eligible' | 'close' | 'not_ready' | 'pending' {
  if (readiness === undefined) return 'pending';
  if (readiness.eligible_for_case) return 'eligible';
  return readiness.gaps.length <= CLOSE_GAPS ? 'close' : 'not_ready';
}

/** A level's readiness: the ranking, who is eligible for a case and who is close, and a chart across the level. */
export function ReadinessBoard({
  level,
  at,
  metricCount,
}: {
  level: string;
  at?: string;
  metricCount: number;
}) {
  const ranking = useRanking(level, at);
  const emails = ranking.data?.map((r) => r.builder) ?? [];
  const readiness = useBuildersReadiness(emails, at);
  return (
    <QueryView query={ranking} label="Ranking the level…">
      {(entries) => {
        if (entries.length === 0) return <EmptyState title={`Nobody is at ${level} on this day`} />;
        const byEmail = new Map(emails.map((email, index) => [email, readiness[index]?.data]));
        const counts = { eligible: 0, close: 0, not_ready: 0, pending: 0 };
        for (const email of emails) counts[standing(byEmail.get(email))] += 1;
        return (
          <>
            <div className="stats">
              <Stat label="builders" value={entries.length} />
              <Stat label="eligible for a case" value={counts.eligible} testId="board-eligible" />
              <Stat label={`close (≤ ${CLOSE_GAPS} gaps)`} value={counts.close} testId="board-close" />
            </div>
            <Card title={`Readiness across ${level}`}>
              <figure aria-label={`Metrics met by each builder at ${level}`}>
                <div className="chart" data-testid="level-chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart
                      data={entries.map((e) => ({ builder: e.builder.split('@')[0], met: e.metrics_met }))}
                      margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
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
                      <Bar dataKey="met" name="metrics met" fill="#2750c4" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <figcaption className="sr-only">
                  {entries.map((e) => `${e.builder}: ${e.metrics_met}`).join('; ')}
                </figcaption>
              </figure>
            </Card>
            <Card title="Ranking">
              <div className="table-scroll">
                <table aria-label={`Ranking of ${level}`}>
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        Rank
                      </th>
                      <th scope="col">Builder</th>
                      <th scope="col" className="num">
                        Metrics met
                      </th>
                      <th scope="col" className="num">
                        Months at level
                      </th>
                      <th scope="col">Standing</th>
                      <th scope="col">Tenure met</th>
                      <th scope="col">Gaps</th>
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
                            <Link to={`/builders/${encodeURIComponent(entry.builder)}`}>{entry.builder}</Link>
                          </td>
                          <td className="num" data-testid={`met-${entry.builder}`}>
                            {entry.metrics_met}
                            {metricCount > 0 && ` of ${metricCount}`}
                          </td>
                          <td className="num">{entry.months_at_level}</td>
                          <td>
                            <StatusBadge
                              status={standing(r)}
                              label={standing(r) === 'pending' ? 'checking…' : undefined}
                            />
                          </td>
                          <td>{tenure?.met_on === undefined ? '—' : formatDay(tenure.met_on)}</td>
                          <td>{r === undefined ? '…' : r.gaps.length}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </Card>
          </>
        );
      }}
    </QueryView>
  );
}
