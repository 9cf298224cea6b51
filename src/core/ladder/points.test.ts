import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ladderProblems as problemsOf,
  positionOf as whereIs,
  validLadder as parse,
} from '../../../test/helpers/ladder-text.js';
import { compareLevels } from './compare-levels.js';
import { diffLadders } from './diff-ladder.js';
import { findLevel } from './ladder-lookup.js';
import { renderLevel } from './render-level.js';
import { formatProblem, validateLadderText } from './validate-ladder.js';

const root = path.resolve(import.meta.dirname, '../../..');
const example = readFileSync(path.join(root, 'ladders/examples/data-engineer-points.yaml'), 'utf8');

/** The example with one exact piece of text replaced (which must occur). */
function edited(find: string, replace: string, source = example): string {
  if (!source.includes(find)) throw new Error(`not in the example: ${find}`);
  return source.replace(find, replace);
}

describe('the example points-and-bands ladder', () => {
  it('validates: twelve areas in four categories, five milestones each worth 1, 3, 6, 12, 20, nine bands', () => {
    const result = validateLadderText(example, 'data-engineer-points.yaml');
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const points = result.ladder.points;
    expect(result.ladder.competency_categories).toHaveLength(4);
    expect(points?.competencies).toHaveLength(12);
    for (const competency of points?.competencies ?? [])
      expect(competency.milestones.map((m) => m.points)).toEqual([1, 3, 6, 12, 20]);
    expect(points?.bands.map((b) => [b.from, b.to ?? null, b.level])).toEqual([
      [0, 9, 'D1'],
      [10, 19, 'D1'],
      [20, 34, 'D2'],
      [35, 49, 'D2'],
      [50, 74, 'D3'],
      [75, 99, 'D3'],
      [100, 134, 'D4'],
      [135, 169, 'D4'],
      [170, null, 'D5'],
    ]);
  });
});

describe('the points ladder renders, compares and diffs', () => {
  const doc = parse(example);

  it('renders a level with its bands and the milestone table (Markdown and HTML)', () => {
    const md = renderLevel(doc, 'D3', 'md') ?? '';
    expect(md).toContain('## Points and Bands');
    expect(md).toContain('D3 covers bands d3-1 (50–74 points) and d3-2 (75–99 points) of total points');
    expect(md).toContain('| d3-1 (this level) | 50–74 | D3 | Senior Data Engineer |');
    expect(md).toContain('| d5 | 170+ | D5 | Principal Data Engineer |');
    expect(md).toContain(
      '| Competency | Milestone 1 | Milestone 2 | Milestone 3 | Milestone 4 | Milestone 5 |',
    );
    expect(md).toMatch(/\| Hiring \| 1 point: Takes part in an interview loop as a shadow\. \| 3 points: /);
    const d5 = renderLevel(doc, 'D5', 'md') ?? '';
    expect(d5).toContain('D5 covers band d5 (170+ points) of total points');
    const html = renderLevel(doc, 'D3', 'html') ?? '';
    expect(html).toContain('<h2>Points and Bands</h2>');
    expect(html).toContain('<th scope="col">Milestone 5</th>');
  });

  it('compares two levels by their bands and points', () => {
    const rows = compareLevels(doc, findLevel(doc, 'D2')!, findLevel(doc, 'D3')!).filter(
      (row) => row.section === 'points',
    );
    expect(rows).toEqual([
      { section: 'points', aspect: 'bands', left: 'd2-1, d2-2', right: 'd3-1, d3-2', changed: true },
      { section: 'points', aspect: 'total points', left: '20–49', right: '50–99', changed: true },
    ]);
  });

  it('diffs a moved band boundary and an edited milestone as changes of the points section', () => {
    const changed = parse(
      edited(
        '{ id: d1-1, from: 0, to: 9,',
        '{ id: d1-1, from: 0, to: 10,',
        edited('{ id: d1-2, from: 10,', '{ id: d1-2, from: 11,'),
      ),
    );
    const changes = diffLadders(doc, changed);
    expect(changes.map((c) => [c.section, c.kind, c.path, c.before, c.after])).toEqual([
      ['points', 'changed', 'points.bands[d1-1].to', 9, 10],
      ['points', 'changed', 'points.bands[d1-2].from', 10, 11],
    ]);
  });
});

