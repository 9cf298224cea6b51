import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateLadderText } from './validate-ladder.js';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/ladders');
const base = readFileSync(path.join(fixtures, 'base.yaml'), 'utf8');
const invalidFiles = readdirSync(path.join(fixtures, 'invalid')).filter((f) => f.endsWith('.yaml'));

/** Problems of a text as `line:column: path: message`, the file name left out. */
function problemsOf(source: string): string[] {
  const result = validateLadderText(source, 'f.yaml');
  return result.ok ? [] : result.problems.map((p) => formatProblem(p).replace(/^f\.yaml:/, ''));
}

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
    const result = validateLadderText(
      base.replace('min_months_at_level: 12', 'min_months_at_level: 0'),
      'ladders/x.yaml',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(formatProblem(result.problems[0]!)).toBe(
        'ladders/x.yaml:15:28: levels[0].promotion.min_months_at_level: expected a positive integer',
      );
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

  it('accepts 1 month at level, rejects 0 and fractions', () => {
    const withMonths = (m: string) =>
      problemsOf(base.replace('min_months_at_level: 12', `min_months_at_level: ${m}`));
    expect(withMonths('1')).toEqual([]);
    expect(withMonths('0')).toEqual([
      '15:28: levels[0].promotion.min_months_at_level: expected a positive integer',
    ]);
    expect(withMonths('1.5')).toEqual([
      '15:28: levels[0].promotion.min_months_at_level: expected a positive integer',
    ]);
    expect(withMonths('"18"')).toEqual([
      '15:28: levels[0].promotion.min_months_at_level: expected a positive integer',
    ]);
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
