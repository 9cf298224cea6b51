import { DomainError, validationFailed } from '../errors.js';
import type { LadderDocument, LevelDefinition, PromotionDefinition } from '../ladder/ladder.schema.js';
import { findLevel, levelKey, levelLabel, promotionTargets, resolveFrom } from '../ladder/ladder-lookup.js';

export type PanelDefinition = NonNullable<PromotionDefinition['panel']>;

/** A promotion the ladder runs through a panel: the level it leaves, where it leads, and its panel. */
export interface PanelPromotion {
  fromLevel: string;
  /** The chosen target as a case stores it: its id, or `track/id` where tracks share the id (`levelKey`). */
  targetLevel: string;
  /** The chosen target's bare id and track, as the roster stores a builder's level. */
  targetId: string;
  targetTrack: string;
  /** Every target of the promotion (as `targetLevel` names them), the usual next step first. */
  targets: string[];
  /** How the two levels are shown to people: their labels, else their ids (ADR 0020). */
  fromLabel: string;
  targetLabel: string;
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

/** Which level a case is about and where it leads, when the ladder's ids alone do not say. */
export interface PromotionChoice {
  /** The builder's track: picks their level where tracks share the level id (the roster's pair). */
  track?: string | undefined;
  /** One of the level's targets (bare or `track/level`); the usual next step (the first) when absent. */
  target?: string | undefined;
}

/**
 * The panel promotion out of `fromLevel` to the chosen target, or `case_not_eligible` when the ladder
 * gives that level no promotion decided by a panel (L1–L3 in the shipped ladder: their pages are not
 * written yet). A target the level does not lead to is `validation_failed` naming the ones it does.
 */
export function panelPromotionFrom(
  doc: LadderDocument,
  fromLevel: string,
  choice: PromotionChoice = {},
): PanelPromotion {
  const level = levelOfCase(doc, fromLevel, choice);
  if (level === undefined)
    throw new DomainError('case_not_eligible', `The ladder ${doc.ladder} has no level ${fromLevel}`);
  const promotion = level.promotion;
  if (promotion?.panel === undefined) {
    throw new DomainError(
      'case_not_eligible',
      `The ladder ${doc.ladder} (${doc.version}) defines no promotion panel for ${fromLevel}`,
    );
  }
  const targets = resolvedTargets(doc, level, promotion);
  const chosen =
    choice.target === undefined
      ? targets[0]
      : targets.find((target) => target === resolveFrom(doc, level, choice.target ?? ''));
  if (chosen === undefined) {
    const names = targets.map((target) => `${levelKey(doc, target)} (${levelLabel(target)})`);
    const message = `${fromLevel} leads to ${names.join(' or ')}, not ${choice.target ?? '?'}`;
    throw validationFailed(`target_level: ${message}`, [{ field: 'target_level', message }]);
  }
  return {
    fromLevel,
    targetLevel: levelKey(doc, chosen),
    targetId: chosen.id,
    targetTrack: chosen.track,
    targets: targets.map((target) => levelKey(doc, target)),
    fromLabel: levelLabel(level),
    targetLabel: levelLabel(chosen),
    minMonthsAtLevel: promotion.min_months_at_level,
    assessment: promotion.assessment ?? [],
    panel: promotion.panel,
  };
}

/** The promotion's targets as levels (the validator made every reference resolve from its level). */
function resolvedTargets(
  doc: LadderDocument,
  level: LevelDefinition,
  promotion: PromotionDefinition,
): LevelDefinition[] {
  return promotionTargets(promotion).flatMap((ref) => resolveFrom(doc, level, ref) ?? []);
}

/**
 * The level a case leaves: the builder's track and id where the track is known; else the one level of
 * that id, or where tracks share it the one whose promotion leads to the case's target (a stored case
 * keeps the bare id and its target, not the track).
 */
function levelOfCase(
  doc: LadderDocument,
  fromLevel: string,
  choice: PromotionChoice,
): LevelDefinition | undefined {
  if (choice.track !== undefined) {
    const own = doc.levels.find((level) => level.track === choice.track && level.id === fromLevel);
    if (own !== undefined) return own;
  }
  const single = findLevel(doc, fromLevel);
  if (single !== undefined || choice.target === undefined) return single;
  const target = findLevel(doc, choice.target);
  return doc.levels.find(
    (level) =>
      level.id === fromLevel &&
      level.promotion !== undefined &&
      target !== undefined &&
      resolvedTargets(doc, level, level.promotion).includes(target),
  );
}

/** The scale the panel scores criteria on. */
export function scoreScale(panel: PanelDefinition): ScoreScale {
  if (panel.scale === undefined) return DEFAULT_SCALE;
  return { min: panel.scale.min, max: panel.scale.max, anchors: panel.scale.anchors ?? {} };
}
