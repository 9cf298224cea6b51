import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ladderProblems, positionOf, validLadder } from '../../../test/helpers/ladder-text.js';
import { resolveChoicePath } from './choices.js';
import { renderLevel } from './render-level.js';

const root = path.resolve(import.meta.dirname, '../../..');
const shippedText = readFileSync(path.join(root, 'ladders/ai-first-business-manager.yaml'), 'utf8');
const seed = readFileSync(path.join(root, 'test/fixtures/seed/l4-senior-product-builder.txt'), 'utf8');
const golden = path.join(root, 'test/fixtures/ladders/rendered/ai-first-business-manager');

/**
 * Every number, yes/no and cadence of the shipped L4 and L5 that the software reads, each either quoted
 * from the seed (the sentence that states it) or listed in the file's `choices`. A new number in the
 * file fails here until someone says where it comes from.
 */
const FROM_THE_SEED: Record<string, string> = {
  'levels[L4].ranking_standard[product-decisions-adopted].rule.min': '3+ scope changes or feature proposals',
  'levels[L4].ranking_standard[feature-instrumentation].rule.min_percent':
    '100% of shipped features have analytics',
  'levels[L4].ranking_standard[data-driven-kills].rule.min': '1+ feature descoped/killed based on data',
  'levels[L4].ranking_standard[code-review-impact].rule.min': 'Reviews cited as helpful by 2+ team members',
  'levels[L4].ranking_standard[client-trust].rule.max_escalations':
    'Direct stakeholder communication without escalation',
  'levels[L4].curriculum[product-instinct].months.from': 'Month 1–6',
  'levels[L4].curriculum[product-instinct].months.to': 'Month 1–6',
  'levels[L4].curriculum[technical-leadership].months.from': 'Month 7–12',
  'levels[L4].curriculum[technical-leadership].months.to': 'Month 7–12',
  'levels[L4].curriculum[product-leadership].months.from': 'Month 13–18',
  'levels[L4].curriculum[product-leadership].months.to': 'Month 13–18',
  'levels[L4].promotion.min_months_at_level': 'Minimum 18 months at L4',
  'levels[L4].promotion.requirements[mentee-advanced].rule.min':
    'At least 1 mentee advanced to the next level',
  'levels[L4].promotion.panel.criteria[multiplication-instinct].gate': 'This is the L5 gate.',
  'levels[L4].mentorship.receives.leadership': 'L5 mentor (or Worca leadership)',
  'levels[L4].mentorship.receives.checkin_cadence': 'bi-weekly check-ins',
  'levels[L4].mentorship.gives.slots': '1 mentee slot (L1–L2)',
  'levels[L4].mentorship.gives.checkin_cadence': 'Weekly check-ins. Code review focus',
  'levels[L4].mentorship.gives.referral.percent': 'Referral cut: 3% of mentee’s monthly rate for 6 months',
  'levels[L4].mentorship.gives.referral.months': 'Referral cut: 3% of mentee’s monthly rate for 6 months',
  'levels[L5].mentorship.gives.slots': '2 mentee slots (L1–L3)',
  'levels[L5].mentorship.gives.referral.percent': 'Referral cut: 4% for 9 months',
  'levels[L5].mentorship.gives.referral.months': 'Referral cut: 4% for 9 months',
  'levels[L5].panel_eligible': 'Evaluation panel service — you decide who levels up',
};

/** The paths of every number, true/false and cadence under a level, items named by their id. */
function leaves(value: unknown, at: string): string[] {
  if (typeof value === 'number' || typeof value === 'boolean') return [at];
  if (Array.isArray(value))
    return value.flatMap((item, i) => {
      const id = item !== null && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      return leaves(item, `${at}[${typeof id === 'string' ? id : i}]`);
    });
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, inner]) =>
      key === 'checkin_cadence' ? [`${at}.${key}`] : leaves(inner, `${at}.${key}`),
    );
  return [];
}

