import type { ReactNode } from 'react';
import { evidenceKindWords, monthsRange } from '../../../lib/evidence-kinds';
import { formatDay } from '../../../lib/format';
import type { Promotion } from '../../../types/ladder';
import type { Readiness } from '../../../types/readiness';

type TypicalTenure = NonNullable<Readiness['typical_tenure']>;

/** Where the months at the level stand against the typical time: advice in words, never a gap. */
export function typicalStanding(months: number, typical: TypicalTenure): string {
  const range = monthsRange(typical.from_months, typical.to_months);
  if (months < typical.from_months) return `under the typical ${range}`;
  if (months > typical.to_months) return `past the typical ${range}`;
  return `within the typical ${range}`;
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
      <dt>Time at {readiness.level}</dt>
      <dd data-testid="time-actual">
        {monthsRange(readiness.months_at_level, readiness.months_at_level)} (since{' '}
        {formatDay(readiness.level_since)})
        {typical !== null && <>: {typicalStanding(readiness.months_at_level, typical)}</>}
      </dd>
      <dt>Typical</dt>
      <dd data-testid="time-typical">
        {typical === null ? (
          'the ladder gives no typical time for this level'
        ) : (
          <>
            {monthsRange(typical.from_months, typical.to_months)}, reached{' '}
            {typical.from_on === typical.to_on
              ? `on ${formatDay(typical.from_on)}`
              : `between ${formatDay(typical.from_on)} and ${formatDay(typical.to_on)}`}{' '}
            — advice: how long people usually stay, never a gap
          </>
        )}
      </dd>
      {min !== undefined && min > 0 && (
        <>
          <dt>Minimum</dt>
          <dd data-testid="time-minimum">
            {monthsRange(min, min)}
            {tenureMetOn !== undefined && `, reached on ${formatDay(tenureMetOn)}`}
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
  const whose = isSelf ? 'your' : 'their';
  return (
    <>
      <p data-testid="judgment-basis">
        Promotion to {readiness.target_level ?? 'the next level'} is decided by a panel&apos;s judgment, not
        by a checklist. What the panel weighs is listed below, with {whose} records of each: none of it is
        counted as met or missing.
      </p>
      <TimeAtLevel readiness={readiness} promotion={promotion} tenureMetOn={tenureMetOn} />
      <h3>What the panel weighs</h3>
      <ul className="weighs" aria-label="What the panel weighs">
        {readiness.weighs.map((item) => {
          const description = promotion?.weighs?.find((w) => w.id === item.id)?.description;
          const kinds = item.kinds.map(evidenceKindWords).join(', ');
          return (
            <li key={item.id} data-testid={`weighs-${item.id}`}>
              <strong>{item.name}</strong>
              {description !== undefined && <span> — {description}</span>}
              {item.kinds.length === 0 ? (
                <div className="muted" data-testid={`weighs-count-${item.id}`}>
                  The ladder names no kind of evidence for this: the panel weighs it from what it hears.
                </div>
              ) : (
                <>
                  <div className="muted" data-testid={`weighs-count-${item.id}`}>
                    {item.evidence.length === 0
                      ? `No ${kinds} since the level began.`
                      : `${item.evidence.length} ${item.evidence.length === 1 ? 'record' : 'records'} (${kinds}) since the level began`}
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
