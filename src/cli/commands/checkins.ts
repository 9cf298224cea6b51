import type { Command } from 'commander';
import { checkinsDueOn } from '../../services/mentorship.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';

/** `ladder checkins due --at DATE`: active mentorships whose current week or fortnight has no check-in yet. */
export function registerCheckinsCommand(program: Command, ctx: CliContext): void {
  const command = program.command('checkins').description('mentor check-ins');
  command
    .command('due')
    .description('check-ins due or overdue on a day (overdue first)')
    .option('--at <date>', 'the day, YYYY-MM-DD (default today)')
    .option('--mentor <email>', "only this mentor's mentorships")
    .option('--json', 'print JSON')
    .action(async (options: { at?: string; mentor?: string; json?: boolean }) => {
      await withServices(ctx, async (services) => {
        const filter: { at?: string; mentor?: string } = {};
        if (options.at !== undefined) filter.at = options.at;
        if (options.mentor !== undefined) filter.mentor = options.mentor;
        const result = await checkinsDueOn(services, ctx.actor(), filter);
        if (options.json === true) {
          writeLine(ctx.stdout, JSON.stringify(result, null, 2));
          return;
        }
        if (result.due.length === 0) writeLine(ctx.stdout, `no check-ins due on ${result.at}`);
        for (const r of result.due) {
          const state =
            r.status === 'overdue'
              ? `OVERDUE since ${r.overdue_since ?? '?'} (${r.missed_in_a_row} missed in a row)`
              : 'due';
          writeLine(
            ctx.stdout,
            `${state}: ${r.mentor} → ${r.mentee} (${r.cadence}) by ${r.due_by ?? '?'}; last check-in ${r.last_checkin ?? 'never'}; streak ${r.streak}`,
          );
        }
      });
    });
}
