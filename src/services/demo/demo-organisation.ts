import { addDays, addMonthsClamped } from '../../core/dates/calendar.js';
import type { EvidenceInput } from '../../core/evidence/evidence.schema.js';
import type { LadderDocument, LevelDefinition } from '../../core/ladder/ladder.schema.js';
import type { OrganisationData } from '../../core/roster/organisation.types.js';
import { mentorshipId } from '../../core/roster/roster.schema.js';
import type { Builder, Client, Mentorship, Person, Placement } from '../../core/roster/roster.types.js';

/**
 * A deterministic demo organisation: the same options give the same organisation, byte for byte, on
 * every machine. It is built to show true-to-life situations on every screen — an L4 who meets the L5
 * standard, an L4 one month and one adopted decision short, mentors with mentees, a corrected record, an
 * escalation — and scales (`builders`, `recordsPerBuilder`) for benchmarks of 10k builders and 1M records.
 */
export interface DemoOptions {
  /** The last day of the generated year of evidence (usually the clock's today). */
  today: string;
  /** How many builders (default 45; at least 12 so every showcase case fits). */
  builders?: number;
  /** Routine evidence records per builder over the year (default 24), on top of the showcase cases. */
  recordsPerBuilder?: number;
  /** Seed of the pseudo-random choices (default 1). */
  seed?: number;
  /** The ladder whose L4 curriculum and checklist ids the records use; without it none are generated. */
  ladder?: LadderDocument;
}

export const DEMO_DOMAIN = 'demo.ladder.test';
const TRACK = 'ai-first-business-manager';

/** A small, fast, seedable generator (mulberry32): Math.random is neither seedable nor reproducible. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Ada',
  'Bo',
  'Cleo',
  'Dev',
  'Eli',
  'Fay',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kai',
  'Lena',
  'Milo',
  'Nia',
  'Omar',
  'Pia',
  'Quin',
  'Rafa',
  'Sana',
  'Teo',
  'Uma',
  'Vik',
  'Wren',
  'Xia',
  'Yara',
  'Zed',
];
const LAST = [
  'Abbot',
  'Brandt',
  'Costa',
  'Dietz',
  'Eze',
  'Fonseca',
  'Gallo',
  'Haas',
  'Ito',
  'Jansen',
  'Kovac',
  'Lund',
  'Moreau',
  'Novak',
  'Okafor',
  'Park',
  'Quist',
  'Rossi',
  'Sato',
  'Tran',
  'Ueda',
  'Vidal',
  'Weber',
  'Young',
  'Zhou',
];
const CLIENTS: Client[] = [
  { id: 'northwind', name: 'Northwind Logistics' },
  { id: 'bluefin', name: 'Bluefin Health' },
  { id: 'copperleaf', name: 'Copperleaf Energy' },
  { id: 'driftwood', name: 'Driftwood Retail' },
  { id: 'emberline', name: 'Emberline Travel' },
  { id: 'foxglove', name: 'Foxglove Insurance' },
];
const LEVELS = ['L1', 'L2', 'L3', 'L4', 'L5'] as const;
type Level = (typeof LEVELS)[number];
const RATE: Record<Level, number> = { L1: 520000, L2: 620000, L3: 730000, L4: 840000, L5: 1180000 };
const EVENTS = [
  'signup_completed',
  'route_planned',
  'report_exported',
  'invoice_paid',
  'search_used',
  'alert_dismissed',
];

interface Plan {
  email: string;
  name: string;
  level: Level;
  /** When the current level began. */
  since: string;
  client: Client;
}

