import { validationFailed } from '../errors.js';
import type { PanelPromotion } from './promotion-rules.js';
import { scoreScale } from './promotion-rules.js';

export const COMPONENT_RESULTS = ['pass', 'fail'] as const;
export type ComponentResultValue = (typeof COMPONENT_RESULTS)[number];

/** One panelist's sheet: every assessment component passed or failed, every criterion on the scale. */
export interface ScoreSheet {
  components: { id: string; result: ComponentResultValue; notes?: string | undefined }[];
  criteria: { id: string; score: number; notes?: string | undefined }[];
  /** Overall written feedback for the candidate. */
  summary?: string | undefined;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Checks a sheet against the ladder's components, criteria and scale. A draft may leave entries out; a
 * submitted sheet (`complete`) must have every component and criterion. Throws `validation_failed` naming
 * every bad field; returns the sheet in the ladder's order with trimmed notes.
 */
export function validateScoreSheet(
  promotion: PanelPromotion,
  sheet: ScoreSheet,
  options: { complete: boolean },
): ScoreSheet {
  const problems: FieldProblem[] = [];
  const scale = scoreScale(promotion.panel);
  const componentIds = promotion.assessment.map((c) => c.id);
  const criterionIds = promotion.panel.criteria.map((c) => c.id);

  const seenComponents = new Set<string>();
  sheet.components.forEach((entry, index) => {
    const field = `components[${index}]`;
    if (!componentIds.includes(entry.id))
      problems.push({
        field: `${field}.id`,
        message: `unknown component ${entry.id}; expected one of ${componentIds.join(', ')}`,
      });
    else if (seenComponents.has(entry.id))
      problems.push({ field: `${field}.id`, message: `component ${entry.id} appears twice` });
    seenComponents.add(entry.id);
    if (!(COMPONENT_RESULTS as readonly string[]).includes(entry.result))
      problems.push({ field: `${field}.result`, message: 'expected pass or fail' });
  });

  const seenCriteria = new Set<string>();
  const anchors = Object.entries(scale.anchors)
    .map(([score, anchor]) => `${score} ${anchor}`)
    .join(', ');
  sheet.criteria.forEach((entry, index) => {
    const field = `criteria[${index}]`;
    if (!criterionIds.includes(entry.id))
      problems.push({
        field: `${field}.id`,
        message: `unknown criterion ${entry.id}; expected one of ${criterionIds.join(', ')}`,
      });
    else if (seenCriteria.has(entry.id))
      problems.push({ field: `${field}.id`, message: `criterion ${entry.id} appears twice` });
    seenCriteria.add(entry.id);
    if (!Number.isInteger(entry.score) || entry.score < scale.min || entry.score > scale.max) {
      problems.push({
        field: `${field}.score`,
        message: `expected a whole score ${scale.min}–${scale.max}${anchors === '' ? '' : ` (${anchors})`}, got ${String(entry.score)}`,
      });
    }
  });

  if (options.complete) {
    for (const id of componentIds)
      if (!seenComponents.has(id)) problems.push({ field: 'components', message: `missing component ${id}` });
    for (const id of criterionIds)
      if (!seenCriteria.has(id)) problems.push({ field: 'criteria', message: `missing criterion ${id}` });
  }

  if (problems.length > 0) {
    const first = problems[0];
    throw validationFailed(
      first === undefined ? 'invalid score sheet' : `${first.field}: ${first.message}`,
      problems,
    );
  }

  const clean = (notes: string | undefined): string | undefined => {
    const trimmed = notes?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  };
  const byOrder = <T extends { id: string }>(entries: T[], order: string[]): T[] =>
    [...entries].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return {
    components: byOrder(sheet.components, componentIds).map((c) => ({
      id: c.id,
      result: c.result,
      notes: clean(c.notes),
    })),
    criteria: byOrder(sheet.criteria, criterionIds).map((c) => ({
      id: c.id,
      score: c.score,
      notes: clean(c.notes),
    })),
    summary: clean(sheet.summary),
  };
}
