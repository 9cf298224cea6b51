import type { Command } from 'commander';
import type { RankingEntry } from '../../core/evaluation/ranking.js';
import { levelStandardOf, type Readiness, type ReadinessStandard } from '../../core/evaluation/readiness.js';
import type { LadderDocument } from '../../core/ladder/ladder.schema.js';
import { findLevel } from '../../core/ladder/ladder-lookup.js';
import { getRanking } from '../../services/ranking.service.js';
import { getReadinessWithLadder, ladderForEvaluation } from '../../services/readiness.service.js';
import { namesOfPeople, type NameOf } from '../../services/roster.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';
import { personText, textTable as table } from '../text-table.js';

const STATUS_WORDS: Record<string, string> = {
  met: 'met',
  not_met: 'NOT MET',
  insufficient: 'insufficient',
  not_assessed: 'not assessed',
};

/** A few ids for a table cell; the whole list is in --json. */
function list(ids: readonly string[], max = 4): string {
  if (ids.length === 0) return '—';
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} (+${ids.length - max} more)`;
}

/**
 * The readiness answer as a readable report: metrics and requirements tables, gaps, curriculum,
 * self-evaluation. The builder is named by `nameOf` (the roster's names; the email alone without it).
 */
export function formatReadiness(
  r: Readiness,
  ladder?: LadderDocument,
  nameOf: NameOf = (email) => email,
): string[] {
  const level = ladder === undefined ? undefined : findLevel(ladder, r.level);
  const metricName = (id: string): string => level?.ranking_standard?.find((m) => m.id === id)?.name ?? id;
  const requirementName = (id: string): string =>
    level?.promotion?.requirements?.find((q) => q.id === id)?.name ?? id;
  const lines: string[] = [];
  const target = r.target_level === null ? 'no promotion written' : `next: ${r.target_level}`;
  lines.push(
    `${personText(nameOf(r.builder), r.builder)} — ${r.level} since ${r.level_since} (${r.months_at_level} months), ${target}`,
  );
  lines.push(`at ${r.at}, ladder version ${r.ladder_version}`);
  if (r.standard === 'none') {
    // Nothing to be close to or far from: say so once, instead of empty tables and a "no" (issue 16).
    lines.push('');
    lines.push(`${r.level} defines no standard yet: no metric and no promotion requirement.`);
    if (r.gaps.length > 0) {
      lines.push('');
      lines.push('Not defined yet');
      for (const gap of r.gaps) lines.push(`  - ${gap}`);
    }
    lines.push(...typicalLines(r));
    return lines;
  }
  if (r.standard === 'judgment')
    lines.push(
      `promotion to ${r.target_level ?? '?'}: by the panel’s judgment (nothing below is a checklist)`,
    );
  lines.push(...typicalLines(r));
  if (r.weighs.length > 0) {
    lines.push('');
    lines.push('The panel weighs');
    const rows = [['WHAT', 'EVIDENCE KINDS', 'RECORDS']];
    for (const w of r.weighs)
      rows.push([w.name, w.kinds.length === 0 ? '—' : w.kinds.join(', '), list(w.evidence)]);
    lines.push(...table(rows).map((line) => `  ${line}`));
  }
  lines.push('');
  lines.push('Metrics');
  if (r.metrics.length === 0) lines.push('  (none: the level has no ranking standard)');
  else {
    const rows = [['METRIC', 'STATUS', 'VALUE', 'THRESHOLD', 'EVIDENCE']];
    for (const m of r.metrics) {
      rows.push([
        metricName(m.id),
        STATUS_WORDS[m.status] ?? m.status,
        m.value === null ? '—' : String(m.value),
        String(m.threshold),
        list(m.evidence),
      ]);
    }
    lines.push(...table(rows).map((line) => `  ${line}`));
  }
  lines.push('');
  lines.push('Requirements');
  if (r.requirements.length === 0) lines.push('  (none written)');
  else {
    const rows = [['REQUIREMENT', 'STATUS', 'MET ON', 'EVIDENCE']];
    for (const q of r.requirements)
      rows.push([
        requirementName(q.id),
        STATUS_WORDS[q.status] ?? q.status,
        q.met_on ?? '—',
        list(q.evidence),
      ]);
    lines.push(...table(rows).map((line) => `  ${line}`));
  }
  lines.push('');
  lines.push(`Eligible for a promotion case: ${r.eligible_for_case ? 'yes' : 'no'}`);
  if (r.gaps.length > 0) {
    lines.push('');
    lines.push('Gaps');
    for (const gap of r.gaps) lines.push(`  - ${gap}`);
  }
  if (r.curriculum.phases.length > 0) {
    const c = r.curriculum;
    lines.push('');
    lines.push(
      `Curriculum: ${c.done.length} done, ${c.in_progress.length} in progress, ${c.overdue.length} overdue`,
    );
    if (c.overdue.length > 0) lines.push(`  overdue: ${c.overdue.join(', ')}`);
  }
  if (r.self_evaluation.items.length > 0) {
    const s = r.self_evaluation;
    lines.push(
      `Self-evaluation: ${s.claimed.length} of ${s.items.length} items claimed, ${s.without_evidence.length} without linked evidence`,
    );
    if (s.without_evidence.length > 0) lines.push(`  without evidence: ${s.without_evidence.join(', ')}`);
  }
  return lines;
}

/** Typical time in level, when the ladder names one: advice with its dates, never a gap. */
function typicalLines(r: Readiness): string[] {
  const t = r.typical_tenure;
  if (t === null) return [];
  const months = t.from_months === t.to_months ? `${t.from_months}` : `${t.from_months}–${t.to_months}`;
  const days = t.from_on === t.to_on ? t.from_on : `${t.from_on} … ${t.to_on}`;
  return [`typical time at ${r.level}: ${months} months (${days}), advice only: never a gap`];
}

/**
 * A level's ranking as a table, builders by name with their email; a level that defines no standard lists
 * its builders by tenure and says so.
 */
export function formatRanking(
  level: string,
  at: string,
  version: string,
  entries: readonly RankingEntry[],
  standard: ReadinessStandard = 'defined',
  nameOf: NameOf = (email) => email,
): string[] {
  const who = (email: string): string => personText(nameOf(email), email);
  const lines = [
    `${level} on ${at} (ladder version ${version}): ${entries.length} builder${entries.length === 1 ? '' : 's'}`,
  ];
  if (standard === 'none') {
    lines.push(
      `${level} defines no standard yet: nobody is ranked by metrics; builders by time at the level`,
    );
    if (entries.length === 0) return lines;
    const rows = [['BUILDER', 'MONTHS AT LEVEL']];
    for (const e of entries) rows.push([who(e.builder), String(e.months_at_level)]);
    return [...lines, ...table(rows)];
  }
  if (entries.length === 0) return lines;
  const rows = [['RANK', 'BUILDER', 'METRICS MET', 'MONTHS AT LEVEL']];
  for (const e of entries)
    rows.push([String(e.rank), who(e.builder), String(e.metrics_met), String(e.months_at_level)]);
  return [...lines, ...table(rows)];
}

/** `ladder readiness EMAIL --at DATE [--json]` and `ladder ranking --level L4 --at DATE [--json]`. */
export function registerReadinessCommand(program: Command, ctx: CliContext): void {
  program
    .command('readiness')
    .description(
      'where a builder stands on a date: metrics, requirements, gaps (a table; --json for the API shape)',
    )
    .argument('<email>', 'the builder')
    .option('--at <date>', 'evaluate on this date (YYYY-MM-DD); default today (UTC)')
    .option('--json', 'print the API JSON instead of a table')
    .action(async (email: string, options: { at?: string; json?: boolean }) => {
      await withServices(ctx, async (services) => {
        const { readiness, ladder } = await getReadinessWithLadder(services, ctx.actor(), email, options.at);
        if (options.json === true) {
          writeLine(ctx.stdout, JSON.stringify(readiness, null, 2));
          return;
        }
        const nameOf = await namesOfPeople(services.db, [readiness.builder]);
        for (const line of formatReadiness(readiness, ladder, nameOf)) writeLine(ctx.stdout, line);
      });
    });

  program
    .command('ranking')
    .description('the builders of a level on a date, by metrics met, tenure, email')
    .requiredOption('--level <level>', 'the level to rank, e.g. L4')
    .option('--at <date>', 'rank on this date (YYYY-MM-DD); default today (UTC)')
    .option('--json', 'print the API JSON instead of a table')
    .action(async (options: { level: string; at?: string; json?: boolean }) => {
      await withServices(ctx, async (services) => {
        const ranking = await getRanking(services, ctx.actor(), options.level, options.at);
        if (options.json === true) {
          writeLine(ctx.stdout, JSON.stringify(ranking.entries, null, 2));
          return;
        }
        // The ladder the ranking used (its level exists: getRanking refuses unknown levels).
        const used = await ladderForEvaluation(
          services.db,
          ranking.at,
          (doc) => findLevel(doc, ranking.level) !== undefined,
        );
        const standard = levelStandardOf(
          used === undefined ? undefined : findLevel(used.document, ranking.level),
        );
        const nameOf = await namesOfPeople(
          services.db,
          ranking.entries.map((e) => e.builder),
        );
        for (const line of formatRanking(
          ranking.level,
          ranking.at,
          ranking.ladder_version,
          ranking.entries,
          standard,
          nameOf,
        ))
          writeLine(ctx.stdout, line);
      });
    });
}