/** Generates the demo organisation for `options` (see DemoOptions). */
export function generateDemoOrganisation(options: DemoOptions): OrganisationData {
  const today = options.today;
  const count = Math.max(12, options.builders ?? 45);
  const perBuilder = Math.max(0, options.recordsPerBuilder ?? 24);
  const random = randomSource(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const yearAgo = addDays(today, -364);
  const inYear = (): string => addDays(yearAgo, between(0, 364));
  const later = (a: string, b: string): string => (a > b ? a : b);

  const leadership: Person[] = [
    { email: `head@${DEMO_DOMAIN}`, name: 'Wen Li', role: 'leadership' },
    { email: `ops@${DEMO_DOMAIN}`, name: 'Marta Ruiz', role: 'leadership' },
  ];
  const stakeholders: Person[] = CLIENTS.map((c) => ({
    email: `pm@${c.id}.${DEMO_DOMAIN}`,
    name: `${c.name.split(' ')[0] ?? c.id} PM`,
    role: 'client_stakeholder',
  }));
  const stakeholderOf = (client: Client): string => `pm@${client.id}.${DEMO_DOMAIN}`;

  // Who is who. The first builders are the showcase cases; the rest follow a realistic level mix.
  const plans: Plan[] = [];
  const used = new Set<string>();
  const person = (index: number): { email: string; name: string } => {
    const first = FIRST[index % FIRST.length] ?? 'Ada';
    const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Abbot';
    let email = `${first}.${last}@${DEMO_DOMAIN}`.toLowerCase();
    if (used.has(email)) email = `${first}.${last}.${index}@${DEMO_DOMAIN}`.toLowerCase();
    used.add(email);
    return { email, name: `${first} ${last}` };
  };
  const mix: Level[] = ['L1', 'L1', 'L1', 'L2', 'L2', 'L2', 'L3', 'L3', 'L4', 'L4', 'L5'];
  for (let i = 0; i < count; i++) {
    const who = person(i);
    let level: Level;
    let since: string;
    if (i === 0)
      [level, since] = ['L4', addMonthsClamped(today, -20)]; // eligible for an L5 case
    else if (i === 1)
      [level, since] = ['L4', addDays(addMonthsClamped(today, -18), 12)]; // 18 months in 12 days
    else if (i === 2)
      [level, since] = ['L4', addMonthsClamped(today, -7)]; // new at L4, escalation
    else if (i < 5) [level, since] = ['L5', addMonthsClamped(today, -between(14, 40))];
    else {
      level = mix[(i * 7) % mix.length] ?? 'L1';
      since = addMonthsClamped(today, -between(2, level === 'L1' ? 10 : 30));
    }
    plans.push({ ...who, level, since, client: CLIENTS[i % CLIENTS.length] ?? CLIENTS[0]! });
  }
  const [eligible, close, newL4] = [plans[0]!, plans[1]!, plans[2]!];
  const l5s = plans.filter((p) => p.level === 'L5');

  const builders: Builder[] = plans.map((p, i) => {
    const index = LEVELS.indexOf(p.level);
    const levels = [];
    // Earlier levels, one every 14–20 months back; showcase mentees rose while mentored (see below).
    // Every step names its track (ADR 0030): the demo's builders all climb the one track.
    let start = p.since;
    for (let k = index; k >= 0 && index - k < 3; k--) {
      levels.unshift({ level: LEVELS[k] ?? 'L1', since: start, track: TRACK });
      start = addMonthsClamped(start, -(14 + ((i + k) % 7)));
    }
    const rate = RATE[p.level] + between(0, 20) * 5000;
    const rates = [{ since: p.since, rate_minor: rate, currency: 'USD' }];
    const previous = levels[levels.length - 2];
    if (previous !== undefined)
      rates.unshift({ since: previous.since, rate_minor: RATE[previous.level], currency: 'USD' });
    return {
      email: p.email,
      name: p.name,
      track: TRACK,
      level: p.level,
      level_since: p.since,
      levels,
      rates,
    };
  });

  // Placements: every builder at their client since their level began (or a year ago); some extended.
  const placements: Placement[] = plans.map((p, i) => ({
    id: `pl-${String(i + 1).padStart(4, '0')}`,
    builder: p.email,
    client: p.client.id,
    start: later(p.since, addDays(yearAgo, (i * 11) % 90)),
    end: null,
    rate_minor: RATE[p.level] + 120000,
    currency: 'USD',
    extended: p === eligible || i % 4 === 1,
    requested_back: i % 9 === 3,
  }));

  // Mentorships within the ladder's slots: L5 gives 2 to L1–L3, L4 gives 1 to L1–L2; L4s receive an L5.
  const mentorships: Mentorship[] = [];
  const juniors = plans.filter((p) => p.level === 'L1' || p.level === 'L2');
  const l3s = plans.filter((p) => p.level === 'L3');
  const taken = new Set<string>();
  const assign = (mentor: Plan | Person, mentee: Plan, start: string): void => {
    taken.add(mentee.email);
    const m = { mentor: mentor.email, mentee: mentee.email, start, end: null };
    mentorships.push({ id: mentorshipId(m), ...m });
  };
  const nextFree = (pool: Plan[]): Plan | undefined => pool.find((p) => !taken.has(p.email));
  for (const l4 of plans.filter((p) => p.level === 'L4')) {
    const mentee = nextFree(juniors);
    if (mentee !== undefined && l4 !== newL4) assign(l4, mentee, later(addDays(today, -200), l4.since));
  }
  l5s.forEach((l5, k) => {
    for (const pool of [l3s, juniors]) {
      const mentee = nextFree(pool);
      if (mentee !== undefined && mentorships.filter((m) => m.mentor === l5.email).length < 2)
        assign(l5, mentee, addDays(today, -300 + k * 20));
    }
  });
  plans
    .filter((p) => p.level === 'L4')
    .forEach((l4, k) => {
      const mentor = l5s.length > 0 ? l5s[k % l5s.length]! : leadership[0]!;
      const m = {
        mentor: k % 3 === 2 ? leadership[0]!.email : mentor.email,
        mentee: l4.email,
        start: later(l4.since, addDays(yearAgo, 10)),
        end: null,
      };
      mentorships.push({ id: mentorshipId(m), ...m });
    });

  // The eligible L4's mentee was promoted while mentored: L1 → L2 four months ago.
  const eligibleMentee = mentorships.find((m) => m.mentor === eligible.email);
  const menteeBuilder = builders.find((b) => b.email === eligibleMentee?.mentee);
  if (menteeBuilder !== undefined && eligibleMentee !== undefined) {
    const promoted = addMonthsClamped(today, -4);
    menteeBuilder.levels = [
      { level: 'L1', since: addDays(eligibleMentee.start, -90), track: TRACK },
      { level: 'L2', since: promoted, track: TRACK },
    ];
    menteeBuilder.level = 'L2';
    menteeBuilder.level_since = promoted;
    menteeBuilder.rates = [
      { since: addDays(eligibleMentee.start, -90), rate_minor: RATE.L1, currency: 'USD' },
      { since: promoted, rate_minor: RATE.L2, currency: 'USD' },
    ];
    const placement = placements.find((p) => p.builder === menteeBuilder.email);
    if (placement !== undefined) placement.start = later(placement.start, addDays(eligibleMentee.start, -90));
  }

  // ---------------------------------------------------------------- evidence
  const evidence: EvidenceInput[] = [];
  let serial = 0;
  const base = (builder: string, date: string, recordedBy = builder) => ({
    id: `demo-${String(++serial).padStart(7, '0')}`,
    builder,
    date,
    recorded_by: recordedBy,
    // A fixed time of day keeps the demo reproducible whenever it is loaded.
    recorded_at: `${date}T17:00:00.000Z`,
    confirmed_by: null,
    supersedes: null,
  });
  const l4 = options.ladder?.levels.find((l: LevelDefinition) => l.id === 'L4');
  const modules = (l4?.curriculum ?? []).flatMap((phase) => phase.modules.map((m) => m.id));
  const items = (l4?.self_evaluation ?? []).map((item) => item.id);
  const dateOf = new Map<string, string>();
  const recentOf = new Map<string, string[]>();
  const add = (record: EvidenceInput): void => {
    evidence.push(record);
    dateOf.set(record.id, record.date);
    const recent = recentOf.get(record.builder) ?? [];
    recent.push(record.id);
    if (recent.length > 2) recent.shift();
    recentOf.set(record.builder, recent);
  };
  const reviewsOf = new Map<string, string[]>();
  const featuresOf = new Map<string, string[]>();

  const decision = (
    p: Plan,
    date: string,
    type: 'scope_change' | 'feature_proposal' | 'kill' | 'descope',
    response: 'adopted' | 'rejected' | 'pending',
    confirmed: boolean,
    data = 'Funnel data: 41% drop at step 3',
  ) => {
    const record = {
      ...base(p.email, date),
      kind: 'decision' as const,
      type,
      title: `${type.replace('_', ' ')} for ${p.client.name}`,
      recommendation: 'Ship the smallest version that tests the bet',
      data,
      client: p.client.id,
      client_response: response,
      outcome: response === 'adopted' ? 'Cycle time down 18%' : '',
      significant: response === 'adopted',
    };
    add(confirmed ? { ...record, confirmed_by: stakeholderOf(p.client) } : record);
    return record.id;
  };
  const feature = (p: Plan, date: string, instrumented: boolean) => {
    const id = base(p.email, date);
    add({
      ...id,
      kind: 'feature',
      title: `Feature ${serial} for ${p.client.name}`,
      client: p.client.id,
      shipped_on: date,
      analytics_events: instrumented
        ? [pick(EVENTS), pick(EVENTS)].filter((e, k, a) => a.indexOf(e) === k)
        : [],
    });
    featuresOf.set(p.email, [...(featuresOf.get(p.email) ?? []), id.id]);
    return id.id;
  };
  const review = (p: Plan, date: string) => {
    const id = base(p.email, date);
    add({
      ...id,
      kind: 'code_review',
      link: `https://git.${DEMO_DOMAIN}/${p.client.id}/pull/${serial}`,
      lesson: 'Name the invariant before the fix',
    });
    reviewsOf.set(p.email, [...(reviewsOf.get(p.email) ?? []), id.id]);
    return id.id;
  };
  const cite = (reviewer: Plan, reviewId: string, citer: string, date: string) => {
    add({ ...base(reviewer.email, date, citer), kind: 'review_citation', review_id: reviewId });
  };
  const placementStart = new Map(placements.map((placement) => [placement.builder, placement.start]));
  const feedback = (p: Plan, date: string, rating: number) => {
    // A client contact speaks of a builder placed with them that day (the ledger refuses anything else).
    const onPlacement = later(date, placementStart.get(p.email) ?? date);
    add({
      ...base(p.email, onPlacement, stakeholderOf(p.client)),
      kind: 'client_feedback',
      client: p.client.id,
      rating,
      text: rating >= 4 ? 'Tells us early what not to build' : 'Good, but surprises in demos',
    });
  };
  const menteeWork = (mentor: Plan, mentee: string, start: string, scores: number[], lastCheckin: string) => {
    scores.forEach((score, k) => {
      add({
        ...base(mentor.email, later(start, addDays(lastCheckin, -30 * (scores.length - k)))),
        kind: 'mentee_review',
        mentee,
        score,
        notes: score <= 2 ? 'Writes code before the spec is clear' : 'Asks the right question first',
      });
    });
    for (let week = 8; week >= 0; week--) {
      const date = addDays(lastCheckin, -7 * week);
      if (date >= start) add({ ...base(mentor.email, date), kind: 'checkin', mentee });
    }
  };
  const peers = plans.filter((p) => p.level !== 'L1');
  const showcase = new Set([eligible, close, newL4]);

  // Showcase 1 — the eligible L4: every metric met, tenure passed, a mentee advanced, an extended placement.
  {
    const p = eligible;
    decision(p, addDays(today, -300), 'scope_change', 'adopted', true);
    decision(p, addDays(today, -210), 'feature_proposal', 'adopted', true);
    decision(p, addDays(today, -120), 'scope_change', 'adopted', true);
    decision(p, addDays(today, -60), 'kill', 'adopted', true, 'Only 3% of users opened it in 8 weeks');
    for (const days of [280, 190, 95]) {
      const f = feature(p, addDays(today, -days), true);
      add({
        ...base(p.email, addDays(today, -days + 30)),
        kind: 'retro',
        feature_id: f,
        hypothesis: 'Cuts support tickets by 20%',
        what_happened: 'Tickets down 26%',
        what_to_change: 'Measure the second week too',
      });
    }
    const r1 = review(p, addDays(today, -250));
    const r2 = review(p, addDays(today, -150));
    cite(p, r1, plans[5]!.email, addDays(today, -248));
    cite(p, r2, plans[6]!.email, addDays(today, -149));
    feedback(p, addDays(today, -45), 5);
    add({
      ...base(p.email, addDays(today, -200)),
      kind: 'adr',
      title: 'Use the existing Postgres for event data',
      status: 'accepted',
      link: `https://git.${DEMO_DOMAIN}/adr/0007`,
    });
    if (eligibleMentee !== undefined)
      menteeWork(p, eligibleMentee.mentee, eligibleMentee.start, [2, 3, 4], addDays(today, -3));
  }
  // Showcase 2 — close: 18 months in 12 days, two vouched adoptions (one short), no mentee advanced yet.
  {
    const p = close;
    decision(p, addDays(today, -260), 'scope_change', 'adopted', true);
    decision(p, addDays(today, -150), 'feature_proposal', 'adopted', true);
    // The client adopted this one but only the builder says so: it does not count as vouched.
    decision(p, addDays(today, -40), 'scope_change', 'adopted', false);
    decision(p, addDays(today, -90), 'descope', 'pending', false, 'Two of five reports are never opened');
    feature(p, addDays(today, -200), true);
    feature(p, addDays(today, -70), true);
    const r = review(p, addDays(today, -180));
    cite(p, r, plans[7]!.email, addDays(today, -170));
    cite(p, r, plans[8]!.email, addDays(today, -160));
    feedback(p, addDays(today, -20), 4);
    const mentee = mentorships.find((m) => m.mentor === p.email);
    if (mentee !== undefined) menteeWork(p, mentee.mentee, mentee.start, [2, 3], addDays(today, -6));
  }
  // Showcase 3 — new at L4 with an escalation, and a corrected record (a typo in the client's answer).
  // Leadership makes the correction: the client's confirmation of the original would not carry over to
  // one the builder made herself.
  {
    const p = newL4;
    const original = decision(p, addDays(today, -100), 'scope_change', 'rejected', true);
    const correction = {
      ...base(p.email, addDays(today, -95), leadership[0]!.email),
      kind: 'decision' as const,
      supersedes: original,
      type: 'scope_change' as const,
      title: `scope change for ${p.client.name}`,
      recommendation: 'Ship the smallest version that tests the bet',
      data: 'Funnel data: 41% drop at step 3',
      client: p.client.id,
      client_response: 'adopted' as const,
      confirmed_by: stakeholderOf(p.client),
      outcome: '',
      significant: true,
    };
    add(correction);
    feature(p, addDays(today, -80), true);
    add({
      ...base(p.email, addDays(today, -30), leadership[0]!.email),
      kind: 'escalation',
      client: p.client.id,
      summary: 'Ops director asked leadership about a slipped date',
    });
    feedback(p, addDays(today, -50), 3);
  }

  const planOf = new Map(plans.map((p) => [p.email, p]));
  // Every other mentor who is a builder reviews and checks in with their mentees, some more regularly.
  for (const m of mentorships) {
    const mentor = planOf.get(m.mentor);
    if (mentor === undefined || mentor === eligible || mentor === close) continue;
    const lag = between(1, 25);
    menteeWork(mentor, m.mentee, m.start, lag < 12 ? [2, 3, 3] : [3, 2], addDays(today, -lag));
  }

  // Routine work of everyone: a year of records spread over the kinds, in proportions a team produces.
  const routine = [
    'code_review',
    'feature',
    'decision',
    'code_review',
    'review_citation',
    'adr',
    'retro',
    'decision',
    'feature',
    'curriculum',
    'self_evaluation',
    'client_feedback',
  ] as const;
  plans.forEach((p, i) => {
    const rosterStart = later(p.since, yearAgo);
    for (let k = 0; k < perBuilder; k++) {
      const date = later(inYear(), rosterStart);
      const kind = routine[(k + i) % routine.length] ?? 'code_review';
      switch (kind) {
        case 'code_review':
          review(p, date);
          break;
        case 'feature':
          feature(p, date, p === eligible || p === close || random() < 0.85);
          break;
        case 'decision': {
          const responses = ['adopted', 'rejected', 'pending'] as const;
          // The showcase builders' routine decisions stay pending, so their metrics read as described.
          const response = showcase.has(p) ? 'pending' : pick(responses);
          decision(
            p,
            date,
            pick(['scope_change', 'feature_proposal', 'kill', 'descope'] as const),
            response,
            response === 'adopted' && random() < 0.7,
            random() < 0.8 ? 'Usage export, last 30 days' : '',
          );
          break;
        }
        case 'review_citation': {
          // A colleague cites one of this builder's reviews (a review from the past, never their own).
          const reviews = reviewsOf.get(p.email) ?? [];
          const citer = pick(peers);
          const reviewId = reviews[reviews.length - 1];
          if (reviewId !== undefined && citer.email !== p.email)
            cite(p, reviewId, citer.email, later(date, dateOf.get(reviewId) ?? date));
          else review(p, date);
          break;
        }
        case 'adr':
          add({
            ...base(p.email, date),
            kind: 'adr',
            title: 'Queue webhooks instead of calling inline',
            status: pick(['proposed', 'accepted', 'accepted'] as const),
            link: `https://git.${DEMO_DOMAIN}/adr/${serial}`,
          });
          break;
        case 'retro': {
          const features = featuresOf.get(p.email) ?? [];
          const featureId = features[features.length - 1];
          const featureDate = featureId === undefined ? undefined : dateOf.get(featureId);
          if (featureId !== undefined && featureDate !== undefined) {
            add({
              ...base(p.email, later(date, featureDate)),
              kind: 'retro',
              feature_id: featureId,
              hypothesis: 'Users finish setup faster',
              what_happened: 'Median setup time 9 → 6 minutes',
              what_to_change: 'Ask before the demo, not after',
            });
          } else feature(p, date, true);
          break;
        }
        case 'curriculum':
          if (p.level === 'L4' && modules.length > 0)
            add({
              ...base(p.email, date),
              kind: 'curriculum',
              module_id: modules[(i + k) % modules.length] ?? '',
              status: pick(['in_progress', 'done', 'done'] as const),
            });
          else review(p, date);
          break;
        case 'self_evaluation': {
          const own = [...(recentOf.get(p.email) ?? [])];
          if (p.level === 'L4' && items.length > 0)
            add({
              ...base(p.email, date),
              kind: 'self_evaluation',
              item_id: items[(i + k) % items.length] ?? '',
              answer: pick(['yes', 'partly', 'no'] as const),
              evidence_ids: own,
            });
          else review(p, date);
          break;
        }
        case 'client_feedback':
          if (p !== eligible && p !== newL4) feedback(p, date, between(3, 5));
          break;
      }
    }
  });

  // Ledger order: by date, then id (the order an export writes), so the demo imports like a file would.
  evidence.sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
  return {
    people: [...leadership, ...stakeholders],
    builders,
    clients: [...CLIENTS],
    placements,
    mentorships,
    evidence,
  };
}
