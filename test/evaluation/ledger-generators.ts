import fc from 'fast-check';
import { addDays } from '../../src/core/dates/calendar.js';
import { EVIDENCE_KIND_VALUES, type EvidenceInput } from '../../src/core/evidence/evidence.schema.js';
import type { OrganisationData } from '../../src/core/roster/organisation.types.js';
import { mentorshipId } from '../../src/core/roster/roster.schema.js';
import type { Builder, Mentorship, Placement } from '../../src/core/roster/roster.types.js';
import { shippedLadder } from '../factories/shipped-ladder.js';

/**
 * Property-generated organisations for the exactness suites (issue 15). fast-check draws a plan made of
 * small numbers and choices; `organisationOf` turns it into an organisation the import accepts — every
 * reference resolvable, corrections by whoever recorded the original (or leadership), dated on or after
 * it, never carrying a vouch over to the builder's own correction — so every run reaches the triggers
 * and the evaluators rather than an import refusal. Each run gets its own email domain and id prefix, so
 * runs can share one database (a fresh database per run would cost seconds).
 *
 * What a plan covers: records of every kind, in the window and outside it, before a level began and
 * after `at`; corrections and chains of corrections (a correction of a correction), dated the same day
 * or months later; citations of code reviews (some since corrected); mentee reviews and check-ins;
 * self-evaluations pointing at records; level histories of one to three steps; placements with flags;
 * mentorships open or ended. The records are imported in a shuffled order (a correction may arrive
 * before the record it corrects, in one transaction), and a tail of them is recorded one by one
 * through the evidence service afterwards.
 */

const TRACK = 'ai-first-business-manager';
const LEVEL_IDS = ['L1', 'L2', 'L3', 'L4', 'L5'] as const;
/** Day 0 of every generated date; plans count days from it. */
export const BASE = '2023-01-01';
const ladder = shippedLadder();
const L4 = ladder.levels.find((l) => l.id === 'L4');
const MODULES = (L4?.curriculum ?? []).flatMap((c) => c.modules.map((m) => m.id));
const ITEMS = (L4?.self_evaluation ?? []).map((item) => item.id);

// Every kind the ledger knows, so a new kind is generated without touching this file.
const KINDS = EVIDENCE_KIND_VALUES;

/** Who recorded or confirmed a record: the builder, leadership, another builder, the client contact. */
type Who = 'self' | 'lead' | 'peer' | 'contact';

const variantArb = fc.record({
  pick: fc.nat({ max: 1000 }),
  flag: fc.boolean(),
  score: fc.integer({ min: 1, max: 5 }),
  text: fc.constantFrom('', ' ', 'usage fell 40%'),
  events: fc.constantFrom<string[]>([], ['route_planned'], ['route_planned', 'route_overridden']),
});
type Variant = typeof variantArb extends fc.Arbitrary<infer V> ? V : never;

const correctionArb = fc.record({
  delay: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 31, max: 500 })),
  byLead: fc.boolean(),
  confirmer: fc.constantFrom<Who | 'none'>('none', 'self', 'lead', 'peer'),
  variant: variantArb,
});

const recordArb = fc.record({
  builder: fc.nat({ max: 9 }),
  // Every kind, the ones the L4 metrics count more often.
  kind: fc.constantFrom(
    ...KINDS,
    'decision',
    'decision',
    'decision',
    'feature',
    'review_citation',
    'client_feedback',
  ),
  // Mostly within the generated years, some far before and after them.
  day: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 1300 }) },
    { weight: 1, arbitrary: fc.integer({ min: -400, max: -1 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1301, max: 1800 }) },
  ),
  recorder: fc.constantFrom<Who>('self', 'self', 'lead', 'peer'),
  confirmer: fc.constantFrom<Who | 'none'>('none', 'none', 'self', 'lead', 'peer', 'contact'),
  variant: variantArb,
  corrections: fc.oneof(
    { weight: 4, arbitrary: fc.array(correctionArb, { maxLength: 0 }) },
    { weight: 2, arbitrary: fc.array(correctionArb, { minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.array(correctionArb, { minLength: 2, maxLength: 3 }) },
  ),
});

const builderArb = fc.record({
  // Mostly L3 and L4: L4 is the level the shipped ladder writes metrics and requirements for.
  firstLevel: fc.constantFrom(0, 1, 2, 2, 3, 3, 3, 4),
  startDay: fc.integer({ min: 0, max: 500 }),
  gaps: fc.array(fc.integer({ min: 1, max: 500 }), { maxLength: 2 }),
});

