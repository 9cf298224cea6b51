import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ladderProblems as problemsOf } from '../../../test/helpers/ladder-text.js';
import { formatProblem, validateLadderText } from './validate-ladder.js';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/ladders');
const base = readFileSync(path.join(fixtures, 'base.yaml'), 'utf8');
const invalidFiles = readdirSync(path.join(fixtures, 'invalid')).filter((f) => f.endsWith('.yaml'));

describe('malformed ladder files', () => {
  it('has at least 10 fixtures', () => {
    expect(invalidFiles.length).toBeGreaterThanOrEqual(10);
  });

  // Each fixture is the valid base with one defect; its `# expect:` lines are the exact problems.
  it.each(invalidFiles)('%s is rejected with the exact message and location', (name) => {
    const source = readFileSync(path.join(fixtures, 'invalid', name), 'utf8');
    const expected = source
      .split('\n')
      .filter((line) => line.startsWith('# expect: '))
      .map((line) => line.slice('# expect: '.length));
    expect(expected.length).toBeGreaterThan(0);
    expect(problemsOf(source)).toEqual(expected);
  });

  it('names the file in every problem', () => {
    const result = validateLadderText(base.replace('target_level: L2', 'target_level: L9'), 'ladders/x.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map(formatProblem)).toEqual([
        'ladders/x.yaml:14:21: levels[0].promotion.target_level: unknown level "L9" (levels: L1, L2)',
      ]);
      expect(result.problems[0]).toMatchObject({ file: 'ladders/x.yaml', line: 14, column: 21 });
    }
  });
});

describe('validation boundaries', () => {
  it('accepts the base fixture', () => {
    expect(problemsOf(base)).toEqual([]);
  });

  it('accepts a referral percent of 0 and 100, rejects just outside', () => {
    const withPercent = (p: string) => problemsOf(base.replace('percent: 3,', `percent: ${p},`));
    expect(withPercent('0')).toEqual([]);
    expect(withPercent('100')).toEqual([]);
    expect(withPercent('100.01')).toEqual([
      '55:30: levels[1].mentorship.gives.referral.percent: expected a percent between 0 and 100',
    ]);
    expect(withPercent('-0.5')).toEqual([
      '55:30: levels[1].mentorship.gives.referral.percent: expected a percent between 0 and 100',
    ]);
  });

  it('points a refused number of months at its value, once', () => {
    // The bound itself (≥ 0 or ≥ 1) is the schema's rule (ladder.schema.test.ts); here: one problem, placed.
    const withMonths = (m: string) =>
      problemsOf(base.replace('min_months_at_level: 12', `min_months_at_level: ${m}`));
    expect(withMonths('1')).toEqual([]);
    for (const bad of ['-1', '1.5', '"18"']) {
      expect(withMonths(bad)).toEqual([
        expect.stringMatching(/^15:28: levels\[0\]\.promotion\.min_months_at_level: expected /),
      ]);
    }
  });

  it('refuses a promotion to the same or a lower level', () => {
    const doc = base.replace('target_level: L2', 'target_level: L1');
    expect(problemsOf(doc)).toEqual(['14:21: levels[0].promotion.target_level: expected a level above L1']);
  });

  it('refuses a mentee level equal to the mentor level', () => {
    expect(problemsOf(base.replace('mentee_levels: [L1]', 'mentee_levels: [L2]'))).toEqual([
      '53:25: levels[1].mentorship.gives.mentee_levels[0]: expected a level below L2',
    ]);
  });

  it('refuses a median threshold outside the scoring scale', () => {
    const doc = base.replace(
      'decision: { component_pass: majority, gate_median_min: 3, other_median_min: 2.5 }',
      'scale: { min: 1, max: 4 }\n        decision: { component_pass: majority, gate_median_min: 5, other_median_min: 2.5 }',
    );
    expect(problemsOf(doc)).toEqual([
      '36:64: levels[0].promotion.panel.decision.gate_median_min: expected a score within the scale 1–4',
    ]);
  });

  it('refuses a curriculum whose phases overlap, accepts adjacent phases', () => {
    const curriculum = (secondFrom: number) =>
      base.replace(
        '    ranking_standard:',
        [
          '    curriculum:',
          '      - { id: a, name: A, months: { from: 1, to: 6 }, modules: [{ id: m1, name: M1 }] }',
          `      - { id: b, name: B, months: { from: ${secondFrom}, to: 12 }, modules: [{ id: m2, name: M2 }] }`,
          '    ranking_standard:',
        ].join('\n'),
      );
    expect(problemsOf(curriculum(7))).toEqual([]);
    expect(problemsOf(curriculum(6))).toEqual([
      '38:43: levels[0].curriculum[1].months.from: expected a month after the previous phase ends (month 6)',
    ]);
  });

  it('refuses a module id used twice across phases', () => {
    const doc = base.replace(
      '    ranking_standard:',
      [
        '    curriculum:',
        '      - { id: a, name: A, months: { from: 1, to: 6 }, modules: [{ id: m1, name: M1 }] }',
        '      - { id: b, name: B, months: { from: 7, to: 12 }, modules: [{ id: m1, name: M1 again }] }',
        '    ranking_standard:',
      ].join('\n'),
    );
    expect(problemsOf(doc)).toEqual([
      '38:72: levels[0].curriculum[1].modules[0].id: duplicate module id "m1" (first at index 0)',
    ]);
  });

  it('points a missing required field at the object that lacks it', () => {
    expect(problemsOf(base.replace('        threshold: 2+ adopted\n', ''))).toEqual([
      '37:9: levels[0].ranking_standard[0].threshold: required',
    ]);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(problemsOf('')).toEqual(['1:1: expected a mapping (key: value)']);
    expect(problemsOf('- just\n- a list\n')).toEqual(['1:1: expected a mapping (key: value)']);
  });
});

