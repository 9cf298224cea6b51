import { describe, expect, it } from 'vitest';
import { ladderProblems as problemsOf, validLadder as ladderOf } from '../../../test/helpers/ladder-text.js';
import {
  equivalentLevels,
  findLevel,
  findLevelInTrack,
  findTrackOfLevel,
  isLevelAtLeast,
  levelKey,
  levelLabel,
  levelOrder,
  nextLevel,
  promotionTargets,
} from './ladder-lookup.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compareLevels, formatComparison } from './compare-levels.js';
import { diffLadders } from './diff-ladder.js';
import { renderLevel } from './render-level.js';

/**
 * Two disciplines that share level names (E1, E2), a manager track, labels in two languages, a level
 * with two promotion targets and equivalences across tracks (ADR 0020).
 */
const TRACKS = `ladder: tracks
name: Tracks
version: 2026-04-01
tracks:
  - id: backend
    name: Backend
    description: Services, data and the APIs between them.
    levels: [E1, E2]
  - id: frontend
    name: Frontend
    levels: [E1, E2]
  - id: manager
    name: Manager
    levels: [m1.1, m1.2]
levels:
  - id: E1
    label: Ingénieure 1
    title: Engineer
    track: backend
    status: written
    promotion:
      target_levels: [E2, manager/m1.1]
  - id: E2
    title: Senior Engineer
    track: backend
    status: written
  - id: E1
    title: Engineer
    track: frontend
    status: written
    promotion: { target_level: E2 }
  - id: E2
    title: Senior Engineer
    track: frontend
    status: written
  - id: m1.1
    label: "1.1"
    title: Team Lead
    track: manager
    status: written
    equivalent_to: [backend/E2, frontend/E2]
    promotion: { target_level: m1.2 }
  - id: m1.2
    title: Group Lead
    track: manager
    status: written
`;

describe('tracks that share level ids', () => {
  it('validates two disciplines with the same level ids, qualified where they would be ambiguous', () => {
    expect(problemsOf(TRACKS)).toEqual([]);
  });

  it('resolves a qualified reference everywhere, and a bare id only when one track has it', () => {
    const doc = ladderOf(TRACKS);
    expect(findLevel(doc, 'frontend/E1')?.track).toBe('frontend');
    expect(findLevel(doc, 'backend/E1')?.label).toBe('Ingénieure 1');
    expect(findLevel(doc, 'E1')).toBeUndefined();
    expect(findLevel(doc, 'm1.2')?.title).toBe('Group Lead');
    expect(findLevel(doc, 'manager/m1.2')?.title).toBe('Group Lead');
    expect(findLevel(doc, 'backend/m1.2')).toBeUndefined();
    expect(findTrackOfLevel(doc, 'frontend/E2')?.id).toBe('frontend');
    expect(levelOrder(doc, 'frontend/E2')).toBe(1);
    expect(levelOrder(doc, 'E2')).toBeUndefined();
    // A builder's level: the roster's track and bare id name one level; a qualified id is taken as such.
    expect(findLevelInTrack(doc, 'frontend', 'E1')?.track).toBe('frontend');
    expect(findLevelInTrack(doc, 'backend', 'E1')?.label).toBe('Ingénieure 1');
    expect(findLevelInTrack(doc, 'manager', 'backend/E2')?.track).toBe('backend');
    expect(findLevelInTrack(doc, 'manager', 'E1')).toBeUndefined();
  });

  it('names a shared level track/level and any other by its id; shows its label', () => {
    const doc = ladderOf(TRACKS);
    const [backendE1, , , , teamLead] = doc.levels;
    expect(backendE1 && levelKey(doc, backendE1)).toBe('backend/E1');
    expect(teamLead && levelKey(doc, teamLead)).toBe('m1.1');
    expect(backendE1 && levelLabel(backendE1)).toBe('Ingénieure 1');
    expect(teamLead && levelLabel(teamLead)).toBe('1.1');
    expect(doc.levels[3] && levelLabel(doc.levels[3])).toBe('E2');
  });

  it('refuses the same level id twice in one track', () => {
    const twice = TRACKS.replace(
      '  - id: E2\n    title: Senior Engineer\n    track: frontend',
      '  - id: E1\n    title: Senior Engineer\n    track: frontend',
    );
    expect(problemsOf(twice)).toContain('32:9: levels[3].id: duplicate level id "E1" (first at index 2)');
  });

  it('refuses a bare reference that more than one track has, naming both ways to write it', () => {
    const ambiguous = TRACKS.replace('equivalent_to: [backend/E2, frontend/E2]', 'equivalent_to: [E2]');
    expect(problemsOf(ambiguous)).toEqual([
      '41:21: levels[4].equivalent_to[0]: level "E2" is in more than one track (backend, frontend): write backend/E2 or frontend/E2',
    ]);
  });

  it("reads a bare id in a level of a track that has it as that track's own level", () => {
    // frontend's E1 → E2 is frontend/E2 (checked above "above"): a target below would be refused.
    const down = TRACKS.replace('    promotion: { target_level: E2 }', '    promotion: { target_level: E1 }');
    expect(problemsOf(down)).toEqual([
      '31:32: levels[2].promotion.target_level: expected a level above frontend/E1',
    ]);
  });

  it('refuses a qualified reference to a track without that level', () => {
    const wrong = TRACKS.replace('target_levels: [E2, manager/m1.1]', 'target_levels: [E2, manager/E2]');
    expect(problemsOf(wrong)).toEqual([
      '22:27: levels[0].promotion.target_levels[1]: unknown level "manager/E2": track "manager" has no level "E2" (it is in backend, frontend)',
    ]);
  });
});

