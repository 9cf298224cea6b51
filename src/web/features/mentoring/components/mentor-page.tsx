import { Link } from 'react-router';
import { TableScroll } from '../../../components/ui/table-scroll';
import { Card, Stat } from '../../../components/ui/card';
import { FormMessage } from '../../../components/ui/form';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import {
  describeCheckinDue,
  formatDay,
  formatMoney,
  formatMonth,
  humanize,
  monthOf,
  todayIso,
  totalsByCurrency,
} from '../../../lib/format';
import { useCheckinsDue } from '../api/get-checkins-due';
import { useMenteeProfiles } from '../api/get-mentee-profiles';
import { useMenteeReviews } from '../api/get-mentee-reviews';
import { useMentorPayouts } from '../api/get-mentor-payouts';
import { useMentorshipOverview } from '../api/get-mentorship-overview';
import { useRecordCheckin } from '../api/record-checkin';
import { MonthlyMoneyChart, ReviewScoresChart, StreakChart } from './mentor-charts';
import { readableReason } from './mentor-statement';

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

/** The URL of a mentor's statement for a month (their own, or leadership's view of theirs). */
export function statementUrl(mentor: string, month: string, own: boolean): string {
  const query = new URLSearchParams({ month });
  if (!own) query.set('mentor', mentor);
  return `/mentoring/statement?${query.toString()}`;
}

