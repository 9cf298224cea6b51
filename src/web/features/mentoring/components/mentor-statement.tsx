import { TableScroll } from '../../../components/ui/table-scroll';
import { Card, Stat } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/form';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { formatDay, formatMoney, formatMonth, humanize } from '../../../lib/format';
import { useMentorPayouts } from '../api/get-mentor-payouts';
import { useMentorshipOverview } from '../api/get-mentorship-overview';

/**
 * A mentor's own statement for one month: what they are owed, one total per currency (never added
 * across currencies), and behind each amount the accrual it comes from — mentee, placement, which month
 * of the referral, the rate and percent, and the ladder terms it was fixed by.
 */
export function MentorStatement({
  mentor,
  month,
  onMonth,
}: {
  mentor: string;
  month: string;
  onMonth: (month: string) => void;
}) {
  const payouts = useMentorPayouts(mentor, month, month);
  const overview = useMentorshipOverview(mentor);
  const names = new Map((overview.data?.mentorships ?? []).map((m) => [m.mentee, m.mentee_name]));
  return (
    <Card title={`Statement for ${formatMonth(month)}`} id="statement">
      <div className="as-of">
        <TextField
          label="Month"
          type="month"
          value={month}
          onChange={(e) => e.target.value !== '' && onMonth(e.target.value)}
        />
      </div>
      <QueryView query={payouts} label="Computing the statement…">
        {(data) => {
          const rows = data.months.flatMap((m) => m.rows).filter((r) => r.mentor === mentor);
          const totals = data.totals.filter((t) => t.mentor === mentor);
          const notEarning = data.referrals.filter((r) => r.status !== 'earning');
          return (
            <>
              {totals.length === 0 ? (
                <EmptyState title={`Nothing owed for ${formatMonth(month)}`}>
                  No referral accrual is payable this month.
                </EmptyState>
              ) : (
                <div className="stats" data-testid="statement-totals">
                  {totals.map((t) => (
                    <Stat
                      key={t.currency}
                      label={`owed in ${t.currency} (${t.rows} ${t.rows === 1 ? 'accrual' : 'accruals'})`}
                      value={formatMoney(t.amount_minor, t.currency)}
                      testId={`statement-total-${t.currency}`}
                    />
                  ))}
                </div>
              )}
              {rows.length > 0 && (
                <TableScroll label="Accruals behind the amounts">
                  <table aria-label="Accruals behind the amounts" className="table-wrap">
                    <thead>
                      <tr>
                        <th scope="col">Mentee</th>
                        <th scope="col">Placement</th>
                        <th scope="col">Referral month</th>
                        <th scope="col" className="num">
                          Rate
                        </th>
                        <th scope="col" className="num">
                          Percent
                        </th>
                        <th scope="col" className="num">
                          Amount
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((r) => (
                        <tr key={`${r.mentorship}-${r.placement}-${r.month_index}`}>
                          <th scope="row">
                            {names.get(r.mentee) ?? r.mentee}
                            <div className="muted">{r.mentee}</div>
                          </th>
                          <td>
                            {r.placement}
                            <div className="muted">month from {formatDay(r.month_start)}</div>
                          </td>
                          <td>
                            {r.month_index} of {r.months}
                            <div className="muted">
                              terms of {r.mentor_level}, ladder of {formatDay(r.ladder_version)}
                            </div>
                          </td>
                          <td className="num">
                            {r.rate_minor === undefined ? '—' : formatMoney(r.rate_minor, r.currency)}
                          </td>
                          <td className="num">{r.percent} %</td>
                          <td className="num">{formatMoney(r.amount_minor, r.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              )}
              {notEarning.length > 0 && (
                <>
                  <h3>Mentorships that earn nothing</h3>
                  <ul>
                    {notEarning.map((r) => (
                      <li key={r.mentorship}>
                        {names.get(r.mentee) ?? r.mentee}: {r.reason ?? humanize(r.status)}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}