const spanArb = fc.record({
  a: fc.nat({ max: 9 }),
  b: fc.nat({ max: 9 }),
  startDay: fc.integer({ min: 0, max: 1300 }),
  length: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
  extended: fc.boolean(),
  requestedBack: fc.boolean(),
});

/** A plan of one organisation: what fast-check draws and shrinks. */
export const organisationPlanArb = fc.record({
  builders: fc.array(builderArb, { minLength: 2, maxLength: 4 }),
  placements: fc.array(spanArb, { maxLength: 5 }),
  mentorships: fc.array(spanArb, { maxLength: 4 }),
  records: fc.array(recordArb, { minLength: 8, maxLength: 60, size: 'medium' }),
  /** Sort keys of the import order (the records are shuffled by them). */
  order: fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
  /** Share of the records recorded one by one after the import, in tenths. */
  tail: fc.nat({ max: 4 }),
});
export type OrganisationPlan = typeof organisationPlanArb extends fc.Arbitrary<infer P> ? P : never;

/** A generated organisation: the data to import (records shuffled) and the tail to record one by one. */
export interface GeneratedOrganisation {
  data: OrganisationData;
  tail: EvidenceInput[];
  /** Every record in the order it was generated (each original before its corrections). */
  records: EvidenceInput[];
  emails: string[];
}

