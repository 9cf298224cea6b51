import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LadderDocument } from '../src/core/ladder/ladder.schema.js';
import { loadShippedLadders } from '../src/services/ladder-context.service.js';
import { BENCH_AT, parseSize, RANKED_LEVEL, STAR_EMAIL, type BenchSize } from './sizes.js';

/**
 * Deterministic, seeded generator of an organisation in the import format (`ladder import DIR`):
 * people.csv, builders.csv, levels.csv, clients.csv, placements.csv, mentorships.csv, evidence.ndjson.
 * The same size and seed always give byte-identical files. Records reference only what exists (clients,
 * earlier features and code reviews of the same builder, mentees of a mentorship, the ladder's curriculum
 * modules and checklist items), so a correct importer accepts every line.
 */

/** mulberry32: small, fast and good enough to spread benchmark data; not for anything secret. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DAY_MS = 86_400_000;
const dayOf = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoCache = new Map<number, string>();
function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

const AT_DAY = dayOf(BENCH_AT);
/** A few records are dated after `at`, so "later records never count" is exercised at scale. */
const LAST_DAY = dayOf('2026-09-30');
const LEDGER_START = dayOf('2023-01-01');

type Level = 'L1' | 'L2' | 'L3' | 'L4' | 'L5';

interface GenBuilder {
  email: string;
  name: string;
  levels: { level: Level; since: number }[];
  mentees: { email: string; start: number }[];
  clients: string[];
}

/** Files written and how many rows each holds (header rows excluded). */
export interface GeneratedOrganisation {
  dir: string;
  rows: Record<string, number>;
  totalRows: number;
  builders: number;
  records: number;
}

