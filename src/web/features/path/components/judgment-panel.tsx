import type { ReactNode } from 'react';
import { evidenceKindWords, monthsRange } from '../../../lib/evidence-kinds';
import { formatDay } from '../../../lib/format';
import type { Promotion } from '../../../types/ladder';
import type { Readiness } from '../../../types/readiness';
import { t } from '../../../i18n/i18n';

type TypicalTenure = NonNullable<Readiness['typical_tenure']>;

/** Where the months at the level stand against the typical time: advice in words, never a gap. */
export function typicalStanding(months: number, typical: TypicalTenure): string {
  const range = monthsRange(typical.from_months, typical.to_months);
  if (months < typical.from_months) return t('under the typical {range}', { range });
  if (months > typical.to_months) return t('past the typical {range}', { range });
  return t('within the typical {range}', { range });
}

/** Actual against typical time at the level, with the days the typical time is reached. */
export function TimeAtLevel({
  readiness,
  promotion,
  tenureMetOn,
}: {
  readiness: Readiness;
  promotion: Promotion | undefined;
  /** The day the minimum time is served, when the level lists one. */
  tenureMetOn: string | undefined;
}) {
  const typical = readiness.typical_tenure;
  const min = promotion?.min_months_at_level;
  return (
    <dl className="time-at-level" data-testid="time-at-level">
      <dt>{t('Time at {level}', { level: readiness.level })}</dt>
      <dd data-testid="time-actual">
        {t('{time} (since {date})', {
          time: monthsRange(readiness.months_at_level, readiness.months_at_level),
          date: formatDay(readiness.level_since),
        })}
        {typical !== null && <>: {typicalStanding(readiness.months_at_level, typical)}</>}
      </dd>
      <dt>{t('Typical')}</dt>
      <dd data-testid="time-typical">
        {typical === null ? (
          t('the ladder gives no typical time for this level')
        ) : (
          <>
            {typical.from_on === typical.to_on
              ? t('{time}, reached on {date} — advice: how long people usually stay, never a gap', {
                  time: monthsRange(typical.from_months, typical.to_months),
                  date: formatDay(typical.from_on),
                })
              : t(
                  '{time}, reached between {from} and {to} — advice: how long people usually stay, never a gap',
                  {
                    time: monthsRange(typical.from_months, typical.to_months),
                    from: formatDay(typical.from_on),
                    to: formatDay(typical.to_on),
                  },
                )}
          </>
        )}
      </dd>
      {min !== undefined && min > 0 && (
        <>
          <dt>{t('Minimum')}</dt>
          <dd data-testid="time-minimum">
            {monthsRange(min, min)}
            {tenureMetOn !== undefined && t(', reached on {date}', { date: formatDay(tenureMetOn) })}
          </dd>
        </>
      )}
    </dl>
  );
}

/**
 * A promotion by judgment in plain words: a panel decides, nothing is a checklist; what the panel weighs,
 * each with the builder's records of the kinds the ladder names (shown, never counted).
 */
export function JudgmentPanel({
  readiness,
  promotion,
  isSelf,
  tenureMetOn,
  renderRecords,
}: {
  readiness: Readiness;
  promotion: Promotion | undefined;
  isSelf: boolean;
  tenureMetOn: string | undefined;
  renderRecords: (ids: string[]) => ReactNode;
}) {
  return (
    <>
      <p data-testid="judgment-basis">
        {isSelf
          ? t(
              "Promotion to {target} is decided by a panel's judgment, not by a checklist. What the panel weighs is listed below, with your records of each: none of it is counted as met or missing.",
              { target: readiness.target_level ?? t('the next level') },
            )
          : t(
              "Promotion to {target} is decided by a panel's judgment, not by a checklist. What the panel weighs is listed below, with their records of each: none of it is counted as met or missing.",
              { target: readiness.target_level ?? t('the next level') },
            )}
      </p>
      <TimeAtLevel readiness={readiness} promotion={promotion} tenureMetOn={tenureMetOn} />
      <h3>{t('What the panel weighs')}</h3>
      <ul className="weighs" aria-label={t('What the panel weighs')}>
        {readiness.weighs.map((item) => {
          const description = promotion?.weighs?.find((w) => w.id === item.id)?.description;
          const kinds = item.kinds.map(evidenceKindWords).join(', ');
          return (
            <li key={item.id} data-testid={`weighs-${item.id}`}>
              <strong>{item.name}</strong>
              {description !== undefined && <span> — {description}</span>}
              {item.kinds.length === 0 ? (
                <div className="muted" data-testid={`weighs-count-${item.id}`}>
                  {t(
                    'The ladder names no kind of evidence for this: the panel weighs it from what it hears.',
                  )}
                </div>
              ) : (
                <>
                  <div className="muted" data-testid={`weighs-count-${item.id}`}>
                    {item.evidence.length === 0
                      ? t('No {kinds} since the level began.', { kinds })
                      : t(
                          '{count, plural, one {# record} other {# records}} ({kinds}) since the level began',
                          { count: item.evidence.length, kinds },
                        )}
                  </div>
                  {item.evidence.length > 0 && renderRecords(item.evidence)}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
