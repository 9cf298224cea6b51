import type { Command } from 'commander';
import {
  assignMentorship,
  mentorshipOverview,
  type MentorshipOverviewRow,
} from '../../services/mentorship.service.js';
import { namesOfPeople } from '../../services/roster.service.js';
import { writeLine, type CliContext } from '../context.js';
import { personText } from '../text-table.js';
import { withServices } from '../with-services.js';

function describeCheckins(row: MentorshipOverviewRow): string {
  const c = row.checkins;
  if (c === null) return 'no cadence (the ladder did not allow this mentorship)';
  const when =
    c.status === 'overdue'
      ? `OVERDUE since ${c.overdue_since ?? '?'} (${c.missed_in_a_row} missed in a row), due by ${c.due_by ?? '?'}`
      : c.status === 'due'
        ? `due by ${c.due_by ?? '?'}`
        : c.status;
  const unit = row.cadence === 'biweekly' ? 'fortnights' : 'weeks';
  return `${when}; streak ${c.streak}; ${unit} with ${c.with_checkin} / without ${c.without_checkin}; last ${c.last_checkin ?? 'never'}`;
}

function describeReferral(row: MentorshipOverviewRow): string {
  const r = row.referral;
  if (r.status === 'earning') {
    return `earning ${r.terms.percent} % × ${r.terms.months} months on ${r.placement} (${r.accruals.length} of ${r.terms.months} months accrue)`;
  }
  return `none: ${r.reason}`;
}

/** `ladder mentorships`: list mentorships (relation, cadence, check-ins, referral); `assign` adds one by the ladder's rules. */
export function registerMentorshipsCommand(program: Command, ctx: CliContext): void {
  const command = program.command('mentorships').description('mentorships as the ladder sees them');
  command
    .command('list', { isDefault: true })
    .description('list mentorships with relation, cadence, check-in standing and referral')
    .option('--mentor <email>', "only this mentor's mentorships")
    .option('--at <date>', 'the day to judge check-ins on (default today)')
    .option('--json', 'print JSON')
    .action(async (options: { mentor?: string; at?: string; json?: boolean }) => {
      await withServices(ctx, async (services) => {
        const filter: { mentor?: string; at?: string } = {};
        if (options.mentor !== undefined) filter.mentor = options.mentor;
        if (options.at !== undefined) filter.at = options.at;
        const overview = await mentorshipOverview(services, ctx.actor(), filter);
        if (options.json === true) {
          writeLine(ctx.stdout, JSON.stringify(overview, null, 2));
          return;
        }
        if (overview.mentorships.length === 0) writeLine(ctx.stdout, 'no mentorships');
        for (const row of overview.mentorships) {
          const span = `${row.start} → ${row.end ?? 'open'}`;
          const relation = row.relation ?? 'not allowed by the ladder';
          writeLine(
            ctx.stdout,
            `${row.mentor_name} <${row.mentor}> (${row.mentor_level ?? 'no level'}) mentors ${row.mentee_name} <${row.mentee}> (${row.mentee_level ?? 'no level'}): ${relation}, ${row.cadence ?? '—'}, ${span}${row.active ? '' : ' (not active)'}`,
          );
          writeLine(ctx.stdout, `  check-ins on ${overview.at}: ${describeCheckins(row)}`);
          writeLine(ctx.stdout, `  referral: ${describeReferral(row)}`);
        }
      });
    });
  command
    .command('assign')
    .description(
      "record a mentorship if the ladder allows it (slots, eligible levels, the mentee's own rule)",
    )
    .requiredOption('--mentor <email>', 'the mentor')
    .requiredOption('--mentee <email>', 'the mentee (a builder)')
    .requiredOption('--start <date>', 'first day, YYYY-MM-DD')
    .option('--end <date>', 'last day, YYYY-MM-DD (default: open)')
    .action(async (options: { mentor: string; mentee: string; start: string; end?: string }) => {
      await withServices(ctx, async (services) => {
        const assigned = await assignMentorship(services, ctx.actor(), {
          mentor: options.mentor,
          mentee: options.mentee,
          start: options.start,
          end: options.end ?? null,
        });
        const nameOf = await namesOfPeople(services.db, [assigned.mentor, assigned.mentee]);
        const mentor = personText(nameOf(assigned.mentor), assigned.mentor);
        const mentee = personText(nameOf(assigned.mentee), assigned.mentee);
        writeLine(
          ctx.stdout,
          `mentorship ${assigned.id}: ${mentor} ${assigned.relation === 'gives' ? 'mentors' : 'is the received mentor of'} ${mentee} from ${assigned.start} (${assigned.cadence} check-ins)`,
        );
      });
    });
}