class LineWriter {
  private buffer: string[] = [];
  lines = 0;
  constructor(private readonly stream: WriteStream) {}
  async write(line: string): Promise<void> {
    this.buffer.push(line);
    this.lines += 1;
    if (this.buffer.length >= 2_000) await this.flush();
  }
  private async flush(): Promise<void> {
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }
  async close(): Promise<void> {
    if (this.buffer.length > 0) await this.flush();
    await new Promise<void>((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

const KIND_WEIGHTS: [string, number][] = [
  ['decision', 20],
  ['feature', 14],
  ['retro', 5],
  ['adr', 4],
  ['code_review', 20],
  ['review_citation', 10],
  ['mentee_review', 3],
  ['checkin', 8],
  ['client_feedback', 7],
  ['escalation', 1],
  ['curriculum', 4],
  ['self_evaluation', 3],
];
const DECISION_TYPES = ['scope_change', 'feature_proposal', 'kill', 'descope'] as const;
const ADR_STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;

function csvLine(values: readonly (string | number | boolean | null)[]): string {
  // Every value we write is plain (letters, digits, @ . - :), so no quoting is needed.
  return values.map((v) => (v === null ? '' : String(v))).join(',');
}

/** Writes the organisation of `size` into `dir` (replacing what is there). */
export async function generateOrganisation(
  size: BenchSize,
  dir: string,
  options: { seed?: number; ladder?: LadderDocument } = {},
): Promise<GeneratedOrganisation> {
  const random = createRandom(options.seed ?? 20_260_630);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const chance = (p: number): boolean => random() < p;

  const ladder =
    options.ladder ?? (await loadShippedLadders()).find((doc) => doc.ladder === 'ai-first-business-manager');
  if (ladder === undefined) throw new Error('the shipped ai-first-business-manager ladder is missing');
  const modules = ladder.levels.flatMap((level) =>
    (level.curriculum ?? []).flatMap((phase) => phase.modules.map((m) => m.id)),
  );
  const items = ladder.levels.flatMap((level) => (level.self_evaluation ?? []).map((item) => item.id));
  const track = ladder.tracks.find((t) => t.levels.includes(RANKED_LEVEL))?.id;
  if (track === undefined || modules.length === 0 || items.length === 0)
    throw new Error('the ladder lacks L4 curriculum or checklist');

  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const rows: Record<string, number> = {};

  // People other than builders: leadership (who vouch and mentor nobody here) and one contact per client.
  const leadershipCount = Math.max(2, Math.ceil((size.rankedBuilders + size.otherBuilders) / 200));
  const clientCount = Math.max(3, Math.ceil((size.rankedBuilders + size.otherBuilders) / 25));
  const leaders = Array.from(
    { length: leadershipCount },
    (_, i) => `lead${String(i + 1).padStart(4, '0')}@bench.test`,
  );
  const clients = Array.from({ length: clientCount }, (_, i) => `c${String(i + 1).padStart(5, '0')}`);
  const contactOf = (client: string): string => `contact-${client}@bench.test`;
  const people = [
    'email,name,role',
    ...leaders.map((email, i) => csvLine([email, `Lead ${i + 1}`, 'leadership'])),
    ...clients.map((client) => csvLine([contactOf(client), `Contact ${client}`, 'client_stakeholder'])),
  ];
  await writeFile(path.join(dir, 'people.csv'), `${people.join('\n')}\n`);
  rows['people.csv'] = people.length - 1;
  await writeFile(
    path.join(dir, 'clients.csv'),
    `${['id,name', ...clients.map((id) => csvLine([id, `Client ${id}`]))].join('\n')}\n`,
  );
  rows['clients.csv'] = clients.length;

  // Builders: the star and rankedBuilders − 1 others at L4; the rest spread over L1–L3 and L5.
  const builders: GenBuilder[] = [];
  const historyTo = (level: Level, since: number): { level: Level; since: number }[] => {
    const order: Level[] = ['L1', 'L2', 'L3', 'L4', 'L5'];
    const steps: { level: Level; since: number }[] = [{ level, since }];
    let day = since;
    for (let i = order.indexOf(level) - 1; i >= 0 && chance(0.7); i -= 1) {
      day -= int(300, 600);
      steps.unshift({ level: order[i]!, since: day });
    }
    return steps;
  };
  const total = size.rankedBuilders + size.otherBuilders;
  for (let i = 0; i < total; i += 1) {
    const star = i === 0;
    const email = star ? STAR_EMAIL : `b${String(i).padStart(6, '0')}@bench.test`;
    const others: Level[] = ['L1', 'L1', 'L2', 'L2', 'L3', 'L3', 'L5', 'L5'];
    const level: Level = i < size.rankedBuilders ? 'L4' : others[(i - size.rankedBuilders) % others.length]!;
    // L4 starts spread over three years, so tenure and the window vary; the star's window is long.
    const since = star ? dayOf('2023-03-01') : int(dayOf('2023-02-01'), dayOf('2026-04-30'));
    builders.push({
      email,
      name: star ? 'Star Builder' : `Builder ${i}`,
      levels: historyTo(level, since),
      mentees: [],
      clients: [pick(clients), pick(clients)],
    });
  }
  const current = (b: GenBuilder) => b.levels[b.levels.length - 1]!;

  // Mentorships: each L1/L2 has one active mentor (an L4, the star first; then L5s with two slots).
  const mentors = builders.filter((b) => current(b).level === 'L4' || current(b).level === 'L5');
  const mentees = builders.filter((b) => current(b).level === 'L1' || current(b).level === 'L2');
  const mentorshipLines = ['mentor_email,mentee_email,start,end'];
  mentees.forEach((mentee, index) => {
    const mentor = mentors[index % mentors.length]!;
    const start = Math.max(current(mentor).since, current(mentee).since, dayOf('2025-07-01')) + int(0, 60);
    mentor.mentees.push({ email: mentee.email, start });
    mentorshipLines.push(csvLine([mentor.email, mentee.email, isoOf(start), null]));
  });
  await writeFile(path.join(dir, 'mentorships.csv'), `${mentorshipLines.join('\n')}\n`);
  rows['mentorships.csv'] = mentorshipLines.length - 1;

  const builderLines = ['email,name,track,level,level_since,monthly_rate,currency'];
  const levelLines = ['email,level,since'];
  const placementLines = [
    'id,builder_email,client_id,start,end,monthly_rate,currency,extended,requested_back',
  ];
  let placementSeq = 0;
  // Client feedback and escalations must name a client the builder is placed with on the record's date.
  const placementsOf = new Map<string, { client: string; start: number; end: number | null }[]>();
  for (const b of builders) {
    const step = current(b);
    const rate = `${int(3_000, 14_000)}.${String(int(0, 99)).padStart(2, '0')}`;
    builderLines.push(csvLine([b.email, b.name, track, step.level, isoOf(step.since), rate, 'USD']));
    for (const s of b.levels) levelLines.push(csvLine([b.email, s.level, isoOf(s.since)]));
    // One placement started at the current level (client retention reads it), sometimes an earlier one.
    const placements = chance(0.4) ? 2 : 1;
    for (let p = 0; p < placements; p += 1) {
      placementSeq += 1;
      const start = p === 0 ? step.since + int(0, 60) : step.since - int(200, 400);
      const end = chance(0.5) ? null : start + int(90, 400);
      placementsOf.set(b.email, [
        ...(placementsOf.get(b.email) ?? []),
        { client: b.clients[p]!, start, end },
      ]);
      placementLines.push(
        csvLine([
          `p${String(placementSeq).padStart(7, '0')}`,
          b.email,
          b.clients[p]!,
          isoOf(start),
          end === null ? null : isoOf(end),
          `${int(5_000, 20_000)}.00`,
          'USD',
          chance(0.3),
          chance(0.2),
        ]),
      );
    }
  }
  await writeFile(path.join(dir, 'builders.csv'), `${builderLines.join('\n')}\n`);
  await writeFile(path.join(dir, 'levels.csv'), `${levelLines.join('\n')}\n`);
  await writeFile(path.join(dir, 'placements.csv'), `${placementLines.join('\n')}\n`);
  rows['builders.csv'] = builderLines.length - 1;
  rows['levels.csv'] = levelLines.length - 1;
  rows['placements.csv'] = placementLines.length - 1;

  // Evidence: the star gets starRecords; the rest is shared out, L4 builders twice as much as others.
  const budget = size.records - size.starRecords;
  const weightOf = (b: GenBuilder) => (current(b).level === 'L4' ? 2 : 1);
  const totalWeight = builders.slice(1).reduce((sum, b) => sum + weightOf(b), 0);
  const quota = builders.map((b, i) =>
    i === 0 ? size.starRecords : Math.floor((budget * weightOf(b)) / totalWeight),
  );
  // Rounding leftovers go to the first builders after the star, so the total is exact.
  let leftover = size.records - quota.reduce((sum, n) => sum + n, 0);
  for (let i = 1; leftover > 0; i = (i % (builders.length - 1)) + 1, leftover -= 1) quota[i]! += 1;

  const writer = new LineWriter(createWriteStream(path.join(dir, 'evidence.ndjson')));
  let seq = 0;
  const nextId = () => `r${String((seq += 1)).padStart(8, '0')}`;
  const builderEmails = builders.map((b) => b.email);
  for (let bi = 0; bi < builders.length; bi += 1) {
    const b = builders[bi]!;
    const n = quota[bi]!;
    if (n === 0) continue;
    const first = Math.max(LEDGER_START, b.levels[0]!.since);
    const days = Array.from({ length: n }, () =>
      chance(0.01) ? int(AT_DAY + 1, LAST_DAY) : int(first, AT_DAY),
    );
    days.sort((x, y) => x - y);
    const features: string[] = [];
    const reviews: string[] = [];
    const openDecisions: { id: string; record: Record<string, unknown> }[] = [];
    const recent: string[] = [];
    const menteeScore = new Map<string, number>();
    for (const day of days) {
      let kind = pickWeighted(KIND_WEIGHTS, random);
      const activeMentees = b.mentees.filter((m) => m.start <= day);
      if ((kind === 'mentee_review' || kind === 'checkin') && activeMentees.length === 0)
        kind = 'code_review';
      if (kind === 'retro' && features.length === 0) kind = 'feature';
      if (kind === 'review_citation' && reviews.length === 0) kind = 'code_review';
      const placedWith = (placementsOf.get(b.email) ?? []).filter(
        (p) => p.start <= day && (p.end === null || day <= p.end),
      );
      if ((kind === 'client_feedback' || kind === 'escalation') && placedWith.length === 0) kind = 'adr';
      if (kind === 'decision' && openDecisions.length > 0 && chance(0.02)) {
        // A correction: same kind and builder, its own later date, a different client response.
        const target = openDecisions.splice(Math.floor(random() * openDecisions.length), 1)[0]!;
        const id = nextId();
        await writer.write(
          JSON.stringify({
            ...target.record,
            id,
            date: isoOf(day),
            recorded_at: `${isoOf(day)}T17:00:00.000Z`,
            supersedes: target.id,
            // A vouch does not carry over to the builder's own correction.
            confirmed_by: target.record.recorded_by === b.email ? null : target.record.confirmed_by,
            client_response: pick(['adopted', 'rejected']),
          }),
        );
        continue;
      }
      const id = nextId();
      const date = isoOf(day);
      const vouching = chance(0.5);
      const common = {
        id,
        kind,
        builder: b.email,
        date,
        recorded_by: vouching ? pick(leaders) : b.email,
        recorded_at: `${date}T12:00:00.000Z`,
        confirmed_by: !vouching && chance(0.3) ? pick(leaders) : null,
        supersedes: null,
      };
      const client = pick(b.clients);
      let record: Record<string, unknown>;
      switch (kind) {
        case 'decision':
          record = {
            ...common,
            type: pick(DECISION_TYPES),
            title: `Decision ${id} for ${client}`,
            recommendation: 'Ship the three-day experiment before the six-week build.',
            data: chance(0.7) ? 'Funnel drop of 38% at step 2 over 4 weeks' : '',
            client,
            client_response: pick(['adopted', 'adopted', 'rejected', 'pending']),
            outcome: chance(0.5) ? 'Retention up 4 points' : '',
            significant: chance(0.3),
          };
          openDecisions.push({ id, record });
          break;
        case 'feature':
          record = {
            ...common,
            title: `Feature ${id}`,
            client,
            shipped_on: date,
            analytics_events: chance(0.93) ? ['viewed', 'used', 'completed'].slice(0, int(1, 3)) : [],
          };
          features.push(id);
          break;
        case 'retro':
          record = {
            ...common,
            feature_id: pick(features),
            hypothesis: 'Users want exports',
            what_happened: 'Few used it',
            what_to_change: 'Test first',
          };
          break;
        case 'adr':
          record = {
            ...common,
            title: `ADR ${id}`,
            status: pick(ADR_STATUSES),
            link: `https://git.example/adr/${id}`,
          };
          break;
        case 'code_review':
          record = {
            ...common,
            link: `https://git.example/pr/${id}`,
            lesson: chance(0.5) ? 'Prefer a query over a loop' : '',
          };
          reviews.push(id);
          break;
        case 'review_citation': {
          // The builder is the reviewer; the citer (who records) is another builder.
          let citer = pick(builderEmails);
          if (citer === b.email)
            citer = builderEmails[(builderEmails.indexOf(citer) + 1) % builderEmails.length]!;
          record = { ...common, recorded_by: citer, confirmed_by: null, review_id: pick(reviews) };
          break;
        }
        case 'mentee_review': {
          const mentee = pick(activeMentees).email;
          const score = Math.min(
            5,
            Math.max(
              1,
              (menteeScore.get(mentee) ?? int(1, 3)) + (chance(0.6) ? 1 : 0) - (chance(0.2) ? 1 : 0),
            ),
          );
          menteeScore.set(mentee, score);
          record = {
            ...common,
            recorded_by: b.email,
            confirmed_by: null,
            mentee,
            score,
            notes: 'Steady progress',
          };
          break;
        }
        case 'checkin':
          record = { ...common, recorded_by: b.email, confirmed_by: null, mentee: pick(activeMentees).email };
          break;
        case 'client_feedback': {
          const placedClient = pick(placedWith).client;
          record = {
            ...common,
            recorded_by: chance(0.8) ? contactOf(placedClient) : b.email,
            client: placedClient,
            rating: int(2, 5),
            text: 'Clear and on time',
          };
          break;
        }
        case 'escalation':
          record = {
            ...common,
            recorded_by: pick(leaders),
            client: pick(placedWith).client,
            summary: 'Missed a deadline',
          };
          break;
        case 'curriculum':
          record = { ...common, module_id: pick(modules), status: pick(['in_progress', 'done', 'done']) };
          break;
        default:
          record = {
            ...common,
            item_id: pick(items),
            answer: pick(['yes', 'partly', 'no']),
            evidence_ids: recent.length === 0 ? [] : [pick(recent)],
          };
      }
      recent.push(id);
      if (recent.length > 50) recent.shift();
      await writer.write(JSON.stringify(record));
    }
  }
  await writer.close();
  rows['evidence.ndjson'] = writer.lines;
  const totalRows = Object.values(rows).reduce((sum, n) => sum + n, 0);
  return { dir, rows, totalRows, builders: builders.length, records: writer.lines };
}

function pickWeighted(weights: readonly [string, number][], random: () => number): string {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of weights) {
    r -= w;
    if (r < 0) return value;
  }
  return weights[weights.length - 1]![0];
}

/** `tsx bench/generate.ts --size small [--out DIR] [--seed N]` */
async function main(argv: string[]): Promise<void> {
  const arg = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const size = parseSize(arg('size') ?? 'small');
  const out = arg('out') ?? path.join('bench', 'data', size.name, 'org');
  const started = performance.now();
  const result = await generateOrganisation(size, out, { seed: Number(arg('seed') ?? 20_260_630) });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${result.dir}: ${result.builders} builders, ${result.records} records, ${result.totalRows} rows in ${seconds} s`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2));
}
