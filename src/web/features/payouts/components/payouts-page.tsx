import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, Stat } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/form';
import { EmptyState, ErrorState, Loading, QueryView } from '../../../components/ui/query-state';
import { formatMoney, formatMonth } from '../../../lib/format';
import { usePayoutStatement, usePayoutStatements } from '../api/get-payout-statement';
import { payoutsCsvUrl } from '../api/get-payouts-csv';

/** The twelve months ending with `last` (YYYY-MM), oldest first. */
export function monthsEnding(last: string, count = 12): string[] {
  const [year, month] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1)).toISOString().slice(0, 7),
  );
}

function PayoutsChart({ months }: { months: string[] }) {
  const statements = usePayoutStatements(months);
  const failed = statements.find((s) => s.error !== null);
  if (failed !== undefined) return <ErrorState error={failed.error} />;
  if (statements.some((s) => s.isPending)) return <Loading label="Adding up twelve months…" />;
  const data = months.map((month, index) => ({
    label: formatMonth(month),
    amount: (statements[index]?.data?.totals.reduce((sum, t) => sum + t.amount_minor, 0) ?? 0) / 100,
  }));
  return (
    <figure aria-label="Referral payouts by month">
      <div className="chart" data-testid="payouts-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" fontSize={12} />
            <YAxis fontSize={12} width={56} />
            <Tooltip />
            <Bar dataKey="amount" name="payable" fill="#2750c4" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="sr-only">{data.map((d) => `${d.label}: ${d.amount}`).join('; ')}</figcaption>
    </figure>
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
        <TextField
          label="Month"
          type="month"
          value={month}
          onChange={(e) => e.target.value !== '' && onMonth(e.target.value)}
        />
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
                      label={`${t.mentor} (${t.rows} rows)`}
                      value={formatMoney(t.amount_minor, t.currency)}
                      testId={`total-${t.mentor}`}
                    />
                  ))}
                </div>
                <div className="table-scroll">
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
                          <td>{r.mentor}</td>
                          <td>{r.mentee}</td>
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
                </div>
              </>
            )
          }
        </QueryView>
      </Card>
    </div>
  );
}
