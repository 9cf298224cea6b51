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
import { choicesOnLevel, choiceValueText } from './choices.js';
import { monthYearLabel, pageText, type PageText } from './ladder-locale.js';
import { pointsSection } from './points-page.js';
import type { EvidenceKind } from './rule-kinds.js';
import {
  contentName,
  DEFAULT_SECTION_FIELDS,
  type LevelSectionField,
  type SectionContent,
  type SectionKind,
} from './sections.schema.js';

const EN = pageText('en');

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
  /** The page's language (`lang`), from the ladder's `locale`. */
  lang: string;
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
  /** The label of the notice ("Not written yet."), in the page's language. */
  noticeLabel: string;
  /** "version 2026-02-01", in the page's language. */
  versionText: string;
  sections: PageSection[];
}

/** What a page shows beyond the level itself. */
export interface LevelPageOptions {
  /** Adds a section listing the organisation's own choices on this level (the file's `choices`). */
  choices?: boolean;
}

/** "2026-02-01" → "February 2026", the way the published page dates itself (in the ladder's language). */
export function monthLabel(isoDate: string, t: PageText = EN): string {
  return monthYearLabel(isoDate, t.lang === 'en' ? 'en' : (t.lang as 'fr'));
}

/** The cadence as people write it ("bi-weekly"). */
export function cadenceWord(cadence: Cadence, t: PageText = EN): string {
  return t.cadence[cadence];
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
export function levelRange(
  doc: LadderDocument,
  ids: readonly string[],
  from?: LevelDefinition,
  t: PageText = EN,
): string {
  if (ids.length === 0) return t.none;
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
  t: PageText = EN,
): string {
  return promotionTargets(promotion)
    .map((ref) => refLabel(doc, ref, level))
    .join(t.or);
}

/** The sentences of the "Mentorship at this level" section, from the file's numbers. */
export function mentorshipItems(doc: LadderDocument, level: LevelDefinition, t: PageText = EN): ListItem[] {
  const mentorship = level.mentorship;
  if (mentorship === undefined) return [];
  const items: ListItem[] = [];
  const org = t.orgLeadership(doc.organisation);
  const receives = mentorship.receives;
  if (receives !== undefined) {
    const who =
      receives.mentor_levels.length > 0
        ? t.mentorWho(
            receives.mentor_levels.map((ref) => refLabel(doc, ref, level)).join(t.or),
            receives.leadership ? org : undefined,
          )
        : receives.leadership
          ? t.leadershipOnly(org)
          : t.noMentor;
    const text = [t.receivesLine(who, cadenceWord(receives.checkin_cadence, t)), receives.focus]
      .filter(Boolean)
      .join(' ');
    items.push({ label: t.youReceive, text });
  }
  const gives = mentorship.gives;
  if (gives !== undefined) {
    const slots = `${t.slots(gives.slots, levelRange(doc, gives.mentee_levels, level, t))}.`;
    const cadence = t.mentorCheckins(cadenceWord(gives.checkin_cadence, t));
    items.push({ label: t.youGive, text: [slots, cadence, gives.focus].filter(Boolean).join(' ') });
    if (gives.referral !== undefined) {
      items.push({
        label: t.referralCut,
        text: t.referralLine(gives.referral.percent, gives.referral.months),
      });
    }
  }
  for (const note of mentorship.notes ?? []) items.push({ label: note.name, text: note.description });
  return items;
}

/** What reaching `target` unlocks: its own list, then the slots, referral terms and billing tier it carries. */
export function unlockItems(doc: LadderDocument, target: LevelDefinition, t: PageText = EN): ListItem[] {
  const items: ListItem[] = (target.unlocks ?? []).map((text) => splitLabel(text));
  const gives = target.mentorship?.gives;
  if (gives !== undefined && gives.slots > 0) {
    items.push({ text: t.slots(gives.slots, levelRange(doc, gives.mentee_levels, target, t)) });
  }
  if (gives?.referral !== undefined) {
    items.push({ text: t.unlockReferral(gives.referral.percent, gives.referral.months) });
  }
  if (target.billing_tier !== undefined) items.push({ text: t.billingRate(target.billing_tier) });
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
export function judgmentSentence(
  promotion: PromotionDefinition,
  to = promotion.target_level,
  t: PageText = EN,
): string {
  return t.judgment(to);
}

/** "24 months" or "18–30 months". */
export function typicalMonthsLabel(typical: TypicalMonths, t: PageText = EN): string {
  if (typeof typical === 'number') return t.months(typical);
  return typical.from === typical.to ? t.months(typical.from) : t.monthsRange(typical.from, typical.to);
}

/** Minimum and typical time in level, only when the ladder gives a typical time (advice, never a gap). */
function timeAtLevelBlocks(level: LevelDefinition, promotion: PromotionDefinition, t: PageText): Block[] {
  const typical = promotion.typical_months_at_level;
  if (typical === undefined) return [];
  const items: ListItem[] = [];
  const min = promotion.min_months_at_level;
  items.push({
    label: t.minimum,
    text: min === undefined || min === 0 ? t.none : t.monthsAt(t.months(min), levelLabel(level)),
  });
  items.push({
    label: t.typical,
    text: t.typicalAdvice(typicalMonthsLabel(typical, t), levelLabel(level)),
  });
  return [
    { kind: 'subheading', text: t.timeAtLevel },
    { kind: 'list', items },
  ];
}

/** How an evidence kind reads in a sentence, in the plural ("code reviews"). */
export const EVIDENCE_KIND_WORDS: Record<EvidenceKind, string> = EN.evidenceKinds;

/** What a panel weighs in the promotion's own words, each with the evidence kinds that speak to it. */
function weighedBlocks(promotion: PromotionDefinition, t: PageText): Block[] {
  if (promotion.weighs === undefined) return [];
  const items = promotion.weighs.map((item): ListItem => {
    const kinds = (item.evidence ?? []).map((kind) => t.evidenceKinds[kind]);
    const evidence = kinds.length === 0 ? undefined : t.evidence(kinds.join(', '));
    const text = [item.description === undefined ? undefined : endSentence(item.description), evidence]
      .filter((part) => part !== undefined)
      .join(' ');
    return { label: item.name, ...(text === '' ? {} : { text }) };
  });
  return [
    { kind: 'subheading', text: t.panelWeighs },
    { kind: 'list', items },
  ];
}

const endSentence = (text: string): string => (/[.!?…]$/.test(text) ? text : `${text}.`);

/** "M1 — Team Lead (Manager track)": a level of another track as a list item. */
function levelWithTrack(doc: LadderDocument, level: LevelDefinition, t: PageText): ListItem {
  const track = doc.tracks.find((candidate) => candidate.id === level.track)?.name ?? level.track;
  return { label: levelHeading(level), text: t.trackOf(track) };
}

/** With several targets, the choice in words: each target with its title and track. */
function targetChoiceBlocks(
  doc: LadderDocument,
  level: LevelDefinition,
  promotion: PromotionDefinition,
  t: PageText,
): Block[] {
  const refs = promotionTargets(promotion);
  if (refs.length < 2) return [];
  const items = refs.map((ref): ListItem => {
    const target = resolveFrom(doc, level, ref);
    return target === undefined ? { text: ref } : levelWithTrack(doc, target, t);
  });
  return [
    {
      kind: 'paragraph',
      text: t.leadsToOneOf(levelLabel(level), refs.length),
    },
    { kind: 'list', items },
  ];
}

type Described = { name: string; description?: string | undefined };

const described = (items: readonly Described[]): ListItem[] =>
  items.map((item) => ({
    label: item.name,
    ...(item.description === undefined ? {} : { text: item.description }),
  }));

/** A section's blocks from a level field; none when the level does not define it (no empty heading). */
function fieldBlocks(
  doc: LadderDocument,
  level: LevelDefinition,
  field: LevelSectionField,
  kind: SectionKind,
  t: PageText,
): Block[] {
  const checklist = kind === 'checklist';
  switch (field) {
    case 'what_you_do':
    case 'ai_skills': {
      const items = level[field];
      if (items === undefined || items.length === 0) return [];
      return [{ kind: 'list', items: described(items), ...(checklist ? { checklist } : {}) }];
    }
    case 'self_evaluation': {
      const items = level.self_evaluation;
      if (items === undefined || items.length === 0) return [];
      return [
        {
          kind: 'list',
          items: items.map((item) => ({ text: item.text })),
          ...(checklist ? { checklist } : {}),
        },
      ];
    }
    case 'expectations':
      return competencyBlocks(doc, level);
    case 'curriculum':
      return (level.curriculum ?? []).flatMap((phase): Block[] => [
        { kind: 'subheading', text: t.monthRange(phase.months.from, phase.months.to, phase.name) },
        { kind: 'list', items: described(phase.modules) },
      ]);
    case 'ranking_standard': {
      const metrics = level.ranking_standard;
      if (metrics === undefined || metrics.length === 0) return [];
      return [
        {
          kind: 'table',
          head: [...t.tableHead],
          rows: metrics.map((m) => [m.name, m.threshold, m.measured_by]),
        },
      ];
    }
  }
}

/** A section's blocks from the level's own `content.<name>`, in the shape its kind reads. */
function contentBlocks(content: SectionContent | undefined, kind: SectionKind): Block[] {
  if (content === undefined) return [];
  if (!Array.isArray(content)) return [{ kind: 'table', head: content.head, rows: content.rows }];
  if (kind === 'prose')
    return content.map((item): Block => ({
      kind: 'paragraph',
      text: typeof item === 'string' ? item : [item.name, item.description].filter(Boolean).join(' — '),
    }));
  const items = content.map((item): ListItem =>
    typeof item === 'string' ? { text: item } : described([item])[0]!,
  );
  return [{ kind: 'list', items, ...(kind === 'checklist' ? { checklist: true } : {}) }];
}

/**
 * The sections the ladder declares (or today's, when it declares none), each filled from its level field,
 * with the points section after the competencies (or after the last declared section).
 */
function declaredSections(doc: LadderDocument, level: LevelDefinition, t: PageText): PageSection[] {
  const defaults = DEFAULT_SECTION_FIELDS.map((section) => ({
    ...section,
    heading: t.headings[section.field],
  }));
  // A level field the declared sections leave out follows them under its default heading, never lost.
  const declared =
    doc.sections === undefined
      ? defaults
      : [...doc.sections, ...defaults.filter((d) => !doc.sections?.some((s) => s.field === d.field))];
  const sections: PageSection[] = [];
  const points = pointsSection(doc, level);
  let pointsPlaced = points === undefined;
  for (const section of declared) {
    const name = contentName(section.field);
    const blocks =
      name === undefined
        ? fieldBlocks(doc, level, section.field as LevelSectionField, section.kind, t)
        : contentBlocks(level.content?.[name], section.kind);
    if (blocks.length > 0) sections.push({ id: section.id, heading: section.heading, blocks });
    if (section.kind === 'competency_matrix' && points !== undefined) {
      sections.push(points);
      pointsPlaced = true;
    }
  }
  if (!pointsPlaced && points !== undefined) sections.push(points);
  return sections;
}

/**
 * The other levels whose fields this page shows, with those fields: a target's unlocks, slots, referral
 * terms and billing tier ("What Unlocks at L5"); a mentor's check-in cadence on a page not written yet.
 */
function levelsShownOn(
  doc: LadderDocument,
  level: LevelDefinition,
): { shown: LevelDefinition; fields: string[] }[] {
  const targets = (level.promotion === undefined ? [] : promotionTargets(level.promotion)).flatMap((ref) => {
    const found = resolveFrom(doc, level, ref);
    return found === undefined || found === level
      ? []
      : [
          {
            shown: found,
            fields: [
              'unlocks',
              'mentorship.gives.slots',
              'mentorship.gives.mentee_levels',
              'mentorship.gives.referral',
              'billing_tier',
            ],
          },
        ];
  });
  const mentors =
    level.status === 'not_written'
      ? doc.levels
          .filter(
            (other) => other !== level && other.mentorship?.gives?.mentee_levels.includes(level.id) === true,
          )
          .map((other) => ({ shown: other, fields: ['mentorship.gives.checkin_cadence'] }))
      : [];
  return [...targets, ...mentors];
}

/** Whether a choice's field (below its level) is, holds or lies inside one of `fields`. */
function touches(field: string, fields: readonly string[]): boolean {
  const within = (inner: string, outer: string): boolean =>
    inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return fields.some((shown) => within(field, shown) || within(shown, field));
}

/** One of the organisation's own choices a level's page shows, as text. */
export interface PageChoice {
  /** The field below its level (`promotion.panel.size`). */
  field: string;
  /** The chosen value as a line of text (`3`; a mapping inline). */
  value: string;
  why: string;
  /** Set when the choice is another level's shown on this page (a target's unlocks…): that level's label. */
  on_level?: string;
}

/**
 * The organisation's own choices a level's page shows: the level's own, then those of other levels whose
 * fields the page shows. The rendered page (`--choices`) and the web ladder page list exactly these.
 */
export function pageChoices(doc: LadderDocument, level: LevelDefinition): PageChoice[] {
  const own = choicesOnLevel(doc, doc.levels.indexOf(level)).map((choice) => ({ choice, on: undefined }));
  const others = levelsShownOn(doc, level).flatMap(({ shown, fields }) =>
    choicesOnLevel(doc, doc.levels.indexOf(shown))
      .filter((choice) => touches(choice.field, fields))
      .map((choice) => ({ choice, on: shown })),
  );
  return [...own, ...others].map(({ choice, on }) => ({
    field: choice.field,
    value: choiceValueText(choice.value),
    why: choice.why,
    ...(on === undefined ? {} : { on_level: levelLabel(on) }),
  }));
}

/** The organisation's own choices this page shows: the level's own, then those of other levels it shows. */
function choicesSection(doc: LadderDocument, level: LevelDefinition, t: PageText): PageSection {
  const items = pageChoices(doc, level).map((choice): ListItem => ({
    label: `${choice.field}: ${choice.value}`,
    ...(choice.on_level === undefined ? {} : { badge: t.onLevel(choice.on_level) }),
    text: choice.why,
  }));
  return {
    id: 'choices',
    heading: t.headings.choices,
    blocks:
      items.length === 0
        ? [{ kind: 'paragraph', text: t.choicesNone }]
        : [
            { kind: 'paragraph', text: t.choicesIntro },
            { kind: 'list', items },
          ],
  };
}

/** Builds the page of one level. Sections the organisation has not written are left out. */
export function buildLevelPage(
  doc: LadderDocument,
  level: LevelDefinition,
  options: LevelPageOptions = {},
): LevelPage {
  const t = pageText(doc.locale);
  const track = doc.tracks.find((candidate) => candidate.id === level.track);
  const sections: PageSection[] = declaredSections(doc, level, t);
  const promotion = level.promotion;
  if (promotion !== undefined && definesPromotionPage(promotion)) {
    const components = described(promotion.assessment ?? []);
    const requirements: ListItem[] = (promotion.requirements ?? []).map((req) =>
      req.rule.kind === 'assessment' && components.length > 0
        ? { text: t.withParts(req.name), children: components }
        : { text: req.name },
    );
    if (promotion.requirements === undefined && promotion.min_months_at_level !== undefined) {
      requirements.push({ text: t.minimumMonthsAt(promotion.min_months_at_level, levelLabel(level)) });
    }
    // A ladder written before judgments existed keeps its section exactly (the shipped file's goldens).
    const listed = promotion.requirements !== undefined || promotion.min_months_at_level !== undefined;
    const to = targetsLabel(doc, level, promotion, t);
    sections.push({
      id: 'promotion',
      heading: t.promotionTo(to),
      blocks: [
        ...targetChoiceBlocks(doc, level, promotion, t),
        ...(promotion.decided_by === 'judgment'
          ? [{ kind: 'paragraph', text: judgmentSentence(promotion, to, t) } satisfies Block]
          : []),
        ...(listed || requirements.length > 0
          ? [
              { kind: 'subheading', text: t.requirements } satisfies Block,
              { kind: 'list', items: requirements } satisfies Block,
            ]
          : []),
        ...timeAtLevelBlocks(level, promotion, t),
        ...weighedBlocks(promotion, t),
      ],
    });
  }
  if (promotion?.panel !== undefined) {
    const decision = promotion.panel.decision;
    sections.push({
      id: 'panel',
      heading: t.headings.panel,
      blocks: [
        {
          kind: 'list',
          items: promotion.panel.criteria.map((c) => ({
            label: c.name,
            text: c.description,
            ...(c.gate === true ? { badge: t.gate } : {}),
          })),
        },
        {
          kind: 'paragraph',
          text: t.panelSentence({
            size: promotion.panel.size,
            minLevel: refLabel(doc, promotion.panel.eligibility.min_level, level),
            leadership: promotion.panel.eligibility.leadership,
            componentPass: decision.component_pass,
            gate: decision.gate_median_min,
            other: decision.other_median_min,
          }),
        },
      ],
    });
  }
  const mentorship = mentorshipItems(doc, level, t);
  if (mentorship.length > 0) {
    sections.push({
      id: 'mentorship',
      heading: t.headings.mentorship,
      blocks: [{ kind: 'list', items: mentorship }],
    });
  }
  const equivalents = equivalentLevels(doc, level);
  if (equivalents.length > 0) {
    sections.push({
      id: 'equivalents',
      heading: t.headings.equivalents,
      blocks: [
        { kind: 'paragraph', text: t.equivalentsIntro },
        { kind: 'list', items: equivalents.map((other) => levelWithTrack(doc, other, t)) },
      ],
    });
  }
  // Each target's unlocks: one section for a single target, as the shipped page has.
  const targets = (promotion === undefined ? [] : promotionTargets(promotion)).flatMap((ref) => {
    const found = resolveFrom(doc, level, ref);
    return found === undefined ? [] : [found];
  });
  targets.forEach((target, index) => {
    const unlocks = unlockItems(doc, target, t);
    if (unlocks.length === 0) return;
    sections.push({
      id: index === 0 ? 'unlocks' : `unlocks-${index + 1}`,
      heading: t.unlocksAt(levelLabel(target)),
      blocks: [{ kind: 'list', items: unlocks }],
    });
  });
  if (level.status === 'not_written') {
    // What the ladder already says of this level (from other levels' pages) is still worth showing.
    const known: ListItem[] = [];
    if (level.billing_tier !== undefined) known.push({ label: t.billingTier, text: level.billing_tier });
    // The organisation's own words (unlocks) say panel service and bridges better than generated lines.
    if (level.unlocks === undefined) {
      if (level.panel_eligible === true) known.push({ label: t.evaluationPanel, text: t.maySitOnPanels });
      for (const bridge of level.bridges_to ?? []) {
        known.push({
          label: t.bridge,
          text: t.toTrack(doc.tracks.find((candidate) => candidate.id === bridge)?.name ?? bridge),
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
        label: t.mentoredBy,
        text: mentors
          .map((m) =>
            t.mentorOf(levelLabel(m), cadenceWord(m.mentorship?.gives?.checkin_cadence ?? 'weekly', t)),
          )
          .join(', '),
      });
    }
    if (promotion !== undefined)
      known.push({ label: t.nextLevel, text: targetsLabel(doc, level, promotion, t) });
    if (known.length > 0)
      sections.push({
        id: 'known',
        heading: t.headings.known,
        blocks: [{ kind: 'list', items: known }],
      });
  }
  if (options.choices === true) sections.push(choicesSection(doc, level, t));

  return {
    lang: t.lang,
    ladderName: doc.name,
    trackName: track?.name ?? level.track,
    ...(track?.description === undefined ? {} : { trackDescription: track.description }),
    version: doc.version,
    versionLabel: monthLabel(doc.version, t),
    versionText: t.version(doc.version),
    title: levelHeading(level),
    ...(level.tagline === undefined ? {} : { tagline: level.tagline }),
    intro: level.summary ?? [],
    ...(level.status === 'not_written' ? { notice: t.notice } : {}),
    noticeLabel: t.notWrittenYet,
    sections,
  };
}
