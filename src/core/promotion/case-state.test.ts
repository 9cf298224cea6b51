import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { nextCaseStatus, type CaseAction, type CaseStatus } from './case-state.js';

const progress = (submitted: number) => ({ panelSize: 3, panelMembers: 3, submitted });

describe('case state machine', () => {
  it.each<[CaseStatus, CaseAction, number, CaseStatus]>([
    ['open', 'set_panel', 0, 'assessing'],
    ['assessing', 'set_panel', 0, 'assessing'],
    ['assessing', 'save_draft', 0, 'assessing'],
    ['assessing', 'submit_scores', 2, 'assessing'],
    ['assessing', 'decide', 3, 'decided'],
    ['open', 'withdraw', 0, 'withdrawn'],
    ['assessing', 'withdraw', 2, 'withdrawn'],
    ['open', 'add_note', 0, 'open'],
    ['decided', 'add_note', 3, 'decided'],
  ])('%s + %s (submitted %i) → %s', (status, action, submitted, expected) => {
    expect(nextCaseStatus(status, action, progress(submitted))).toBe(expected);
  });

  it.each<[CaseStatus, CaseAction, number, RegExp]>([
    ['open', 'submit_scores', 0, /panel is not set/],
    ['open', 'save_draft', 0, /panel is not set/],
    ['open', 'decide', 0, /panel is not set/],
    ['assessing', 'set_panel', 1, /1 panelist\(s\) already submitted/],
    ['assessing', 'decide', 2, /2 of 3 panelists have submitted/],
    ['decided', 'withdraw', 3, /decided/],
    ['decided', 'decide', 3, /decided/],
    ['decided', 'set_panel', 3, /decided/],
    ['withdrawn', 'add_note', 0, /withdrawn/],
    ['withdrawn', 'set_panel', 0, /withdrawn/],
  ])('refuses %s + %s (submitted %i) with invalid_state', (status, action, submitted, message) => {
    let caught: unknown;
    try {
      nextCaseStatus(status, action, progress(submitted));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('invalid_state');
    expect((caught as DomainError).message).toMatch(message);
  });
});