describe('level ids and labels', () => {
  it.each(['1', '1.1', '1.10', 'ic3', 'IC3', 'L4', 'senior_2', 'E+'])(
    'accepts the level id %s',
    (levelId) => {
      const source = TRACKS.replaceAll('m1.2', `"${levelId}"`);
      expect(problemsOf(source)).toEqual([]);
      expect(ladderOf(source).levels[5]?.id).toBe(levelId);
    },
  );

  it('says to quote a level id YAML reads as a number', () => {
    expect(problemsOf(TRACKS.replace('  - id: m1.2\n', '  - id: 1.10\n'))).toContain(
      '43:9: levels[5].id: expected a level id as text: write "1.1" in quotes (YAML reads it as a number)',
    );
  });

  it.each([
    ['ic 3', 'a space'],
    ['.1', 'a leading dot'],
    ['ic/3', 'a slash'],
    ['a,b', 'a comma'],
  ])('refuses the level id "%s" (%s)', (levelId) => {
    const source = TRACKS.replace('  - id: m1.2\n', `  - id: "${levelId}"\n`);
    expect(problemsOf(source)).toContain(
      '43:9: levels[5].id: expected a level id such as L4, ic3, 1 or 1.1 (letters, digits and . _ + -, starting with a letter or digit)',
    );
  });

  it('refuses an empty label', () => {
    expect(problemsOf(TRACKS.replace('label: "1.1"', 'label: "  "'))).toEqual([
      '37:12: levels[4].label: expected non-empty text',
    ]);
  });
});

