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
import { t, tx } from '../../../i18n/i18n';

const LIST_MAX = 8;

function Person({ email, names }: { email: string; names: Map<string, string> | undefined }) {
  const name = names?.get(email);
  return name === undefined ? <>{email}</> : <span title={email}>{name}</span>;
}

/**
 * Who is eligible for a promotion case today, across every level that promotes. The ranking says how
 * many metrics each builder meets; only those meeting all of their level\'s metrics can be eligible, so
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
          label={t('eligible for a promotion case')}
          value={pending ? '…' : eligible.length}
          testId="home-eligible-count"
        />
        <Stat
          label={t('check-ins overdue')}
          value={due.data === undefined ? '…' : overdue.length}
          testId="home-overdue-count"
        />
        <Stat
          label={t('cases waiting')}
          value={cases.data === undefined ? '…' : waiting.length}
          testId="home-cases-count"
        />
        <Stat
          label={t('payouts for {month}', { month: formatMonth(month) })}
          value={payouts.data === undefined ? '…' : formatTotals(monthTotals, t('none'))}
          testId="home-payouts"
        />
      </div>
      <div className="grid-2">
        <Card title={t('Eligible for a promotion case')} id="eligible">
          {error !== null ? (
            <ErrorState error={error} />
          ) : pending ? (
            <Loading label={t('Reading the ranking of every level…')} />
          ) : eligible.length === 0 ? (
            <EmptyState title={t('Nobody is eligible today')}>
              {tx('{board} shows who is close.', {
                board: <Link to="/leadership">{t('The readiness board')}</Link>,
              })}
            </EmptyState>
          ) : (
            <ul className="home-list" data-testid="home-eligible">
              {eligible.map((r) => (
                <li key={r.builder} data-testid={`home-eligible-${r.builder}`}>
                  <Link to={`/builders/${encodeURIComponent(r.builder)}`}>
                    <Person email={r.builder} names={allNames} />
                  </Link>{' '}
                  {t('{level} → {target}, {months, plural, one {# month} other {# months}} at level', {
                    level: r.level,
                    target: r.target_level ?? '',
                    months: r.months_at_level,
                  })}
                  {openCaseOf.has(r.builder) && (
                    <>
                      {' '}
                      <StatusBadge status="open" label={t('case open')} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('Check-ins overdue')} id="overdue">
          <QueryView query={due}>
            {() =>
              overdue.length === 0 ? (
                <p>{t('No check-in is overdue.')}</p>
              ) : (
                <>
                  <ul className="home-list" data-testid="home-overdue">
                    {overdue.slice(0, LIST_MAX).map((d) => (
                      <li key={d.mentorship}>
                        {tx('{mentor} with {mentee} {status} {when}', {
                          mentor: <Person email={d.mentor} names={allNames} />,
                          mentee: <Person email={d.mentee} names={allNames} />,
                          status: <StatusBadge status="overdue" />,
                          when: describeCheckinDue(d),
                        })}
                      </li>
                    ))}
                  </ul>
                  {overdue.length > LIST_MAX && (
                    <p className="muted">{t('and {count} more', { count: overdue.length - LIST_MAX })}</p>
                  )}
                  <p>
                    <Link to="/mentoring">{t('Mentoring: every mentor and their mentees')}</Link>
                  </p>
                </>
              )
            }
          </QueryView>
        </Card>
        <Card title={t('Cases waiting')} id="cases">
          <QueryView query={cases}>
            {() =>
              waiting.length === 0 ? (
                <p>{t('No case is open.')}</p>
              ) : (
                <ul className="home-list" data-testid="home-cases">
                  {waiting
                    .sort((a, b) => a.id - b.id)
                    .map((c) => (
                      <li key={c.id}>
                        {tx('{case}: {candidate}, {from} → {target}, opened {date} {status}', {
                          case: <Link to={`/panel/cases/${c.id}`}>{t('Case #{id}', { id: c.id })}</Link>,
                          candidate: <Person email={c.candidate} names={allNames} />,
                          from: c.from_level,
                          target: c.target_level,
                          date: formatDay(c.opened_on),
                          status: <StatusBadge status={c.status} />,
                        })}
                      </li>
                    ))}
                </ul>
              )
            }
          </QueryView>
        </Card>
        <Card title={t('Payouts for {month}', { month: formatMonth(month) })} id="payouts">
          <QueryView query={payouts}>
            {(statement) =>
              statement.rows.length === 0 ? (
                <p>{t('Nothing is payable this month.')}</p>
              ) : (
                <>
                  <p className="home-answer">
                    {t(
                      '{amount} to {mentors, plural, one {# mentor} other {# mentors}} ({accruals, plural, one {# accrual} other {# accruals}}).',
                      {
                        amount: formatTotals(monthTotals),
                        mentors: new Set(statement.totals.map((total) => total.mentor)).size,
                        accruals: statement.rows.length,
                      },
                    )}
                  </p>
                  <p>
                    <Link to={`/leadership/payouts?month=${month}`}>
                      {t("The month's statement and its CSV")}
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
