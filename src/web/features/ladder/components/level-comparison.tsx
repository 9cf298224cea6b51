import { t } from '../../../i18n/i18n';
import { formatNumber } from '../../../lib/format';
import { monthsRange } from '../../../lib/evidence-kinds';
import type { CompetencyCategory, Level } from '../../../types/ladder';
import { TableScroll } from '../../../components/ui/table-scroll';

interface Row {
  /** Also the row's React key: one language per render, so labels are unique as the English ones. */
  label: string;
  value: (level: Level) => string;
  /** A row that appears only when this holds for one of the two levels. */
  only?: (level: Level) => boolean;
}

/** "weekly" as it goes before "check-ins" in the language in use. */
function cadence(value: string): string {
  return value === 'weekly' ? t('weekly') : value === 'biweekly' ? t('biweekly') : value;
}

/** Who mentors a level: "L5 or leadership, biweekly check-ins". */
function receives(l: Level): string {
  const r = l.mentorship?.receives;
  if (r === undefined) return '—';
  const values = { levels: r.mentor_levels.join(', '), cadence: cadence(r.checkin_cadence) };
  return r.leadership
    ? t('{levels} or leadership, {cadence} check-ins', values)
    : t('{levels}, {cadence} check-ins', values);
}

/** The rows every comparison has, in the language in use (made per render, after the locale is set). */
function baseRows(): Row[] {
  return [
    { label: t('Title'), value: (l) => l.title },
    { label: t('Page written'), value: (l) => (l.status === 'written' ? t('yes') : t('not yet')) },
    {
      label: t('Ranking metrics'),
      value: (l) =>
        (l.ranking_standard ?? [])
          .map((m) => t('{name}: {value}', { name: m.name, value: m.threshold }))
          .join('\n') || '—',
    },
    { label: t('Promotion to'), value: (l) => l.promotion?.target_level ?? '—' },
    {
      label: t('Months at level'),
      value: (l) =>
        l.promotion?.min_months_at_level === undefined ? '—' : formatNumber(l.promotion.min_months_at_level),
    },
    // Shown only when one of the two levels says it (promotion by judgment, typical time): see `shown`.
    {
      label: t('Decided by'),
      value: (l) =>
        l.promotion === undefined
          ? '—'
          : l.promotion.decided_by === 'judgment'
            ? t("panel's judgment")
            : t('requirements'),
      only: (l) => l.promotion?.decided_by === 'judgment',
    },
    {
      label: t('Typical time at level'),
      value: (l) => {
        const typical = l.promotion?.typical_months_at_level;
        if (typical === undefined) return '—';
        return typeof typical === 'number'
          ? monthsRange(typical, typical)
          : monthsRange(typical.from, typical.to);
      },
      only: (l) => l.promotion?.typical_months_at_level !== undefined,
    },
    {
      label: t('What the panel weighs'),
      value: (l) => (l.promotion?.weighs ?? []).map((w) => w.name).join('\n') || '—',
      only: (l) => l.promotion?.weighs !== undefined,
    },
    {
      label: t('Mentee slots'),
      value: (l) =>
        l.mentorship?.gives === undefined
          ? formatNumber(0)
          : `${formatNumber(l.mentorship.gives.slots)} (${l.mentorship.gives.mentee_levels.join(', ')})`,
    },
    {
      label: t('Referral'),
      value: (l) =>
        l.mentorship?.gives?.referral === undefined
          ? '—'
          : t('{percent} % × {months, plural, one {# month} other {# months}}', {
              percent: formatNumber(l.mentorship.gives.referral.percent),
              months: l.mentorship.gives.referral.months,
            }),
    },
    { label: t('Receives mentor'), value: receives },
    { label: t('Billing tier'), value: (l) => l.billing_tier ?? '—' },
    { label: t('Unlocks'), value: (l) => (l.unlocks ?? []).join('\n') || '—' },
  ];
}

/** One row per competency area (in the ladder's order), labelled with its category: each level's expectation. */
function competencyRows(categories: CompetencyCategory[]): Row[] {
  return categories.flatMap((category) =>
    category.areas.map((area) => ({
      label: `${category.name} · ${area.name}`,
      value: (l: Level) => {
        const expectation = l.expectations?.find((e) => e.area === area.id);
        if (expectation === undefined) return '—';
        const examples = (expectation.examples ?? []).map((example) => t('e.g. {example}', { example }));
        return [expectation.text, ...examples].join('\n');
      },
    })),
  );
}

/** Two levels side by side, row by row (competency by competency when the ladder has them); rows that differ are marked. */
export function LevelComparison({
  left,
  right,
  categories = [],
}: {
  left: Level;
  right: Level;
  categories?: CompetencyCategory[];
}) {
  const shown = baseRows().filter((row) => row.only === undefined || row.only(left) || row.only(right));
  const all = [...shown.slice(0, 2), ...competencyRows(categories), ...shown.slice(2)];
  const label = t('{left} compared with {right}', { left: left.id, right: right.id });
  return (
    <TableScroll label={label}>
      <table className="comparison" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{t('Section')}</th>
            <th scope="col">{left.id}</th>
            <th scope="col">{right.id}</th>
          </tr>
        </thead>
        <tbody>
          {all.map((row) => {
            const a = row.value(left);
            const b = row.value(right);
            return (
              <tr key={row.label} className={a === b ? '' : 'differs'}>
                <th scope="row">{row.label}</th>
                <td className="pre">{a}</td>
                <td className="pre">{b}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
