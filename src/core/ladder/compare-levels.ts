import type { LadderDocument, LevelDefinition } from './ladder.schema.js';
import { competencyAreas, equivalentLevels, findExpectation, levelLabel } from './ladder-lookup.js';
import {
  cadenceWord,
  levelHeading,
  levelRange,
  refLabel,
  targetsLabel,
  typicalMonthsLabel,
} from './level-page.js';
import { pointsComparisonRows } from './points-page.js';

/** One line of a side-by-side comparison of two levels. */
export interface ComparisonRow {
  section: string;
  aspect: string;
  left: string;
  right: string;
  changed: boolean;
}

const NONE = '—';

function yesNo(value: boolean | undefined): string {
  return value === true ? 'yes' : value === false ? 'no' : NONE;
}

function byName(
  left: { name: string }[] | undefined,
  right: { name: string }[] | undefined,
  section: string,
): ComparisonRow[] {
  const names = [...(left ?? []).map((i) => i.name), ...(right ?? []).map((i) => i.name)];
  return [...new Set(names)].map((name) => {
    const l = (left ?? []).some((i) => i.name === name) ? 'yes' : NONE;
    const r = (right ?? []).some((i) => i.name === name) ? 'yes' : NONE;
    return { section, aspect: name, left: l, right: r, changed: l !== r };
  });
}

/**
 * One row per competency area the ladder declares (in its order), section = the area's category: what
 * each level expects there, and a second row with the examples when either level gives some. Nothing for
 * a ladder without competencies, so such a ladder compares as it always did.
 */
export function compareCompetencies(
  doc: LadderDocument,
  left: LevelDefinition,
  right: LevelDefinition,
): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const { category, area } of competencyAreas(doc)) {
    const l = findExpectation(left, area.id);
    const r = findExpectation(right, area.id);
    const section = `competencies: ${category.name}`;
    const text = (e: typeof l) => e?.text ?? NONE;
    rows.push({ section, aspect: area.name, left: text(l), right: text(r), changed: text(l) !== text(r) });
    if (l?.examples === undefined && r?.examples === undefined) continue;
    const examples = (e: typeof l) => (e?.examples ?? []).join(' · ') || NONE;
    rows.push({
      section,
      aspect: `${area.name}: examples`,
      left: examples(l),
      right: examples(r),
      changed: examples(l) !== examples(r),
    });
  }
  return rows;
}

