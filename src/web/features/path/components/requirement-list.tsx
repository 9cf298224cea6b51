import { StatusBadge } from '../../../components/ui/status-badge';
import { describeDaysUntil, formatDay } from '../../../lib/format';
import type { Promotion } from '../../../types/ladder';
import type { RequirementResult } from '../../../types/readiness';
import { t } from '../../../i18n/i18n';

/** Promotion requirements, with the tenure clock: months so far and the day the rule is met. */
export function RequirementList({
  results,
  promotion,
  monthsAtLevel,
  at,
}: {
  results: RequirementResult[];
  promotion: Promotion | undefined;
  monthsAtLevel: number;
  at: string;
}) {
  return (
    <ul className="requirements">
      {results.map((result) => {
        const requirement = promotion?.requirements?.find((r) => r.id === result.id);
        const isTenure = requirement?.rule.kind === 'tenure';
        return (
          <li key={result.id} data-testid={`requirement-${result.id}`} data-status={result.status}>
            <strong>{requirement?.name ?? result.id}</strong>{' '}
            <StatusBadge
              status={result.status}
              label={result.status === 'not_assessed' ? t('Not assessed yet') : undefined}
            />
            {isTenure && promotion?.min_months_at_level !== undefined && (
              <div className="tenure-clock" data-testid="tenure-clock">
                <div className="progress" aria-hidden="true">
                  <span
                    style={{
                      width: `${Math.min(100, Math.round((monthsAtLevel / promotion.min_months_at_level) * 100))}%`,
                    }}
                  />
                </div>
                {t('{met} of {total, plural, one {# month} other {# months}}', {
                  met: monthsAtLevel,
                  total: promotion.min_months_at_level,
                })}
                {result.met_on !== undefined && (
                  <span>
                    {' '}
                    —{' '}
                    {t('met on {date} ({distance})', {
                      date: formatDay(result.met_on),
                      distance: describeDaysUntil(at, result.met_on),
                    })}
                  </span>
                )}
              </div>
            )}
            {!isTenure && result.met_on !== undefined && (
              <div className="muted">{t('Met on {date}', { date: formatDay(result.met_on) })}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
