import { describe, expect, it } from 'vitest';
import { carryItemIds, deriveItemIds, matchItems, SIMILAR_AT, similarity, slugOf } from './derived-ids.js';

const ten = Array.from(
  { length: 10 },
  (_, n) =>
    `Item number ${['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][n]} of the list.`,
);

describe('slugOf', () => {
  it('takes the first six words, lower case, accents folded, any script kept', () => {
    expect(slugOf('Writes clear, tested code for features of a few days’ work')).toBe(
      'writes-clear-tested-code-for-features',
    );
    expect(slugOf('Ingénieure 3 — Équipe')).toBe('ingenieure-3-equipe');
    expect(slugOf('開発者 レベル')).toBe('開発者-レベル');
    expect(slugOf('— … —')).toBe('item');
  });

  it('stops before a word that would make the id longer than 48 characters', () => {
    expect(slugOf('Internationalisation considerations notwithstanding everything')).toBe(
      'internationalisation-considerations',
    );
  });
});

describe('deriveItemIds', () => {
  it('keeps an own id, derives the others from name or text, and numbers repeats', () => {
    expect(
      deriveItemIds([
        { id: 'own', name: 'Own' },
        { name: 'Scope surgery', description: 'Cut scope' },
        { text: 'Scope surgery' },
        'Scope surgery',
        { from: 3, label: 'Third band' },
      ]),
    ).toEqual(['own', 'scope-surgery', 'scope-surgery-2', 'scope-surgery-3', 'third-band']);
  });

  it('never derives an id that an item carries as its own', () => {
    expect(deriveItemIds(['Review', { id: 'review', name: 'Review' }])).toEqual(['review-2', 'review']);
  });
});

describe('similarity', () => {
  it('scores an edited sentence above the threshold and an unrelated one below it', () => {
    expect(
      similarity('Says early when a task is stuck.', 'Says early, and in writing, when a task is stuck.'),
    ).toBeGreaterThanOrEqual(SIMILAR_AT);
    expect(
      similarity('Says early when a task is stuck.', 'Mentors one or two engineers beyond the team.'),
    ).toBeLessThan(SIMILAR_AT);
    expect(similarity('Same', '  same ')).toBe(1);
  });
});

describe('matchItems', () => {
  it('one line inserted in a list of ten: one addition, every other item matched to itself', () => {
    const after = [...ten.slice(0, 4), 'A brand new line about deployment.', ...ten.slice(4)];
    const match = matchItems(ten, after);
    expect(match.added).toEqual([4]);
    expect(match.removed).toEqual([]);
    expect(match.pairs).toEqual(ten.map((_, i) => [i, i < 4 ? i : i + 1]));
  });

  it('one item edited: paired with what it was, and the new version keeps its old id', () => {
    const after = ten.map((t, i) => (i === 6 ? 'Item number seven of the whole list.' : t));
    const match = matchItems(ten, after);
    expect(match.added).toEqual([]);
    expect(match.removed).toEqual([]);
    expect(match.pairs).toContainEqual([6, 6]);
    expect(carryItemIds(ten, after)[6]).toBe('item-number-seven-of-the-list');
  });

  it('an item rewritten beyond recognition is one removal and one addition', () => {
    const after = ten.map((t, i) => (i === 6 ? 'Ships the quarterly report to finance.' : t));
    const match = matchItems(ten, after);
    expect(match.removed).toEqual([6]);
    expect(match.added).toEqual([6]);
    expect(match.ids[6]).toBe('ships-the-quarterly-report-to-finance');
  });

  it('pairs edited items only between the same matched neighbours, never across them', () => {
    // 'Alpha beta gamma.' moved to the end and edited there: it is not paired with the first item.
    const before = ['Alpha beta gamma.', 'Middle line that stays.', 'Last line that stays.'];
    const after = ['Middle line that stays.', 'Last line that stays.', 'Alpha beta gamma delta.'];
    const match = matchItems(before, after);
    expect(match.removed).toEqual([0]);
    expect(match.added).toEqual([2]);
  });

  it('pairs two edits in one gap each with its own, the best pairs first', () => {
    const before = ['Anchor.', 'Writes working code for small tasks.', 'Says early when stuck.'];
    const after = [
      'Anchor.',
      'Writes working, tested code for small tasks.',
      'Says early, in writing, when stuck.',
    ];
    expect(matchItems(before, after).pairs).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it('never pairs two items that both carry their own ids, however alike', () => {
    const match = matchItems([{ id: 'a', name: 'Code review' }], [{ id: 'b', name: 'Code reviews' }]);
    expect(match.pairs).toEqual([]);
    expect(match.ids).toEqual(['b']);
  });

  it('an added item whose text gives an id an old item keeps is numbered', () => {
    const before = ['Review code daily.'];
    const after = ['Review code daily, with care.', 'Review code daily.'];
    // The exact text matches by id; the other is new and may not take the same id.
    const match = matchItems(before, after);
    expect(match.pairs).toEqual([[0, 1]]);
    expect(match.ids).toEqual(['review-code-daily-with-care', 'review-code-daily']);
  });
});