/** What changes from one level to another, section by section, with the file's own words and numbers. */
export function compareLevels(
  doc: LadderDocument,
  left: LevelDefinition,
  right: LevelDefinition,
): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  const add = (section: string, aspect: string, l: string, r: string) =>
    rows.push({ section, aspect, left: l, right: r, changed: l !== r });

  // Rows only a ladder with labels, several tracks or equivalences has (the shipped comparison stays).
  if (left.label !== undefined || right.label !== undefined)
    add('level', 'label', levelLabel(left), levelLabel(right));
  if (left.track !== right.track) {
    const trackName = (l: LevelDefinition) => doc.tracks.find((t) => t.id === l.track)?.name ?? l.track;
    add('level', 'track', trackName(left), trackName(right));
  }
  add('level', 'title', left.title, right.title);
  add('level', 'status', left.status, right.status);
  add('level', 'tagline', left.tagline ?? NONE, right.tagline ?? NONE);
  add('level', 'billing tier', left.billing_tier ?? NONE, right.billing_tier ?? NONE);
  add('level', 'panel eligible', yesNo(left.panel_eligible), yesNo(right.panel_eligible));
  const equivalents = (l: LevelDefinition) =>
    equivalentLevels(doc, l)
      .map(
        (other) =>
          `${levelHeading(other)} (${doc.tracks.find((t) => t.id === other.track)?.name ?? other.track})`,
      )
      .join('; ') || NONE;
  if (equivalents(left) !== NONE || equivalents(right) !== NONE)
    add('level', 'equivalent to', equivalents(left), equivalents(right));

  rows.push(...byName(left.what_you_do, right.what_you_do, 'what you do'));
  rows.push(...compareCompetencies(doc, left, right));
  rows.push(...byName(left.ai_skills, right.ai_skills, 'AI skills'));
  add(
    'self-evaluation',
    'checklist items',
    String(left.self_evaluation?.length ?? 0),
    String(right.self_evaluation?.length ?? 0),
  );
  const modules = (l: LevelDefinition) =>
    String((l.curriculum ?? []).reduce((n, p) => n + p.modules.length, 0));
  const phases = (l: LevelDefinition) =>
    (l.curriculum ?? []).map((p) => `${p.months.from}–${p.months.to} ${p.name}`).join('; ') || NONE;
  add('curriculum', 'phases', phases(left), phases(right));
  add('curriculum', 'modules', modules(left), modules(right));

  const metricIds = [
    ...new Set([...(left.ranking_standard ?? []), ...(right.ranking_standard ?? [])].map((m) => m.id)),
  ];
  for (const id of metricIds) {
    const l = left.ranking_standard?.find((m) => m.id === id);
    const r = right.ranking_standard?.find((m) => m.id === id);
    add('ranking standard', (l ?? r)?.name ?? id, l?.threshold ?? NONE, r?.threshold ?? NONE);
  }

  add(
    'promotion',
    'target level',
    left.promotion === undefined ? NONE : targetsLabel(doc, left, left.promotion),
    right.promotion === undefined ? NONE : targetsLabel(doc, right, right.promotion),
  );
  add(
    'promotion',
    'minimum months at level',
    String(left.promotion?.min_months_at_level ?? NONE),
    String(right.promotion?.min_months_at_level ?? NONE),
  );
  // Rows only a ladder with judgments or typical times has, so the shipped comparison stays as it was.
  const judged = (l: LevelDefinition) => l.promotion?.decided_by === 'judgment';
  if (judged(left) || judged(right)) {
    const basis = (l: LevelDefinition) =>
      l.promotion === undefined ? NONE : judged(l) ? 'panel’s judgment' : 'requirements';
    add('promotion', 'decided by', basis(left), basis(right));
  }
  const typical = (l: LevelDefinition) => {
    const months = l.promotion?.typical_months_at_level;
    return months === undefined ? NONE : typicalMonthsLabel(months);
  };
  if (typical(left) !== NONE || typical(right) !== NONE) {
    add('promotion', 'typical time at level', typical(left), typical(right));
  }
  const weighs = (l: LevelDefinition) => (l.promotion?.weighs ?? []).map((w) => w.name).join('; ') || NONE;
  if (weighs(left) !== NONE || weighs(right) !== NONE) {
    add('promotion', 'what the panel weighs', weighs(left), weighs(right));
  }
  add(
    'promotion',
    'assessment components',
    String(left.promotion?.assessment?.length ?? 0),
    String(right.promotion?.assessment?.length ?? 0),
  );
  const gate = (l: LevelDefinition) =>
    l.promotion?.panel?.criteria.find((c) => c.gate === true)?.name ?? NONE;
  add('promotion', 'panel gate', gate(left), gate(right));

  const gives = (l: LevelDefinition) => l.mentorship?.gives;
  const receives = (l: LevelDefinition) => l.mentorship?.receives;
  add('mentorship', 'mentee slots', String(gives(left)?.slots ?? 0), String(gives(right)?.slots ?? 0));
  const menteeLevels = (l: LevelDefinition) => {
    const g = gives(l);
    return g === undefined || g.mentee_levels.length === 0 ? NONE : levelRange(doc, g.mentee_levels, l);
  };
  add('mentorship', 'mentee levels', menteeLevels(left), menteeLevels(right));
  const referral = (l: LevelDefinition) => {
    const r = gives(l)?.referral;
    return r === undefined ? NONE : `${r.percent}% for ${r.months} months`;
  };
  add('mentorship', 'referral cut', referral(left), referral(right));
  const mentor = (l: LevelDefinition) => {
    const r = receives(l);
    if (r === undefined) return NONE;
    const mentors = r.mentor_levels.map((ref) => refLabel(doc, ref, l));
    const who = [...mentors, ...(r.leadership ? ['leadership'] : [])].join(' or ');
    return `${who}, ${cadenceWord(r.checkin_cadence)}`;
  };
  add('mentorship', 'receives', mentor(left), mentor(right));
  const unlocks = (l: LevelDefinition) => (l.unlocks ?? []).join('; ') || NONE;
  add('unlocks', 'unlocks', unlocks(left), unlocks(right));
  // Points and bands (ADR 0021): only a ladder with points has these rows.
  rows.push(...pointsComparisonRows(doc, left, right));
  return rows;
}

/** The comparison as a Markdown table, changed rows marked. */
export function formatComparison(
  left: LevelDefinition,
  right: LevelDefinition,
  rows: ComparisonRow[],
): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    `| section | aspect | ${cell(levelLabel(left))} | ${cell(levelLabel(right))} | |`,
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${cell(r.section)} | ${cell(r.aspect)} | ${cell(r.left)} | ${cell(r.right)} | ${r.changed ? '≠' : ''} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
