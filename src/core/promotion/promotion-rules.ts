import { DomainError } from '../errors.js';
import type { LadderDocument, PromotionDefinition } from '../ladder/ladder.schema.js';
import { findLevel } from '../ladder/ladder-lookup.js';

export type PanelDefinition = NonNullable<PromotionDefinition['panel']>;

/** A promotion the ladder runs through a panel: the level it leaves, where it leads, and its panel. */
export interface PanelPromotion {
  fromLevel: string;
  targetLevel: string;
  minMonthsAtLevel: number | undefined;
  assessment: { id: string; name: string; description?: string | undefined }[];
  panel: PanelDefinition;
}

/** The scoring scale of a panel: the file's, or the seed's 1–4 with its anchors when the file is silent. */
export interface ScoreScale {
  min: number;
  max: number;
  anchors: Record<string, string>;
}

const DEFAULT_SCALE: ScoreScale = {
  min: 1,
  max: 4,
  anchors: { '1': 'not yet', '2': 'emerging', '3': 'solid', '4': 'exemplary' },
};

/**
 * The panel promotion out of `fromLevel`, or `case_not_eligible` when the ladder gives that level no
 * promotion decided by a panel (L1–L3 in the shipped ladder: their pages are not written yet).
 */
export function panelPromotionFrom(doc: LadderDocument, fromLevel: string): PanelPromotion {
  const level = findLevel(doc, fromLevel);
  if (level === undefined)
    throw new DomainError('case_not_eligible', `The ladder ${doc.ladder} has no level ${fromLevel}`);
  const promotion = level.promotion;
  if (promotion?.panel === undefined) {
    throw new DomainError(
      'case_not_eligible',
      `The ladder ${doc.ladder} (${doc.version}) defines no promotion panel for ${fromLevel}`,
    );
  }
  return {
    fromLevel,
    targetLevel: promotion.target_level,
    minMonthsAtLevel: promotion.min_months_at_level,
    assessment: promotion.assessment ?? [],
    panel: promotion.panel,
  };
}

/** The scale the panel scores criteria on. */
export function scoreScale(panel: PanelDefinition): ScoreScale {
  if (panel.scale === undefined) return DEFAULT_SCALE;
  return { min: panel.scale.min, max: panel.scale.max, anchors: panel.scale.anchors ?? {} };
}
