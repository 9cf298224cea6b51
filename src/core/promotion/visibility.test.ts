import { describe, expect, it } from 'vitest';
import { buildSheet, loadShippedLadder } from '../../../test/helpers/promotion-fixtures.js';
import type { Actor } from '../actor.js';
import { computeDecision } from './decision.js';
import { panelPromotionFrom, type PanelPromotion } from './promotion-rules.js';
import { candidateFeedback, caseViewerFor, visibleSheets, type StoredSheet } from './visibility.js';

const promotion = panelPromotionFrom(loadShippedLadder(), 'L4');
const panel = ['ana@w.t', 'bo@w.t', 'lead@w.t'];
const person = (email: string, role: 'builder' | 'leadership' = 'builder'): Actor => ({
  kind: 'person',
  email,
  role,
});

const sheets: StoredSheet[] = [
  {
    panelistEmail: 'ana@w.t',
    position: 1,
    sheet: buildSheet({ notes: 'Ana says' }),
    submittedAt: '2026-11-01T10:00:00Z',
  },
  { panelistEmail: 'bo@w.t', position: 2, sheet: buildSheet(), submittedAt: null },
  { panelistEmail: 'lead@w.t', position: 3, sheet: buildSheet(), submittedAt: '2026-11-02T10:00:00Z' },
];
const emailsSeenBy = (actor: Actor): string[] =>
  visibleSheets(caseViewerFor(actor, 'cy@w.t', panel), sheets).map((s) => s.panelistEmail);

describe('who sees which score sheets', () => {
  it.each<[string, Actor, string[]]>([
    ['a panelist who has not submitted sees only their own draft', person('bo@w.t'), ['bo@w.t']],
    [
      'a panelist who submitted sees the submitted sheets, not the draft',
      person('ana@w.t'),
      ['ana@w.t', 'lead@w.t'],
    ],
    ['a leader on the panel is a panelist first', person('lead@w.t', 'leadership'), ['ana@w.t', 'lead@w.t']],
    [
      'leadership off the panel sees submitted sheets only',
      person('boss@w.t', 'leadership'),
      ['ana@w.t', 'lead@w.t'],
    ],
    ['the operator sees submitted sheets only', { kind: 'operator', name: 'ops' }, ['ana@w.t', 'lead@w.t']],
    ['the candidate sees no sheet', person('cy@w.t'), []],
    ['a leader who is the candidate sees no sheet', person('cy@w.t', 'leadership'), []],
    ['another builder sees nothing', person('dan@w.t'), []],
    ['anonymous sees nothing', { kind: 'anonymous' }, []],
  ])('%s', (_label, actor, expected) => {
    expect(emailsSeenBy(actor)).toEqual(expected);
  });

  it('a panelist with a draft still cannot see a submitted colleague', () => {
    const drafts = sheets.map((s) => (s.panelistEmail === 'ana@w.t' ? { ...s, submittedAt: null } : s));
    expect(visibleSheets({ kind: 'panelist', email: 'ana@w.t' }, drafts).map((s) => s.panelistEmail)).toEqual(
      ['ana@w.t'],
    );
  });
});

describe('what the candidate learns', () => {
  const computed = computeDecision(promotion, [
    buildSheet(),
    buildSheet(),
    buildSheet({ fail: ['mentee-outcome'] }),
  ]);
  const decision = {
    outcome: computed.outcome,
    overridden: false,
    overrideReason: null,
    note: 'Well done.',
    computed,
  };

  it('nothing before the decision', () => {
    expect(candidateFeedback(promotion, null, sheets)).toBeNull();
  });

  it('outcome, component results and anonymous feedback from submitted sheets only', () => {
    const view = candidateFeedback(promotion, decision, sheets);
    expect(view?.outcome).toBe('promoted');
    expect(view?.components).toHaveLength(4);
    expect(view?.feedback.every((f) => f.from === 'Panelist 1')).toBe(true);
    expect(view?.feedback[0]).toEqual({
      from: 'Panelist 1',
      about: 'Product decision portfolio',
      text: 'Ana says',
    });
    expect(JSON.stringify(view)).not.toMatch(/@w\.t/);
  });

  it('names panelists when the ladder reveals them', () => {
    const reveal: PanelPromotion = { ...promotion, panel: { ...promotion.panel, reveal_panelists: true } };
    expect(candidateFeedback(reveal, decision, sheets)?.feedback[0]?.from).toBe('ana@w.t');
  });
});