describe('points and bands: validator rules, each with its message and place', () => {
  const bandsAt = example.indexOf('  bands:');

  it('refuses bands that overlap, at the later band’s from', () => {
    const source = edited('{ id: d1-2, from: 10,', '{ id: d1-2, from: 9,');
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, '9, to: 19', bandsAt)}: points.bands[1].from: band "d1-2" overlaps band "d1-1" (0–9): expected from: 10`,
    ]);
  });

  it('refuses a gap between bands, naming the points no band holds', () => {
    const source = edited('{ id: d2-1, from: 20,', '{ id: d2-1, from: 23,');
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, '23, to: 34', bandsAt)}: points.bands[2].from: a gap before band "d2-1": no band holds 20–22 points (band "d1-2" ends at 19); expected from: 20`,
    ]);
    // One missing point reads as one number, not a range.
    const one = edited('{ id: d2-1, from: 20,', '{ id: d2-1, from: 21,');
    expect(problemsOf(one)).toEqual([
      `${whereIs(one, '21, to: 34', bandsAt)}: points.bands[2].from: a gap before band "d2-1": no band holds 20 points (band "d1-2" ends at 19); expected from: 20`,
    ]);
  });

  it('accepts bands that meet exactly (to + 1 = next from) and refuses to < from', () => {
    const narrow = edited('{ id: d1-1, from: 0, to: 9,', '{ id: d1-1, from: 0, to: 0,');
    expect(problemsOf(edited('{ id: d1-2, from: 10,', '{ id: d1-2, from: 1,', narrow))).toEqual([]);
    const source = edited('{ id: d1-2, from: 10, to: 19,', '{ id: d1-2, from: 10, to: 8,');
    const problems = problemsOf(source);
    expect(problems).toContain(
      `${whereIs(source, '8, level', bandsAt)}: points.bands[1].to: expected to ≥ from (10)`,
    );
  });

  it('refuses a first band that does not start at 0', () => {
    const source = edited('{ id: d1-1, from: 0,', '{ id: d1-1, from: 1,');
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, '1, to: 9', bandsAt)}: points.bands[0].from: expected from: 0 — the first band starts at 0 points (a person with no assessed milestone has 0)`,
    ]);
  });

  it('refuses an open-ended band that is not the last', () => {
    const source = edited('{ id: d4-2, from: 135, to: 169,', '{ id: d4-2, from: 135,');
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, '{ id: d4-2', bandsAt)}: points.bands[7]: band "d4-2" has no to, but band "d5" follows it: only the last band is open-ended`,
    ]);
  });

  it('refuses a band out of reach, and a last band ending below the most a person can reach', () => {
    const beyond = edited('{ id: d5, from: 170,', '{ id: d5, from: 241,');
    const problems = problemsOf(beyond);
    expect(problems).toContain(
      `${whereIs(beyond, '241', bandsAt)}: points.bands[8].from: band "d5" starts at 241 points, but the most a person can reach is 240 (every competency at its last milestone)`,
    );
    // Exactly the maximum is reachable.
    expect(problemsOf(edited('{ id: d5, from: 170,', '{ id: d5, from: 170, to: 240,'))).toEqual([]);
    const short = edited('{ id: d5, from: 170,', '{ id: d5, from: 170, to: 239,');
    expect(problemsOf(short)).toEqual([
      `${whereIs(short, '239', bandsAt)}: points.bands[8].to: the last band ends at 239 points, but a person can reach 240 (every competency at its last milestone): leave to out, or raise it to 240`,
    ]);
  });

  it('refuses a band naming an unknown level', () => {
    const source = edited('level: D5, title: Principal', 'level: D6, title: Principal');
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, 'D6', bandsAt)}: points.bands[8].level: unknown level "D6" (levels: D1, D2, D3, D4, D5)`,
    ]);
  });

  it('refuses milestone points that do not increase (equal or lower), at the milestone', () => {
    const pipelines = example.indexOf('- area: pipelines');
    const source =
      example.slice(0, pipelines) + example.slice(pipelines).replace('- points: 6', '- points: 3');
    expect(problemsOf(source)).toEqual([
      `${whereIs(source, '3', source.indexOf('- points: 3', source.indexOf('- points: 3', pipelines) + 1))}: points.competencies[1].milestones[2].points: expected more than 3 points (milestone 2): each milestone is worth more than the one before it`,
    ]);
  });

  it('refuses points for an undeclared area, an area scored twice, and zero points', () => {
    const unknown = edited('- area: hiring', '- area: hirng');
    expect(problemsOf(unknown)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${whereIs(unknown, 'hirng')}: points\\.competencies\\[11\\]\\.area: unknown competency area "hirng" \\(areas: data-modelling, pipelines, .*, hiring\\)$`,
        ),
      ),
    ]);
    const twice = edited('- area: hiring', '- area: planning');
    expect(problemsOf(twice)).toEqual([
      `${whereIs(twice, 'planning', twice.indexOf('- area: planning') + 20)}: points.competencies[11].area: duplicate points for competency area "planning" (first at index 10)`,
    ]);
    const zero = edited('- points: 1\n', '- points: 0\n');
    expect(problemsOf(zero)).toEqual([
      `${whereIs(zero, '0\n', zero.indexOf('- points: 0'))}: points.competencies[0].milestones[0].points: expected at least 1 point`,
    ]);
  });

  it('says when the ladder declares no competency areas at all', () => {
    const categories = example.indexOf('competency_categories:');
    const source = example.slice(0, categories) + example.slice(example.indexOf('\npoints:') + 1);
    const problems = problemsOf(source);
    expect(problems).toHaveLength(12);
    expect(problems[0]).toMatch(
      /points\.competencies\[0\]\.area: unknown competency area "data-modelling": the ladder declares no competency_categories$/,
    );
  });

  it('refuses a duplicate band id, and reports a refused band without concluding gaps from it', () => {
    const duplicate = edited('{ id: d1-2,', '{ id: d1-1,');
    expect(problemsOf(duplicate)).toEqual([
      `${whereIs(duplicate, 'd1-1', duplicate.indexOf('d1-1') + 4)}: points.bands[1].id: duplicate band id "d1-1" (first at index 0)`,
    ]);
    const refused = edited('{ id: d2-1, from: 20,', '{ id: d2-1, from: twenty,');
    expect(problemsOf(refused)).toEqual([
      `${whereIs(refused, 'twenty')}: points.bands[2].from: expected a whole number of points ≥ 0`,
    ]);
  });
});
