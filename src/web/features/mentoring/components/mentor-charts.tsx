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
import { currencyExponent, formatMoney, formatMonth, toMajorUnits } from '../../../lib/format';

const palette = ['#2750c4', '#1b7f3b', '#b42318', '#8a5a00', '#6941c6', '#0e7490'];

/**
 * How well each mentee's check-ins are kept: the share of periods since the mentorship began that had a
 * check-in (0–100 %), so a long mentorship's many early misses do not drown what happens now; the
 * current streak is in the mentees table and in the caption.
 */
export function StreakChart({
  rows,
}: {
  rows: { mentee: string; streak: number; withCheckin: number; withoutCheckin: number }[];
}) {
  const data = rows.map((r) => {
    const periods = r.withCheckin + r.withoutCheckin;
    return { ...r, kept: periods === 0 ? 0 : Math.round((100 * r.withCheckin) / periods) };
  });
  return (
    <figure aria-label="Check-ins kept">
      <div className="chart chart-short" data-testid="streak-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 100]} unit=" %" fontSize={12} />
            <YAxis type="category" dataKey="mentee" fontSize={12} width={120} />
            <Tooltip />
            <Bar
              dataKey="kept"
              name="periods with a check-in (%)"
              fill="#1b7f3b"
              isAnimationActive={false}
              maxBarSize={28}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        {data
          .map(
            (r) =>
              `${r.mentee}: ${r.kept} % of periods with a check-in (${r.withCheckin} of ${r.withCheckin + r.withoutCheckin}), current streak ${r.streak}`,
          )
          .join('; ')}
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

/** Money by month in one currency (minor units shown in that currency's major units), one bar per month. */
export function MonthlyMoneyChart({
  months,
  currency,
  testId,
}: {
  months: { month: string; amount_minor: number }[];
  currency: string;
  testId: string;
}) {
  const data = months.map((m) => ({
    label: formatMonth(m.month),
    minor: m.amount_minor,
    amount: toMajorUnits(m.amount_minor, currency),
  }));
  return (
    <figure aria-label={`Amount by month in ${currency}`}>
      <div className="chart" data-testid={testId}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis fontSize={12} width={56} />
            <Tooltip
              formatter={(value) =>
                formatMoney(Math.round(Number(value) * 10 ** currencyExponent(currency)), currency)
              }
            />
            <Bar dataKey="amount" name={`amount (${currency})`} fill="#2750c4" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">
        {data.map((d) => `${d.label}: ${formatMoney(d.minor, currency)}`).join('; ')}
      </figcaption>
    </figure>
  );
}
