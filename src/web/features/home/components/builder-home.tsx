import { Link } from 'react-router';
import { Card, Stat } from '../../../components/ui/card';
import { EmptyState, QueryView } from '../../../components/ui/query-state';
import { StatusBadge } from '../../../components/ui/status-badge';
import {
  describeCheckinDue,
  formatDay,
  formatMonth,
  formatTotals,
  humanize,
  monthOf,
  totalsByCurrency,
} from '../../../lib/format';
import type { Readiness } from '../../../types/readiness';
import { useCheckinsDue } from '../api/get-checkins-due';
import { useMentorMonth } from '../api/get-mentor-payouts';
import { useMentorshipOverview } from '../api/get-mentorship-overview';
import { useReadiness } from '../api/get-readiness';
import { useCases, type CaseSummary } from '../api/list-cases';
import { t, tx } from '../../../i18n/i18n';

/** Overdue modules listed by name on the home; the rest are counted, with a link to the path. */
const MODULES_SHOWN = 4;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The one sentence on top: what stands between the builder and the next level. */
function nextLevelAnswer(r: Readiness): string {
  if (r.target_level === null)
    return t('No promotion leads on from {level} in your ladder.', { level: r.level });
  if (r.eligible_for_case)
    return t('You are eligible for a promotion case to {target}: leadership opens it.', {
      target: r.target_level,
    });
  if (r.standard === 'none')
    return t('{level} defines no standard for promotion to {target} yet.', {
      level: r.level,
      target: r.target_level,
    });
  if (r.gaps.length === 0)
    return t("Promotion to {target} is the panel's judgment; nothing is missing.", {
      target: r.target_level,
    });
  return t('{count, plural, one {One thing stands} other {# things stand}} between you and {target}:', {
    count: r.gaps.length,
    target: r.target_level,
  });
}

/** Curriculum modules overdue today, by name. */
function overdueModules(r: Readiness): { id: string; name: string; phase: string; ends: string }[] {
  return r.curriculum.phases.flatMap((phase) =>
    phase.modules
      .filter((m) => m.overdue)
      .map((m) => ({ id: m.id, name: m.name, phase: phase.name, ends: phase.ends_on })),
  );
}