describe('several promotion targets', () => {
  it('keeps target_level as the first target and lists every target', () => {
    const doc = ladderOf(TRACKS);
    const promotion = doc.levels[0]?.promotion;
    expect(promotion?.target_level).toBe('E2');
    expect(promotion && promotionTargets(promotion)).toEqual(['E2', 'manager/m1.1']);
    expect(doc.levels[2]?.promotion && promotionTargets(doc.levels[2].promotion)).toEqual(['E2']);
    // The first target, read in the level's own track: backend's E2, not frontend's.
    expect(nextLevel(doc, 'backend/E1')?.track).toBe('backend');
    expect(nextLevel(doc, 'frontend/E1')?.track).toBe('frontend');
  });

  it('accepts the stored form again (target_level repeating the first of target_levels)', () => {
    const stored = TRACKS.replace(
      'target_levels: [E2, manager/m1.1]',
      'target_level: E2\n      target_levels: [E2, manager/m1.1]',
    );
    expect(problemsOf(stored)).toEqual([]);
  });

  it('refuses target_level beside target_levels when it is not their first', () => {
    const both = TRACKS.replace(
      'target_levels: [E2, manager/m1.1]',
      'target_level: manager/m1.1\n      target_levels: [E2, manager/m1.1]',
    );
    expect(problemsOf(both)).toEqual([
      '22:21: levels[0].promotion.target_level: expected target_level or target_levels, not both (target_level may only repeat the first of target_levels, E2)',
    ]);
  });

  it('refuses a promotion with neither, an empty list, an unknown target and a target twice', () => {
    expect(problemsOf(TRACKS.replace('target_levels: [E2, manager/m1.1]', 'min_months_at_level: 6'))).toEqual(
      [
        '22:7: levels[0].promotion: required: one of: target_level, target_levels (where the promotion leads)',
      ],
    );
    expect(problemsOf(TRACKS.replace('[E2, manager/m1.1]', '[]'))).toEqual([
      '22:22: levels[0].promotion.target_levels: expected at least one target level',
    ]);
    expect(problemsOf(TRACKS.replace('[E2, manager/m1.1]', '[E2, E9]'))).toEqual([
      '22:27: levels[0].promotion.target_levels[1]: unknown level "E9" (levels: E1, E2, m1.1, m1.2)',
    ]);
    expect(problemsOf(TRACKS.replace('[E2, manager/m1.1]', '[E2, backend/E2]'))).toEqual([
      '22:27: levels[0].promotion.target_levels[1]: duplicate target level "backend/E2" (first at index 0)',
    ]);
  });

  it('refuses a target at or below the level in its track', () => {
    expect(problemsOf(TRACKS.replace('[E2, manager/m1.1]', '[manager/m1.1, E1]'))).toEqual([
      '22:37: levels[0].promotion.target_levels[1]: expected a level above backend/E1',
    ]);
  });

  it('refuses a cycle through a second target, once, naming its levels', () => {
    const cycle = TRACKS.replace(
      '    promotion: { target_level: m1.2 }',
      '    promotion: { target_level: backend/E1 }',
    );
    expect(problemsOf(cycle)).toEqual([
      '22:27: levels[0].promotion.target_levels[1]: promotions form a cycle: backend/E1 → m1.1 → backend/E1',
    ]);
  });
});

describe('equivalence across tracks', () => {
  it('is symmetric and one step', () => {
    const doc = ladderOf(TRACKS);
    const teamLead = findLevel(doc, 'm1.1');
    const backendE2 = findLevel(doc, 'backend/E2');
    expect(teamLead && equivalentLevels(doc, teamLead).map((l) => `${l.track}/${l.id}`)).toEqual([
      'backend/E2',
      'frontend/E2',
    ]);
    expect(backendE2 && equivalentLevels(doc, backendE2).map((l) => l.id)).toEqual(['m1.1']);
    const groupLead = findLevel(doc, 'm1.2');
    expect(groupLead && equivalentLevels(doc, groupLead)).toEqual([]);
  });

  it('makes "at least" hold across tracks through an equivalence of the level or one below it', () => {
    const doc = ladderOf(TRACKS);
    expect(isLevelAtLeast(doc, 'm1.1', 'backend/E2')).toBe(true);
    expect(isLevelAtLeast(doc, 'm1.1', 'backend/E1')).toBe(true);
    expect(isLevelAtLeast(doc, 'backend/E2', 'm1.1')).toBe(true);
    expect(isLevelAtLeast(doc, 'backend/E1', 'm1.1')).toBe(false);
    // m1.2 names no equivalence, but it is above m1.1, which stands level with E2: so it is at least E2.
    expect(isLevelAtLeast(doc, 'm1.2', 'backend/E2')).toBe(true);
    expect(isLevelAtLeast(doc, 'm1.2', 'frontend/E1')).toBe(true);
    expect(isLevelAtLeast(doc, 'frontend/E1', 'backend/E1')).toBe(false);
  });

  it('refuses an equivalence to its own track, to an unknown level and one named twice', () => {
    expect(problemsOf(TRACKS.replace('[backend/E2, frontend/E2]', '[backend/E2, m1.2]'))).toEqual([
      '41:33: levels[4].equivalent_to[1]: expected a level of another track: m1.2 is in m1.1\'s own track "manager", where levels are ordered, not equivalent',
    ]);
    expect(problemsOf(TRACKS.replace('[backend/E2, frontend/E2]', '[backend/E2, E7]'))).toEqual([
      '41:33: levels[4].equivalent_to[1]: unknown level "E7" (levels: E1, E2, m1.1, m1.2)',
    ]);
    expect(problemsOf(TRACKS.replace('[backend/E2, frontend/E2]', '[backend/E2, backend/E2]'))).toEqual([
      '41:33: levels[4].equivalent_to[1]: duplicate equivalent level "backend/E2" (first at index 0)',
    ]);
    expect(problemsOf(TRACKS.replace('[backend/E2, frontend/E2]', '[]'))).toEqual([
      '41:20: levels[4].equivalent_to: expected at least one level',
    ]);
  });
});

