import { describe, expect, it } from 'vitest';
import type { Actor } from '../actor.js';
import { ACTIONS, decide, factsOf, type Action, type Relation } from './policy.js';

const lead: Actor = { kind: 'person', email: 'l@x', role: 'leadership' };
const builder: Actor = { kind: 'person', email: 'b@x', role: 'builder', builderId: 'b1' };
const stakeholder: Actor = { kind: 'person', email: 'c@x', role: 'client_stakeholder', clientId: 'c1' };

const allowed = (actor: Actor, action: Action, relations: Relation[] = [], kind?: string): boolean =>
  decide(actor, action, factsOf(relations, kind)).allow;

describe('access policy', () => {
  it('lets leadership, the operator and the system do every action', () => {
    for (const action of ACTIONS) {
      expect(allowed(lead, action)).toBe(true);
      expect(allowed({ kind: 'operator', name: 'ops' }, action)).toBe(true);
      expect(allowed({ kind: 'system' }, action)).toBe(true);
    }
  });

  it('answers anonymous callers with unauthenticated, never forbidden', () => {
    for (const action of ACTIONS) {
      const decision = decide({ kind: 'anonymous' }, action, factsOf(['self']));
      expect(decision).toMatchObject({ allow: false, code: 'unauthenticated' });
    }
  });

  it('shows rates and payouts to the person themself only, never to their mentor or a panelist', () => {
    for (const action of ['rate.read', 'payout.read', 'placement.read'] as const) {
      expect(allowed(builder, action, ['self'])).toBe(true);
      expect(allowed(builder, action, ['mentor'])).toBe(false);
      expect(allowed(builder, action, ['panelist'])).toBe(false);
      expect(allowed(builder, action, [])).toBe(false);
    }
  });

  it('lets a builder read their own readiness, their mentee’s, a candidate’s as panelist, and nobody else’s', () => {
    expect(allowed(builder, 'readiness.read', ['self'])).toBe(true);
    expect(allowed(builder, 'readiness.read', ['mentor'])).toBe(true);
    expect(allowed(builder, 'readiness.read', ['panelist'])).toBe(true);
    const other = decide(builder, 'readiness.read', factsOf([]));
    expect(other).toMatchObject({ allow: false, code: 'forbidden' });
    expect(other.reason).toMatch(/self or mentor or panelist/);
  });

  it('gives mentors their mentees’ mentorship data and check-ins', () => {
    expect(allowed(builder, 'mentorship.read', ['mentor'])).toBe(true);
    expect(allowed(builder, 'checkin.record', ['mentor'])).toBe(true);
    expect(allowed(builder, 'mentorship.manage', ['mentor'])).toBe(false);
  });

  it('keeps panel scores to panelists and decisions to leadership', () => {
    expect(allowed(builder, 'case.score', ['panelist'])).toBe(true);
    expect(allowed(builder, 'case.score', ['candidate'])).toBe(false);
    expect(allowed(builder, 'case.scores.read', ['panelist'])).toBe(false);
    expect(allowed(builder, 'case.decide', ['panelist'])).toBe(false);
    expect(allowed(builder, 'case.outcome.read', ['candidate'])).toBe(true);
    expect(allowed(builder, 'case.read', ['candidate'])).toBe(false);
  });

  it('lets a client stakeholder give feedback for builders placed at their client and nothing else', () => {
    expect(allowed(stakeholder, 'feedback.record', ['client_contact'], 'client_feedback')).toBe(true);
    expect(allowed(stakeholder, 'feedback.record', ['client_contact'], 'escalation')).toBe(true);
    expect(allowed(stakeholder, 'feedback.record', ['client_contact'], 'decision')).toBe(false);
    expect(allowed(stakeholder, 'feedback.record', [], 'client_feedback')).toBe(false);
    expect(allowed(stakeholder, 'evidence.record', ['client_contact'], 'client_feedback')).toBe(true);
    expect(allowed(stakeholder, 'evidence.record', [], 'client_feedback')).toBe(false);
    expect(allowed(stakeholder, 'evidence.record', ['client_contact'], 'review_citation')).toBe(false);
    expect(allowed(stakeholder, 'evidence.record', ['client_contact'])).toBe(false);
    const others = ACTIONS.filter((a) => !['feedback.record', 'account.self'].includes(a));
    for (const action of others) expect(allowed(stakeholder, action, ['client_contact', 'self'])).toBe(false);
  });

  it('lets a builder record vouching evidence about others only in their role', () => {
    expect(allowed(builder, 'evidence.record', ['self'], 'decision')).toBe(true);
    expect(allowed(builder, 'evidence.record', [], 'review_citation')).toBe(true);
    expect(allowed(builder, 'evidence.record', [], 'mentee_review')).toBe(false);
    expect(allowed(builder, 'evidence.record', ['mentor'], 'mentee_review')).toBe(true);
    expect(allowed(builder, 'evidence.record', ['mentor'], 'decision')).toBe(false);
    expect(allowed(builder, 'evidence.record', [])).toBe(false);
  });

  it("lets a builder's mentor record their milestone assessment, never the builder (ADR 0025)", () => {
    expect(allowed(builder, 'evidence.record', ['mentor'], 'milestone_assessment')).toBe(true);
    expect(allowed(builder, 'evidence.record', ['self'], 'milestone_assessment')).toBe(false);
    // Self and mentor at once cannot happen in the roster; if it did, the builder's own word still loses.
    expect(allowed(builder, 'evidence.record', ['self', 'mentor'], 'milestone_assessment')).toBe(false);
    expect(allowed(builder, 'evidence.record', ['panelist'], 'milestone_assessment')).toBe(false);
    expect(allowed(builder, 'evidence.record', [], 'milestone_assessment')).toBe(false);
    expect(allowed(lead, 'evidence.record', [], 'milestone_assessment')).toBe(true);
  });

  it('keeps every management action and the audit log to leadership', () => {
    const managed = ACTIONS.filter(
      (a) => a.endsWith('.manage') || a === 'audit.read' || a === 'ranking.read',
    );
    expect(managed.length).toBeGreaterThan(8);
    for (const action of managed)
      expect(allowed(builder, action, ['self', 'mentor', 'panelist'])).toBe(false);
  });

  it('lets every builder read the ladder but not a client stakeholder', () => {
    expect(allowed(builder, 'ladder.read')).toBe(true);
    expect(allowed(stakeholder, 'ladder.read')).toBe(false);
  });
});

