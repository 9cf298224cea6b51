import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatMonth } from '../../../lib/format';

const palette = ['#2750c4', '#1b7f3b', '#b42318', '#8a5a00', '#6941c6', '#0e7490'];

/** Check-in streaks per mentee: the current run of periods with a check-in, and every period missed so far. */
export function StreakChart({ rows }: { rows: { mentee: string; streak: number; missed: number }[] }) {
  return (
    <figure aria-label="Check-in streaks">
      <div className="chart" data-testid="streak-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="mentee" fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} width={32} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="streak"
              name="current streak (periods in a row)"
              fill="#1b7f3b"
              isAnimationActive={false}
            />
            <Bar
              dataKey="missed"
              name="periods missed since the start"
              fill="#b42318"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        {rows.map((r) => `${r.mentee}: streak ${r.streak}, periods missed ${r.missed}`).join('; ')}
      </figcaption>
    </figure>
  );
}

/** Mentee review scores over time, one line per mentee. */
export function ReviewScoresChart({
  reviews,
}: {
  reviews: { date: string; mentee: string; score: number }[];
}) {
  const mentees = [...new Set(reviews.map((r) => r.mentee))];
  const dates = [...new Set(reviews.map((r) => r.date))].sort();
  const data = dates.map((date) => {
    const point: Record<string, string | number> = { date };
    for (const r of reviews.filter((x) => x.date === date)) point[r.mentee] = r.score;
    return point;
  });
  return (
    <figure aria-label="Mentee review scores over time">
      <div className="chart" data-testid="review-chart">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" fontSize={12} />
            <YAxis domain={[1, 5]} allowDecimals={false} fontSize={12} width={32} />
            <Tooltip />
            <Legend />
            {mentees.map((mentee, index) => (
              <Line
                key={mentee}
                dataKey={mentee}
                connectNulls
                stroke={palette[index % palette.length]}
                strokeWidth={2}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        {reviews.map((r) => `${r.date} ${r.mentee}: ${r.score}`).join('; ')}
      </figcaption>
    </figure>
  );
}

/** Money by month (minor units shown as major units), one bar per month. */
export function MonthlyMoneyChart({
  months,
  testId,
}: {
  months: { month: string; amount_minor: number }[];
  testId: string;
}) {
  const data = months.map((m) => ({ label: formatMonth(m.month), amount: m.amount_minor / 100 }));
  return (
    <figure aria-label="Amount by month">
      <div className="chart" data-testid={testId}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis fontSize={12} width={56} />
            <Tooltip />
            <Bar dataKey="amount" name="amount" fill="#2750c4" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{data.map((d) => `${d.label}: ${d.amount}`).join('; ')}</figcaption>
    </figure>
  );
}
