import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LadderDocument, LevelDefinition } from './ladder.schema.js';
import {
  cadenceDays,
  findLevel,
  isLevelAtLeast,
  levelOrder,
  mentorSlots,
  nextLevel,
} from './ladder-lookup.js';
import { validateLadderText } from './validate-ladder.js';

// The shipped ladder against the seed page ("L4 — Senior Product Builder", February 2026): every number
// and every list length the page names.
const file = path.resolve(import.meta.dirname, '../../../ladders/ai-first-business-manager.yaml');

let doc: LadderDocument;
let l4: LevelDefinition;
let l5: LevelDefinition;

beforeAll(() => {
  const result = validateLadderText(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(`shipped ladder invalid: ${JSON.stringify(result.problems)}`);
  doc = result.ladder;
  l4 = findLevel(doc, 'L4')!;
  l5 = findLevel(doc, 'L5')!;
});

describe('the shipped ladder file', () => {
  it('is the AI-First Business Manager ladder, effective February 2026, L1–L5 in order, Owner track present', () => {
    expect(doc.ladder).toBe('ai-first-business-manager');
    expect(doc.version).toBe('2026-02-01');
    expect(doc.tracks.map((t) => t.id)).toEqual(['ai-first-business-manager', 'owner']);
    expect(doc.tracks[0]!.levels).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    expect(doc.levels.map((l) => l.id)).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
  });

  it('marks L1–L3 and L5 as not written, with only what the seed implies', () => {
    for (const id of ['L1', 'L2', 'L3']) {
      const level = findLevel(doc, id)!;
      expect(level.status).toBe('not_written');
      expect(level.ranking_standard).toBeUndefined();
      expect(level.mentorship).toBeUndefined();
    }
    // "The jump from L3 to L4"
    expect(findLevel(doc, 'L3')!.promotion?.target_level).toBe('L4');
    expect(l5.status).toBe('not_written');
  });

  it('L4: title, tagline and the three summary paragraphs', () => {
    expect(l4.status).toBe('written');
    expect(l4.title).toBe('Senior Product Builder');
    expect(l4.tagline).toBe('The best feature is the one you convince them not to build.');
    expect(l4.summary).toHaveLength(3);
    expect(l4.summary![2]).toContain('An L1 or L2 is assigned to you.');
  });

  it('L4: 7 "what you do" items, 6 AI skills, 9 checklist items with unique ids', () => {
    expect(l4.what_you_do).toHaveLength(7);
    expect(l4.what_you_do!.map((i) => i.name)).toEqual([
      'Product direction',
      'Scope surgery',
      'Data-driven decisions',
      'Technical leadership',
      'Client stakeholder management',
      'Code review for growth',
      'Ship features AND shape direction',
    ]);
    expect(l4.ai_skills).toHaveLength(6);
    expect(l4.self_evaluation).toHaveLength(9);
    expect(new Set(l4.self_evaluation!.map((i) => i.id)).size).toBe(9);
    expect(l4.self_evaluation!.at(-1)!.text).toBe('I’ve shipped successful features in 4+ different stacks');
  });

  it('L4: 3 curriculum phases, months 1–6, 7–12, 13–18, with 5 + 5 + 4 modules', () => {
    const phases = l4.curriculum!;
    expect(phases.map((p) => [p.name, p.months.from, p.months.to, p.modules.length])).toEqual([
      ['Product Instinct', 1, 6, 5],
      ['Technical Leadership', 7, 12, 5],
      ['Product Leadership', 13, 18, 4],
    ]);
    // The interchange example refers to this module id.
    expect(phases[0]!.modules[0]!.id).toBe('product-analytics');
  });

  it('L4: the 6 ranking metrics with their thresholds and machine rules', () => {
    const metrics = l4.ranking_standard!;
    expect(metrics.map((m) => [m.name, m.threshold, m.measured_by])).toEqual([
      [
        'Product decisions adopted',
        '3+ scope changes or feature proposals accepted by clients',
        'Decision log',
      ],
      ['Feature instrumentation', '100% of shipped features have analytics', 'Analytics audit'],
      ['Data-driven kills', '1+ feature descoped/killed based on data', 'Retro documentation'],
      ['Mentee progress', 'Active, measurably improving', 'Mentee review'],
      ['Code review impact', 'Reviews cited as helpful by 2+ team members', 'Peer feedback'],
      ['Client trust', 'Direct stakeholder communication without escalation', 'Client feedback'],
    ]);
    expect(metrics.map((m) => m.rule)).toEqual([
      {
        kind: 'evidence_count',
        evidence: 'decision',
        where: { type: ['scope_change', 'feature_proposal'], client_response: ['adopted'] },
        vouched: true,
        min: 3,
      },
      { kind: 'share', evidence: 'feature', non_empty: 'analytics_events', min_percent: 100 },
      {
        kind: 'evidence_count',
        evidence: 'decision',
        where: { type: ['kill', 'descope'] },
        non_empty: ['data'],
        min: 1,
      },
      { kind: 'mentee_progress', checkin_within_days: 14, min_reviews: 2 },
      { kind: 'distinct_citers', min: 2 },
      { kind: 'client_trust', min_feedback: 1, max_escalations: 0 },
    ]);
  });

  it('L4: promotion to L5 after 18 months, 4 assessment components, the other requirements', () => {
    const promotion = l4.promotion!;
    expect(promotion.target_level).toBe('L5');
    expect(promotion.min_months_at_level).toBe(18);
    expect(promotion.assessment!.map((c) => c.id)).toEqual([
      'product-decision-portfolio',
      'team-building-simulation',
      'mentee-outcome',
      'live-scope-exercise',
    ]);
    expect(promotion.requirements!.map((r) => r.rule)).toEqual([
      { kind: 'tenure' },
      { kind: 'assessment' },
      { kind: 'mentee_advanced', min: 1 },
      { kind: 'client_retention', min: 1, flags: ['extended', 'requested_back'] },
    ]);
  });

  it('L4: 5 panel criteria, multiplication instinct the only gate; decision thresholds', () => {
    const panel = l4.promotion!.panel!;
    expect(panel.criteria.map((c) => c.id)).toEqual([
      'multiplication-instinct',
      'product-judgment',
      'teaching-ability',
      'scope-discipline',
      'leadership-without-authority',
    ]);
    expect(panel.criteria.filter((c) => c.gate === true).map((c) => c.id)).toEqual([
      'multiplication-instinct',
    ]);
    expect(panel.eligibility).toEqual({ min_level: 'L5', leadership: true });
    expect(panel.decision).toEqual({ component_pass: 'majority', gate_median_min: 3, other_median_min: 2.5 });
    expect(panel.reveal_panelists).toBe(false);
  });

  it('L4: receives an L5 mentor or leadership bi-weekly; gives 1 slot for L1–L2, weekly, 3 % for 6 months', () => {
    const mentorship = l4.mentorship!;
    expect(mentorship.receives).toMatchObject({
      mentor_levels: ['L5'],
      leadership: true,
      checkin_cadence: 'biweekly',
    });
    expect(cadenceDays(mentorship.receives!.checkin_cadence)).toBe(14);
    expect(mentorship.gives).toMatchObject({
      slots: 1,
      mentee_levels: ['L1', 'L2'],
      checkin_cadence: 'weekly',
    });
    expect(cadenceDays(mentorship.gives!.checkin_cadence)).toBe(7);
    expect(mentorship.gives!.referral).toEqual({ percent: 3, months: 6 });
  });

  it('L5: 2 slots for L1–L3, 4 % for 9 months, Premium+, panel service, the unlocks and the Owner bridge', () => {
    expect(l5.mentorship!.gives).toMatchObject({ slots: 2, mentee_levels: ['L1', 'L2', 'L3'] });
    expect(l5.mentorship!.gives!.referral).toEqual({ percent: 4, months: 9 });
    expect(l5.billing_tier).toBe('Premium+');
    expect(l5.panel_eligible).toBe(true);
    expect(l5.bridges_to).toEqual(['owner']);
    expect(l5.unlocks!.map((u) => u.split(' — ')[0])).toEqual([
      'Team leadership',
      'Onboarding playbook ownership',
      'Evaluation panel service',
      'The bridge to the Owner track',
    ]);
  });
});

describe('ladder lookups', () => {
  it('orders levels, finds the next one and compares ranks', () => {
    expect(levelOrder(doc, 'L1')).toBe(0);
    expect(levelOrder(doc, 'L5')).toBe(4);
    expect(levelOrder(doc, 'L9')).toBeUndefined();
    expect(nextLevel(doc, 'L4')?.id).toBe('L5');
    expect(nextLevel(doc, 'L5')).toBeUndefined();
    expect(isLevelAtLeast(doc, 'L5', 'L5')).toBe(true);
    expect(isLevelAtLeast(doc, 'L4', 'L5')).toBe(false);
    expect(isLevelAtLeast(doc, 'L9', 'L1')).toBe(false);
  });

  it('gives no mentee slots to a level without `gives`', () => {
    expect(mentorSlots(findLevel(doc, 'L3')!)).toBe(0);
    expect(mentorSlots(l4)).toBe(1);
    expect(mentorSlots(l5)).toBe(2);
  });
});
