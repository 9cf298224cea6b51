import type { Command } from 'commander';
import { getPoints, type PointsReport } from '../../services/points.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';
import { textTable as table } from '../text-table.js';

/** The points report as text: who and when, the plain-words answer, then one row per competency. */
export function formatPoints(report: PointsReport): string[] {
  const level = report.level === null ? 'no level yet' : `${report.level.id} since ${report.level.since}`;
  const lines = [
    `${report.builder} — ${level}`,
    `at ${report.at}, ladder ${report.ladder.id} version ${report.ladder.version}`,
    '',
  ];
  const points = report.points;
  if (points === null) {
    lines.push(report.message ?? 'This ladder scores no points.');
    return lines;
  }
  lines.push(...points.summary);
  if (points.next !== null && points.next.sets.length > 1) {
    lines.push('');
    lines.push(`Sets of ${points.next.fewest ?? 0} next milestones that reach ${points.next.band.id}:`);
    for (const set of points.next.sets)
      lines.push(
        `  - ${set.steps.map((s) => `${s.name} ${s.milestone} (+${s.gain})`).join(', ')} = +${set.gain}`,
      );
    if (points.next.more_sets) lines.push('  - … and more (--json lists the same sets)');
  }
  lines.push('');
  const rows = [['COMPETENCY', 'MILESTONE', 'POINTS', 'NEXT', 'ASSESSED BY']];
  for (const c of points.competencies) {
    rows.push([
      c.name,
      `${c.milestone} of ${c.milestones}`,
      String(c.points),
      c.next === null ? '— (last)' : `${c.next.milestone}: +${c.next.gain}`,
      c.assessment === null
        ? '—'
        : `${c.assessment.id} (${c.assessment.date}, ${c.assessment.confirmed_by ?? c.assessment.recorded_by})`,
    ]);
  }
  lines.push(...table(rows));
  return lines;
}

/** `ladder points EMAIL [--at DATE] [--json]`: a builder's points, band and the way to the next band. */
export function registerPointsCommand(program: Command, ctx: CliContext): void {
  program
    .command('points')
    .description(
      "a builder's points per competency, their band and the fewest next milestones to the next band (ladders with points)",
    )
    .argument('<email>', 'the builder')
    .option('--at <date>', 'evaluate on this date (YYYY-MM-DD); default today (UTC)')
    .option('--ladder <id>', "score against this ladder; default the ladder of the builder's track")
    .option('--json', 'print the API JSON instead of text')
    .action(async (email: string, options: { at?: string; ladder?: string; json?: boolean }) => {
      await withServices(ctx, async (services) => {
        const report = await getPoints(services, email, options.at, options.ladder);
        if (options.json === true) writeLine(ctx.stdout, JSON.stringify(report, null, 2));
        else for (const line of formatPoints(report)) writeLine(ctx.stdout, line);
      });
    });
}
