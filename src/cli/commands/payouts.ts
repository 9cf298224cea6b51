import type { Command } from 'commander';
import { validationFailed } from '../../core/errors.js';
import { formatMoney } from '../../core/money/money.js';
import { payoutStatement } from '../../services/mentorship.service.js';
import { payoutRowsToCsv } from '../../services/payout-csv.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';
import { personText } from '../text-table.js';

/** `ladder payouts --month YYYY-MM`: the referral payout statement of a month, as text, JSON or CSV. */
export function registerPayoutsCommand(program: Command, ctx: CliContext): void {
  program
    .command('payouts')
    .description('referral payouts payable in a calendar month, with totals per mentor and currency')
    .requiredOption('--month <YYYY-MM>', 'the calendar month')
    .option('--mentor <email>', 'only this mentor')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV (amounts in minor units)')
    .action(async (options: { month: string; mentor?: string; json?: boolean; csv?: boolean }) => {
      if (options.json === true && options.csv === true) {
        throw validationFailed('--json and --csv: choose one output format');
      }
      await withServices(ctx, async (services) => {
        const statement = await payoutStatement(services, ctx.actor(), options.month, options.mentor);
        if (options.json === true) {
          writeLine(ctx.stdout, JSON.stringify(statement, null, 2));
          return;
        }
        if (options.csv === true) {
          ctx.stdout.write(payoutRowsToCsv(statement.rows));
          return;
        }
        writeLine(ctx.stdout, `referral payouts payable in ${statement.month}`);
        if (statement.rows.length === 0) writeLine(ctx.stdout, '  nothing payable');
        for (const r of statement.rows) {
          writeLine(
            ctx.stdout,
            `  ${personText(r.mentor_name, r.mentor)} ← ${personText(r.mentee_name, r.mentee)} ${r.placement} month ${r.month_index} of ${r.months} (from ${r.month_start}): ${r.percent} % of ${formatMoney(r.rate_minor)} = ${formatMoney(r.amount_minor)} ${r.currency}`,
          );
        }
        for (const t of statement.totals) {
          writeLine(
            ctx.stdout,
            `total ${personText(t.mentor_name, t.mentor)}: ${formatMoney(t.amount_minor)} ${t.currency} (${t.rows} rows)`,
          );
        }
      });
    });
}
