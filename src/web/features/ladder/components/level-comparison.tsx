import type { CompetencyCategory, Level } from '../../../types/ladder';

interface Row {
  label: string;
  value: (level: Level) => string;
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
  const all = [...rows.slice(0, 2), ...competencyRows(categories), ...rows.slice(2)];
  return (
    <div className="table-scroll">
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
    </div>
  );
}
