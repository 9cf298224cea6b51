import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../core/actor.js';
import { fixedClock } from '../../core/clock.js';
import { DomainError } from '../../core/errors.js';
import { listEvidence } from '../evidence.service.js';
import { ACME_SHOP } from '../../../test/fixtures/github/acme-shop.js';
import { createTeam, TEAM } from '../../../test/factories/integrations-world.js';
import { forEachEngine } from '../../../test/helpers/database.js';
import {
  primaryRateLimit,
  secondaryRateLimit,
  startReplayServer,
  type ReplayServer,
} from '../../../test/helpers/github-replay-server.js';
import { linkPersonAccount } from './accounts.service.js';
import { createDirectoryReader, createOctokitReader, type RateLimitWait } from './github-reader.js';
import { syncGitHub } from './github-sync.service.js';
import { listSources } from './sources.service.js';

const clock = fixedClock('2026-02-01T12:00:00Z');

const EXPECTED_REVIEWS = [
  {
    id: 'github:review:101',
    builder: TEAM.rosa,
    date: '2026-01-04',
    link: 'https://github.com/acme/shop/pull/11#pullrequestreview-101',
    lesson:
      'Extract the retry policy so the job and the webhook share it.\n\nThis loop retries forever on 4xx; cap it.',
  },
  {
    id: 'github:review:104',
    builder: TEAM.tom,
    date: '2026-01-09',
    link: 'https://github.com/acme/shop/pull/12#pullrequestreview-104',
    lesson: 'Name the migration after what it does.',
  },
  {
    id: 'github:review:105',
    builder: TEAM.rosa,
    date: '2026-01-19',
    link: 'https://github.com/acme/shop/pull/13#pullrequestreview-105',
    lesson: 'Consider a feature flag for the new checkout.\n\nThe flag lets us kill it without a deploy.',
  },
  {
    id: 'github:review:106',
    builder: TEAM.ana,
    date: '2026-01-19',
    link: 'https://github.com/acme/shop/pull/13#pullrequestreview-106',
    lesson: 'Ship it',
  },
];

// tom: +1 and a thanking reply (one citation, first sign); ana: heart; rosa's own +1, the outsider's
// hooray, tom's eyes and ana's disagreeing reply cite nothing.
const EXPECTED_CITATIONS = [
  {
    id: 'github:citation:101:tomh',
    builder: TEAM.rosa,
    recorded_by: TEAM.tom,
    date: '2026-01-04',
    review_id: 'github:review:101',
  },
  {
    id: 'github:citation:101:ana-b',
    builder: TEAM.rosa,
    recorded_by: TEAM.ana,
    date: '2026-01-06',
    review_id: 'github:review:101',
  },
  {
    id: 'github:citation:104:rosa-dev',
    builder: TEAM.tom,
    recorded_by: TEAM.rosa,
    date: '2026-01-09',
    review_id: 'github:review:104',
  },
  {
    id: 'github:citation:105:ana-b',
    builder: TEAM.rosa,
    recorded_by: TEAM.ana,
    date: '2026-01-20',
    review_id: 'github:review:105',
  },
];

async function ledger(db: Parameters<typeof listEvidence>[0]['db']) {
  const deps = { db, clock };
  const reviews = (await listEvidence(deps, systemActor, { kind: 'code_review' }, { limit: 500 })).items;
  const citations = (await listEvidence(deps, systemActor, { kind: 'review_citation' }, { limit: 500 }))
    .items;
  return {
    reviews: reviews
      .map((r) =>
        r.kind === 'code_review'
          ? { id: r.id, builder: r.builder, date: r.date, link: r.link, lesson: r.lesson }
          : r,
      )
      .sort((a, b) => a.id.localeCompare(b.id)),
    citations: citations
      .map((r) =>
        r.kind === 'review_citation'
          ? { id: r.id, builder: r.builder, recorded_by: r.recorded_by, date: r.date, review_id: r.review_id }
          : r,
      )
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

function sortedById<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.id.localeCompare(b.id));
}

async function mapTeam(deps: { db: Parameters<typeof listEvidence>[0]['db']; clock: typeof clock }) {
  await createTeam(deps);
  for (const [login, person] of [
    ['rosa-dev', TEAM.rosa],
    ['TomH', TEAM.tom],
    ['ana-b', TEAM.ana],
  ] as const) {
    await linkPersonAccount(deps, systemActor, { provider: 'github', account: login, person });
  }
}

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer({ 'acme/shop': ACME_SHOP });
});
afterAll(async () => {
  await server.close();
});