describe("equivalences against the tracks' order", () => {
  it('refuses equivalences that cross (a higher level standing level with a lower one)', () => {
    const crossing = TRACKS.replace(
      '    title: Group Lead\n',
      '    title: Group Lead\n    equivalent_to: [backend/E1]\n',
    );
    expect(problemsOf(crossing)).toEqual([
      "45:21: levels[5].equivalent_to[0]: equivalences cross the tracks' order: m1.2 ≡ backend/E1, but m1.1 ≡ backend/E2 (m1.2 is above m1.1, backend/E1 is below backend/E2)",
    ]);
    // In the same order, or both to one level, they do not cross.
    expect(
      problemsOf(
        TRACKS.replace(
          '    title: Group Lead\n',
          '    title: Group Lead\n    equivalent_to: [frontend/E2]\n',
        ),
      ),
    ).toEqual([]);
  });

  it('refuses a promotion to a level that stands level with the one promoted from', () => {
    const sideways = TRACKS.replace(
      '  - id: E2\n    title: Senior Engineer\n    track: backend\n    status: written\n',
      '  - id: E2\n    title: Senior Engineer\n    track: backend\n    status: written\n    promotion: { target_level: m1.1 }\n',
    );
    expect(problemsOf(sideways)).toEqual([
      '27:32: levels[1].promotion.target_level: backend/E2 stands level with m1.1 (equivalent_to): a move between them is not a promotion',
    ]);
  });
});

describe('a track', () => {
  it('has its own description, and refuses an empty one', () => {
    expect(ladderOf(TRACKS).tracks[0]?.description).toBe('Services, data and the APIs between them.');
    expect(
      problemsOf(TRACKS.replace('description: Services, data and the APIs between them.', 'description: ""')),
    ).toEqual(['7:18: tracks[0].description: expected non-empty text']);
  });
});

describe('rendering and comparing tracks', () => {
  it("shows a level by its label, its track's description, and a choice of targets with their tracks", () => {
    const md = renderLevel(ladderOf(TRACKS), 'backend/E1', 'md') ?? '';
    expect(md).toContain(
      '# Ingénieure 1 — Engineer\n\n_Backend · April 2026 (version 2026-04-01)_\n\n_Backend:_ Services, data and the APIs between them.\n',
    );
    expect(md).toContain(
      '## Promotion to E2 or 1.1\n\nIngénieure 1 leads to one of 2 levels; the first is the usual next step:\n\n' +
        '- **E2 — Senior Engineer** — Backend track\n- **1.1 — Team Lead** — Manager track\n',
    );
    const html = renderLevel(ladderOf(TRACKS), 'backend/E1', 'html') ?? '';
    expect(html).toContain(
      '<h1>Ingénieure 1 — Engineer</h1>\n<p class="track"><strong>Backend:</strong> Services, data and the APIs between them.</p>',
    );
    // A track without a description adds no line; a single target adds no choice.
    const frontend = renderLevel(ladderOf(TRACKS), 'frontend/E1', 'md') ?? '';
    expect(frontend).not.toContain('_Frontend:_');
    expect(frontend).not.toContain('leads to one of');
    expect(renderLevel(ladderOf(TRACKS), 'E1', 'md')).toBeUndefined();
  });

  it('lists the equivalent levels on both sides, each with its track', () => {
    const doc = ladderOf(TRACKS);
    expect(renderLevel(doc, 'm1.1', 'md')).toContain(
      '## Equivalent Levels\n\nLevels of other tracks that stand level with this one (a move between them is not a promotion):\n\n' +
        '- **E2 — Senior Engineer** — Backend track\n- **E2 — Senior Engineer** — Frontend track\n',
    );
    expect(renderLevel(doc, 'frontend/E2', 'md')).toContain('- **1.1 — Team Lead** — Manager track');
    expect(renderLevel(doc, 'm1.2', 'md')).not.toContain('Equivalent Levels');
  });

  it('compares levels of two tracks with label, track and equivalence rows, headed by labels', () => {
    const doc = ladderOf(TRACKS);
    const e1 = doc.levels[0];
    const lead = doc.levels[4];
    if (e1 === undefined || lead === undefined) throw new Error('levels');
    const rows = compareLevels(doc, e1, lead);
    expect(rows.slice(0, 3)).toEqual([
      { section: 'level', aspect: 'label', left: 'Ingénieure 1', right: '1.1', changed: true },
      { section: 'level', aspect: 'track', left: 'Backend', right: 'Manager', changed: true },
      { section: 'level', aspect: 'title', left: 'Engineer', right: 'Team Lead', changed: true },
    ]);
    expect(rows.find((r) => r.aspect === 'equivalent to')).toEqual({
      section: 'level',
      aspect: 'equivalent to',
      left: '—',
      right: 'E2 — Senior Engineer (Backend); E2 — Senior Engineer (Frontend)',
      changed: true,
    });
    expect(rows.find((r) => r.aspect === 'target level')).toMatchObject({ left: 'E2 or 1.1', right: 'm1.2' });
    expect(formatComparison(e1, lead, rows).split('\n')[0]).toBe(
      '| section | aspect | Ingénieure 1 | 1.1 | |',
    );
    // Two levels of one track without labels or equivalences get none of these rows.
    const [, , fe1, fe2] = doc.levels;
    if (fe1 === undefined || fe2 === undefined) throw new Error('levels');
    expect(compareLevels(doc, fe1, fe2).map((r) => r.aspect)).not.toEqual(expect.arrayContaining(['label']));
    expect(compareLevels(doc, fe1, fe2).some((r) => ['label', 'track'].includes(r.aspect))).toBe(false);
  });
});

