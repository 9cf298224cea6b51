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

/** Overdue modules listed by name on the home; the rest are counted, with a link to the path. */
const MODULES_SHOWN = 4;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The one sentence on top: what stands between the builder and the next level. */
function nextLevelAnswer(r: Readiness): string {
  if (r.target_level === null) return `No promotion leads on from ${r.level} in your ladder.`;
  if (r.eligible_for_case)
    return `You are eligible for a promotion case to ${r.target_level}: leadership opens it.`;
  if (r.standard === 'none') return `${r.level} defines no standard for promotion to ${r.target_level} yet.`;
  if (r.gaps.length === 0)
    return `Promotion to ${r.target_level} is the panel's judgment; nothing is missing.`;
  const things = r.gaps.length === 1 ? 'One thing stands' : `${r.gaps.length} things stand`;
  return `${things} between you and ${r.target_level}:`;
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
    <Card title="Your next level" id="next-level">
      <QueryView query={readiness} label="Reading where you stand…">
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
                <Stat label={`level since ${formatDay(r.level_since)}`} value={r.level} />
                <Stat label="months at level" value={r.months_at_level} testId="home-months" />
                {r.metrics.length > 0 && (
                  <Stat
                    label="metrics met"
                    value={`${met} of ${r.metrics.length}`}
                    testId="home-metrics-met"
                  />
                )}
              </div>
              <p>
                <Link to="/path">My whole path: every metric and the records behind it</Link>
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
    <Card title="What is due" id="due">
      <QueryView query={due}>
        {(checkins) => {
          const modules = readiness.data === undefined ? [] : overdueModules(readiness.data);
          const weekEnd = addDays(checkins.at, 7);
          const mine = checkins.due.filter(
            (d) =>
              d.mentor === builder && (d.status === 'overdue' || (d.due_by !== null && d.due_by <= weekEnd)),
          );
          if (modules.length === 0 && mine.length === 0)
            return <p data-testid="nothing-due">Nothing is due this week.</p>;
          return (
            <ul className="home-list" data-testid="home-due">
              {mine.map((d) => (
                <li key={d.mentorship} data-testid={`due-checkin-${d.mentee}`}>
                  Check-in with {names.get(d.mentee) ?? d.mentee} <StatusBadge status={d.status} />{' '}
                  {describeCheckinDue(d)}
                </li>
              ))}
              {modules.slice(0, MODULES_SHOWN).map((m) => (
                <li key={m.id} data-testid={`due-module-${m.id}`}>
                  Curriculum: {m.name} <StatusBadge status="overdue" />{' '}
                  <span className="muted">
                    {m.phase}, ended {formatDay(m.ends)}
                  </span>
                </li>
              ))}
              {modules.length > MODULES_SHOWN && (
                <li className="muted" data-testid="due-modules-more">
                  and {modules.length - MODULES_SHOWN} more curriculum{' '}
                  {modules.length - MODULES_SHOWN === 1 ? 'module' : 'modules'} overdue:{' '}
                  <Link to="/path">the curriculum on your path</Link>
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
  const totals = totalsByCurrency((owed.data?.totals ?? []).filter((t) => t.mentor === builder));
  return (
    <Card title="Your mentees" id="mentees">
      <p className="home-answer">
        Owed to you for {formatMonth(month)}:{' '}
        <strong data-testid="home-owed">
          {owed.data === undefined ? '…' : formatTotals(totals, 'nothing')}
        </strong>{' '}
        <Link to={`/mentoring/statement?month=${month}`}>statement</Link>
      </p>
      <ul className="home-list">
        {mentees.map((m) => (
          <li key={m.id} data-testid={`home-mentee-${m.mentee}`}>
            <Link to={`/builders/${encodeURIComponent(m.mentee)}`}>{m.mentee_name}</Link>{' '}
            {m.checkins === null ? null : (
              <>
                <StatusBadge
                  status={m.checkins.status === 'done' ? 'ok' : m.checkins.status}
                  label={`check-in ${humanize(m.checkins.status)}`}
                />{' '}
                <span className="muted">
                  streak {m.checkins.streak}
                  {m.checkins.status !== 'done' && `; ${describeCheckinDue(m.checkins)}`}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/mentoring">Mentoring: check in, streaks, review scores</Link>
      </p>
    </Card>
  );
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
        <Card title="Cases to score" id="to-score">
          <p className="home-answer" data-testid="home-to-score-count">
            {toScore.length === 1 ? 'One case waits' : `${toScore.length} cases wait`} for your score sheet.
          </p>
          <ul className="home-list">
            {toScore.map((c) => (
              <li key={c.id} data-testid={`home-case-${c.id}`}>
                <Link to={`/panel/cases/${c.id}`}>Case #{c.id}</Link>: {c.candidate}, {c.from_level} →{' '}
                {c.target_level} <StatusBadge status={c.status} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      {own !== undefined && (
        <Card title="Your promotion case" id="own-case">
          <p data-testid="home-own-case">
            {own.from_level} → {own.target_level}, opened {formatDay(own.opened_on)}:{' '}
            {own.outcome === null
              ? humanize(own.status)
              : own.outcome === 'promoted'
                ? 'promoted'
                : 'not yet'}
            . <Link to="/path">See the outcome and feedback on your path</Link>
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
      <EmptyState title="Your account is not linked to a builder record">
        Leadership links accounts to people; until then there is no path to show.
      </EmptyState>
    );
  // An account made before leadership put its builder on the roster: nothing to ask the API about yet.
  if (!onRoster)
    return (
      <EmptyState title="You are not on the roster yet">
        Your account ({builder}) has no builder record, so there is no level, path or mentee to show.
        Leadership adds you to the roster; meanwhile <Link to="/ladder">the ladder</Link> is yours to read.
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
