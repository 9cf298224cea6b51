import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorState, Loading } from '../../../components/ui/query-state';
import { formatMonth } from '../../../lib/format';
import { useReadinessHistory } from '../api/get-readiness-history';
import { t } from '../../../i18n/i18n';

/** "Metrics met over time": one point per month end since the level began, computed by the API. */
export function MetricsChart({
  email,
  since,
  at,
  total,
}: {
  email: string;
  since: string;
  at: string;
  total: number;
}) {
  const history = useReadinessHistory(email, since, at);
  if (history.error !== null) return <ErrorState error={history.error} />;
  if (history.isPending) return <Loading label={t('Computing the history…')} />;
  const data = history.points.map((point) => ({ ...point, label: formatMonth(point.day) }));
  return (
    <figure className="chart-figure" aria-label={t('Metrics met over time')}>
      <div className="chart" data-testid="metrics-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis allowDecimals={false} domain={[0, total]} fontSize={12} width={32} />
            <Tooltip />
            <Line
              type="stepAfter"
              dataKey="met"
              name={t('metrics met')}
              stroke="#2750c4"
              strokeWidth={2}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        {data
          .map((point) => t('{name}: {met} of {total}', { name: point.label, met: point.met ?? '?', total }))
          .join('; ')}
      </figcaption>
    </figure>
  );
}