describe('the IC + manager example ladder', () => {
  const source = readFileSync(
    path.resolve(import.meta.dirname, '../../../ladders/examples/software-engineer.yaml'),
    'utf8',
  );

  it('has two described tracks, a level with two targets across them and an equivalence', () => {
    const doc = ladderOf(source);
    expect(doc.tracks.map((t) => [t.id, t.levels])).toEqual([
      ['software-engineer', ['IC1', 'IC2', 'IC3', 'IC4']],
      ['engineering-manager', ['m1', 'm2', 'm3']],
    ]);
    expect(doc.tracks.every((t) => t.description !== undefined)).toBe(true);
    const ic3 = findLevel(doc, 'IC3');
    expect(ic3?.promotion && promotionTargets(ic3.promotion)).toEqual(['IC4', 'm1']);
    expect(nextLevel(doc, 'IC3')?.id).toBe('IC4');
    const m1 = findLevel(doc, 'm1');
    expect(m1 && equivalentLevels(doc, m1).map((l) => l.id)).toEqual(['IC4']);
    // Each manager level has expectations of its own, in the manager's areas.
    for (const id of ['m1', 'm2', 'm3'])
      expect(findLevel(doc, id)?.expectations?.map((e) => e.area)).toEqual(
        expect.arrayContaining(['people-management', 'delivery', 'recruiting']),
      );
    // A panel asking for IC4 or above admits an M1 (equivalent) and an M2 (above it), not an IC3; and
    // nothing on the IC track is "at least M2", which stands level with no IC level.
    expect(isLevelAtLeast(doc, 'm1', 'IC4')).toBe(true);
    expect(isLevelAtLeast(doc, 'm2', 'IC4')).toBe(true);
    expect(isLevelAtLeast(doc, 'IC3', 'IC4')).toBe(false);
    expect(isLevelAtLeast(doc, 'IC4', 'm1')).toBe(true);
    expect(isLevelAtLeast(doc, 'IC4', 'm2')).toBe(false);
  });

  it('diffs a changed target, equivalence and label as one change each', () => {
    const before = ladderOf(source);
    const after = ladderOf(
      source
        .replace('target_levels: [IC4, m1]', 'target_levels: [IC4, m2]')
        .replace('equivalent_to: [IC4]', 'equivalent_to: [IC3]')
        .replace('    label: M2\n', '    label: M-2\n'),
    );
    expect(diffLadders(before, after).map((c) => [c.level, c.kind, c.path])).toEqual([
      ['IC3', 'changed', 'promotion.target_levels'],
      ['m1', 'changed', 'equivalent_to'],
      ['m2', 'changed', 'label'],
    ]);
  });
});