function NextLevel({ builder }: { builder: string }) {
  const readiness = useReadiness(builder);
  return (
    <Card title={t('Your next level')} id="next-level">
      <QueryView query={readiness} label={t('Reading where you stand…')}>
        {(r) => {
          const met = r.metrics.filter((m) => m.status === 'met').length;
          return (
            <>
              <p className="home-answer" data-testid="next-level-answer">
                {nextLevelAnswer(r)}
              </p>
              {!r.eligible_for_case && r.target_level !== null && r.gaps.length > 0 && (
                <ul className="home-list" data-testid="home-gaps">
                  {r.gaps.map((gap) => (
                    <li key={gap}>{gap}</li>
                  ))}
                </ul>
              )}
              <div className="stats">
                <Stat label={t('level since {date}', { date: formatDay(r.level_since) })} value={r.level} />
                <Stat label={t('months at level')} value={r.months_at_level} testId="home-months" />
                {r.metrics.length > 0 && (
                  <Stat
                    label={t('metrics met')}
                    value={t('{met} of {total}', { met, total: r.metrics.length })}
                    testId="home-metrics-met"
                  />
                )}
              </div>
              <p>
                <Link to="/path">{t('My whole path: every metric and the records behind it')}</Link>
              </p>
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}

function Due({ builder }: { builder: string }) {
  const readiness = useReadiness(builder);
  const due = useCheckinsDue(builder);
  const overview = useMentorshipOverview(builder);
  const names = new Map((overview.data?.mentorships ?? []).map((m) => [m.mentee, m.mentee_name]));
  return (
    <Card title={t('What is due')} id="due">
      <QueryView query={due}>
        {(checkins) => {
          const modules = readiness.data === undefined ? [] : overdueModules(readiness.data);
          const weekEnd = addDays(checkins.at, 7);
          const mine = checkins.due.filter(
            (d) =>
              d.mentor === builder && (d.status === 'overdue' || (d.due_by !== null && d.due_by <= weekEnd)),
          );
          if (modules.length === 0 && mine.length === 0)
            return <p data-testid="nothing-due">{t('Nothing is due this week.')}</p>;
          return (
            <ul className="home-list" data-testid="home-due">
              {mine.map((d) => (
                <li key={d.mentorship} data-testid={`due-checkin-${d.mentee}`}>
                  {tx('Check-in with {mentee} {status} {when}', {
                    mentee: names.get(d.mentee) ?? d.mentee,
                    status: <StatusBadge status={d.status} />,
                    when: describeCheckinDue(d),
                  })}
                </li>
              ))}
              {modules.slice(0, MODULES_SHOWN).map((m) => (
                <li key={m.id} data-testid={`due-module-${m.id}`}>
                  {tx('Curriculum: {module} {status}', {
                    module: m.name,
                    status: <StatusBadge status="overdue" />,
                  })}{' '}
                  <span className="muted">
                    {t('{phase}, ended {date}', { phase: m.phase, date: formatDay(m.ends) })}
                  </span>
                </li>
              ))}
              {modules.length > MODULES_SHOWN && (
                <li className="muted" data-testid="due-modules-more">
                  {tx(
                    'and {count, plural, one {# more curriculum module} other {# more curriculum modules}} overdue: {link}',
                    {
                      count: modules.length - MODULES_SHOWN,
                      link: <Link to="/path">{t('the curriculum on your path')}</Link>,
                    },
                  )}
                </li>
              )}
            </ul>
          );
        }}
      </QueryView>
    </Card>
  );
}

/** Shown to a builder who mentors: mentees' standing and what they are owed this month. */
function Mentoring({ builder }: { builder: string }) {
  const overview = useMentorshipOverview(builder);
  const mentees = (overview.data?.mentorships ?? []).filter((m) => m.mentor === builder && m.active);
  const month = monthOf();
  const owed = useMentorMonth(builder, month, mentees.length > 0);
  if (mentees.length === 0) return null;
  const totals = totalsByCurrency((owed.data?.totals ?? []).filter((total) => total.mentor === builder));
  return (
    <Card title={t('Your mentees')} id="mentees">
      <p className="home-answer">
        {tx('Owed to you for {month}: {amount} {link}', {
          month: formatMonth(month),
          amount: (
            <strong data-testid="home-owed">
              {owed.data === undefined ? '…' : formatTotals(totals, t('nothing'))}
            </strong>
          ),
          link: <Link to={`/mentoring/statement?month=${month}`}>{t('statement')}</Link>,
        })}
      </p>
      <ul className="home-list">
        {mentees.map((m) => (
          <li key={m.id} data-testid={`home-mentee-${m.mentee}`}>
            <Link to={`/builders/${encodeURIComponent(m.mentee)}`}>{m.mentee_name}</Link>{' '}
            {m.checkins === null ? null : (
              <>
                <StatusBadge
                  status={m.checkins.status === 'done' ? 'ok' : m.checkins.status}
                  label={checkinWords(m.checkins.status)}
                />{' '}
                <span className="muted">
                  {t('streak {streak}', { streak: m.checkins.streak })}
                  {m.checkins.status !== 'done' && `; ${describeCheckinDue(m.checkins)}`}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/mentoring">{t('Mentoring: check in, streaks, review scores')}</Link>
      </p>
    </Card>
  );
}

/** A check-in status in words, for the badge beside a mentee. */
function checkinWords(status: string): string {
  switch (status) {
    case 'done':
      return t('check-in done');
    case 'due':
      return t('check-in due');
    case 'overdue':
      return t('check-in overdue');
    case 'ended':
      return t('check-ins ended');
    case 'not_started':
      return t('check-ins not started');
    default:
      return humanize(status);
  }
}

/** A case's status in words. */
function caseStatusWords(status: string): string {
  switch (status) {
    case 'open':
      return t('open');
    case 'assessing':
      return t('assessing');
    case 'decided':
      return t('decided');
    case 'withdrawn':
      return t('withdrawn');
    default:
      return humanize(status);
  }
}

function isWaiting(c: CaseSummary): boolean {
  return c.status === 'open' || c.status === 'assessing';
}

/** Cases on the builder's panels that are still being assessed, and the builder's own case. */
function Cases({ builder }: { builder: string }) {
  const cases = useCases();
  const all = cases.data ?? [];
  const toScore = all.filter((c) => c.candidate !== builder && isWaiting(c));
  const own = all.filter((c) => c.candidate === builder).sort((a, b) => b.id - a.id)[0];
  return (
    <>
      {toScore.length > 0 && (
        <Card title={t('Cases to score')} id="to-score">
          <p className="home-answer" data-testid="home-to-score-count">
            {t('{count, plural, one {One case waits} other {# cases wait}} for your score sheet.', {
              count: toScore.length,
            })}
          </p>
          <ul className="home-list">
            {toScore.map((c) => (
              <li key={c.id} data-testid={`home-case-${c.id}`}>
                {tx('{case}: {candidate}, {from} → {target} {status}', {
                  case: <Link to={`/panel/cases/${c.id}`}>{t('Case #{id}', { id: c.id })}</Link>,
                  candidate: (
                    <span data-testid={`home-case-${c.id}-candidate`}>
                      {c.candidate_name} <small className="muted">{c.candidate}</small>
                    </span>
                  ),
                  from: c.from_level,
                  target: c.target_level,
                  status: <StatusBadge status={c.status} />,
                })}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {own !== undefined && (
        <Card title={t('Your promotion case')} id="own-case">
          <p data-testid="home-own-case">
            {t('{from} → {target}, opened {date}: {state}.', {
              from: own.from_level,
              target: own.target_level,
              date: formatDay(own.opened_on),
              state:
                own.outcome === null
                  ? caseStatusWords(own.status)
                  : own.outcome === 'promoted'
                    ? t('promoted')
                    : t('not yet'),
            })}{' '}
            <Link to="/path">{t('See the outcome and feedback on your path')}</Link>
          </p>
        </Card>
      )}
    </>
  );
}

/** A builder's home: what stands between them and the next level and what is due, then their mentees and panels. */
export function BuilderHome({ builder, onRoster }: { builder: string | null; onRoster: boolean }) {
  if (builder === null)
    return (
      <EmptyState title={t('Your account is not linked to a builder record')}>
        {t('Leadership links accounts to people; until then there is no path to show.')}
      </EmptyState>
    );
  // An account made before leadership put its builder on the roster: nothing to ask the API about yet.
  if (!onRoster)
    return (
      <EmptyState title={t('You are not on the roster yet')}>
        {tx(
          'Your account ({account}) has no builder record, so there is no level, path or mentee to show. Leadership adds you to the roster; meanwhile {ladder} is yours to read.',
          { account: builder, ladder: <Link to="/ladder">{t('the ladder')}</Link> },
        )}
      </EmptyState>
    );
  return (
    <div className="two-column">
      <div>
        <NextLevel builder={builder} />
        <Mentoring builder={builder} />
      </div>
      <aside>
        <Due builder={builder} />
        <Cases builder={builder} />
      </aside>
    </div>
  );
}