describe('access policy over every combination of relations', () => {
  const RELATIONS: Relation[] = ['self', 'mentor', 'panelist', 'candidate', 'client_contact'];
  const subsets: Relation[][] = Array.from({ length: 1 << RELATIONS.length }, (_, mask) =>
    RELATIONS.filter((_r, i) => (mask & (1 << i)) !== 0),
  );
  const KINDS = [undefined, 'decision', 'review_citation', 'mentee_review', 'client_feedback'];

  it('grants money (rates, placements, payouts) to a builder exactly when it is about themself', () => {
    for (const relations of subsets) {
      for (const action of ['rate.read', 'payout.read', 'placement.read'] as const) {
        expect(allowed(builder, action, relations)).toBe(relations.includes('self'));
      }
    }
  });

  it('never takes access away when a relation is added (more relations, never less access)', () => {
    for (const actor of [builder, stakeholder]) {
      for (const action of ACTIONS) {
        for (const kind of KINDS) {
          for (const relations of subsets) {
            if (!allowed(actor, action, relations, kind)) continue;
            for (const extra of RELATIONS)
              expect(allowed(actor, action, [...relations, extra], kind)).toBe(true);
          }
        }
      }
    }
  });

  it('opens to a builder with no relation only the ladder, their case list, their account and citations', () => {
    const open = new Set<string>();
    for (const action of ACTIONS)
      for (const kind of KINDS) if (allowed(builder, action, [], kind)) open.add(`${action}:${kind ?? ''}`);
    const expected = KINDS.flatMap((kind) =>
      ['ladder.read', 'case.list', 'account.self'].map((action) => `${action}:${kind ?? ''}`),
    );
    expect([...open].sort()).toEqual([...expected, 'evidence.record:review_citation'].sort());
  });
});
