import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { validationFailed } from '../../core/errors.js';
import { CASE_OUTCOMES, type CaseOutcome } from '../../core/promotion/case-state.js';
import type { ScoreSheet } from '../../core/promotion/score-sheet.js';
import {
  decideCase,
  getCase,
  listPromotionCases,
  openCase,
  saveSheet,
  setPanel,
  withdrawCase,
  addCaseNote,
  type CaseView,
  type PromotionDeps,
} from '../../services/promotion-case.service.js';
import { writeLine, type CliContext } from '../context.js';
import { withServices } from '../with-services.js';

function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0)
    throw validationFailed(`case id: expected a positive whole number, got ${value}`);
  return id;
}

/** A version the operator read (`ladder case show` prints it): a whole number ≥ 0, or absent. */
function parseVersion(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const version = Number(value);
  if (!Number.isInteger(version) || version < 0)
    throw validationFailed(`${flag}: expected a whole number ≥ 0, got ${value}`);
  return version;
}

async function readSheet(file: string): Promise<ScoreSheet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw validationFailed(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw validationFailed(`${file}: not JSON (${(error as Error).message})`);
  }
  const sheet = parsed as Partial<ScoreSheet> | null;
  if (
    sheet === null ||
    typeof sheet !== 'object' ||
    !Array.isArray(sheet.components) ||
    !Array.isArray(sheet.criteria)
  ) {
    throw validationFailed(
      `${file}: expected {"components": [{"id", "result", "notes"?}], "criteria": [{"id", "score", "notes"?}], "summary"?}`,
    );
  }
  return { components: sheet.components, criteria: sheet.criteria, summary: sheet.summary };
}

/** Prints a case the way an operator reads it: status, panel, sheets, the computed or recorded decision. */
function printCase(ctx: CliContext, view: CaseView): void {
  const out = (line = '') => writeLine(ctx.stdout, line);
  out(
    `case ${view.id}: ${view.candidate} ${view.from_level} → ${view.target_level} — ${view.status}${view.outcome === null ? '' : ` (${view.outcome})`}`,
  );
  out(`  ladder ${view.ladder.id} ${view.ladder.version}; opened ${view.opened_on} by ${view.opened_by}`);
  // The version a later write can pin (--expected-version), so it is refused if the case moved on.
  out(`  version ${view.version}`);
  if (view.open_override_reason !== null) out(`  opened by override: ${view.open_override_reason}`);
  out(`  panel (${view.panel.members.length}/${view.panel.size}, ${view.panel.submitted} submitted):`);
  for (const member of view.panel.members) {
    out(
      `    ${member.position}. ${member.email} ${member.level ?? ''}${member.leadership ? ' leadership' : ''}${member.submitted ? ' — submitted' : ''}`,
    );
  }
  for (const sheet of view.sheets) {
    const components = sheet.components.map((c) => `${c.id}=${c.result}`).join(' ');
    const criteria = sheet.criteria.map((c) => `${c.id}=${c.score}`).join(' ');
    out(
      `  sheet of ${sheet.panelist}${sheet.submitted_at === null ? ' (draft)' : ''}: ${components} | ${criteria}`,
    );
  }
  const decision = view.decision ?? view.computed;
  if (view.decision !== null) {
    out(
      `  decided ${view.decision.decided_at} by ${view.decision.decided_by}: ${view.decision.outcome} (computed ${view.decision.computed_outcome})`,
    );
    out(`  note: ${view.decision.note}`);
    if (view.decision.override_reason !== null) out(`  OVERRIDE: ${view.decision.override_reason}`);
    if (view.decision.effective_date !== null) out(`  new level from ${view.decision.effective_date}`);
  } else if (view.computed !== null) {
    out(`  computed outcome: ${view.computed.outcome} (awaiting leadership's confirmation)`);
  }
  if (decision !== null) {
    for (const c of decision.components)
      out(
        `    component ${c.id}: ${c.passes}/${c.passes + c.fails} pass — ${c.passed ? 'passed' : 'failed'}`,
      );
    for (const c of decision.criteria)
      out(
        `    criterion ${c.id}${c.gate ? ' (gate)' : ''}: median ${c.median} (needs ${c.required}) — ${c.passed ? 'met' : 'not met'}`,
      );
    for (const reason of decision.reasons) out(`    · ${reason}`);
  }
}

