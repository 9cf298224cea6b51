import { CURRICULUM_STATUSES } from '../evidence/evidence.schema.js';
import type { LevelDefinition } from '../ladder/ladder.schema.js';
import { byTimeline, windowRecords, type EvaluationScope } from './ledger-scope.js';
import { monthRangeOf } from './tenure.js';

export type ModuleStatus = (typeof CURRICULUM_STATUSES)[number];

export interface ModuleProgress {
  id: string;
  name: string;
  status: ModuleStatus;
  /** Not done after the last day of its phase. */
  overdue: boolean;
  /** The curriculum record that gave the status (none: not started). */
  evidence: string[];
}

export interface PhaseProgress {
  id: string;
  name: string;
  months: { from: number; to: number };
  /** The phase's days, counted from the level start by anniversary. */
  starts_on: string;
  ends_on: string;
  modules: ModuleProgress[];
}

export interface CurriculumProgress {
  phases: PhaseProgress[];
  done: string[];
  in_progress: string[];
  overdue: string[];
}

/**
 * Curriculum progress at `at`: each module's status is its latest curriculum record in the window
 * (corrections applied); a module not done after its phase's month range (counted from the level start)
 * is overdue. A level without a curriculum has no phases.
 */
export function evaluateCurriculum(
  level: LevelDefinition | undefined,
  scope: EvaluationScope,
): CurriculumProgress {
  const latest = new Map<string, { status: ModuleStatus; id: string }>();
  for (const record of [...windowRecords(scope, 'curriculum')].sort(byTimeline)) {
    if (record.kind === 'curriculum') latest.set(record.module_id, { status: record.status, id: record.id });
  }
  const progress: CurriculumProgress = { phases: [], done: [], in_progress: [], overdue: [] };
  for (const phase of level?.curriculum ?? []) {
    const range = monthRangeOf(scope.levelSince, phase.months.from, phase.months.to);
    const modules = phase.modules.map((module): ModuleProgress => {
      const found = latest.get(module.id);
      const status = found?.status ?? 'not_started';
      const overdue = status !== 'done' && scope.at > range.ends_on;
      if (status === 'done') progress.done.push(module.id);
      if (status === 'in_progress') progress.in_progress.push(module.id);
      if (overdue) progress.overdue.push(module.id);
      return {
        id: module.id,
        name: module.name,
        status,
        overdue,
        evidence: found === undefined ? [] : [found.id],
      };
    });
    // A copy in the documented key order: a ladder read back from jsonb has its keys in jsonb's order
    // ({to, from}), and the readiness route sends the stored answer's text as is (issue 15).
    const months = { from: phase.months.from, to: phase.months.to };
    progress.phases.push({ id: phase.id, name: phase.name, months, ...range, modules });
  }
  return progress;
}
