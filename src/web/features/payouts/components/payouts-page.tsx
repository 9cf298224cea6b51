import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { TableScroll } from '../../../components/ui/table-scroll';
import { Card, Stat } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/form';
import { EmptyState, ErrorState, Loading, QueryView } from '../../../components/ui/query-state';
import {
  currencyExponent,
  formatMoney,
  formatMonth,
  toMajorUnits,
  totalsByCurrency,
} from '../../../lib/format';
import { usePayoutStatement, usePayoutStatements } from '../api/get-payout-statement';
import { payoutsCsvUrl } from '../api/get-payouts-csv';

/** The twelve months ending with `last` (YYYY-MM), oldest first. */
export function monthsEnding(last: string, count = 12): string[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1)).toISOString().slice(0, 7),
  );
}

/**
 * One chart per currency: amounts of different currencies are never added into one bar, and each is
 * shown in its own major units (the currency's minor-unit exponent, not always 100).
 */
function PayoutsChart({ months }: { months: string[] }) {
  const statements = usePayoutStatements(months);
  const failed = statements.find((s) => s.error !== null);
  if (failed !== undefined) return <ErrorState error={failed.error} />;
  if (statements.some((s) => s.isPending)) return <Loading label="Adding up twelve months…" />;
  const perMonth = months.map((month, index) => ({
    month,
    totals: totalsByCurrency(statements[index]?.data?.totals ?? []),
  }));
  const currencies = [...new Set(perMonth.flatMap((m) => m.totals.map((t) => t.currency)))].sort();
  if (currencies.length === 0)
    return (
      <EmptyState
        title={`Nothing payable from ${formatMonth(months[0] ?? '')} to ${formatMonth(months.at(-1) ?? '')}`}
      />
    );
  return (
    <div className="chart-grid">
      {currencies.map((currency) => {
        const data = perMonth.map((m) => {
          const minor = m.totals.find((t) => t.currency === currency)?.amount_minor ?? 0;
          return { label: formatMonth(m.month), minor, amount: toMajorUnits(minor, currency) };
        });
        return (
          <figure key={currency} aria-label={`Referral payouts by month in ${currency}`}>
            <figcaption className="chart-title">{currency}</figcaption>
            <div className="chart" data-testid={`payouts-chart-${currency}`}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="label" fontSize={12} />
                  <YAxis fontSize={12} width={64} />
                  <Tooltip
                    formatter={(value) =>
                      formatMoney(Math.round(Number(value) * 10 ** currencyExponent(currency)), currency)
                    }
                  />
                  <Bar
                    dataKey="amount"
                    name={`payable (${currency})`}
                    fill="#2750c4"
                    isAnimationActive={false}
                  />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <p className="sr-only">
              {data.map((d) => `${d.label}: ${formatMoney(d.minor, currency)}`).join('; ')}
            </p>
          </figure>
        );
      })}
    </div>
  );
}

/** Leadership's payouts: twelve months at a glance, one month's statement, and the server's CSV of it. */
export function PayoutsPage({ month, onMonth }: { month: string; onMonth: (month: string) => void }) {
  const statement = usePayoutStatement(month);
  return (
    <div>
      <h1>Referral payouts</h1>
      <Card title="Payouts by month">
        <PayoutsChart months={monthsEnding(month)} />
      </Card>
      <Card
        title={`Statement for ${formatMonth(month)}`}
        actions={
          statement.data !== undefined && statement.data.rows.length > 0 ? (
            <a
              className="button button-secondary"
              download={`payouts-${month}.csv`}
              href={payoutsCsvUrl(month)}
            >
              Download CSV
            </a>
          ) : undefined
        }
      >
        <div className="as-of">
          <TextField
            label="Month"
            type="month"
            value={month}
            onChange={(e) => e.target.value !== '' && onMonth(e.target.value)}
          />
        </div>
        <QueryView query={statement} label="Computing the statement…">
          {(data) =>
            data.rows.length === 0 ? (
              <EmptyState title={`Nothing payable in ${formatMonth(month)}`} />
            ) : (
              <>
                <div className="stats">
                  {data.totals.map((t) => (
                    <Stat
                      key={t.mentor + t.currency}
                      label={`${t.mentor_name} (${t.rows} ${t.rows === 1 ? 'accrual' : 'accruals'}, ${t.currency})`}
                      value={formatMoney(t.amount_minor, t.currency)}
                      testId={`total-${t.mentor}`}
                    />
                  ))}
                </div>
                <TableScroll label="Payout rows">
                  <table aria-label="Payout rows">
                    <thead>
                      <tr>
                        <th scope="col">Mentor</th>
                        <th scope="col">Mentee</th>
                        <th scope="col">Month</th>
                        <th scope="col" className="num">
                          Percent
                        </th>
                        <th scope="col" className="num">
                          Rate
                        </th>
                        <th scope="col" className="num">
                          Amount
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.rows.map((r) => (
                        <tr key={`${r.mentorship}-${r.placement}-${r.month_index}`}>
                          <td>
                            {r.mentor_name}
                            <br />
                            <small className="muted">{r.mentor}</small>
                          </td>
                          <td>
                            {r.mentee_name}
                            <br />
                            <small className="muted">{r.mentee}</small>
                          </td>
                          <td>
                            {r.month_index} of {r.months}
                          </td>
                          <td className="num">{r.percent} %</td>
                          <td className="num">
                            {r.rate_minor === undefined ? '—' : formatMoney(r.rate_minor, r.currency)}
                          </td>
                          <td className="num">{formatMoney(r.amount_minor, r.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </>
            )
          }
        </QueryView>
      </Card>
    </div>
  );
}
