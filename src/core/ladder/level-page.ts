import {
  type Cadence,
  type LadderDocument,
  type LevelDefinition,
  type PromotionDefinition,
  type TypicalMonths,
} from './ladder.schema.js';
import {
  equivalentLevels,
  findExpectation,
  findLevel,
  findTrackOfLevel,
  levelLabel,
  promotionTargets,
  resolveFrom,
} from './ladder-lookup.js';
import { pointsSection } from './points-page.js';
import type { EvidenceKind } from './rule-kinds.js';

/**
 * A level as a page: the sections of the published ladder page, in its order, built once from the
 * file so the Markdown and HTML renderings cannot drift apart.
 */
export interface ListItem {
  /** Bold lead-in ("Scope surgery"); the text follows after a dash. */
  label?: string;
  text?: string;
  /** A marker such as "gate" shown beside the item. */
  badge?: string;
  children?: ListItem[];
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: ListItem[]; checklist?: boolean }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'subheading'; text: string };

export interface PageSection {
  id: string;
  heading: string;
  blocks: Block[];
}

export interface LevelPage {
  ladderName: string;
  trackName: string;
  /** The track's own description, when the ladder gives one. */
  trackDescription?: string;
  version: string;
  versionLabel: string;
  title: string;
  tagline?: string;
  intro: string[];
  notice?: string;
  sections: PageSection[];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-02-01" → "February 2026", the way the published page dates itself. */
export function monthLabel(isoDate: string): string {
  const [year, month] = isoDate.split('-');
  return `${MONTHS[Number(month) - 1] ?? month} ${year}`;
}

/** The cadence as people write it ("bi-weekly"). */
export function cadenceWord(cadence: Cadence): string {
  return cadence === 'biweekly' ? 'bi-weekly' : 'weekly';
}

/**
 * How a level reference written in `from`'s fields is shown: the level's label, else its id (the
 * reference as written when it names no level).
 */
export function refLabel(doc: LadderDocument, ref: string, from?: LevelDefinition): string {
  const level = from === undefined ? findLevel(doc, ref) : resolveFrom(doc, from, ref);
  return level === undefined ? ref : levelLabel(level);
}

/** "L1–L2" for consecutive levels of one track, else "L1, L3" (labels where the ladder gives them). */
export function levelRange(doc: LadderDocument, ids: readonly string[], from?: LevelDefinition): string {
  if (ids.length === 0) return 'none';
  const names = ids.map((id) => refLabel(doc, id, from));
  if (ids.length === 1) return names[0] ?? '';
  const track = findTrackOfLevel(doc, ids[0] ?? '');
  const positions = ids.map((id) => (track === undefined ? -1 : (levelPosition(doc, track.id, id) ?? -1)));
  const consecutive = positions.every((p, i) => p >= 0 && (i === 0 || p === (positions[i - 1] ?? -2) + 1));
  return consecutive ? `${names[0]}–${names[names.length - 1]}` : names.join(', ');
}

/** A reference's position in `trackId`'s list (a qualified reference only when it names that track). */
function levelPosition(doc: LadderDocument, trackId: string, ref: string): number | undefined {
  const slash = ref.indexOf('/');
  if (slash >= 0 && ref.slice(0, slash) !== trackId) return undefined;
  const index = doc.tracks.find((t) => t.id === trackId)?.levels.indexOf(ref.slice(slash + 1));
  return index === undefined || index < 0 ? undefined : index;
}

/**
 * The heading of a level: "L4 — Senior Product Builder" (its label in place of the id when it has one),
 * or the name alone when the title is the id.
 */
export function levelHeading(level: LevelDefinition): string {
  const name = levelLabel(level);
  return level.title === level.id || level.title === name ? name : `${name} — ${level.title}`;
}

/** Where a promotion from `level` leads, in words: "IC3" or "IC3 or M1" (labels where given). */
export function targetsLabel(
  doc: LadderDocument,
  level: LevelDefinition,
  promotion: PromotionDefinition,
): string {
  return promotionTargets(promotion)
    .map((ref) => refLabel(doc, ref, level))
    .join(' or ');
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The sentences of the "Mentorship at this level" section, from the file's numbers. */
export function mentorshipItems(doc: LadderDocument, level: LevelDefinition): ListItem[] {
  const mentorship = level.mentorship;
  if (mentorship === undefined) return [];
  const items: ListItem[] = [];
  const org = doc.organisation === undefined ? 'leadership' : `${doc.organisation} leadership`;
  const receives = mentorship.receives;
  if (receives !== undefined) {
    const who =
      receives.mentor_levels.length > 0
        ? `${receives.mentor_levels.map((ref) => refLabel(doc, ref, level)).join(' or ')} mentor${receives.leadership ? ` (or ${org})` : ''}`
        : receives.leadership
          ? capitalise(org)
          : 'No mentor';
    const text = [`${who}, ${cadenceWord(receives.checkin_cadence)} check-ins.`, receives.focus]
      .filter(Boolean)
      .join(' ');
    items.push({ label: 'You receive', text });
  }
  const gives = mentorship.gives;
  if (gives !== undefined) {
    const slots = `${plural(gives.slots, 'mentee slot')} (${levelRange(doc, gives.mentee_levels, level)}).`;
    const cadence = `${capitalise(cadenceWord(gives.checkin_cadence))} check-ins.`;
    items.push({ label: 'You give', text: [slots, cadence, gives.focus].filter(Boolean).join(' ') });
    if (gives.referral !== undefined) {
      items.push({
        label: 'Referral cut',
        text: `${gives.referral.percent}% of mentee’s monthly rate for ${gives.referral.months} months after placement.`,
      });
    }
  }
  for (const note of mentorship.notes ?? []) items.push({ label: note.name, text: note.description });
  return items;
}

/** What reaching `target` unlocks: its own list, then the slots, referral terms and billing tier it carries. */
export function unlockItems(doc: LadderDocument, target: LevelDefinition): ListItem[] {
  const items: ListItem[] = (target.unlocks ?? []).map((text) => splitLabel(text));
  const gives = target.mentorship?.gives;
  if (gives !== undefined && gives.slots > 0) {
    items.push({
      text: `${plural(gives.slots, 'mentee slot')} (${levelRange(doc, gives.mentee_levels, target)})`,
    });
  }
  if (gives?.referral !== undefined) {
    items.push({ text: `Referral cut: ${gives.referral.percent}% for ${gives.referral.months} months` });
  }
  if (target.billing_tier !== undefined) items.push({ text: `${target.billing_tier} billing rate` });
  return items;
}

function splitLabel(text: string): ListItem {
  const at = text.indexOf(' — ');
  return at < 0 ? { text } : { label: text.slice(0, at), text: text.slice(at + 3) };
}

/**
 * A level's expectations grouped by the ladder's competency categories, in the ladder's order (not the
 * level's): each category the level says something of, then each area with its examples beneath it.
 */
export function competencyBlocks(doc: LadderDocument, level: LevelDefinition): Block[] {
  if (level.expectations === undefined) return [];
  return (doc.competency_categories ?? []).flatMap((category): Block[] => {
    const items: ListItem[] = category.areas.flatMap((area) => {
      const expectation = findExpectation(level, area.id);
      if (expectation === undefined) return [];
      return [
        {
          label: area.name,
          text: expectation.text,
          ...(expectation.examples === undefined
            ? {}
            : { children: expectation.examples.map((example) => ({ text: example })) }),
        },
      ];
    });
    return items.length === 0
      ? []
      : [
          { kind: 'subheading', text: category.name },
          { kind: 'list', items },
        ];
  });
}

/** True when a promotion says anything its page section can show: requirements, time, a judgment, a choice. */
function definesPromotionPage(promotion: PromotionDefinition): boolean {
  return (
    promotion.requirements !== undefined ||
    promotion.min_months_at_level !== undefined ||
    promotion.typical_months_at_level !== undefined ||
    promotion.decided_by === 'judgment' ||
    promotion.weighs !== undefined ||
    promotionTargets(promotion).length > 1
  );
}

/**
 * The plain words of a promotion by judgment: who decides, and that nothing is a checklist. `to` names
 * the target(s) as shown ("IC3 or M1"); the target's id when not given.
 */
export function judgmentSentence(promotion: PromotionDefinition, to = promotion.target_level): string {
  return (
    `Promotion to ${to} is decided by a panel’s judgment, not by a checklist: ` +
    'what the panel weighs is listed below, and none of it is counted as met or missing.'
  );
}

/** "24 months" or "18–30 months". */
export function typicalMonthsLabel(typical: TypicalMonths): string {
  if (typeof typical === 'number') return plural(typical, 'month');
  return typical.from === typical.to ? plural(typical.from, 'month') : `${typical.from}–${typical.to} months`;
}

/** Minimum and typical time in level, only when the ladder gives a typical time (advice, never a gap). */
function timeAtLevelBlocks(level: LevelDefinition, promotion: PromotionDefinition): Block[] {
  const typical = promotion.typical_months_at_level;
  if (typical === undefined) return [];
  const items: ListItem[] = [];
  const min = promotion.min_months_at_level;
  items.push({
    label: 'Minimum',
    text: min === undefined || min === 0 ? 'none' : `${plural(min, 'month')} at ${levelLabel(level)}`,
  });
  items.push({
    label: 'Typical',
    text: `${typicalMonthsLabel(typical)} at ${levelLabel(level)} (advice: how long people usually stay, never a requirement)`,
  });
  return [
    { kind: 'subheading', text: 'Time at This Level' },
    { kind: 'list', items },
  ];
}

/** How an evidence kind reads in a sentence, in the plural ("code reviews"). */
export const EVIDENCE_KIND_WORDS: Record<EvidenceKind, string> = {
  decision: 'decisions',
  feature: 'features',
  retro: 'retros',
  adr: 'ADRs',
  code_review: 'code reviews',
  review_citation: 'review citations',
  mentee_review: 'mentee reviews',
  checkin: 'check-ins',
  client_feedback: 'client feedback',
  escalation: 'escalations',
  curriculum: 'curriculum records',
  self_evaluation: 'self-evaluations',
  milestone_assessment: 'milestone assessments',
};

/** What a panel weighs in the promotion's own words, each with the evidence kinds that speak to it. */
function weighedBlocks(promotion: PromotionDefinition): Block[] {
  if (promotion.weighs === undefined) return [];
  const items = promotion.weighs.map((item): ListItem => {
    const kinds = (item.evidence ?? []).map((kind) => EVIDENCE_KIND_WORDS[kind]);
    const evidence = kinds.length === 0 ? undefined : `Evidence: ${kinds.join(', ')}.`;
    const text = [item.description === undefined ? undefined : endSentence(item.description), evidence]
      .filter((part) => part !== undefined)
      .join(' ');
    return { label: item.name, ...(text === '' ? {} : { text }) };
  });
  return [
    { kind: 'subheading', text: 'What the Panel Weighs' },
    { kind: 'list', items },
  ];
}

const endSentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`);

/** "M1 — Team Lead (Manager track)": a level of another track as a list item. */
function levelWithTrack(doc: LadderDocument, level: LevelDefinition): ListItem {
  const track = doc.tracks.find((t) => t.id === level.track)?.name ?? level.track;
  return { label: levelHeading(level), text: `${track} track` };
}

/** With several targets, the choice in words: each target with its title and track. */
function targetChoiceBlocks(
  doc: LadderDocument,
  level: LevelDefinition,
  promotion: PromotionDefinition,
): Block[] {
  const refs = promotionTargets(promotion);
  if (refs.length < 2) return [];
  const items = refs.map((ref): ListItem => {
    const target = resolveFrom(doc, level, ref);
    return target === undefined ? { text: ref } : levelWithTrack(doc, target);
  });
  return [
    {
      kind: 'paragraph',
      text: `${levelLabel(level)} leads to one of ${refs.length} levels; the first is the usual next step:`,
    },
    { kind: 'list', items },
  ];
}

/** Builds the page of one level. Sections the organisation has not written are left out. */
export function buildLevelPage(doc: LadderDocument, level: LevelDefinition): LevelPage {
  const track = doc.tracks.find((t) => t.id === level.track);
  const sections: PageSection[] = [];
  const described = (items: { name: string; description?: string | undefined }[]): ListItem[] =>
    items.map((item) => ({
      label: item.name,
      ...(item.description === undefined ? {} : { text: item.description }),
    }));

  if (level.what_you_do !== undefined) {
    sections.push({
      id: 'what-you-do',
      heading: 'What You Do',
      blocks: [{ kind: 'list', items: described(level.what_you_do) }],
    });
  }
  if (level.ai_skills !== undefined) {
    sections.push({
      id: 'ai-skills',
      heading: 'AI Skills Required',
      blocks: [{ kind: 'list', items: described(level.ai_skills) }],
    });
  }
  const competencies = competencyBlocks(doc, level);
  if (competencies.length > 0) {
    sections.push({ id: 'competencies', heading: 'Competencies', blocks: competencies });
  }
  const points = pointsSection(doc, level);
  if (points !== undefined) sections.push(points);
  if (level.self_evaluation !== undefined) {
    sections.push({
      id: 'self-evaluation',
      heading: 'Self-Evaluation Checklist',
      blocks: [
        { kind: 'list', checklist: true, items: level.self_evaluation.map((item) => ({ text: item.text })) },
      ],
    });
  }
  if (level.curriculum !== undefined) {
    sections.push({
      id: 'curriculum',
      heading: 'Training Curriculum',
      blocks: level.curriculum.flatMap((phase): Block[] => [
        { kind: 'subheading', text: `Month ${phase.months.from}–${phase.months.to}: ${phase.name}` },
        { kind: 'list', items: described(phase.modules) },
      ]),
    });
  }
  if (level.ranking_standard !== undefined) {
    sections.push({
      id: 'ranking-standard',
      heading: 'Ranking Standard',
      blocks: [
        {
          kind: 'table',
          head: ['Metric', 'Threshold', 'How It’s Measured'],
          rows: level.ranking_standard.map((m) => [m.name, m.threshold, m.measured_by]),
        },
      ],
    });
  }
  const promotion = level.promotion;
  if (promotion !== undefined && definesPromotionPage(promotion)) {
    const components = described(promotion.assessment ?? []);
    const requirements: ListItem[] = (promotion.requirements ?? []).map((req) =>
      req.rule.kind === 'assessment' && components.length > 0
        ? { text: `${req.name}:`, children: components }
        : { text: req.name },
    );
    if (promotion.requirements === undefined && promotion.min_months_at_level !== undefined) {
      requirements.push({
        text: `Minimum ${promotion.min_months_at_level} months at ${levelLabel(level)}`,
      });
    }
    // A ladder written before judgments existed keeps its section exactly (the shipped file's goldens).
    const listed = promotion.requirements !== undefined || promotion.min_months_at_level !== undefined;
    const to = targetsLabel(doc, level, promotion);
    sections.push({
      id: 'promotion',
      heading: `Promotion to ${to}`,
      blocks: [
        ...targetChoiceBlocks(doc, level, promotion),
        ...(promotion.decided_by === 'judgment'
          ? [{ kind: 'paragraph', text: judgmentSentence(promotion, to) } satisfies Block]
          : []),
        ...(listed || requirements.length > 0
          ? [
              { kind: 'subheading', text: 'Requirements' } satisfies Block,
              { kind: 'list', items: requirements } satisfies Block,
            ]
          : []),
        ...timeAtLevelBlocks(level, promotion),
        ...weighedBlocks(promotion),
      ],
    });
  }
  if (promotion?.panel !== undefined) {
    const decision = promotion.panel.decision;
    sections.push({
      id: 'panel',
      heading: 'What the Panel Looks For',
      blocks: [
        {
          kind: 'list',
          items: promotion.panel.criteria.map((c) => ({
            label: c.name,
            text: c.description,
            ...(c.gate === true ? { badge: 'gate' } : {}),
          })),
        },
        {
          kind: 'paragraph',
          text:
            `A panel of ${promotion.panel.size} (${refLabel(doc, promotion.panel.eligibility.min_level, level)} and above` +
            `${promotion.panel.eligibility.leadership ? ', or leadership' : ''}). Each assessment component passes by ` +
            `${decision.component_pass} of the panel; the gate criterion needs a median score of at least ${decision.gate_median_min}, ` +
            `the others at least ${decision.other_median_min}.`,
        },
      ],
    });
  }
  const mentorship = mentorshipItems(doc, level);
  if (mentorship.length > 0) {
    sections.push({
      id: 'mentorship',
      heading: 'Mentorship at This Level',
      blocks: [{ kind: 'list', items: mentorship }],
    });
  }
  const equivalents = equivalentLevels(doc, level);
  if (equivalents.length > 0) {
    sections.push({
      id: 'equivalents',
      heading: 'Equivalent Levels',
      blocks: [
        {
          kind: 'paragraph',
          text: 'Levels of other tracks that stand level with this one (a move between them is not a promotion):',
        },
        { kind: 'list', items: equivalents.map((other) => levelWithTrack(doc, other)) },
      ],
    });
  }
  // Each target's unlocks: one section for a single target, as the shipped page has.
  const targets = (promotion === undefined ? [] : promotionTargets(promotion)).flatMap((ref) => {
    const found = resolveFrom(doc, level, ref);
    return found === undefined ? [] : [found];
  });
  targets.forEach((target, index) => {
    const unlocks = unlockItems(doc, target);
    if (unlocks.length === 0) return;
    sections.push({
      id: index === 0 ? 'unlocks' : `unlocks-${index + 1}`,
      heading: `What Unlocks at ${levelLabel(target)}`,
      blocks: [{ kind: 'list', items: unlocks }],
    });
  });
  if (level.status === 'not_written') {
    // What the ladder already says of this level (from other levels' pages) is still worth showing.
    const known: ListItem[] = [];
    if (level.billing_tier !== undefined) known.push({ label: 'Billing tier', text: level.billing_tier });
    // The organisation's own words (unlocks) say panel service and bridges better than generated lines.
    if (level.unlocks === undefined) {
      if (level.panel_eligible === true)
        known.push({ label: 'Evaluation panel', text: 'may serve on promotion panels' });
      for (const bridge of level.bridges_to ?? []) {
        known.push({
          label: 'Bridge',
          text: `to the ${doc.tracks.find((t) => t.id === bridge)?.name ?? bridge} track`,
        });
      }
    }
    for (const unlock of level.unlocks ?? []) known.push(splitLabel(unlock));
    // Other pages still say who mentors this level and where it leads.
    const mentors = doc.levels.filter(
      (other) => other.mentorship?.gives?.mentee_levels.includes(level.id) === true,
    );
    if (mentors.length > 0) {
      known.push({
        label: 'Mentored by',
        text: mentors
          .map(
            (m) =>
              `${levelLabel(m)} (${cadenceWord(m.mentorship?.gives?.checkin_cadence ?? 'weekly')} check-ins)`,
          )
          .join(', '),
      });
    }
    if (promotion !== undefined)
      known.push({ label: 'Next level', text: targetsLabel(doc, level, promotion) });
    if (known.length > 0)
      sections.push({
        id: 'known',
        heading: 'What the Ladder Says So Far',
        blocks: [{ kind: 'list', items: known }],
      });
  }

  return {
    ladderName: doc.name,
    trackName: track?.name ?? level.track,
    ...(track?.description === undefined ? {} : { trackDescription: track.description }),
    version: doc.version,
    versionLabel: monthLabel(doc.version),
    title: levelHeading(level),
    ...(level.tagline === undefined ? {} : { tagline: level.tagline }),
    intro: level.summary ?? [],
    ...(level.status === 'not_written'
      ? {
          notice:
            'The organisation has not written this level’s page yet. What follows is only what other levels say of it.',
        }
      : {}),
    sections,
  };
}
