import { DomainError } from '../errors.js';

/**
 * The life of a promotion case: open (panel being formed) → assessing (panel set, scores coming in) →
 * decided (promoted | not_yet), or withdrawn before a decision. Decided and withdrawn are final: a case is
 * a record, and a new attempt is a new case.
 */
export const CASE_STATUSES = ['open', 'assessing', 'decided', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_OUTCOMES = ['promoted', 'not_yet'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Everything that can happen to a case; each one is also a case event in the trail. */
export const CASE_ACTIONS = [
  'set_panel',
  'save_draft',
  'submit_scores',
  'decide',
  'withdraw',
  'add_note',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What the transition rules need to know about the case besides its status. */
export interface CaseProgress {
  panelSize: number;
  panelMembers: number;
  submitted: number;
}

/**
 * The status after `action`, or an `invalid_state` error saying why the action is not allowed now.
 * The panel can still change while assessing, but only until the first score sheet is submitted: after
 * that, replacing a panelist would change who the submitted panelists were calibrating against.
 */
export function nextCaseStatus(status: CaseStatus, action: CaseAction, progress: CaseProgress): CaseStatus {
  const refuse = (why: string): never => {
    throw new DomainError(
      'invalid_state',
      `Cannot ${action.replace('_', ' ')} a case that is ${status}: ${why}`,
      {
        status,
        action,
      },
    );
  };
  if (status === 'decided' || status === 'withdrawn') {
    if (action === 'add_note' && status === 'decided') return status;
    return refuse(status === 'decided' ? 'the case is decided; open a new case' : 'the case was withdrawn');
  }
  switch (action) {
    case 'set_panel':
      if (status === 'assessing' && progress.submitted > 0)
        return refuse(`${progress.submitted} panelist(s) already submitted scores`);
      return 'assessing';
    case 'save_draft':
    case 'submit_scores':
      if (status === 'open') return refuse('the panel is not set yet');
      return 'assessing';
    case 'decide':
      if (status === 'open') return refuse('the panel is not set yet');
      if (progress.submitted < progress.panelSize)
        return refuse(`${progress.submitted} of ${progress.panelSize} panelists have submitted their scores`);
      return 'decided';
    case 'withdraw':
      return 'withdrawn';
    case 'add_note':
      return status;
  }
}

/** True once nothing about the case can change except added notes. */
export function isFinalStatus(status: CaseStatus): boolean {
  return status === 'decided' || status === 'withdrawn';
}
