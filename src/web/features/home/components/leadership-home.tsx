import { Link } from 'react-router';
import { Card, Stat } from '../../../components/ui/card';
import { EmptyState, ErrorState, Loading, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import {
  describeCheckinDue,
  formatDay,
  formatMonth,
  formatTotals,
  monthOf,
  totalsByCurrency,
} from '../../../lib/format';
import { useCheckinsDue } from '../api/get-checkins-due';
import { useFirstLadder } from '../api/get-ladder';
import { useMentorshipOverview } from '../api/get-mentorship-overview';
import { usePayoutStatement } from '../api/get-payout-statement';
import { useRankings } from '../api/get-ranking';
import { useReadinessOf } from '../api/get-readiness';
import { useBuilderNames } from '../api/list-builders';
import { useCases } from '../api/list-cases';

const LIST_MAX = 8;

function Person({ email, names }: { email: string; names: Map<string, string> | undefined }) {
  const name = names?.get(email);
  return name === undefined ? <>{email}</> : <span title={email}>{name}</span>;
}

/**
 * Who is eligible for a promotion case today, across every level that promotes. The ranking says how
 * many metrics each builder meets; only those meeting all of their level's metrics can be eligible, so
 * only their readiness is asked for (eligibility itself — tenure, requirements — is the server's answer).
 */
function useEligible() {
  const ladder = useFirstLadder();
  const doc = ladder.data?.document;
  const promoting = (doc?.levels ?? []).filter((l) => l.promotion !== undefined && l.status === 'written');
  const rankings = useRankings(promoting.map((l) => l.id));
  const candidates = promoting.flatMap((level, index) => {
    const metrics = level.ranking_standard?.length ?? 0;
    return (rankings[index]?.data ?? []).filter((e) => e.metrics_met >= metrics).map((e) => e.builder);
  });
  const readiness = useReadinessOf(candidates);
  const pending = ladder.isPending || rankings.some((r) => r.isPending) || readiness.some((r) => r.isPending);
  const error =
    ladder.error ??
    rankings.find((r) => r.error !== null)?.error ??
    readiness.find((r) => r.error !== null)?.error ??
    null;
  const eligible = readiness.flatMap((r) => (r.data?.eligible_for_case === true ? [r.data] : []));
  return { pending, error, eligible };
}

/** Leadership's home: who is eligible, overdue check-ins, cases waiting and this month's payouts, answers on top. */
export function LeadershipHome() {
  const names = useBuilderNames().data;
  const { pending, error, eligible } = useEligible();
  const due = useCheckinsDue();
  const overview = useMentorshipOverview();
  const cases = useCases();
  const month = monthOf();
  const payouts = usePayoutStatement(month);
  const overdue = (due.data?.due ?? []).filter((d) => d.status === 'overdue');
  const waiting = (cases.data ?? []).filter((c) => c.status === 'open' || c.status === 'assessing');
  const openCaseOf = new Set(waiting.map((c) => c.candidate));
  const monthTotals = totalsByCurrency(payouts.data?.totals ?? []);
  const mentorNames = new Map(
    (overview.data?.mentorships ?? []).flatMap((m) => [
      [m.mentor, m.mentor_name],
      [m.mentee, m.mentee_name],
    ]),
  );
  const allNames = new Map([...mentorNames, ...(names ?? [])]);
  return (
    <>
      <div className="stats" data-testid="leadership-answers">
        <Stat
          label="eligible for a promotion case"
          value={pending ? '…' : eligible.length}
          testId="home-eligible-count"
        />
        <Stat
          label="check-ins overdue"
          value={due.data === undefined ? '…' : overdue.length}
          testId="home-overdue-count"
        />
        <Stat
          label="cases waiting"
          value={cases.data === undefined ? '…' : waiting.length}
          testId="home-cases-count"
        />
        <Stat
          label={`payouts for ${formatMonth(month)}`}
          value={payouts.data === undefined ? '…' : formatTotals(monthTotals, 'none')}
          testId="home-payouts"
        />
      </div>
      <div className="grid-2">
        <Card title="Eligible for a promotion case" id="eligible">
          {error !== null ? (
            <ErrorState error={error} />
          ) : pending ? (
            <Loading label="Reading the ranking of every level…" />
          ) : eligible.length === 0 ? (
            <EmptyState title="Nobody is eligible today">
              <Link to="/leadership">The readiness board</Link> shows who is close.
            </EmptyState>
          ) : (
            <ul className="home-list" data-testid="home-eligible">
              {eligible.map((r) => (
                <li key={r.builder} data-testid={`home-eligible-${r.builder}`}>
                  <Link to={`/builders/${encodeURIComponent(r.builder)}`}>
                    <Person email={r.builder} names={allNames} />
                  </Link>{' '}
                  {r.level} → {r.target_level}, {r.months_at_level} months at level
                  {openCaseOf.has(r.builder) && (
                    <>
                      {' '}
                      <StatusBadge status="open" label="case open" />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Check-ins overdue" id="overdue">
          <QueryView query={due}>
            {() =>
              overdue.length === 0 ? (
                <p>No check-in is overdue.</p>
              ) : (
                <>
                  <ul className="home-list" data-testid="home-overdue">
                    {overdue.slice(0, LIST_MAX).map((d) => (
                      <li key={d.mentorship}>
                        <Person email={d.mentor} names={allNames} /> with{' '}
                        <Person email={d.mentee} names={allNames} /> <StatusBadge status="overdue" />{' '}
                        {describeCheckinDue(d)}
                      </li>
                    ))}
                  </ul>
                  {overdue.length > LIST_MAX && <p className="muted">and {overdue.length - LIST_MAX} more</p>}
                  <p>
                    <Link to="/mentoring">Mentoring: every mentor and their mentees</Link>
                  </p>
                </>
              )
            }
          </QueryView>
        </Card>
        <Card title="Cases waiting" id="cases">
          <QueryView query={cases}>
            {() =>
              waiting.length === 0 ? (
                <p>No case is open.</p>
              ) : (
                <ul className="home-list" data-testid="home-cases">
                  {waiting
                    .sort((a, b) => a.id - b.id)
                    .map((c) => (
                      <li key={c.id}>
                        <Link to={`/panel/cases/${c.id}`}>Case #{c.id}</Link>:{' '}
                        <Person email={c.candidate} names={allNames} />, {c.from_level} → {c.target_level},
                        opened {formatDay(c.opened_on)} <StatusBadge status={c.status} />
                      </li>
                    ))}
                </ul>
              )
            }
          </QueryView>
        </Card>
        <Card title={`Payouts for ${formatMonth(month)}`} id="payouts">
          <QueryView query={payouts}>
            {(statement) =>
              statement.rows.length === 0 ? (
                <p>Nothing is payable this month.</p>
              ) : (
                <>
                  <p className="home-answer">
                    {formatTotals(monthTotals)} to {new Set(statement.totals.map((t) => t.mentor)).size}{' '}
                    {new Set(statement.totals.map((t) => t.mentor)).size === 1 ? 'mentor' : 'mentors'} (
                    {statement.rows.length} {statement.rows.length === 1 ? 'accrual' : 'accruals'}).
                  </p>
                  <p>
                    <Link to={`/leadership/payouts?month=${month}`}>
                      The month&apos;s statement and its CSV
                    </Link>
                  </p>
                </>
              )
            }
          </QueryView>
        </Card>
      </div>
    </>
  );
}