function Mentees({ mentor, canRecord }: { mentor: string; canRecord: boolean }) {
  const overview = useMentorshipOverview(mentor);
  const record = useRecordCheckin();
  const mine = (overview.data?.mentorships ?? []).filter((m) => m.mentor === mentor && m.active);
  // The mentorship keeps the level the mentee had when it began; the table shows the level held now.
  const profiles = useMenteeProfiles(mine.map((m) => m.mentee));
  return (
    <QueryView query={overview} label="Loading mentees…">
      {() => {
        if (mine.length === 0)
          return (
            <EmptyState title="No active mentee">
              Leadership assigns mentees within the slots of your level.
            </EmptyState>
          );
        return (
          <>
            <TableScroll label="Mentees">
              <table aria-label="Mentees" className="table-wrap">
                <thead>
                  <tr>
                    <th scope="col">Mentee</th>
                    <th scope="col">Level now</th>
                    <th scope="col" className="num">
                      Streak
                    </th>
                    <th scope="col">Check-in</th>
                    <th scope="col">Referral</th>
                    {canRecord && <th scope="col">Action</th>}
                  </tr>
                </thead>
                <tbody>
                  {mine.map((m) => {
                    const now = profiles.get(m.mentee)?.level;
                    return (
                      <tr key={m.id} data-testid={`mentee-${m.mentee}`}>
                        <th scope="row">
                          <Link to={`/builders/${encodeURIComponent(m.mentee)}`}>{m.mentee_name}</Link>
                          <div className="muted">{m.mentee}</div>
                        </th>
                        <td data-testid={`mentee-level-${m.mentee}`}>
                          {now ?? m.mentee_level ?? '—'}
                          {now !== undefined && m.mentee_level !== null && now !== m.mentee_level && (
                            <div className="muted">
                              {m.mentee_level} when mentoring began ({formatDay(m.start)})
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
                              />{' '}
                              {m.cadence ?? ''}
                              <div className="muted">
                                {m.checkins.status === 'done'
                                  ? `checked in ${formatDay(m.checkins.last_checkin)}`
                                  : describeCheckinDue(m.checkins)}
                                {m.relation === 'receives' && ' · mentor from above'}
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
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            <FormMessage
              error={record.error?.message}
              success={record.isSuccess ? 'Check-in recorded.' : null}
            />
            <h3>Check-ins kept</h3>
            <StreakChart
              rows={mine.map((m) => ({
                mentee: m.mentee_name,
                streak: m.checkins?.streak ?? 0,
                withCheckin: m.checkins?.with_checkin ?? 0,
                withoutCheckin: m.checkins?.without_checkin ?? 0,
              }))}
            />
          </>
        );
      }}
    </QueryView>
  );
}

function DueThisWeek({ mentor }: { mentor: string }) {
  const due = useCheckinsDue(mentor);
  const overview = useMentorshipOverview(mentor);
  const names = new Map((overview.data?.mentorships ?? []).map((m) => [m.mentee, m.mentee_name]));
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
                {names.get(d.mentee) ?? d.mentee} — <StatusBadge status={d.status} /> {describeCheckinDue(d)}
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

/** Twelve months of referral earnings, per currency: amounts in two currencies are never added. */
function Earnings({ mentor, own }: { mentor: string; own: boolean }) {
  const range = yearRange();
  const payouts = useMentorPayouts(mentor, range.from, range.to);
  return (
    <QueryView query={payouts} label="Computing referral earnings…">
      {(data) => {
        const totals = totalsByCurrency(data.totals.filter((t) => t.mentor === mentor));
        const currencies = totals.map((t) => t.currency);
        const rows = data.months.flatMap((m) =>
          totalsByCurrency(m.totals.filter((t) => t.mentor === mentor)).map((t) => ({
            month: m.month,
            ...t,
          })),
        );
        return (
          <>
            <p>
              <Link to={statementUrl(mentor, monthOf(), own)}>
                {own ? 'My statement' : 'Statement'} for {formatMonth(monthOf())}
              </Link>
            </p>
            {totals.length === 0 ? (
              <EmptyState title="No referral earnings in these twelve months">
                A mentee&apos;s placement earns a referral cut when the ladder gives one at your level.
              </EmptyState>
            ) : (
              <>
                <div className="stats">
                  {totals.map((t) => (
                    <Stat
                      key={t.currency}
                      label={`earned ${formatMonth(data.from)} – ${formatMonth(data.to)} (${t.currency})`}
                      value={formatMoney(t.amount_minor, t.currency)}
                      testId={`earnings-total-${t.currency}`}
                    />
                  ))}
                </div>
                {currencies.map((currency) => (
                  <MonthlyMoneyChart
                    key={currency}
                    currency={currency}
                    months={data.months.map((m) => ({
                      month: m.month,
                      amount_minor:
                        totalsByCurrency(m.totals.filter((t) => t.mentor === mentor)).find(
                          (t) => t.currency === currency,
                        )?.amount_minor ?? 0,
                    }))}
                    testId={`earnings-chart-${currency}`}
                  />
                ))}
                <TableScroll label="Referral earnings by month">
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
                      {rows.map((r) => (
                        <tr key={`${r.month}-${r.currency}`}>
                          <td>
                            <Link to={statementUrl(mentor, r.month, own)}>{formatMonth(r.month)}</Link>
                          </td>
                          <td className="num">{formatMoney(r.amount_minor, r.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </>
            )}
            {data.referrals
              .filter((r) => r.status !== 'earning')
              .map((r) => (
                <p key={r.mentorship} className="muted">
                  {r.mentee_name}: no referral —{' '}
                  {r.reason === undefined
                    ? humanize(r.status)
                    : readableReason(
                        r.reason,
                        new Map([
                          [r.mentee, r.mentee_name],
                          [r.mentor, r.mentor_name],
                        ]),
                      )}
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
  own,
}: {
  mentor: string;
  canRecord: boolean;
  canSeeMoney: boolean;
  /** The signed-in person is this mentor (links go to their own statement). */
  own: boolean;
}) {
  return (
    <div>
      <Card title="Mentees" id="mentees">
        <Mentees mentor={mentor} canRecord={canRecord} />
      </Card>
      <div className="two-column">
        <div>
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
              <Earnings mentor={mentor} own={own} />
            </Card>
          )}
        </aside>
      </div>
    </div>
  );
}
