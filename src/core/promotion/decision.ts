import { validationFailed } from '../errors.js';
import type { CaseOutcome } from './case-state.js';
import type { PanelPromotion } from './promotion-rules.js';
import type { ScoreSheet } from './score-sheet.js';

export interface ComponentTally {
  id: string;
  name: string;
  passes: number;
  fails: number;
  passed: boolean;
}

export interface CriterionTally {
  id: string;
  name: string;
  gate: boolean;
  scores: number[];
  median: number;
  /** The median the ladder requires for this criterion (gate or other). */
  required: number;
  passed: boolean;
}

/** What the rule in the ladder file makes of the submitted sheets, with a sentence per failed part. */
export interface ComputedDecision {
  outcome: CaseOutcome;
  components: ComponentTally[];
  criteria: CriterionTally[];
  reasons: string[];
}

/** The median; for an even count, the mean of the two middle values (so 2 and 3 give 2.5). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/**
 * Applies the ladder's decision rule to complete, submitted sheets: each component passes by majority
 * (strictly more than half: 1–1 on a panel of two is not a majority) or unanimity; the gate criterion
 * needs its median ≥ gate_median_min and every other criterion ≥ other_median_min. Promoted only when
 * everything passes.
 */
export function computeDecision(promotion: PanelPromotion, sheets: readonly ScoreSheet[]): ComputedDecision {
  if (sheets.length === 0) throw validationFailed('No submitted score sheets to decide on');
  const rule = promotion.panel.decision;
  const n = sheets.length;
  const reasons: string[] = [];

  const components = promotion.assessment.map((component): ComponentTally => {
    const results = sheets.map((sheet) => {
      const entry = sheet.components.find((c) => c.id === component.id);
      if (entry === undefined) throw validationFailed(`A submitted sheet lacks component ${component.id}`);
      return entry.result;
    });
    const passes = results.filter((r) => r === 'pass').length;
    const passed = rule.component_pass === 'unanimous' ? passes === n : passes * 2 > n;
    if (!passed) {
      const needed = rule.component_pass === 'unanimous' ? 'every panelist' : 'a majority';
      reasons.push(`${component.name}: ${passes} of ${n} panelists passed it; ${needed} must`);
    }
    return { id: component.id, name: component.name, passes, fails: n - passes, passed };
  });

  const criteria = promotion.panel.criteria.map((criterion): CriterionTally => {
    const scores = sheets.map((sheet) => {
      const entry = sheet.criteria.find((c) => c.id === criterion.id);
      if (entry === undefined) throw validationFailed(`A submitted sheet lacks criterion ${criterion.id}`);
      return entry.score;
    });
    const gate = criterion.gate === true;
    const required = gate ? rule.gate_median_min : rule.other_median_min;
    const value = median(scores);
    const passed = value >= required;
    if (!passed) {
      const label = gate ? `${criterion.name} (the gate)` : criterion.name;
      reasons.push(`${label}: median ${value} is below ${required}`);
    }
    return { id: criterion.id, name: criterion.name, gate, scores, median: value, required, passed };
  });

  const outcome: CaseOutcome = reasons.length === 0 ? 'promoted' : 'not_yet';
  if (outcome === 'promoted') {
    reasons.push(
      `Every component passed and every criterion met its median (gate ≥ ${rule.gate_median_min}, others ≥ ${rule.other_median_min})`,
    );
  }
  return { outcome, components, criteria, reasons };
}

/** Leadership's confirmation of a computed outcome, or an override of it. */
export interface DecisionInput {
  /** The final outcome; omitted means "confirm what was computed". */
  outcome?: CaseOutcome | undefined;
  note: string;
  overrideReason?: string | undefined;
}

export interface ResolvedDecision {
  computedOutcome: CaseOutcome;
  outcome: CaseOutcome;
  overridden: boolean;
  note: string;
  overrideReason: string | null;
}

/**
 * Turns leadership's answer into the recorded decision. A note is always required (the confirmation says
 * why); a final outcome that differs from the computed one is an override and needs its own reason, which
 * the case keeps forever. A reason without an override is refused so the record never claims one.
 */
export function resolveDecision(computed: ComputedDecision, input: DecisionInput): ResolvedDecision {
  const problems: { field: string; message: string }[] = [];
  const note = input.note.trim();
  if (note === '') problems.push({ field: 'note', message: 'leadership confirms a decision with a note' });
  const outcome = input.outcome ?? computed.outcome;
  const overridden = outcome !== computed.outcome;
  const reason = input.overrideReason?.trim() ?? '';
  if (overridden && reason === '') {
    problems.push({
      field: 'override_reason',
      message: `overriding the computed outcome (${computed.outcome}) with ${outcome} needs a reason`,
    });
  }
  if (!overridden && reason !== '') {
    problems.push({
      field: 'override_reason',
      message: `the outcome ${outcome} is the computed one; there is nothing to override`,
    });
  }
  const first = problems[0];
  if (first !== undefined) throw validationFailed(`${first.field}: ${first.message}`, problems);
  return {
    computedOutcome: computed.outcome,
    outcome,
    overridden,
    note,
    overrideReason: overridden ? reason : null,
  };
}
