import type { ReactNode } from 'react';
import { StatusBadge } from '../../../components/ui/status-badge';
import type { Metric } from '../../../types/ladder';
import type { MetricResult } from '../../../types/readiness';
import { t } from '../../../i18n/i18n';

function formatValue(result: MetricResult, metric: Metric | undefined): string {
  const percent = metric?.rule.kind === 'share';
  if (result.value === null)
    return percent
      ? t('nothing measured yet (needs {threshold} %)', { threshold: result.threshold })
      : t('nothing measured yet (needs {threshold})', { threshold: result.threshold });
  return percent
    ? t('{value} % of {threshold} %', { value: result.value, threshold: result.threshold })
    : t('{met} of {total}', { met: result.value, total: result.threshold });
}

/** Each ranking metric: status, value against threshold, and the records that counted (click through). */
export function MetricList({
  results,
  metrics,
  renderRecords,
}: {
  results: MetricResult[];
  metrics: Metric[];
  renderRecords: (ids: string[]) => ReactNode;
}) {
  return (
    <div className="metric-list">
      {results.map((result) => {
        const metric = metrics.find((m) => m.id === result.id);
        const ratio =
          result.value === null || result.threshold === 0 ? 0 : Math.min(1, result.value / result.threshold);
        return (
          <div
            className="metric-row"
            key={result.id}
            data-testid={`metric-${result.id}`}
            data-status={result.status}
          >
            <div className="metric-head">
              <strong>{metric?.name ?? result.id}</strong>
              <StatusBadge status={result.status} />
            </div>
            <div className="metric-value" data-testid={`metric-${result.id}-value`}>
              {formatValue(result, metric)}
              {metric !== undefined && (
                <span className="muted"> — {t('threshold: {text}', { text: metric.threshold })}</span>
              )}
            </div>
            <div className="progress" aria-hidden="true">
              <span style={{ width: `${Math.round(ratio * 100)}%` }} />
            </div>
            {result.evidence.length > 0 && (
              <details>
                <summary>
                  {t('{count, plural, one {# record} other {# records}} behind this', {
                    count: result.evidence.length,
                  })}
                </summary>
                {renderRecords(result.evidence)}
              </details>
            )}
          </div>
        );
      })}
    </div>
  );
}