/** `ladder case …`: open a promotion case, seat its panel, enter scores, decide, show. */
export function registerCaseCommand(program: Command, ctx: CliContext): void {
  const command = program
    .command('case')
    .description('promotion cases: open, panel, score, decide, show, list, withdraw, note');
  const run = <T>(work: (deps: PromotionDeps) => Promise<T>) => withServices(ctx, work);
  const emit = (json: boolean | undefined, view: CaseView) => {
    if (json === true) writeLine(ctx.stdout, JSON.stringify(view, null, 2));
    else printCase(ctx, view);
  };

  command
    .command('open')
    .description("open a case for a builder's next level (needs eligible_for_case, or --override-reason)")
    .argument('<candidate>', "the builder's email")
    .option('--override-reason <text>', 'open although readiness says not eligible; kept on the case')
    .option(
      '--target <level>',
      'where the case leads when the level has several targets (default: the first)',
    )
    .option('--json', 'print the case as JSON')
    .action(
      async (candidate: string, options: { overrideReason?: string; target?: string; json?: boolean }) => {
        const view = await run((deps) =>
          openCase(deps, ctx.actor(), {
            candidate,
            override_reason: options.overrideReason,
            target_level: options.target,
          }),
        );
        emit(options.json, view);
      },
    );

  command
    .command('panel')
    .description('seat the panel: exactly the ladder size, L5+ or leadership, no mentor/mentee/candidate')
    .argument('<id>', 'case id')
    .argument('<panelists...>', 'panelist emails')
    .option('--json', 'print the case as JSON')
    .action(async (id: string, panelists: string[], options: { json?: boolean }) => {
      const view = await run((deps) => setPanel(deps, ctx.actor(), parseId(id), { panelists }));
      emit(options.json, view);
    });

  command
    .command('score')
    .description("enter a panelist's sheet from a JSON file (a draft, or final with --submit)")
    .argument('<id>', 'case id')
    .requiredOption('--panelist <email>', 'whose sheet this is')
    .requiredOption(
      '--file <sheet.json>',
      '{"components":[{"id","result":"pass|fail","notes"}],"criteria":[{"id","score":1-4,"notes"}],"summary"}',
    )
    .option('--submit', 'submit the sheet (complete, final)')
    .option('--base-version <n>', 'refuse if the sheet is no longer at this version (0: no sheet yet)')
    .action(
      async (
        id: string,
        options: { panelist: string; file: string; submit?: boolean; baseVersion?: string },
      ) => {
        const baseVersion = parseVersion(options.baseVersion, '--base-version');
        const sheet = await readSheet(options.file);
        const saved = await run((deps) =>
          saveSheet(
            deps,
            ctx.actor(),
            parseId(id),
            { ...sheet, panelist: options.panelist, base_version: baseVersion },
            { submit: options.submit === true },
          ),
        );
        writeLine(
          ctx.stdout,
          `case ${id}: sheet of ${saved.panelist} ${saved.submitted_at === null ? 'saved as draft' : 'submitted'} (version ${saved.version})`,
        );
      },
    );

  command
    .command('decide')
    .description(
      'confirm the computed outcome with a note, or override it (--outcome with --override-reason)',
    )
    .argument('<id>', 'case id')
    .requiredOption('--note <text>', "leadership's note")
    .option('--outcome <outcome>', `final outcome: ${CASE_OUTCOMES.join(' | ')} (default: the computed one)`)
    .option('--override-reason <text>', 'why the final outcome differs from the computed one')
    .option('--effective-date <YYYY-MM-DD>', 'when the new level starts (default: today)')
    .option(
      '--expected-version <n>',
      'refuse, listing what changed, if the case is no longer at this version',
    )
    .option('--json', 'print the case as JSON')
    .action(
      async (
        id: string,
        options: {
          note: string;
          outcome?: string;
          overrideReason?: string;
          effectiveDate?: string;
          expectedVersion?: string;
          json?: boolean;
        },
      ) => {
        const expectedVersion = parseVersion(options.expectedVersion, '--expected-version');
        if (
          options.outcome !== undefined &&
          !(CASE_OUTCOMES as readonly string[]).includes(options.outcome)
        ) {
          throw validationFailed(`--outcome: expected ${CASE_OUTCOMES.join(' or ')}, got ${options.outcome}`);
        }
        const view = await run((deps) =>
          decideCase(deps, ctx.actor(), parseId(id), {
            note: options.note,
            outcome: options.outcome as CaseOutcome | undefined,
            overrideReason: options.overrideReason,
            effective_date: options.effectiveDate,
            expected_version: expectedVersion,
          }),
        );
        emit(options.json, view);
      },
    );

  command
    .command('show')
    .description('show a case: panel, submitted sheets, computed or recorded decision, override')
    .argument('<id>', 'case id')
    .option('--json', 'print the case as JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      emit(options.json, await run((deps) => getCase(deps, ctx.actor(), parseId(id))));
    });

  command
    .command('list')
    .description('list promotion cases, newest first')
    .option('--candidate <email>', 'only this candidate')
    .action(async (options: { candidate?: string }) => {
      const cases = await run((deps) =>
        listPromotionCases(
          deps,
          ctx.actor(),
          options.candidate === undefined ? {} : { candidate: options.candidate },
        ),
      );
      for (const c of cases) {
        writeLine(
          ctx.stdout,
          `${c.id}\t${c.candidate}\t${c.from_level} → ${c.target_level}\t${c.status}\t${c.outcome ?? ''}\t${c.opened_on}`,
        );
      }
    });

  command
    .command('withdraw')
    .description('withdraw an undecided case')
    .argument('<id>', 'case id')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, options: { reason: string }) => {
      const view = await run((deps) =>
        withdrawCase(deps, ctx.actor(), parseId(id), { reason: options.reason }),
      );
      writeLine(ctx.stdout, `case ${view.id}: ${view.status}`);
    });

  command
    .command('note')
    .description('add a note to a case (or to one portfolio record with --evidence)')
    .argument('<id>', 'case id')
    .argument('<text>', 'the note')
    .option('--evidence <id>', 'the ledger record the note is about')
    .action(async (id: string, text: string, options: { evidence?: string }) => {
      const note = await run((deps) =>
        addCaseNote(deps, ctx.actor(), parseId(id), { text, evidence_id: options.evidence }),
      );
      writeLine(ctx.stdout, `note ${note.id} added to case ${id}`);
    });
}
