import { TableScroll } from '../../../components/ui/table-scroll';
import { Card, Stat } from '../../../components/ui/card';
import { TextField } from '../../../components/ui/form';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { t } from '../../../i18n/i18n';
import { formatDay, formatMoney, formatMonth, humanize } from '../../../lib/format';
import { useMentorPayouts } from '../api/get-mentor-payouts';

/**
 * A sentence the server wrote (why a mentorship earns nothing) in the app's words: its ISO days in the
 * one date format, and the people it names by email by their names.
 */
export function readableReason(text: string, names: ReadonlyMap<string, string>): string {
  return text
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, (day) => formatDay(day))
    .replace(/[^\s()]+@[^\s(),;:]+/g, (email) => names.get(email) ?? email);
}

/** The page's heading: whose statement it is, by name (leadership reads anyone's; a mentor their own). */
export function MentorStatementHeading({
  mentor,
  month,
  own,
}: {
  mentor: string;
  month: string;
  own: boolean;
}) {
  const payouts = useMentorPayouts(mentor, month, month);
  if (own) return <h1>{t('My referral statement')}</h1>;
  return <h1>{t('Referral statement of {mentor}', { mentor: payouts.data?.mentor_name ?? mentor })}</h1>;
}

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
          const names = new Map<string, string>([[data.mentor, data.mentor_name]]);
          for (const r of data.referrals) names.set(r.mentee, r.mentee_name);
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
                            {r.mentee_name}
                            {r.mentee_name !== r.mentee && <div className="muted">{r.mentee}</div>}
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
                        {r.mentee_name}:{' '}
                        {r.reason === undefined ? humanize(r.status) : readableReason(r.reason, names)}
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