/** The base fixture with each `[find, replace]` applied once (a missing `find` fails the test). */
function edited(...edits: [string, string][]): string {
  let source = base;
  for (const [find, replacement] of edits) {
    expect(source, `the base fixture has ${JSON.stringify(find)}`).toContain(find);
    source = source.replace(find, replacement);
  }
  return source;
}

const L2_SECTIONS = '    status: not_written\n    mentorship:';

describe('every problem in one pass', () => {
  it('reports five different mistakes at once, at their positions, sorted by position', () => {
    const source = edited(
      ['version: 2026-02-01', 'version: 2026-02-30'],
      ['    status: not_written\n    promotion:', '    status: draft\n    promotion:'],
      ['target_level: L2', 'target_level: L9'],
      ['- id: care', '- id: craft'],
      ['checkin_cadence: weekly', 'checkin_cadence: daily'],
    );
    expect(problemsOf(source)).toEqual([
      '3:10: version: expected a real calendar date YYYY-MM-DD',
      '12:13: levels[0].status: expected one of: written, not_written',
      '14:21: levels[0].promotion.target_level: unknown level "L9" (levels: L1, L2)',
      '32:17: levels[0].promotion.panel.criteria[1].id: duplicate criterion id "craft" (first at index 0)',
      '54:26: levels[1].mentorship.gives.checkin_cadence: expected weekly or biweekly',
    ]);
  });

  it('checks across the document next to a schema problem in the same level', () => {
    expect(
      problemsOf(edited(['    title: Junior', '    title: ""'], ['min_level: L2', 'min_level: L7'])),
    ).toEqual([
      '10:12: levels[0].title: expected non-empty text',
      '25:35: levels[0].promotion.panel.eligibility.min_level: unknown level "L7" (levels: L1, L2)',
    ]);
  });

  it('does not call a level unknown because the schema refused another of its fields', () => {
    // L2's title is refused, so L2 is left out of the checks, but L1's promotion to L2 still knows it.
    expect(problemsOf(edited(['    title: Senior\n', '    title: [Senior]\n']))).toEqual([
      '47:12: levels[1].title: expected text',
    ]);
  });

  it('draws no conclusion from a field the schema refused', () => {
    // The refused gate might have been `true`: no "found none" on top of the real problem.
    expect(problemsOf(edited(['            gate: true', '            gate: yes please']))).toEqual([
      '31:19: levels[0].promotion.panel.criteria[0].gate: expected true or false',
    ]);
    // A refused number of months is not a missing one: no "a tenure requirement needs …".
    expect(problemsOf(edited(['min_months_at_level: 12', 'min_months_at_level: twelve']))).toEqual([
      expect.stringMatching(/^15:28: levels\[0\]\.promotion\.min_months_at_level: expected /),
    ]);
  });

  it("names a refused mapping key at the key, and a value of none of a union's forms by the forms", () => {
    const source = edited(
      [
        '        decision:',
        '        scale: { min: 1, max: 4, anchors: { A: great, "2": "" } }\n        decision:',
      ],
      ['where: { client_response: [adopted] }', 'where: { client_response: [{ a: 1 }], Bad: [x] }'],
    );
    expect(problemsOf(source)).toEqual([
      '35:45: levels[0].promotion.panel.scale.anchors.A: field name "A": expected a score as the key',
      '35:60: levels[0].promotion.panel.scale.anchors.2: expected non-empty text',
      '45:38: levels[0].ranking_standard[0].rule.where.client_response[0]: expected text, a number or true or false',
      '45:49: levels[0].ranking_standard[0].rule.where.Bad: field name "Bad": expected a snake_case field name',
    ]);
    expect(problemsOf(source).join('\n')).not.toMatch(/Invalid|Too (small|big)|Unrecognized/);
  });

  it('continues past a duplicate key, and stops at syntax it cannot read', () => {
    expect(
      problemsOf(
        edited(
          ['name: Tiny ladder\n', 'name: Tiny ladder\nname: Again\n'],
          ['target_level: L2', 'target_level: L9'],
        ),
      ),
    ).toEqual([
      '3:1: duplicate field "name": a mapping sets each field once',
      '15:21: levels[0].promotion.target_level: unknown level "L9" (levels: L1, L2)',
    ]);
    expect(problemsOf(edited(['target_level: L2', 'target_level: "L2'], ['min: 2', 'min: 0']))).toEqual([
      // The parser finds the quote unclosed where the file ends; nothing after a broken syntax is checked.
      '56:1: YAML syntax: missing closing "quote',
    ]);
  });

  it('says a tab, a second document and a bad escape in our words', () => {
    expect(problemsOf('ladder: tiny\n\tname: x\n')).toEqual([
      '2:1: a tab in the indentation: YAML indents with spaces only',
    ]);
    expect(problemsOf(`${base}---\nladder: other\n`)).toEqual([
      '56:1: a second document (---): a ladder file holds one document',
    ]);
    expect(problemsOf(edited(['name: Tiny ladder', 'name: "Tiny \\q ladder"']))).toEqual([
      '2:13: unknown escape \\q in "double-quoted" text: write \\\\ for a backslash, or use single quotes',
    ]);
  });
});

