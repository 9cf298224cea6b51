import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { DomainError } from '../../src/core/errors.js';
import { buildApp } from '../../src/server/app.js';
import { exportOrganisation } from '../../src/services/interchange/export.service.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { publishLadder } from '../../src/services/ladder.service.js';
import { leadership, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const root = path.resolve(import.meta.dirname, '../..');
const EXAMPLE_ORG = path.join(root, 'test/fixtures/example-org');
const operator: Actor = { kind: 'operator', name: 'test' };
const clock = fixedClock('2026-03-05T12:00:00Z');
const rosa = 'rosa@example.test';

/** A copy of the example organisation with one more line in evidence.ndjson. */
async function orgWithRecord(record: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ladder-competencies-'));
  await cp(EXAMPLE_ORG, dir, { recursive: true });
  const file = path.join(dir, 'evidence.ndjson');
  const text = await readFile(file, 'utf8');
  await writeFile(file, `${text.trimEnd()}\n${JSON.stringify(record)}\n`);
  return dir;
}

const review = (id: string, competencies: string[]) => ({
  id,
  kind: 'code_review',
  builder: rosa,
  date: '2026-03-02',
  recorded_by: rosa,
  link: `https://git.example.test/pull/${id}`,
  lesson: 'Name the invariant',
  competencies,
});

async function importProblems(
  getDir: () => Promise<string>,
  db: Parameters<typeof importOrganisation>[0]['db'],
) {
  try {
    await importOrganisation({ db, clock }, operator, await getDir());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'import_failed')
      return (error.details as { errors?: string[] } | undefined)?.errors ?? [error.message];
    throw error;
  }
  return [];
}

forEachEngine('evidence tagged with competencies (API and import)', (getDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const deps = { db: getDb().db, clock };
    await importOrganisation(deps, operator, EXAMPLE_ORG);
    for (const file of ['ladders/ai-first-business-manager.yaml', 'ladders/examples/software-engineer.yaml'])
      await publishLadder(deps, operator, { source: await readFile(path.join(root, file), 'utf8'), file });
    app = await buildApp(
      { database: getDb(), clock },
      { authenticate: switchableActor(leadership).authenticate },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const total = async () => (await app.inject('/api/evidence?limit=1')).json<{ total: number }>().total;

  it('records competencies given through the API and reads them back', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/evidence',
      payload: review('api-tagged', ['code-quality', 'communication']),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: 'api-tagged',
      competencies: ['code-quality', 'communication'],
    });
    expect((await app.inject('/api/evidence/api-tagged')).json()).toEqual({
      ...created.json<object>(),
      names: expect.any(Object),
    });
    const untagged = await app.inject('/api/evidence/ev-1');
    expect(untagged.json()).not.toHaveProperty('competencies');
  });

  it('refuses an unknown competency through the API, naming the field and the id, writing nothing', async () => {
    const before = await total();
    const response = await app.inject({
      method: 'POST',
      url: '/api/evidence',
      payload: review('api-bad', ['code-quality', 'juggling']),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json<{ message: string }>().message).toMatch(
      /competencies\[1\]: unknown competency area juggling in the active ladder \(areas: code-quality, system-design, operations, communication, growing-others, people-management, delivery, recruiting\)/,
    );
    expect(await total()).toBe(before);
  });

  it('refuses an unknown competency in an import, naming the line, the field and the id', async () => {
    const before = await total();
    const problems = await importProblems(() => orgWithRecord(review('imp-bad', ['juggling'])), getDb().db);
    expect(problems).toEqual([
      expect.stringMatching(
        /^evidence\.ndjson:\d+: competencies\[0\]: unknown competency area juggling in the active ladder \(areas: /,
      ),
    ]);
    expect(await total()).toBe(before);
  });

  it('imports a tagged record and exports it with its competencies, other records unchanged', async () => {
    expect(
      await importProblems(() => orgWithRecord(review('imp-tagged', ['system-design'])), getDb().db),
    ).toEqual([]);
    expect((await app.inject('/api/evidence/imp-tagged')).json()).toMatchObject({
      competencies: ['system-design'],
    });
    const out = await mkdtemp(path.join(tmpdir(), 'ladder-competencies-out-'));
    await exportOrganisation({ db: getDb().db, clock }, operator, out);
    const lines = (await readFile(path.join(out, 'evidence.ndjson'), 'utf8')).trim().split('\n');
    const byId = new Map(lines.map((line) => [(JSON.parse(line) as { id: string }).id, line]));
    expect(JSON.parse(byId.get('imp-tagged') ?? '{}')).toMatchObject({ competencies: ['system-design'] });
    expect(byId.get('ev-1')).not.toContain('competencies');
  });

  it('evaluates a builder on the example ladder: a judgment at IC2, its tagged review among what the panel weighs', async () => {
    const ivy = 'ivy@example.test';
    const created = await app.inject({
      method: 'POST',
      url: '/api/builders',
      payload: {
        email: ivy,
        name: 'Ivy Engineer',
        track: 'software-engineer',
        levels: [{ level: 'IC2', since: '2025-01-15' }],
        rates: [{ since: '2025-01-15', rate_minor: 700_000, currency: 'EUR' }],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const tagged = await app.inject({
      method: 'POST',
      url: '/api/evidence',
      payload: { ...review('ivy-review', ['code-quality']), builder: ivy, recorded_by: ivy },
    });
    expect(tagged.statusCode, tagged.body).toBe(201);
    const response = await app.inject(`/api/builders/${ivy}/readiness?at=2026-03-05`);
    expect(response.statusCode, response.body).toBe(200);
    const readiness = response.json<{
      level: string;
      target_level: string | null;
      standard: string;
      ladder_version: string;
      eligible_for_case: boolean;
      weighs: { id: string; evidence: string[] }[];
    }>();
    expect(readiness).toMatchObject({
      level: 'IC2',
      target_level: 'IC3',
      standard: 'judgment',
      ladder_version: '2026-03-01',
      // Twelve months at IC2 reached on 2026-01-15.
      eligible_for_case: true,
    });
    expect(readiness.weighs.map((w) => w.id)).toEqual(['ownership', 'design', 'reviews']);
    expect(readiness.weighs.find((w) => w.id === 'reviews')?.evidence).toEqual(['ivy-review']);
  });
});