forEachEngine('GitHub sync through Octokit against a replayed API', (getDb) => {
  const deps = () => ({ db: getDb().db, clock });
  const waits: RateLimitWait[] = [];
  const reader = () =>
    createOctokitReader({
      token: 'test-token',
      baseUrl: server.url,
      maxWaitMs: 60_000,
      // The waits are recorded, not slept: the replay server's limits lift when the test says so.
      sleep: async () => undefined,
      onWait: (wait) => waits.push(wait),
    });

  beforeAll(async () => {
    await mapTeam(deps());
    server.requests.length = 0;
    server.failures.length = 0;
  });

  it('stops on a rate limit that lasts too long, keeping what it read and where it stopped', async () => {
    server.failures.push({
      match: /^\/repos\/acme\/shop\/pulls\/13\/reviews/,
      ...primaryRateLimit(3600),
      times: Infinity,
    });
    const error = await syncGitHub(deps(), systemActor, reader(), ['acme/shop']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('rate_limited');
    const sources = await listSources(deps(), systemActor);
    expect(sources).toEqual([
      expect.objectContaining({
        source: 'github:acme/shop',
        last_status: 'partial',
        cursor: { updated_through: '2026-01-10T10:00:00Z' },
        counts: expect.objectContaining({ pulls: 2, code_reviews_created: 2, citations_created: 3 }),
      }),
    ]);
    const partial = await ledger(getDb().db);
    expect(partial.reviews.map((r) => r.id)).toEqual(['github:review:101', 'github:review:104']);
    server.failures.length = 0;
  });

  it('resumes from the cursor, survives a 403 and a 429 mid-way, and yields exactly the expected records', async () => {
    server.requests.length = 0;
    waits.length = 0;
    server.failures.push(
      { match: /^\/repos\/acme\/shop\/pulls\?.*page=2/, ...primaryRateLimit(5), times: 1 },
      { match: /^\/repos\/acme\/shop\/pulls\/comments\/207\/reactions/, ...secondaryRateLimit(2), times: 1 },
    );
    const [summary] = await syncGitHub(deps(), systemActor, reader(), ['acme/shop']);
    expect(summary).toMatchObject({
      pulls: 2,
      code_reviews_created: 2,
      citations_created: 1,
      cursor: '2026-01-20T10:00:00Z',
    });
    // Resumed: pull 11 (before the cursor) was not read again.
    expect(server.requests.some((r) => r.startsWith('/repos/acme/shop/pulls/11/'))).toBe(false);
    expect(server.requests.filter((r) => /pulls\?.*page=2/.test(r))).toHaveLength(2); // the 403, then the retry
    expect(waits.map((w) => w.status)).toEqual([403, 429]);
    expect(waits[0]?.waitMs).toBeGreaterThan(4_000); // reset in 5 s, plus a second
    expect(waits[0]?.waitMs).toBeLessThanOrEqual(7_000);
    expect(waits[1]?.waitMs).toBe(2_000); // retry-after: 2
    const result = await ledger(getDb().db);
    expect(result.reviews).toEqual(sortedById(EXPECTED_REVIEWS));
    expect(result.citations).toEqual(sortedById(EXPECTED_CITATIONS));
    const rosaCiters = new Set(
      result.citations.filter((c) => c.builder === TEAM.rosa).map((c) => c.recorded_by),
    );
    expect(rosaCiters).toEqual(new Set([TEAM.tom, TEAM.ana]));
  });

  it('adds nothing when run twice more from the start', async () => {
    for (let run = 0; run < 2; run += 1) {
      const [summary] = await syncGitHub(deps(), systemActor, reader(), ['acme/shop'], {
        since: '2025-12-01',
      });
      expect(summary).toMatchObject({
        pulls: 3,
        reviews_seen: 6,
        unmapped_reviews: 1,
        code_reviews_created: 0,
        citations_created: 0,
      });
    }
    const result = await ledger(getDb().db);
    expect(result.reviews).toEqual(sortedById(EXPECTED_REVIEWS));
    expect(result.citations).toEqual(sortedById(EXPECTED_CITATIONS));
    expect((await listSources(deps(), systemActor))[0]).toMatchObject({ last_status: 'ok' });
  });
});

forEachEngine('GitHub import from saved JSON', (getDb) => {
  const deps = () => ({ db: getDb().db, clock });
  let dir: string;

  beforeAll(async () => {
    await mapTeam(deps());
    dir = await mkdtemp(join(tmpdir(), 'ladder-github-'));
    const repo = join(dir, 'acme', 'shop');
    const save = async (path: string, body: unknown) => {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, JSON.stringify(body, null, 2));
    };
    await save(join(repo, 'pulls.json'), ACME_SHOP.pulls);
    for (const [n, reviews] of Object.entries(ACME_SHOP.reviews))
      await save(join(repo, 'pulls', n, 'reviews.json'), reviews);
    // Saved page by page: an array of pages.
    for (const [n, comments] of Object.entries(ACME_SHOP.comments)) {
      await save(join(repo, 'pulls', n, 'comments.json'), [comments.slice(0, 2), comments.slice(2)]);
    }
    for (const [id, reactions] of Object.entries(ACME_SHOP.reactions)) {
      await save(join(repo, 'comments', id, 'reactions.json'), reactions);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('yields the same records as the API, once', async () => {
    const reader = createDirectoryReader(dir);
    expect(await reader.repos()).toEqual(['acme/shop']);
    await syncGitHub(deps(), systemActor, reader, await reader.repos());
    await syncGitHub(deps(), systemActor, reader, await reader.repos(), { since: '2025-01-01' });
    const result = await ledger(getDb().db);
    expect(result.reviews).toEqual(sortedById(EXPECTED_REVIEWS));
    expect(result.citations).toEqual(sortedById(EXPECTED_CITATIONS));
  });

  it('names a saved file that is not an endpoint answer', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'ladder-github-bad-'));
    try {
      await mkdir(join(broken, 'acme', 'shop'), { recursive: true });
      await writeFile(join(broken, 'acme', 'shop', 'pulls.json'), '{"message": "Not Found"}');
      await expect(
        syncGitHub(deps(), systemActor, createDirectoryReader(broken), ['acme/shop']),
      ).rejects.toThrow(`${join(broken, 'acme', 'shop', 'pulls.json')}: expected a JSON array`);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