describe('rules across the document', () => {
  const cases: [string, [string, string][], string[]][] = [
    [
      'a track id used twice',
      [['    levels: [L1, L2]\n', '    levels: [L1, L2]\n  - id: main\n    name: Again\n    levels: []\n']],
      ['8:9: tracks[1].id: duplicate track id "main" (first at index 0)'],
    ],
    [
      'a level id used twice',
      [
        [
          'referral: { percent: 3, months: 6 }\n',
          'referral: { percent: 3, months: 6 }\n  - { id: L2, title: Again, track: main, status: not_written }\n',
        ],
      ],
      ['56:11: levels[2].id: duplicate level id "L2" (first at index 1)'],
    ],
    [
      'an unknown level in a track',
      [['levels: [L1, L2]', 'levels: [L1, L2, L3]']],
      ['7:22: tracks[0].levels[2]: unknown level "L3" (levels: L1, L2)'],
    ],
    [
      'a level listed twice',
      [['levels: [L1, L2]', 'levels: [L1, L2, L1]']],
      ['7:22: tracks[0].levels[2]: level "L1" is listed in more than one place'],
    ],
    [
      "a level in another track's list",
      [['    levels: [L1, L2]\n', '    levels: [L1]\n  - id: side\n    name: Side\n    levels: [L2]\n']],
      ['10:14: tracks[1].levels[0]: level "L2" belongs to track "main"'],
    ],
    [
      'an unknown track',
      [['    title: Senior\n    track: main', '    title: Senior\n    track: mian']],
      [
        '7:18: tracks[0].levels[1]: level "L2" belongs to track "mian"',
        '48:12: levels[1].track: unknown track "mian"',
      ],
    ],
    [
      'an unknown track to bridge to',
      [
        [
          '    title: Senior\n    track: main\n',
          '    title: Senior\n    track: main\n    bridges_to: [owner]\n',
        ],
      ],
      ['49:18: levels[1].bridges_to[0]: unknown track "owner"'],
    ],
    [
      'a checklist item id used twice',
      [
        [
          L2_SECTIONS,
          '    status: not_written\n    self_evaluation:\n      - { id: a, text: A }\n      - { id: a, text: B }\n    mentorship:',
        ],
      ],
      ['52:15: levels[1].self_evaluation[1].id: duplicate checklist item id "a" (first at index 0)'],
    ],
    [
      'a what-you-do id used twice',
      [
        [
          L2_SECTIONS,
          '    status: not_written\n    what_you_do:\n      - { id: a, name: A }\n      - { id: a, name: B }\n    mentorship:',
        ],
      ],
      ['52:15: levels[1].what_you_do[1].id: duplicate id "a" (first at index 0)'],
    ],
    [
      'a curriculum phase id used twice',
      [
        [
          L2_SECTIONS,
          '    status: not_written\n    curriculum:\n      - { id: p, name: A, months: { from: 1, to: 2 }, modules: [{ id: m1, name: M }] }\n      - { id: p, name: B, months: { from: 3, to: 4 }, modules: [{ id: m2, name: M }] }\n    mentorship:',
        ],
      ],
      ['52:15: levels[1].curriculum[1].id: duplicate phase id "p" (first at index 0)'],
    ],
    [
      'a phase that ends before it starts',
      [
        [
          L2_SECTIONS,
          '    status: not_written\n    curriculum:\n      - { id: p, name: A, months: { from: 3, to: 2 }, modules: [{ id: m1, name: M }] }\n    mentorship:',
        ],
      ],
      ['51:50: levels[1].curriculum[0].months.to: expected a month ≥ from (3)'],
    ],
    [
      'a metric id used twice',
      [
        [
          '          min: 2\n',
          '          min: 2\n      - id: decisions\n        name: Again\n        threshold: t\n        measured_by: m\n        rule: { kind: distinct_citers, min: 2 }\n',
        ],
      ],
      ['46:13: levels[0].ranking_standard[1].id: duplicate metric id "decisions" (first at index 0)'],
    ],
    [
      'a non_empty filter on a field the evidence kind lacks',
      [['          min: 2\n', '          non_empty: [dat]\n          min: 2\n']],
      [
        '45:23: levels[0].ranking_standard[0].rule.non_empty[0]: unknown field of decision evidence (fields: type, title, recommendation, data, client, client_response, confirmed_by, outcome, significant)',
      ],
    ],
    [
      'a share of a field the evidence kind lacks',
      [
        [
          '          min: 2\n',
          '          min: 2\n      - id: share\n        name: Share\n        threshold: t\n        measured_by: m\n        rule: { kind: share, evidence: feature, non_empty: events, min_percent: 100 }\n',
        ],
      ],
      [
        '50:60: levels[0].ranking_standard[1].rule.non_empty: unknown field of feature evidence (fields: title, client, shipped_on, analytics_events)',
      ],
    ],
    [
      'an assessment component id used twice',
      [['          name: Demo\n', '          name: Demo\n        - id: demo\n          name: Demo again\n']],
      ['19:15: levels[0].promotion.assessment[1].id: duplicate component id "demo" (first at index 0)'],
    ],
    [
      'a requirement id used twice',
      [
        [
          '          rule: { kind: tenure }\n',
          '          rule: { kind: tenure }\n        - id: tenure\n          name: Again\n          rule: { kind: assessment }\n',
        ],
      ],
      ['23:15: levels[0].promotion.requirements[1].id: duplicate requirement id "tenure" (first at index 0)'],
    ],
    [
      'a tenure requirement without a minimum time in level',
      [['      min_months_at_level: 12\n', '']],
      [
        '21:25: levels[0].promotion.requirements[0].rule.kind: a tenure requirement needs promotion.min_months_at_level',
      ],
    ],
    [
      'an assessment requirement without an assessment',
      [
        ['      assessment:\n        - id: demo\n          name: Demo\n', ''],
        ['rule: { kind: tenure }', 'rule: { kind: assessment }'],
      ],
      [
        '19:25: levels[0].promotion.requirements[0].rule.kind: an assessment requirement needs promotion.assessment',
      ],
    ],
    [
      'an unknown level for panel eligibility',
      [['min_level: L2', 'min_level: L7']],
      ['25:35: levels[0].promotion.panel.eligibility.min_level: unknown level "L7" (levels: L1, L2)'],
    ],
    [
      'a scoring scale with max ≤ min (and no median check against it)',
      [['        decision:', '        scale: { min: 4, max: 4 }\n        decision:']],
      ['35:31: levels[0].promotion.panel.scale.max: expected max > min'],
    ],
    [
      'the other median outside the scale',
      [
        ['        decision:', '        scale: { min: 1, max: 5 }\n        decision:'],
        ['other_median_min: 2.5', 'other_median_min: 0.5'],
      ],
      ['36:85: levels[0].promotion.panel.decision.other_median_min: expected a score within the scale 1–5'],
    ],
    [
      'a mentor level that is not above',
      [
        [
          '    status: not_written\n    mentorship:\n',
          '    status: not_written\n    mentorship:\n      receives: { mentor_levels: [L1], leadership: false, checkin_cadence: weekly }\n',
        ],
      ],
      ['51:35: levels[1].mentorship.receives.mentor_levels[0]: expected a level above L2'],
    ],
    [
      'mentoring slots with no mentee level',
      [['mentee_levels: [L1]', 'mentee_levels: []']],
      ['53:24: levels[1].mentorship.gives.mentee_levels: expected at least one mentee level when slots > 0'],
    ],
  ];

  it.each(cases)('refuses %s with its message at its place', (_name, edits, expected) => {
    expect(problemsOf(edited(...edits))).toEqual(expected);
  });

  it('refuses a promotion cycle through two tracks, once, at its first level', () => {
    const source = edited(
      [
        '    levels: [L1, L2]\n',
        '    levels: [L1, L2]\n  - id: owner\n    name: Owner\n    levels: [O1, O2]\n',
      ],
      [L2_SECTIONS, '    status: not_written\n    promotion: { target_level: O1 }\n    mentorship:'],
      [
        'referral: { percent: 3, months: 6 }\n',
        'referral: { percent: 3, months: 6 }\n  - { id: O1, title: Owner, track: owner, status: not_written, promotion: { target_level: O2 } }\n  - { id: O2, title: Partner, track: owner, status: not_written, promotion: { target_level: L2 } }\n',
      ],
    );
    // L1 → L2 leads into the cycle but is not part of it: the cycle is named from L2, where it starts.
    expect(problemsOf(source)).toEqual([
      '53:32: levels[1].promotion.target_level: promotions form a cycle: L2 → O1 → O2 → L2',
    ]);
  });

  it('accepts a promotion to another track that does not come back', () => {
    const source = edited(
      ['    levels: [L1, L2]\n', '    levels: [L1, L2]\n  - id: owner\n    name: Owner\n    levels: [O1]\n'],
      [L2_SECTIONS, '    status: not_written\n    promotion: { target_level: O1 }\n    mentorship:'],
      [
        'referral: { percent: 3, months: 6 }\n',
        'referral: { percent: 3, months: 6 }\n  - { id: O1, title: Owner, track: owner, status: written }\n',
      ],
    );
    expect(problemsOf(source)).toEqual([]);
  });

  it('accepts a written level that defines only a title, at the top of its track', () => {
    expect(problemsOf(edited([L2_SECTIONS, '    status: written\n    mentorship:']))).toEqual([]);
    expect(
      problemsOf(
        edited(
          [
            'referral: { percent: 3, months: 6 }\n',
            'referral: { percent: 3, months: 6 }\n    promotion: { target_level: L3 }\n',
          ],
          ['levels: [L1, L2]', 'levels: [L1, L2, L3]'],
          [
            'referral: { percent: 3, months: 6 }\n    promotion: { target_level: L3 }\n',
            'referral: { percent: 3, months: 6 }\n    promotion: { target_level: L3 }\n  - { id: L3, title: Principal, track: main, status: written }\n',
          ],
        ),
      ),
    ).toEqual([]);
  });
});
