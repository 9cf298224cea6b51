import { Link } from 'react-router';
import { Card, Stat } from '../../../components/ui/card';
import { FormMessage } from '../../../components/ui/form';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import { formatDay, formatMoney, formatMonth, humanize, todayIso } from '../../../lib/format';
import { useCheckinsDue } from '../api/get-checkins-due';
import { useMenteeReviews } from '../api/get-mentee-reviews';
import { useMentorPayouts } from '../api/get-mentor-payouts';
import { useMentorshipOverview } from '../api/get-mentorship-overview';
import { useRecordCheckin } from '../api/record-checkin';
import { MonthlyMoneyChart, ReviewScoresChart, StreakChart } from './mentor-charts';

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Twelve months back from this month, as YYYY-MM. */
function yearRange(): { from: string; to: string } {
  const now = new Date();
  const to = now.toISOString().slice(0, 7);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 7);
  return { from, to };
}

function Mentees({ mentor, canRecord }: { mentor: string; canRecord: boolean }) {
  const overview = useMentorshipOverview(mentor);
  const record = useRecordCheckin();
  return (
    <QueryView query={overview} label="Loading mentees…">
      {(data) => {
        const mine = data.mentorships.filter((m) => m.mentor === mentor && m.active);
        if (mine.length === 0)
          return (
            <EmptyState title="No active mentee">
              Leadership assigns mentees within the slots of your level.
            </EmptyState>
          );
        return (
          <>
            <div className="table-scroll">
              <table aria-label="Mentees">
                <thead>
                  <tr>
                    <th scope="col">Mentee</th>
                    <th scope="col">Level</th>
                    <th scope="col">Cadence</th>
                    <th scope="col" className="num">
                      Streak
                    </th>
                    <th scope="col">Check-in</th>
                    <th scope="col">Referral</th>
                    {canRecord && <th scope="col">Action</th>}
                  </tr>
                </thead>
                <tbody>
                  {mine.map((m) => (
                    <tr key={m.id} data-testid={`mentee-${m.mentee}`}>
                      <th scope="row">
                        <Link to={`/builders/${encodeURIComponent(m.mentee)}`}>{m.mentee_name}</Link>
                        <div className="muted">{m.mentee}</div>
                      </th>
                      <td>{m.mentee_level ?? '—'}</td>
                      <td>
                        {m.cadence ?? '—'}
                        {m.relation !== null && (
                          <div className="muted">
                            {m.relation === 'gives' ? 'you mentor' : 'mentor from above'}
                          </div>
                        )}
                      </td>
                      <td className="num" data-testid={`streak-${m.mentee}`}>
                        {m.checkins?.streak ?? '—'}
                      </td>
                      <td>
                        {m.checkins === null ? (
                          '—'
                        ) : (
                          <>
                            <StatusBadge
                              status={m.checkins.status === 'done' ? 'ok' : m.checkins.status}
                              label={humanize(m.checkins.status)}
                            />
                            <div className="muted">
                              {m.checkins.due_by !== null && `due by ${formatDay(m.checkins.due_by)}`}
                              {m.checkins.last_checkin !== null &&
                                ` · last ${formatDay(m.checkins.last_checkin)}`}
                            </div>
                          </>
                        )}
                      </td>
                      <td>{humanize(m.referral.status)}</td>
                      {canRecord && (
                        <td>
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            disabled={record.isPending}
                            onClick={() => record.mutate({ mentor, mentee: m.mentee, date: todayIso() })}
                          >
                            Check in<span className="sr-only"> with {m.mentee_name} today</span>
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <FormMessage
              error={record.error?.message}
              success={record.isSuccess ? 'Check-in recorded.' : null}
            />
            <h3>Check-in streaks</h3>
            <StreakChart
              rows={mine.map((m) => ({
                mentee: m.mentee_name,
                streak: m.checkins?.streak ?? 0,
                missed: m.checkins?.without_checkin ?? 0,
              }))}
            />
          </>
        );
      }}
    </QueryView>
  );
}

/**
 * Plain words for a check-in's dates. The badge already says "Overdue" or "Due": "Overdue by 7 Dec"
 * would read as a delay, so an overdue check-in says since when, then the current period's last day.
 */
function dueWords(d: { due_by: string | null; overdue_since: string | null }): string {
  const by = d.due_by === null ? '' : `check in by ${formatDay(d.due_by)}`;
  if (d.overdue_since === null) return by;
  const since = `since ${formatDay(d.overdue_since)}`;
  return by === '' ? since : `${since}; ${by}`;
}

function DueThisWeek({ mentor }: { mentor: string }) {
  const due = useCheckinsDue(mentor);
  return (
    <QueryView query={due}>
      {(data) => {
        const weekEnd = addDays(data.at, 7);
        const items = data.due.filter(
          (d) =>
            d.mentor === mentor && (d.status === 'overdue' || (d.due_by !== null && d.due_by <= weekEnd)),
        );
        return items.length === 0 ? (
          <p>Nothing due this week.</p>
        ) : (
          <ul data-testid="due-this-week">
            {items.map((d) => (
              <li key={d.mentorship}>
                {d.mentee} — <StatusBadge status={d.status} /> {dueWords(d)}
              </li>
            ))}
          </ul>
        );
      }}
    </QueryView>
  );
}

function Reviews({ mentor }: { mentor: string }) {
  const reviews = useMenteeReviews(mentor);
  return (
    <QueryView query={reviews}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState title="No mentee review recorded yet" />
        ) : (
          <ReviewScoresChart
            reviews={page.items.map((r) => ({ date: r.date, mentee: r.mentee, score: r.score }))}
          />
        )
      }
    </QueryView>
  );
}

function Earnings({ mentor }: { mentor: string }) {
  const range = yearRange();
  const payouts = useMentorPayouts(mentor, range.from, range.to);
  return (
    <QueryView query={payouts} label="Computing referral earnings…">
      {(data) => {
        const months = data.months.map((m) => ({
          month: m.month,
          amount_minor: m.totals
            .filter((t) => t.mentor === mentor)
            .reduce((sum, t) => sum + t.amount_minor, 0),
          currency: m.totals[0]?.currency ?? data.totals[0]?.currency ?? 'EUR',
        }));
        const currency = data.totals[0]?.currency ?? 'EUR';
        const total = data.totals.reduce((sum, t) => sum + t.amount_minor, 0);
        return (
          <>
            <div className="stats">
              <Stat
                label={`earned ${formatMonth(data.from)} – ${formatMonth(data.to)}`}
                value={formatMoney(total, currency)}
                testId="earnings-total"
              />
            </div>
            {total === 0 ? (
              <EmptyState title="No referral earnings in these twelve months" />
            ) : (
              <MonthlyMoneyChart months={months} testId="earnings-chart" />
            )}
            <div className="table-scroll">
              <table aria-label="Referral earnings by month">
                <thead>
                  <tr>
                    <th scope="col">Month</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {months
                    .filter((m) => m.amount_minor > 0)
                    .map((m) => (
                      <tr key={m.month}>
                        <td>{formatMonth(m.month)}</td>
                        <td className="num">{formatMoney(m.amount_minor, m.currency)}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
            {data.referrals
              .filter((r) => r.status !== 'earning')
              .map((r) => (
                <p key={r.mentorship} className="muted">
                  {r.mentee}: no referral — {r.reason ?? humanize(r.status)}
                </p>
              ))}
          </>
        );
      }}
    </QueryView>
  );
}

/** A mentor's screen: mentees with check-in streaks, what is due this week, review scores, earnings. */
export function MentorPage({
  mentor,
  canRecord,
  canSeeMoney,
}: {
  mentor: string;
  canRecord: boolean;
  canSeeMoney: boolean;
}) {
  return (
    <div>
      <div className="two-column">
        <div>
          <Card title="Mentees" id="mentees">
            <Mentees mentor={mentor} canRecord={canRecord} />
          </Card>
          <Card title="Mentee review scores over time">
            <Reviews mentor={mentor} />
          </Card>
        </div>
        <aside>
          <Card title="Due this week" id="due">
            <DueThisWeek mentor={mentor} />
          </Card>
          {canSeeMoney && (
            <Card title="Referral earnings by month" id="earnings">
              <Earnings mentor={mentor} />
            </Card>
          )}
        </aside>
      </div>
    </div>
  );
}