/** Turns a plan into an organisation the import accepts, with emails and ids under `prefix`. */
export function organisationOf(plan: OrganisationPlan, prefix: string): GeneratedOrganisation {
  const day = (n: number): string => addDays(BASE, n);
  const lead = `lead@${prefix}.test`;
  const contact = `contact@${prefix}.test`;
  const client = `${prefix}-client`;
  const emails = plan.builders.map((_, i) => `b${i}@${prefix}.test`);
  const builderAt = (n: number): string => emails[n % emails.length] ?? '';

  const builders: Builder[] = plan.builders.map((b, i) => {
    const levels = [{ level: LEVEL_IDS[b.firstLevel] ?? 'L1', since: day(b.startDay) }];
    let since = b.startDay;
    b.gaps.forEach((gap, step) => {
      const level = LEVEL_IDS[b.firstLevel + step + 1];
      if (level === undefined) return;
      since += gap;
      levels.push({ level, since: day(since) });
    });
    const last = levels[levels.length - 1] ?? { level: 'L1', since: day(b.startDay) };
    return {
      email: emails[i] ?? '',
      name: `Builder ${i}`,
      track: TRACK,
      level: last.level,
      level_since: last.since,
      levels,
      rates: [{ since: day(b.startDay), rate_minor: 500_000, currency: 'USD' }],
    };
  });

  const placements: Placement[] = plan.placements.map((p, i) => ({
    id: `${prefix}-pl${i}`,
    builder: builderAt(p.a),
    client,
    start: day(p.startDay),
    end: p.length === null ? null : day(p.startDay + p.length),
    rate_minor: 600_000,
    currency: 'USD',
    extended: p.extended,
    requested_back: p.requestedBack,
  }));

  const mentorships = new Map<string, Mentorship>();
  for (const m of plan.mentorships) {
    const mentor = builderAt(m.a);
    const mentee = builderAt(m.a === m.b ? m.b + 1 : m.b);
    if (mentor === mentee) continue;
    const start = day(m.startDay);
    const id = mentorshipId({ mentor, mentee, start });
    mentorships.set(id, {
      id,
      mentor,
      mentee,
      start,
      end: m.length === null ? null : day(m.startDay + m.length),
    });
  }

  const records: EvidenceInput[] = [];
  const byKind = new Map<string, EvidenceInput[]>();
  const person = (who: Who, builder: string): string => {
    switch (who) {
      case 'self':
        return builder;
      case 'lead':
        return lead;
      case 'contact':
        return contact;
      default:
        return emails.find((e) => e !== builder) ?? lead;
    }
  };
  const fieldsOf = (
    kind: (typeof KINDS)[number],
    builder: string,
    v: Variant,
  ): Record<string, unknown> | undefined => {
    // Reviews and check-ins are mostly of the builder's own mentees, so mentee progress has something to read.
    const mentee = [...mentorships.values()].find((m) => m.mentor === builder)?.mentee;
    const other = (v.flag ? mentee : undefined) ?? emails.find((e) => e !== builder) ?? '';
    const earlier = (k: string) => (byKind.get(k) ?? []).filter((r) => r.builder === builder);
    switch (kind) {
      case 'decision':
        return {
          type: (['scope_change', 'feature_proposal', 'kill', 'descope'] as const)[v.pick % 4],
          title: 'A decision',
          recommendation: '',
          data: v.text,
          client,
          client_response: (['adopted', 'adopted', 'rejected', 'pending'] as const)[v.pick % 4],
          outcome: '',
          significant: v.flag,
        };
      case 'feature':
        return { title: 'A feature', client, shipped_on: '', analytics_events: v.events };
      case 'retro': {
        const features = byKind.get('feature') ?? [];
        const feature = features[v.pick % Math.max(features.length, 1)];
        if (feature === undefined) return undefined;
        return { feature_id: feature.id, hypothesis: '', what_happened: '', what_to_change: '' };
      }
      case 'adr':
        return { title: 'An ADR', status: 'accepted', link: '' };
      case 'code_review':
        return { link: '', lesson: v.text };
      case 'review_citation': {
        const reviews = earlier('code_review');
        const review = reviews[v.pick % Math.max(reviews.length, 1)];
        return review === undefined ? undefined : { review_id: review.id };
      }
      case 'mentee_review':
        return other === '' ? undefined : { mentee: other, score: v.score, notes: '' };
      case 'checkin':
        return other === '' ? undefined : { mentee: other };
      case 'client_feedback':
        return { client, rating: v.score, text: '' };
      case 'escalation':
        return { client, summary: '' };
      case 'curriculum':
        return {
          module_id: MODULES[v.pick % MODULES.length] ?? 'product-analytics',
          status: (['not_started', 'in_progress', 'done'] as const)[v.pick % 3],
        };
      case 'self_evaluation': {
        const pool = records.slice(-6).map((r) => r.id);
        return {
          item_id: ITEMS[v.pick % ITEMS.length] ?? 'instrument-features',
          answer: (['yes', 'partly', 'no'] as const)[v.pick % 3],
          evidence_ids: v.flag ? pool.slice(0, 1 + (v.pick % 3)) : [],
        };
      }
    }
  };
  const add = (record: EvidenceInput): void => {
    records.push(record);
    const list = byKind.get(record.kind) ?? [];
    list.push(record);
    byKind.set(record.kind, list);
  };

  plan.records.forEach((r, i) => {
    const builder = builderAt(r.builder);
    // A client contact's word is bound to placements (evidence-rules.ts): they only confirm here.
    const recorder = r.recorder === 'contact' ? 'lead' : r.recorder;
    // A citation or retro with nothing to point at yet becomes what it would point at.
    const fallback = r.kind === 'retro' ? 'feature' : r.kind === 'review_citation' ? 'code_review' : 'adr';
    const kind = fieldsOf(r.kind, builder, r.variant) === undefined ? fallback : r.kind;
    const date = day(r.day);
    const original = {
      id: `${prefix}-e${i}`,
      kind,
      builder,
      date,
      recorded_by: person(recorder, builder),
      confirmed_by: r.confirmer === 'none' ? null : person(r.confirmer, builder),
      supersedes: null,
      ...fieldsOf(kind, builder, r.variant),
      ...(kind === 'feature' ? { shipped_on: date } : {}),
    } as EvidenceInput;
    add(original);
    let previous = original;
    r.corrections.forEach((c, step) => {
      const cdate = addDays(previous.date, c.delay);
      const recordedBy = c.byLead ? lead : previous.recorded_by;
      let confirmedBy = c.confirmer === 'none' ? null : person(c.confirmer, builder);
      // The builder's own correction does not bring the original's voucher along.
      if (
        recordedBy === builder &&
        previous.confirmed_by !== null &&
        previous.confirmed_by !== builder &&
        confirmedBy === previous.confirmed_by
      ) {
        confirmedBy = null;
      }
      const correction = {
        ...previous,
        ...fieldsOf(kind, builder, c.variant),
        id: `${prefix}-e${i}-c${step + 1}`,
        date: cdate,
        recorded_by: recordedBy,
        confirmed_by: confirmedBy,
        supersedes: previous.id,
        ...(kind === 'feature' ? { shipped_on: cdate } : {}),
      } as EvidenceInput;
      add(correction);
      previous = correction;
    });
  });

  const tailStart = records.length - Math.floor((records.length * plan.tail) / 10);
  const imported = records.slice(0, tailStart);
  const key = (index: number): number => plan.order[index % plan.order.length] ?? 0;
  const shuffled = imported
    .map((record, index) => ({ record, key: key(index), index }))
    .sort((a, b) => a.key - b.key || a.index - b.index)
    .map((entry) => entry.record);

  return {
    data: {
      people: [
        { email: lead, name: 'Lead', role: 'leadership' },
        { email: contact, name: 'Contact', role: 'client_stakeholder' },
      ],
      builders,
      clients: [{ id: client, name: 'Client' }],
      placements,
      mentorships: [...mentorships.values()],
      evidence: shuffled,
    },
    tail: records.slice(tailStart),
    records,
    emails,
  };
}