describe('the shipped ladder’s own choices', () => {
  const doc = validLadder(shippedText);
  const choices = (doc.choices ?? []).map((c) => c.path);

  it('says of every number it reads whether the seed states it (quoted) or the organisation chose it', () => {
    for (const [at, sentence] of Object.entries(FROM_THE_SEED)) expect(seed, at).toContain(sentence);
    const unexplained = doc.levels
      .filter((level) => level.id === 'L4' || level.id === 'L5')
      .flatMap((level) => leaves(level, `levels[${level.id}]`))
      .filter((at) => !(at in FROM_THE_SEED) && !choices.some((c) => at === c || at.startsWith(`${c}.`)));
    expect(unexplained).toEqual([]);
  });

  it('marks what the seed is silent on: panel size and scale, medians, check-in windows, L5’s cadence', () => {
    expect(choices).toEqual(
      expect.arrayContaining([
        'levels[L4].promotion.panel.size',
        'levels[L4].promotion.panel.scale',
        'levels[L4].promotion.panel.decision',
        'levels[L4].ranking_standard[mentee-progress].rule.checkin_within_days',
        'levels[L5].mentorship.gives.checkin_cadence',
      ]),
    );
    // None of them is what the seed already states.
    for (const choice of choices) expect(Object.keys(FROM_THE_SEED)).not.toContain(choice);
  });

  it('lists the choices on the L4 page only when asked, with each value and why (md)', () => {
    const md = renderLevel(doc, 'L4', 'md', { choices: true })!;
    expect(md.startsWith(readFileSync(path.join(golden, 'L4.md.golden'), 'utf8'))).toBe(true);
    const section = md.slice(md.indexOf('## The Organisation’s Own Choices'));
    expect(section).toContain(
      'The page this ladder was written from does not state these; the organisation chose them. Every other number on this page comes from that page.',
    );
    expect(section).toContain(
      '- **promotion.panel.size: 3** — The seed is silent on panel size; 3 gives a majority and a median without ties on a component.',
    );
    expect(section).toContain(
      '- **promotion.panel.decision: component_pass: majority, gate_median_min: 3, other_median_min: 2.5** —',
    );
    expect(section).toContain(
      '- **promotion.panel.scale: min: 1, max: 4, anchors: { 1: not yet, 2: emerging, 3: solid, 4: exemplary }** —',
    );
    // L5's cadence is not on L4's page (its unlocks are), so it is not listed there.
    expect(section).not.toContain('checkin_cadence');
    expect(renderLevel(doc, 'L4', 'md')).toBe(readFileSync(path.join(golden, 'L4.md.golden'), 'utf8'));
  });

  it('lists another level’s choice where the page shows it: L5’s cadence on L1 (“Mentored by”), marked with its level', () => {
    const html = renderLevel(doc, 'L1', 'html', { choices: true })!;
    expect(html).toContain(
      '<section id="choices"><h2>The Organisation’s Own Choices</h2><p>The page this ladder was written from does not state these;',
    );
    expect(html).toContain(
      '<li><strong>mentorship.gives.checkin_cadence: weekly</strong> <span class="badge">on L5</span> — The seed gives L5&#39;s slots (L1–L3) but not its cadence; weekly, as L4 mentors.</li>',
    );
    expect(html.match(/<li>/g)?.length).toBe(3); // Mentored by, Next level, the one choice
  });

  it('says every number is the source’s on a page with no choice', () => {
    const plain = validLadder(shippedText.replace(/\nchoices:\n(?: {2}.*\n)+/, '\n'));
    const md = renderLevel(plain, 'L4', 'md', { choices: true })!;
    expect(
      md.endsWith(
        '## The Organisation’s Own Choices\n\nEvery number on this page comes from the page this ladder was written from.\n',
      ),
    ).toBe(true);
  });
});

describe('validation of choices', () => {
  const withChoices = (lines: string[]): string =>
    shippedText.replace(/\nchoices:\n(?: {2}.*\n)+/, `\nchoices:\n${lines.join('\n')}\n`);

  it.each([
    [
      'a field the object does not have',
      'levels[L4].promotion.panel.sise',
      'choices[0].path: no field sise in levels[L4].promotion.panel (fields: size, eligibility, reveal_panelists, criteria, scale, decision)',
    ],
    [
      'a level the ladder does not have',
      'levels[L9].title',
      'choices[0].path: no item "L9" in levels (ids: L1, L2, L3, L4, L5)',
    ],
    [
      'an item id where the field is not a list',
      'levels[L4].promotion[panel]',
      'choices[0].path: levels[L4].promotion is not a list: [panel] names a list item',
    ],
    [
      'a field the level leaves out',
      'levels[L1].mentorship.gives.slots',
      'choices[0].path: no field mentorship in levels[L1] (fields: id, track, title, status, promotion)',
    ],
    [
      'a path that is not one',
      'levels.L4 panel size',
      'choices[0].path: expected a path such as levels[L4].promotion.panel.size (fields by name, list items [by id])',
    ],
  ])('refuses %s', (_what, choicePath, message) => {
    const source = withChoices([`  - path: ${choicePath}`, '    why: Because.']);
    expect(ladderProblems(source)).toEqual([`${positionOf(source, choicePath)}: ${message}`]);
  });

  it('refuses a path twice, one inside another, and an empty why, in one pass', () => {
    const source = withChoices([
      '  - path: levels[L4].promotion.panel.size',
      '    why: Three.',
      '  - path: levels[L4].promotion.panel.size',
      '    why: Again.',
      '  - path: levels[L4].promotion.panel',
      '    why: The whole panel.',
      '  - path: levels[L4].promotion.panel.decision.gate_median_min',
      '    why: ""',
    ]);
    const second = source.indexOf('Three.');
    expect(ladderProblems(source)).toEqual([
      `${positionOf(source, 'levels[L4].promotion.panel.size', second)}: choices[1].path: duplicate choice "levels[L4].promotion.panel.size" (first at index 0)`,
      `${positionOf(source, 'levels[L4].promotion.panel\n')}: choices[2].path: holds the choice "levels[L4].promotion.panel.size" (at index 0): one of them is enough`,
      `${positionOf(source, 'levels[L4].promotion.panel.decision')}: choices[3].path: already inside the choice "levels[L4].promotion.panel" (at index 2): one of them is enough`,
      `${positionOf(source, '""')}: choices[3].why: expected non-empty text`,
    ]);
  });

  it('finds a level by track/id and a list item by its index too', () => {
    const doc = validLadder(shippedText);
    expect(resolveChoicePath(doc, 'levels[ai-first-business-manager/L4].promotion.panel.size')).toMatchObject(
      {
        ok: true,
        value: 3,
      },
    );
    expect(resolveChoicePath(doc, 'levels[3].ranking_standard[0].rule.min')).toMatchObject({
      ok: true,
      value: 3,
    });
  });
});
