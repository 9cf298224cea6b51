import { monthsRange } from '../../../lib/evidence-kinds';
import type { CompetencyCategory, Level } from '../../../types/ladder';
import { TableScroll } from '../../../components/ui/table-scroll';

interface Row {
  label: string;
  value: (level: Level) => string;
  /** A row that appears only when this holds for one of the two levels. */
  only?: (level: Level) => boolean;
}

const rows: Row[] = [
  { label: 'Title', value: (l) => l.title },
  { label: 'Page written', value: (l) => (l.status === 'written' ? 'yes' : 'not yet') },
  {
    label: 'Ranking metrics',
    value: (l) => (l.ranking_standard ?? []).map((m) => `${m.name}: ${m.threshold}`).join('\n') || '—',
  },
  { label: 'Promotion to', value: (l) => l.promotion?.target_level ?? '—' },
  {
    label: 'Months at level',
    value: (l) =>
      l.promotion?.min_months_at_level === undefined ? '—' : String(l.promotion.min_months_at_level),
  },
  // Shown only when one of the two levels says it (promotion by judgment, typical time): see `shown`.
  {
    label: 'Decided by',
    value: (l) =>
      l.promotion === undefined
        ? '—'
        : l.promotion.decided_by === 'judgment'
          ? "panel's judgment"
          : 'requirements',
    only: (l) => l.promotion?.decided_by === 'judgment',
  },
  {
    label: 'Typical time at level',
    value: (l) => {
      const t = l.promotion?.typical_months_at_level;
      if (t === undefined) return '—';
      return typeof t === 'number' ? monthsRange(t, t) : monthsRange(t.from, t.to);
    },
    only: (l) => l.promotion?.typical_months_at_level !== undefined,
  },
  {
    label: 'What the panel weighs',
    value: (l) => (l.promotion?.weighs ?? []).map((w) => w.name).join('\n') || '—',
    only: (l) => l.promotion?.weighs !== undefined,
  },
  {
    label: 'Mentee slots',
    value: (l) =>
      l.mentorship?.gives === undefined
        ? '0'
        : `${l.mentorship.gives.slots} (${l.mentorship.gives.mentee_levels.join(', ')})`,
  },
  {
    label: 'Referral',
    value: (l) =>
      l.mentorship?.gives?.referral === undefined
        ? '—'
        : `${l.mentorship.gives.referral.percent} % × ${l.mentorship.gives.referral.months} months`,
  },
  {
    label: 'Receives mentor',
    value: (l) =>
      l.mentorship?.receives === undefined
        ? '—'
        : `${l.mentorship.receives.mentor_levels.join(', ')}${l.mentorship.receives.leadership ? ' or leadership' : ''}, ${l.mentorship.receives.checkin_cadence}`,
  },
  { label: 'Billing tier', value: (l) => l.billing_tier ?? '—' },
  { label: 'Unlocks', value: (l) => (l.unlocks ?? []).join('\n') || '—' },
];

/** One row per competency area (in the ladder's order), labelled with its category: each level's expectation. */
function competencyRows(categories: CompetencyCategory[]): Row[] {
  return categories.flatMap((category) =>
    category.areas.map((area) => ({
      label: `${category.name} · ${area.name}`,
      value: (l: Level) => {
        const expectation = l.expectations?.find((e) => e.area === area.id);
        if (expectation === undefined) return '—';
        const examples = (expectation.examples ?? []).map((example) => `e.g. ${example}`);
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
  const shown = rows.filter((row) => row.only === undefined || row.only(left) || row.only(right));
  const all = [...shown.slice(0, 2), ...competencyRows(categories), ...shown.slice(2)];
  return (
    <TableScroll label={`${left.id} compared with ${right.id}`}>
      <table className="comparison" aria-label={`${left.id} compared with ${right.id}`}>
        <thead>
          <tr>
            <th scope="col">Section</th>
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
